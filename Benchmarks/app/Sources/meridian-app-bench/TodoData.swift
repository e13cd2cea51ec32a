import Foundation
import Meridian

/// The todo example's data every contender reads and writes: the same users and tasks on every
/// run, so that the rows each side returns can be compared with what was written.
///
/// 100 users own 100 tasks each (10,000 in all); every third task is completed, every other
/// one has a description, and creation times are spread over 10,000 distinct seconds in a
/// shuffled order, so ordering by `created_at` has one answer.
struct TodoData {
    static let userCount = 100
    static let taskCount = 10_000

    let users: [User]
    let tasks: [TaskRecord]

    init() {
        let start = Timestamp(year: 2026, month: 12, day: 1)!.microsecondsSinceEpoch
        users = (0..<Self.userCount).map { n in
            let at = Timestamp(microsecondsSinceEpoch: start - 86_400_000_000)
            return User(id: Self.id(kind: 1, n), email: "user-\(n)@example.com", createdAt: at, updatedAt: at)
        }
        tasks = (0..<Self.taskCount).map { i in
            // 7,919 is prime: every second of the 10,000 once, shuffled.
            let at = Timestamp(microsecondsSinceEpoch: start + Int64((i * 7_919) % Self.taskCount) * 1_000_000 + Int64(i % 1_000))
            return TaskRecord(
                id: Self.id(kind: 2, i), userId: Self.id(kind: 1, i % Self.userCount), title: "task \(i)",
                description: i % 2 == 0 ? "what task \(i) is about, in a sentence or two" : nil,
                completed: i % 3 == 0, createdAt: at, updatedAt: at)
        }
    }

    /// The user's open tasks, oldest first, the first `limit`: what the user-scoped query returns.
    func openTasks(of user: UUID, limit: Int) -> [TaskRecord] {
        Array(tasks.filter { $0.userId == user && $0.completed == false }.sorted { $0.createdAt! < $1.createdAt! }.prefix(limit))
    }

    /// A task a write of the benchmark adds: `number` makes its id, `user` owns it.
    static func newTask(_ number: Int, kind: UInt32, user: UUID, title: String) -> TaskRecord {
        let at = Timestamp(year: 2026, month: 12, day: 2)!.microsecondsSinceEpoch + Int64(number) * 1_000
        return TaskRecord(
            id: id(kind: kind, number), userId: user, title: title, description: number % 2 == 0 ? "added by the benchmark" : nil,
            completed: false, createdAt: Timestamp(microsecondsSinceEpoch: at), updatedAt: Timestamp(microsecondsSinceEpoch: at))
    }

    /// A deterministic UUID: `kind` in the first four bytes, `number` in the last four.
    static func id(kind: UInt32, _ number: Int) -> UUID {
        let k = kind.bigEndian, n = UInt32(number).bigEndian
        return withUnsafeBytes(of: k) { kb in
            withUnsafeBytes(of: n) { nb in
                UUID(uuid: (kb[0], kb[1], kb[2], kb[3], 0, 0, 0x40, 0, 0x80, 0, 0, 0, nb[0], nb[1], nb[2], nb[3]))
            }
        }
    }
}

/// What a workload read or wrote, summed cheaply inside the timed loop so that no side can do
/// less than the others without the benchmark noticing.
struct Checksum: Equatable, CustomStringConvertible {
    var rows = 0
    var titleBytes = 0
    var completed = 0
    var createdAt: Int64 = 0

    mutating func add(_ task: TaskRecord) {
        rows += 1
        titleBytes += task.title.utf8.count
        if task.completed == true { completed += 1 }
        createdAt &+= task.createdAt?.microsecondsSinceEpoch ?? 0
    }

    mutating func add(_ tasks: [TaskRecord]) { for task in tasks { add(task) } }

    var description: String { "\(rows) rows, \(titleBytes) title bytes, \(completed) completed, created_at sum \(createdAt)" }
}

import Foundation
import Meridian

/// One contender on one backend: Meridian or its peer, with the stores each workload uses.
struct AppContender {
    var label: String
    /// The store on the database of 10,000 tasks.
    var store: any TodoStore
    /// A store on an empty `tasks` table (users only) for the bulk insert, made fresh for each
    /// round, and what to do with it afterwards.
    var makeBulkStore: (_ round: Int) async throws -> (store: any TodoStore, done: () async throws -> Void)
}

/// The sizes of the workloads.
struct AppWorkloadSizes {
    var rounds: Int
    var queries: Int
    var inserts: Int
    var sessions: Int
    var operations: Int
}

/// The four workloads of `meridian-app-bench`, run the same way around every contender's store,
/// each ending in RESULT lines; checksums of what each side read are compared with the data
/// written, round by round.
struct AppWorkloads {
    let backend: String
    let peerName: String
    let goalRatio: Double
    let data: TodoData
    let sizes: AppWorkloadSizes
    /// Runs a statement on the 10,000-task database outside the timing (clean-ups).
    let execute: (String) async throws -> Void

    static let userScopedBudgetMilliseconds = 1.0

    // MARK: - Correctness first

    /// Every contender returns exactly the rows written, by key and by user, before anything is timed.
    func verify(_ contenders: [AppContender]) async throws {
        for contender in contenders {
            let count = try await contender.store.countTasks()
            guard count == TodoData.taskCount else {
                throw BenchmarkError("\(backend) \(contender.label): \(count) tasks, expected \(TodoData.taskCount)")
            }
            for i in stride(from: 0, to: TodoData.taskCount, by: 997) {
                let expected = data.tasks[i]
                let found = try await contender.store.task(expected.id!)
                guard found == expected else {
                    throw BenchmarkError("\(backend) \(contender.label): task \(i) read back as \(String(describing: found)), expected \(expected)")
                }
            }
            for user in data.users.prefix(10) {
                let expected = data.openTasks(of: user.id!, limit: TodoSQL.openTasksLimit)
                let found = try await contender.store.openTasks(of: user.id!)
                guard found == expected else {
                    throw BenchmarkError("\(backend) \(contender.label): \(user.email)'s open tasks differ: \(found.count) rows, expected \(expected.count)")
                }
            }
        }
    }

    // MARK: - Point query and user-scoped query

    /// Per-query latencies (ms) of each contender over the counted rounds, and each round's total.
    struct Latencies {
        var totals: [[Double]]
        var samples: [[Double]]
    }

    func pointQueries(_ contenders: [AppContender]) async throws -> Latencies {
        try await queries("app-point-query-\(backend)", contenders) { k, round in (k * 7_919 + max(round, 0) * 101) % data.tasks.count } run: { store, i, sum in
            guard let task = try await store.task(data.tasks[i].id!) else { throw BenchmarkError("no task \(i)") }
            sum.add(task)
        } expect: { i, sum in
            sum.add(data.tasks[i])
        }
    }

    func userScopedQueries(_ contenders: [AppContender]) async throws -> Latencies {
        let expected = data.users.map { data.openTasks(of: $0.id!, limit: TodoSQL.openTasksLimit) }
        return try await queries("app-user-scoped-\(backend)", contenders) { k, round in (k * 37 + max(round, 0) * 7) % data.users.count } run: { store, u, sum in
            sum.add(try await store.openTasks(of: data.users[u].id!))
        } expect: { u, sum in
            sum.add(expected[u])
        }
    }

    /// `sizes.queries` calls a round, each timed alone; the round's checksum must equal the
    /// data's.
    private func queries(
        _ name: String, _ contenders: [AppContender],
        argument: (_ query: Int, _ round: Int) -> Int,
        run: (any TodoStore, Int, inout Checksum) async throws -> Void,
        expect: (Int, inout Checksum) -> Void
    ) async throws -> Latencies {
        var samples = Array(repeating: [Double](), count: contenders.count)
        let totals = try await AsyncRotatingRounds.run(name, labels: contenders.map(\.label), rounds: sizes.rounds) { index, round in
            var sum = Checksum()
            var expected = Checksum()
            var total = 0.0
            for k in 0..<sizes.queries {
                let value = argument(k, round)
                expect(value, &expected)
                let start = BenchmarkClock.nowMilliseconds()
                try await run(contenders[index].store, value, &sum)
                let elapsed = BenchmarkClock.nowMilliseconds() - start
                total += elapsed
                if round >= 0 { samples[index].append(elapsed) }
            }
            guard sum == expected else {
                throw BenchmarkError("\(name) \(contenders[index].label): read \(sum), expected \(expected)")
            }
            return total
        }
        return Latencies(totals: totals, samples: samples)
    }

    func reportQueries(_ name: String, _ latencies: Latencies, _ contenders: [AppContender], what: String) {
        let percentiles = latencies.samples.map { samples in
            (p50: BenchmarkClock.percentile(samples, 0.5), p95: BenchmarkClock.percentile(samples, 0.95))
        }
        let perQuery = contenders.indices.map { i in
            "\(contenders[i].label) p50 \(RotatingFormat.us(percentiles[i].p50)) p95 \(RotatingFormat.us(percentiles[i].p95))"
        }
        emit(name, BenchmarkClock.median(latencies.totals[0]), BenchmarkClock.median(latencies.totals[1]),
             ["\(TodoData.taskCount) tasks", "\(sizes.queries) \(what) a round, async read each", perQuery.joined(separator: ", ")])
    }

    /// The p95 of Meridian's user-scoped queries against the 1 ms budget, its peer's beside it.
    func reportUserScopedBudget(_ latencies: Latencies) {
        let p95 = latencies.samples.map { BenchmarkClock.percentile($0, 0.95) }
        let met = p95[0] < Self.userScopedBudgetMilliseconds ? "met" : "MISSED"
        ResultLine(
            benchmark: "app-user-scoped-p95-\(backend)", meridianMilliseconds: p95[0], peerMilliseconds: p95[1],
            details: [peerName, "p95 of \(latencies.samples[0].count) user-scoped queries of 20 rows at \(TodoData.taskCount) tasks",
                      String(format: "goal Meridian p95 < %.0f ms: %@", Self.userScopedBudgetMilliseconds, met)]).emit()
    }

    // MARK: - Bulk insert

    func bulkInsert(_ contenders: [AppContender]) async throws -> [[Double]] {
        let users = data.users.map { $0.id! }
        let tasks = (0..<sizes.inserts).map { i in TodoData.newTask(i, kind: 9, user: users[i % users.count], title: "bulk \(i)") }
        let warmUp = Array(tasks.prefix(1_000))
        return try await AsyncRotatingRounds.run("app-insert-\(backend)", labels: contenders.map(\.label), rounds: sizes.rounds) { index, round in
            let rows = round < 0 ? warmUp : tasks
            let (store, done) = try await contenders[index].makeBulkStore(round)
            let start = BenchmarkClock.nowMilliseconds()
            try await store.addAll(rows)
            let elapsed = BenchmarkClock.nowMilliseconds() - start
            let count = try await store.countTasks()
            try await done()
            guard count == rows.count else {
                throw BenchmarkError("app-insert-\(backend) \(contenders[index].label): \(count) rows after inserting \(rows.count)")
            }
            return elapsed
        }
    }

    // MARK: - Concurrent sessions

    /// `sessions` tasks at once, each `operations` times: four of five list the user's open
    /// tasks, the fifth adds one. Counts are checked afterwards and the added rows deleted.
    func concurrentSessions(_ contenders: [AppContender]) async throws -> [[Double]] {
        let users = data.users.map { $0.id! }
        let sessions = sizes.sessions, operations = sizes.operations
        let writes = sessions * (operations / 5)
        let expectedReads = (sessions * operations - writes) * TodoSQL.openTasksLimit
        return try await AsyncRotatingRounds.run("app-concurrent-\(backend)", labels: contenders.map(\.label), rounds: sizes.rounds) { index, round in
            let store = contenders[index].store
            let start = BenchmarkClock.nowMilliseconds()
            let rows = try await withThrowingTaskGroup(of: Int.self) { group in
                for session in 0..<sessions {
                    group.addTask {
                        let user = users[session % users.count]
                        var rows = 0
                        for operation in 0..<operations {
                            if operation % 5 == 4 {
                                let number = session * operations + operation
                                try await store.add(TodoData.newTask(number, kind: 5, user: user, title: "concurrent \(number)"))
                            } else {
                                rows += try await store.openTasks(of: user).count
                            }
                        }
                        return rows
                    }
                }
                return try await group.reduce(0, +)
            }
            let elapsed = BenchmarkClock.nowMilliseconds() - start
            let count = try await store.countTasks()
            try await execute("DELETE FROM tasks WHERE title LIKE 'concurrent %'")
            guard rows == expectedReads, count == TodoData.taskCount + writes else {
                throw BenchmarkError("app-concurrent-\(backend) \(contenders[index].label): read \(rows) rows (expected \(expectedReads)), \(count) tasks after (expected \(TodoData.taskCount + writes))")
            }
            return elapsed
        }
    }

    // MARK: - Lines

    func emit(_ name: String, _ meridian: Double, _ peer: Double, _ details: [String]) {
        let ratio = meridian / peer
        let goal = String(format: "goal ratio <= %.1f: %@", goalRatio, ratio <= goalRatio ? "met" : "MISSED")
        ResultLine(benchmark: name, meridianMilliseconds: meridian, peerMilliseconds: peer,
                   details: [peerName] + details + ["median of \(sizes.rounds)", goal]).emit()
    }
}

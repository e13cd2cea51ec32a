import Foundation
import Meridian
import MeridianTesting
import XCTest

/// Twenty sessions of the todo application at once, as a server handles twenty requests: each
/// task is a user reading and writing their own tasks through one shared database.
final class TodoConcurrencyTests: ParityTestCase {
    func testTwentySessionsAtOnce() async {
        await parityDatabases(TwentySessions(), recipe: TodoDatabase.recipe, maximumConnections: 5)
    }
}

private struct TwentySessions: ParityDatabaseCase {
    static let sessions = 20
    static let operations = 10

    func run<D: Database>(_ db: D, _ backend: Backend) async throws {
        let seeded = try await db.read { try $0.fetchValue(Int64.self, "SELECT count(*) FROM tasks") }
        let (_, most) = try await peakConnections(of: db) {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for session in 0..<Self.sessions {
                    group.addTask { try await Self.session(session, db, backend) }
                }
                try await group.waitForAll()
            }
        }
        XCTAssertLessThanOrEqual(most, db.maximumConnections, "\(backend): the pool stayed within its bound")
        XCTAssertGreaterThan(most, 1, "\(backend): the sessions ran side by side")
        let total = try await db.read { try $0.fetchValue(Int64.self, "SELECT count(*) FROM tasks") }
        XCTAssertEqual(total, (seeded ?? 0) + Int64(Self.sessions * Self.operations), "\(backend): no write was lost")
    }

    /// One user's session: signs up, then adds tasks (every other one completed) and lists
    /// their open tasks after each.
    private static func session<D: Database>(_ session: Int, _ db: D, _ backend: Backend) async throws {
        let user = try await db.write { conn in
            try conn.insertAndFetch(User(email: "session-\(session)@example.com")).id
        }
        guard let user else { return XCTFail("\(backend): session \(session) got no user id") }
        for operation in 0..<operations {
            try await db.write { conn in
                try conn.insert(TaskRecord(userId: user, title: "task \(operation)", completed: operation % 2 == 1))
            }
            let open = try await db.read { conn in
                try conn.fetchAll(TaskRecord.self, "SELECT * FROM tasks WHERE user_id = $1 AND NOT completed ORDER BY created_at", [.uuid(user)])
            }
            XCTAssertEqual(open.count, operation / 2 + 1, "\(backend): session \(session) sees each of its writes")
        }
    }
}

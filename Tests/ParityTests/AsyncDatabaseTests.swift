import Foundation
import Meridian
import MeridianTesting
import XCTest

/// `try await db.read { … }` and `db.write { … }` on both backends: results come back, writes
/// commit or roll back, cancelling a task stops its statement and rolls its transaction back,
/// and twenty tasks at once share the pool without losing a write.
final class AsyncDatabaseTests: ParityTestCase {
    func testReadAndWriteAwait() async { await parityDatabases(ReadAndWrite()) }
    func testCancellingATaskInterruptsItsStatementAndRollsBack() async { await parityDatabases(Cancellation()) }
    func testTwentyConcurrentTasksLoseNoWrite() async { await parityDatabases(TwentyTasks(), maximumConnections: 5) }
}

private struct ReadAndWrite: ParityDatabaseCase {
    func run<D: Database>(_ db: D, _ backend: Backend) async throws {
        let int = backend.expect(sqlite: "INTEGER", postgres: "bigint")
        try await db.write { try $0.execute("CREATE TABLE notes (id \(int) PRIMARY KEY, body TEXT NOT NULL)") }
        try await db.write { try $0.execute("INSERT INTO notes (id, body) VALUES ($1, $2)", [1, "first"]) }
        do {
            try await db.write { conn in
                try conn.execute("INSERT INTO notes (id, body) VALUES ($1, $2)", [2, "second"])
                try conn.execute("INSERT INTO notes (id, body) VALUES ($1, $2)", [1, "duplicate"])
            }
            XCTFail("\(backend): the duplicate key was accepted")
        } catch let error as DatabaseError where error.kind == .uniqueViolation {}
        let bodies = try await db.read { try $0.fetchAll("SELECT body FROM notes ORDER BY id").map { try $0.decode(String.self, at: 0) } }
        XCTAssertEqual(bodies, ["first"], "\(backend): the failed write rolled back whole")
    }
}

private struct Cancellation: ParityDatabaseCase {
    func run<D: Database>(_ db: D, _ backend: Backend) async throws {
        let int = backend.expect(sqlite: "INTEGER", postgres: "bigint")
        try await db.write { try $0.execute("CREATE TABLE marks (id \(int) PRIMARY KEY)") }
        let slow = backend.expect(
            sqlite: "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 400000000) SELECT count(*) FROM c",
            postgres: "SELECT pg_sleep(30)")
        let started = Date()
        let task = Task {
            try await db.write { conn in
                try conn.execute("INSERT INTO marks (id) VALUES (1)")
                try conn.execute(slow)
            }
        }
        try await Task.sleep(nanoseconds: 300_000_000)
        task.cancel()
        do {
            try await task.value
            XCTFail("\(backend): the cancelled task finished its statement")
        } catch is CancellationError {}
        XCTAssertLessThan(Date().timeIntervalSince(started), 10, "\(backend): the statement was interrupted, not waited for")
        let marks = try await db.read { try $0.fetchValue(Int64.self, "SELECT count(*) FROM marks") }
        XCTAssertEqual(marks, 0, "\(backend): the cancelled transaction rolled back")
        let after = try await db.write { conn -> Int64? in
            try conn.execute("INSERT INTO marks (id) VALUES (2)")
            return try conn.fetchValue(Int64.self, "SELECT count(*) FROM marks")
        }
        XCTAssertEqual(after, 1, "\(backend): the pool's connection works after the interruption")

        let early = Task { try await db.read { try $0.fetchValue(Int64.self, "SELECT 1") } }
        early.cancel()
        _ = try? await early.value
    }
}

/// Twenty tasks, each a user with its own rows, reading and writing through one pool.
private struct TwentyTasks: ParityDatabaseCase {
    static let users = 20
    static let operations = 25

    func run<D: Database>(_ db: D, _ backend: Backend) async throws {
        let int = backend.expect(sqlite: "INTEGER", postgres: "bigint")
        try await db.write { try $0.execute("CREATE TABLE tasks (id \(int) PRIMARY KEY, user_id \(int) NOT NULL, title TEXT NOT NULL)") }
        try await db.write { try $0.execute("CREATE INDEX tasks_user ON tasks (user_id)") }
        let (_, most) = try await peakConnections(of: db) {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for user in 0..<Self.users {
                    group.addTask {
                        for operation in 0..<Self.operations {
                            let id = Int64(user * 1000 + operation)
                            try await db.write { try $0.execute("INSERT INTO tasks (id, user_id, title) VALUES ($1, $2, $3)", [.int(id), .int(Int64(user)), .text("task \(operation)")]) }
                            let mine = try await db.read { try $0.fetchValue(Int64.self, "SELECT count(*) FROM tasks WHERE user_id = $1", [.int(Int64(user))]) }
                            XCTAssertEqual(mine, Int64(operation + 1), "\(backend): user \(user) sees each of its writes")
                        }
                    }
                }
                try await group.waitForAll()
            }
        }
        XCTAssertLessThanOrEqual(most, db.maximumConnections, "\(backend): the pool stayed within its bound")
        XCTAssertGreaterThan(most, 1, "\(backend): the tasks ran side by side")
        let total = try await db.read { try $0.fetchValue(Int64.self, "SELECT count(*) FROM tasks") }
        XCTAssertEqual(total, Int64(Self.users * Self.operations), "\(backend): no write was lost")
    }
}

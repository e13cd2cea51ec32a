import Foundation
import Meridian
import MeridianTesting
import XCTest

/// User-scoped reads: their plans use the `user_id` indexes, and a user's open tasks come back
/// complete and in order among 10,000 tasks.
final class TodoQueryTests: ParityTestCase {
    /// The query plan of `sql` as text: `EXPLAIN QUERY PLAN` on SQLite, `EXPLAIN` on PostgreSQL
    /// with sequential scans off, so that on a small table the plan still shows whether an index
    /// can serve the query.
    private func plan(_ db: any DatabaseConnection, _ backend: Backend, _ sql: String, _ arguments: [DatabaseValue]) throws -> String {
        if backend == .postgres { try db.execute("SET enable_seqscan = off") }
        let explain = backend.expect(sqlite: "EXPLAIN QUERY PLAN ", postgres: "EXPLAIN ")
        return try db.fetchAll(explain + sql, arguments).map { row in row.values.map { "\($0)" }.joined(separator: " ") }.joined(separator: "\n")
    }

    func testUserScopedQueriesUseTheUserIdIndexes() {
        parity(recipe: TodoDatabase.recipe) { db, backend in
            let ada = try TodoDatabase.user("ada@example.com", in: db)
            let queries = [
                ("tasks_user_id_idx", "SELECT * FROM tasks WHERE user_id = $1 AND NOT completed ORDER BY created_at"),
                ("conversations_user_id_idx", "SELECT * FROM conversations WHERE user_id = $1 ORDER BY created_at DESC"),
                ("messages_conversation_id_idx",
                 "SELECT m.* FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE c.user_id = $1 ORDER BY m.created_at"),
            ]
            for (index, sql) in queries {
                let text = try plan(db, backend, sql, [.uuid(ada)])
                XCTAssertTrue(text.contains(index), "\(backend): \(sql)\n\(text)")
            }
        }
    }

    /// 10,000 tasks of five users, written in one transaction in a shuffled order of creation
    /// times; one user's open tasks read back complete and ordered by `created_at`.
    ///
    /// The tasks give their own `created_at`: PostgreSQL's `now()` is the transaction's start, so
    /// rows written in one transaction would all share it.
    func testAUsersOpenTasksAmongTenThousand() {
        parity(recipe: TodoDatabase.recipe) { db, backend in
            let users = try (0..<5).map { n in try XCTUnwrap(try db.insertAndFetch(User(email: "load-\(n)@example.com")).id) }
            let start = try XCTUnwrap(Timestamp(year: 2026, month: 12, day: 1))
            try db.transaction {
                for i in 0..<10_000 {
                    let second = Int64((i * 7_919) % 10_000)  // 7,919 is prime: every second once, shuffled
                    try db.insert(TaskRecord(
                        userId: users[i % users.count], title: "task \(i)", completed: i % 3 == 0,
                        createdAt: Timestamp(microsecondsSinceEpoch: start.microsecondsSinceEpoch + second * 1_000_000)))
                }
            }
            XCTAssertEqual(try db.fetchValue(Int64.self, "SELECT count(*) FROM tasks"), 10_006, "\(backend): with the six seeded")
            let started = Date()
            let open = try db.fetchAll(TaskRecord.self, "SELECT * FROM tasks WHERE user_id = $1 AND NOT completed ORDER BY created_at", [.uuid(users[1])])
            let elapsed = Date().timeIntervalSince(started)
            let expected = (0..<10_000).filter { $0 % 5 == 1 && $0 % 3 != 0 }.count
            XCTAssertEqual(open.count, expected, "\(backend)")
            XCTAssertTrue(open.allSatisfy { $0.userId == users[1] && $0.completed == false }, "\(backend)")
            let times = open.compactMap(\.createdAt)
            XCTAssertEqual(times.count, open.count, "\(backend)")
            XCTAssertEqual(times, times.sorted(), "\(backend): ordered by created_at")
            XCTAssertEqual(Set(times).count, times.count, "\(backend): no two alike, so the order is the only one")
            XCTAssertLessThan(elapsed, 1, "\(backend): \(open.count) of 10,000 tasks in \(elapsed) s (the plan's budget is 50 ms; a debug build on a shared machine gets more)")
        }
    }
}

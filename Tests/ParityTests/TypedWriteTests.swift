import Foundation
import Meridian
import MeridianTesting
import XCTest

/// A task of a todo list, written and read back through the typed API.
private struct TodoTask: TableRecord, Codable, Equatable, Sendable {
    enum Priority: String, Codable, Sendable { case low, high }
    struct Details: Codable, Equatable, Sendable { var labels: [String]; var estimateMinutes: Int }

    static let tableName = "tasks"
    static let primaryKey = ["id"]

    var id: UUID?
    var title: String
    var completed: Bool?
    var priority: Priority
    var details: Details?
    var dueOn: CalendarDate?
    var createdAt: Timestamp?
}

/// insert, upsert and update from `Encodable` values, `RETURNING` what the database filled,
/// errors caught by kind, and reading that stops after the rows it needs.
final class TypedWriteTests: ParityTestCase {
    private func createTasks(_ db: any DatabaseConnection, _ backend: Backend) throws {
        try db.executeScript(backend.expect(
            sqlite: """
                CREATE TABLE tasks (
                    id TEXT PRIMARY KEY NOT NULL DEFAULT (gen_random_uuid()) CHECK (length(id) = 36),
                    title TEXT NOT NULL CHECK (length(title) <= 200),
                    completed INTEGER NOT NULL DEFAULT 0 CHECK (completed IN (0, 1)),
                    priority TEXT NOT NULL CHECK (priority IN ('low', 'high')),
                    details TEXT CHECK (details IS NULL OR json_valid(details)),
                    due_on TEXT,
                    created_at TEXT NOT NULL DEFAULT (now())
                )
                """,
            postgres: """
                CREATE TABLE tasks (
                    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
                    title text NOT NULL CHECK (length(title) <= 200),
                    completed boolean NOT NULL DEFAULT false,
                    priority text NOT NULL CHECK (priority IN ('low', 'high')),
                    details jsonb,
                    due_on date,
                    created_at timestamptz NOT NULL DEFAULT now()
                )
                """))
    }

    func testInsertFillsDefaultsAndReturnsTheStoredRow() {
        parity { db, backend in
            try createTasks(db, backend)
            let before = Timestamp.now()
            let details = TodoTask.Details(labels: ["docs", "readme"], estimateMinutes: 30)
            let saved = try db.insertAndFetch(TodoTask(title: "Write the README", priority: .high, details: details, dueOn: CalendarDate(year: 2026, month: 12, day: 24)))
            XCTAssertNotNil(saved.id, "\(backend): the database drew the key")
            XCTAssertEqual(saved.completed, false, "\(backend): the default applied")
            XCTAssertGreaterThanOrEqual(saved.createdAt ?? .init(microsecondsSinceEpoch: 0), Timestamp(microsecondsSinceEpoch: before.microsecondsSinceEpoch - 5_000_000), "\(backend)")
            XCTAssertEqual(saved.details, details, "\(backend): a nested struct went through json")
            let read = try db.fetchAll(TodoTask.self, "SELECT * FROM tasks WHERE id = $1", [.uuid(saved.id!)])
            XCTAssertEqual(read, [saved], "\(backend)")
        }
    }

    func testUpsertAndUpdateFindRowsByTheirKey() {
        parity { db, backend in
            try createTasks(db, backend)
            var task = try db.insertAndFetch(TodoTask(title: "Draft", priority: .low))
            task.title = "Final"
            task.completed = true
            XCTAssertEqual(try db.update(task), 1, "\(backend)")
            XCTAssertEqual(try db.fetchValue(String.self, "SELECT title FROM tasks"), "Final", "\(backend)")

            task.title = "Upserted"
            let upserted = try db.upsertAndFetch(task)
            XCTAssertEqual(upserted.title, "Upserted", "\(backend)")
            XCTAssertEqual(upserted.createdAt, task.createdAt, "\(backend): the row was updated, not replaced")
            try db.upsert(TodoTask(id: UUID(), title: "Second", priority: .high))
            XCTAssertEqual(try db.fetchValue(Int64.self, "SELECT count(*) FROM tasks"), 2, "\(backend)")

            var missing = task
            missing.id = UUID()
            XCTAssertEqual(try db.update(missing), 0, "\(backend): no row has that key")
            missing.id = nil
            XCTAssertThrowsError(try db.update(missing), "\(backend)") { error in
                XCTAssertEqual((error as? DatabaseError)?.kind, .misuse, "\(error)")
            }
        }
    }

    func testErrorsAreCaughtByKind() {
        parity { db, backend in
            try createTasks(db, backend)
            let task = try db.insertAndFetch(TodoTask(title: "Once", priority: .low))
            var caught = ""
            do {
                try db.insert(task)
            } catch DatabaseError.Kind.uniqueViolation {
                caught = "unique"
            } catch {
                caught = "\(error)"
            }
            XCTAssertEqual(caught, "unique", "\(backend)")
            do {
                try db.insert(TodoTask(title: String(repeating: "x", count: 201), priority: .low))
                XCTFail("\(backend): a 201-character title was stored")
            } catch let error as DatabaseError where error.kind == .checkViolation {
                XCTAssertEqual(error.table, "tasks", "\(backend)")
            }
        }
    }

    /// fetchOne and `until:` stop reading: the rows after the stop are never decoded.
    func testReadingStopsWhereTheCallerStops() {
        parity { db, backend in
            let int = backend.expect(sqlite: "INTEGER", postgres: "bigint")
            try db.execute("CREATE TABLE numbers (n \(int) PRIMARY KEY)")
            try db.execute("INSERT INTO numbers (n) WITH RECURSIVE s (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 1000) SELECT i FROM s")
            XCTAssertEqual(try db.fetchOne("SELECT n FROM numbers ORDER BY n")?[0], .int(1), "\(backend)")
            var seen: [Int64] = []
            try db.forEachRow("SELECT n FROM numbers ORDER BY n", []) { row in
                seen.append(try row.decode(Int64.self, at: 0))
                return seen.count < 3 ? .next : .stop
            }
            XCTAssertEqual(seen, [1, 2, 3], "\(backend)")
            // The statement was left in a state that runs again at once.
            XCTAssertEqual(try db.fetchValue(Int64.self, "SELECT count(*) FROM numbers"), 1000, "\(backend)")
        }
    }

    /// A read stopped after its first rows ends there, inside a transaction too, and so does a
    /// read whose closure throws: the session goes on with the next statement, and the
    /// transaction is still usable. Over five million generated rows PostgreSQL's rest of the
    /// statement is cancelled (outside a transaction) or dropped undecoded (inside one).
    func testAStoppedReadLeavesTheSessionAndTheTransactionUsable() {
        let series = "WITH RECURSIVE s (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 5000000) SELECT i FROM s"
        parity { db, backend in
            XCTAssertEqual(try db.fetchOne(series)?[0], .int(1), "\(backend)")
            XCTAssertEqual(try db.fetchValue(Int64.self, "SELECT 41 + 1"), 42, "\(backend): the next statement after a cancelled one")
            let int = backend.expect(sqlite: "INTEGER", postgres: "bigint")
            try db.execute("CREATE TABLE kept (n \(int))")
            try db.transaction {
                try db.execute("INSERT INTO kept (n) VALUES (1)")
                var seen = 0
                try db.forEachRow(series.replacingOccurrences(of: "5000000", with: "200000"), []) { _ in
                    seen += 1
                    return seen < 10 ? .next : .stop
                }
                XCTAssertEqual(seen, 10, "\(backend)")
                try db.execute("INSERT INTO kept (n) VALUES (2)")
            }
            XCTAssertEqual(try db.fetchValue(Int64.self, "SELECT max(n) + count(*) FROM kept"), 4, "\(backend): the transaction committed both rows")
            struct Refused: Error {}
            XCTAssertThrowsError(try db.forEachRow(series, []) { _ in throw Refused() }) { error in
                XCTAssertTrue(error is Refused, "\(backend): \(error)")
            }
            XCTAssertEqual(try db.fetchValue(Int64.self, "SELECT count(*) FROM kept"), 2, "\(backend)")
        }
    }
}

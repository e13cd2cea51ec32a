import Foundation
import Meridian
import MeridianTesting
import XCTest

/// More of the checklist in DIVERGENCES.md: settled by Meridian where it can be, asserted as a
/// documented difference where it cannot.
final class DivergenceTests: ParityTestCase {
    /// `now()` exists on both, reads as a timestamp, and is the same for every call within one
    /// transaction (PostgreSQL's is the transaction's start).
    func testNowIsStableWithinATransaction() {
        parity { db, backend in
            let before = Timestamp.now()
            let (first, second) = try db.transaction {
                let first = try XCTUnwrap(try db.fetchValue(Timestamp.self, "SELECT now()"))
                usleep(2000)
                return (first, try XCTUnwrap(try db.fetchValue(Timestamp.self, "SELECT now()")))
            }
            XCTAssertEqual(first, second, "\(backend)")
            XCTAssertGreaterThanOrEqual(first.microsecondsSinceEpoch, before.microsecondsSinceEpoch - 1_000_000, "\(backend)")
            usleep(2000)
            let later = try XCTUnwrap(try db.fetchValue(Timestamp.self, "SELECT now()"))
            XCTAssertGreaterThan(later, first, "\(backend): a new transaction has a new instant")
        }
    }

    /// `gen_random_uuid()` exists on both and gives canonical lowercase UUIDs that a uuid column accepts.
    func testGeneratedUUIDs() {
        parity { db, backend in
            try db.create(Fixtures.values)
            try db.execute("INSERT INTO value_samples (id, u) VALUES (1, gen_random_uuid()), (2, gen_random_uuid())")
            let ids = try db.fetchAll("SELECT CAST(u AS TEXT) FROM value_samples ORDER BY id").map { try $0.decode(String.self, at: 0) }
            XCTAssertEqual(Set(ids).count, 2, "\(backend)")
            for id in ids {
                XCTAssertEqual(id, id.lowercased(), "\(backend)")
                XCTAssertEqual(UUID(uuidString: id)?.uuidString.lowercased(), id, "\(backend)")
            }
        }
    }

    /// Documented difference: `CAST(real AS integer)` truncates in SQLite and rounds in PostgreSQL.
    func testCastOfRealToIntegerDiffers() {
        parity { db, backend in
            let values = try XCTUnwrap(try db.fetchOne("SELECT CAST($1 AS INTEGER), CAST($2 AS INTEGER)", [2.7, -2.7])).values
            XCTAssertEqual(values, backend.expect(sqlite: [.int(2), .int(-2)], postgres: [.int(3), .int(-3)]), "\(backend)")
        }
    }

    /// Quoted lower-case names mean the same on both; an unquoted upper-case name is folded by
    /// PostgreSQL only, so Meridian's DDL always quotes and uses lower case.
    func testIdentifierCase() {
        parity { db, backend in
            try db.execute("CREATE TABLE \"Stations\" (id INTEGER)")
            let error: DatabaseError? = backend == .postgres ? Fixtures.databaseError { _ = try db.fetchAll("SELECT * FROM Stations") } : nil
            XCTAssertEqual(error?.kind, backend.expect(sqlite: nil, postgres: .undefinedObject), "\(backend)")
            XCTAssertEqual(try db.fetchAll("SELECT * FROM \"Stations\"").count, 0, "\(backend)")
        }
    }

    /// Documented difference: SQLite accepts a column outside GROUP BY and picks a row;
    /// PostgreSQL refuses the query.
    func testBareColumnsInGroupBy() {
        parity { db, backend in
            try db.execute("CREATE TABLE t (k TEXT, v INTEGER)")
            try db.execute("INSERT INTO t (k, v) VALUES ('a', 1), ('a', 2)")
            switch backend {
            case .sqlite: XCTAssertEqual(try db.fetchAll("SELECT k, v FROM t GROUP BY k").count, 1)
            case .postgres: XCTAssertNotNil(Fixtures.databaseError { _ = try db.fetchAll("SELECT k, v FROM t GROUP BY k") })
            }
        }
    }

    /// `INSERT OR REPLACE` is SQLite's alone (and deletes the old row, firing cascades);
    /// `ON CONFLICT … DO UPDATE` is the portable upsert (SemanticsTests).
    func testInsertOrReplaceIsSQLiteOnly() {
        parity { db, backend in
            try db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)")
            let error: DatabaseError? = backend == .postgres ? Fixtures.databaseError { try db.execute("INSERT OR REPLACE INTO t (id, v) VALUES (1, 'x')") } : nil
            if backend == .sqlite { try db.execute("INSERT OR REPLACE INTO t (id, v) VALUES (1, 'x')") }
            XCTAssertEqual(error?.kind, backend.expect(sqlite: nil, postgres: .syntax), "\(backend)")
        }
    }

    /// Documented difference: a simple view is updatable in PostgreSQL and read-only in SQLite.
    func testViewsAreReadOnlyInSQLite() {
        parity { db, backend in
            try db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)")
            try db.execute("CREATE VIEW tv AS SELECT id, v FROM t")
            try db.execute("INSERT INTO t (id, v) VALUES (1, 'x')")
            switch backend {
            case .sqlite: XCTAssertNotNil(Fixtures.databaseError { try db.execute("UPDATE tv SET v = 'y'") })
            case .postgres: XCTAssertEqual(try db.execute("UPDATE tv SET v = 'y'"), 1)
            }
        }
    }

    /// A deferred foreign key is checked at commit on both.
    func testDeferredForeignKeysAreCheckedAtCommit() {
        parity { db, backend in
            try db.execute("CREATE TABLE parent (id INTEGER PRIMARY KEY)")
            try db.execute("CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED)")
            try db.transaction {
                try db.execute("INSERT INTO child (id, parent_id) VALUES (1, 7)")
                try db.execute("INSERT INTO parent (id) VALUES (7)")
            }
            let error = Fixtures.databaseError { _ = try db.transaction { try db.execute("INSERT INTO child (id, parent_id) VALUES (2, 8)") } }
            XCTAssertEqual(error?.kind, .foreignKeyViolation, "\(backend)")
            XCTAssertEqual(try Fixtures.count(db, "child"), 1, "\(backend)")
        }
    }

    /// The average of integers is a double on both, read as `Double`.
    func testAverageReadsAsDouble() {
        parity { db, backend in
            try db.execute("CREATE TABLE t (v INTEGER)")
            try db.execute("INSERT INTO t (v) VALUES (1), (2)")
            XCTAssertEqual(try db.fetchValue(Double.self, "SELECT avg(v) FROM t"), 1.5, "\(backend)")
        }
    }

    /// Stored generated columns are written the same way and compute the same values on both;
    /// writing to one is refused on both.
    func testStoredGeneratedColumns() {
        parity { db, backend in
            let int = backend.expect(sqlite: "INTEGER", postgres: "bigint")
            try db.execute("CREATE TABLE g (a \(int), doubled \(int) GENERATED ALWAYS AS (a * 2) STORED)")
            try db.execute("INSERT INTO g (a) VALUES ($1)", [21])
            XCTAssertEqual(try db.fetchValue(Int64.self, "SELECT doubled FROM g"), 42, "\(backend)")
            XCTAssertNotNil(Fixtures.databaseError { try db.execute("INSERT INTO g (a, doubled) VALUES (1, 2)") }, "\(backend)")
            XCTAssertEqual(try Fixtures.count(db, "g"), 1, "\(backend)")
        }
    }

    /// Documented difference: SQLite's ALTER TABLE cannot change a column's type (a table
    /// rebuild is the way); PostgreSQL can.
    func testAlterColumnTypeIsPostgresOnly() {
        parity { db, backend in
            try db.execute("CREATE TABLE t (id INTEGER, v TEXT)")
            let error: DatabaseError? = backend == .sqlite ? Fixtures.databaseError { try db.execute("ALTER TABLE t ALTER COLUMN v TYPE INTEGER USING 0") } : nil
            if backend == .postgres { try db.execute("ALTER TABLE t ALTER COLUMN v TYPE INTEGER USING 0") }
            XCTAssertEqual(error?.kind, backend.expect(sqlite: .syntax, postgres: nil), "\(backend)")
        }
    }

    /// Documented difference: `SELECT … FOR UPDATE` locks rows in PostgreSQL and does not parse
    /// in SQLite, whose writing transaction (`BEGIN IMMEDIATE`) already excludes other writers.
    func testSelectForUpdateIsPostgresOnly() {
        parity { db, backend in
            try db.execute("CREATE TABLE t (id INTEGER)")
            let error: DatabaseError? = backend == .sqlite ? Fixtures.databaseError { _ = try db.fetchAll("SELECT id FROM t FOR UPDATE") } : nil
            if backend == .postgres { _ = try db.transaction { try db.fetchAll("SELECT id FROM t FOR UPDATE") } }
            XCTAssertEqual(error?.kind, backend.expect(sqlite: .syntax, postgres: nil), "\(backend)")
        }
    }
}

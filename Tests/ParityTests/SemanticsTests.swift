import Meridian
import MeridianTesting
import XCTest

/// SQL whose meaning differs between the engines unless Meridian settles it, and the few
/// differences it documents instead.
final class SemanticsTests: ParityTestCase {
    private func words(_ db: any DatabaseConnection, _ values: [String?]) throws {
        try db.create(TableDefinition("words", columns: [.init("id", .int, nullable: false), .init("w", .text)], primaryKey: ["id"]))
        for (id, value) in values.enumerated() {
            try db.execute("INSERT INTO words (id, w) VALUES ($1, $2)", [.int(Int64(id)), value.map(DatabaseValue.text) ?? .null])
        }
    }

    private func column(_ db: any DatabaseConnection, _ sql: String, _ arguments: [DatabaseValue] = []) throws -> [String?] {
        try db.fetchAll(sql, arguments).map { try $0.decode(String?.self, at: 0) }
    }

    /// SQLite's LIKE ignores ASCII case by default; Meridian makes it case-sensitive, as in PostgreSQL.
    func testLikeIsCaseSensitive() {
        parity { db, backend in
            try words(db, ["Aurora", "aurora", "AURORA", "Äurora"])
            XCTAssertEqual(try column(db, "SELECT w FROM words WHERE w LIKE $1 ORDER BY id", ["aur%"]), ["aurora"], "\(backend)")
            XCTAssertEqual(try column(db, "SELECT w FROM words WHERE w LIKE $1 ORDER BY id", ["_urora"]), ["Aurora", "aurora", "Äurora"], "\(backend)")
        }
    }

    /// Text sorts by code point on both: PostgreSQL columns use the "C" collation.
    func testOrderByMixedCaseAndAccentedText() {
        parity { db, backend in
            try words(db, ["zeta", "Zeta", "éclair", "eclair", "Éclair", "apple", "Apple", "_under", "42"])
            let sorted = try column(db, "SELECT w FROM words ORDER BY w")
            XCTAssertEqual(sorted, ["42", "Apple", "Zeta", "_under", "apple", "eclair", "zeta", "Éclair", "éclair"], "\(backend)")
        }
    }

    /// Documented difference: without NULLS FIRST/LAST, SQLite puts NULLs first and PostgreSQL
    /// last in ascending order.
    func testNullOrderingDefaultsDiffer() {
        parity { db, backend in
            try words(db, ["b", nil, "a"])
            let sorted = try column(db, "SELECT w FROM words ORDER BY w")
            XCTAssertEqual(sorted, backend.expect(sqlite: [nil, "a", "b"], postgres: ["a", "b", nil]), "\(backend)")
        }
    }

    func testExplicitNullOrderingAgrees() {
        parity { db, backend in
            try words(db, ["b", nil, "a"])
            XCTAssertEqual(try column(db, "SELECT w FROM words ORDER BY w NULLS LAST"), ["a", "b", nil], "\(backend)")
            XCTAssertEqual(try column(db, "SELECT w FROM words ORDER BY w DESC NULLS FIRST"), [nil, "b", "a"], "\(backend)")
        }
    }

    /// Documented difference: SQLite's `/` returns NULL for a zero divisor; PostgreSQL raises.
    func testDivisionByZero() {
        parity { db, backend in
            switch backend {
            case .sqlite:
                XCTAssertEqual(try db.fetchOne("SELECT 1 / $1", [0])?[0], .null)
            case .postgres:
                let error = Fixtures.databaseError { _ = try db.fetchOne("SELECT 1 / $1", [0]) }
                XCTAssertEqual(error?.kind, .divisionByZero)
            }
        }
    }

    /// Documented difference: integer overflow in arithmetic turns into a REAL in SQLite and
    /// raises in PostgreSQL; `sum()` of bigints raises in SQLite and widens to numeric in PostgreSQL.
    func testIntegerOverflow() {
        parity { db, backend in
            switch backend {
            case .sqlite:
                XCTAssertEqual(try db.fetchValue(Double.self, "SELECT $1 + 1", [.int(.max)]), 9.223372036854775807e18)
            case .postgres:
                let error = Fixtures.databaseError { _ = try db.fetchOne("SELECT $1 + 1", [.int(.max)]) }
                XCTAssertEqual(error?.kind, .numericOverflow)
            }
            try db.create(Fixtures.values)
            try db.execute("INSERT INTO value_samples (id, i) VALUES (1, $1), (2, $1)", [.int(.max)])
            switch backend {
            case .sqlite:
                let error = Fixtures.databaseError { _ = try db.fetchOne("SELECT sum(i) FROM value_samples") }
                XCTAssertEqual(error?.kind, .numericOverflow)
            case .postgres:
                // sum(bigint) is numeric in PostgreSQL: it does not overflow, and reads as a Double.
                XCTAssertEqual(try db.fetchValue(Double.self, "SELECT sum(i) FROM value_samples"), 2 * 9.223372036854775807e18)
            }
        }
    }

    func testSyntaxErrorKind() {
        parity { db, backend in
            let error = Fixtures.databaseError { try db.execute("SELEC 1") }
            XCTAssertEqual(error?.kind, .syntax, "\(backend)")
        }
    }

    func testUndefinedTableKind() {
        parity { db, backend in
            let error = Fixtures.databaseError { _ = try db.fetchAll("SELECT * FROM no_such_table") }
            XCTAssertEqual(error?.kind, .undefinedObject, "\(backend)")
        }
    }

    /// Double quotes name identifiers on both (SQLite would otherwise read an unknown one as a string).
    func testDoubleQuotesAreIdentifiers() {
        parity { db, backend in
            try words(db, ["a"])
            let error = Fixtures.databaseError { _ = try db.fetchAll("SELECT \"no_such_column\" FROM words") }
            XCTAssertEqual(error?.kind, .undefinedObject, "\(backend)")
        }
    }

    func testPlaceholdersCanRepeatAndComeOutOfOrder() {
        parity { db, backend in
            let row = try XCTUnwrap(try db.fetchOne("SELECT $2, $1, $2 || $1", ["a", "b"]))
            XCTAssertEqual(row.values, [.text("b"), .text("a"), .text("ba")], "\(backend)")
            let literal = try db.fetchValue(String.self, "SELECT '$1 is not a parameter' || $1", ["!"])
            XCTAssertEqual(literal, "$1 is not a parameter!", "\(backend)")
        }
    }

    func testWrongNumberOfValuesIsABindingError() {
        parity { db, backend in
            let error = Fixtures.databaseError { _ = try db.fetchAll("SELECT $1, $2", [1]) }
            XCTAssertEqual(error?.kind, .binding, "\(backend)")
        }
    }

    func testChangedRowCounts() {
        parity { db, backend in
            try words(db, ["a", "b", "c"])
            XCTAssertEqual(try db.execute("UPDATE words SET w = upper(w) WHERE id >= $1", [1]), 2, "\(backend)")
            XCTAssertEqual(try db.execute("DELETE FROM words WHERE w = $1", ["nothing"]), 0, "\(backend)")
        }
    }

    func testReturningAndUpsert() {
        parity { db, backend in
            try words(db, [])
            let id = try db.fetchValue(Int64.self, "INSERT INTO words (id, w) VALUES ($1, $2) RETURNING id", [7, "first"])
            XCTAssertEqual(id, 7, "\(backend)")
            try db.execute("INSERT INTO words (id, w) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET w = excluded.w", [7, "second"])
            XCTAssertEqual(try column(db, "SELECT w FROM words"), ["second"], "\(backend)")
        }
    }

    func testDecodableRows() {
        struct Station: Decodable, Equatable {
            let id: Int64
            let code: String
            let elevationM: Double?
            let kind: Kind
            enum Kind: String, Decodable { case seismic, magnetic, solar }
        }
        parity { db, backend in
            try db.create(Fixtures.stations)
            try db.execute("INSERT INTO stations (id, code, elevation_m, kind) VALUES (1, 'KEV', NULL, 'magnetic'), (2, 'ABK', 380.5, 'solar')")
            let stations = try db.fetchAll(Station.self, "SELECT id, code, elevation_m, kind FROM stations ORDER BY id")
            XCTAssertEqual(stations, [
                Station(id: 1, code: "KEV", elevationM: nil, kind: .magnetic),
                Station(id: 2, code: "ABK", elevationM: 380.5, kind: .solar),
            ], "\(backend)")
        }
    }

    func testDecodingTheWrongTypeIsADecodingError() {
        parity { db, backend in
            let row = try XCTUnwrap(try db.fetchOne("SELECT $1 AS name", ["Kevo"]))
            XCTAssertThrowsError(try row.decode(Int64.self, named: "name"), "\(backend)") { error in
                XCTAssertEqual((error as? DatabaseError)?.kind, .decoding)
            }
        }
    }

    /// A cached statement sees a table's new shape after ALTER TABLE (PostgreSQL would refuse
    /// the stale plan; the driver prepares it again).
    func testCachedStatementsFollowSchemaChanges() {
        parity { db, backend in
            try words(db, ["a"])
            XCTAssertEqual(try db.fetchOne("SELECT * FROM words")?.count, 2, "\(backend)")
            try db.execute("ALTER TABLE words ADD COLUMN note TEXT")
            XCTAssertEqual(try db.fetchOne("SELECT * FROM words")?.columnNames, ["id", "w", "note"], "\(backend)")
        }
    }
}

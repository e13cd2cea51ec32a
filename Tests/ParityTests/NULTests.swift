import Foundation
import Meridian
import MeridianTesting
import XCTest

/// NUL bytes (U+0000). SQLite and libpq read SQL as C strings, which end at the first NUL, so
/// `DELETE FROM stations<NUL> WHERE id = 2` would run as `DELETE FROM stations`: both drivers
/// refuse such text before anything runs, with the same kind and message. Values with NUL are
/// refused by the value contract (`ScalarRoundTripTests`, `JSONRoundTripTests`).
final class NULTests: ParityTestCase {
    /// Every way SQL reaches either engine: the same `syntax` error naming line and column,
    /// and both rows still there.
    func testSQLWithANULIsRefusedAlikeAndChangesNothing() {
        parityEqual { db, backend in
            try Fixtures.twoStations(db)
            let attempts: [(String, () throws -> Void)] = [
                ("execute", { try db.execute("DELETE FROM stations\0 WHERE id = 2") }),
                ("execute with a value", { try db.execute("DELETE FROM stations\0 WHERE id = $1", [2]) }),
                ("executeScript", { try db.executeScript("SELECT 1;\nDELETE FROM stations\0 WHERE id = 2;") }),
                ("fetchAll", { _ = try db.fetchAll("SELECT id FROM stations\0 WHERE id = 2") }),
                ("callReportingSuccess", { _ = try db.callReportingSuccess("SELECT 1\0 + 0") }),
            ]
            var outcomes: [String] = []
            for (name, attempt) in attempts {
                let error = Fixtures.databaseError(attempt)
                XCTAssertEqual(error?.kind, .syntax, "\(backend), \(name): \(String(describing: error))")
                outcomes.append("\(name): \(error?.kind.name ?? "-"): \(error?.reason ?? "-")")
            }
            XCTAssertEqual(try Fixtures.count(db, "stations"), 2, "\(backend): nothing was deleted")
            return outcomes
        }
    }

    func testTheErrorNamesLineAndColumnAndSaysNothingRan() {
        parity { db, backend in
            try Fixtures.twoStations(db)
            let error = Fixtures.databaseError { try db.executeScript("SELECT 1;\nDELETE FROM stations\0 WHERE id = 2;") }
            XCTAssertEqual(
                error?.reason,
                "the SQL holds a NUL byte (U+0000) at line 2, column 21, where the engine would stop reading it; "
                    + "nothing ran: remove the NUL (bind text as a value, never splice it in)",
                "\(backend)")
        }
    }

    /// Nothing reached the engine, so an open transaction goes on (on PostgreSQL a server error
    /// would have aborted it).
    func testARefusedStatementLeavesTheTransactionUsable() {
        parity { db, backend in
            try Fixtures.twoStations(db)
            try db.transaction {
                XCTAssertEqual(Fixtures.databaseError { try db.execute("DELETE FROM stations\0 WHERE id = 2") }?.kind, .syntax, "\(backend)")
                try db.execute("DELETE FROM stations WHERE id = $1", [2])
            }
            XCTAssertEqual(try db.fetchAll("SELECT id FROM stations").map { $0[0] }, [.int(1)], "\(backend)")
        }
    }

    /// A name is spliced into DDL, so a NUL in it is refused the same way.
    func testAnIdentifierWithANULIsRefused() {
        parity { db, backend in
            let error = Fixtures.databaseError { try db.create(TableDefinition("bad\0name", columns: [.init("id", .int)])) }
            XCTAssertEqual(error?.kind, .syntax, "\(backend): \(String(describing: error))")
            XCTAssertEqual(try db.inspectSchema().tables.map(\.name).filter { $0.hasPrefix("bad") }, [], "\(backend)")
        }
    }

    /// A fixture value with a NUL (built in code; the JSON reader refuses `\u0000` in files)
    /// names the file, row and column.
    func testAFixtureValueWithANULNamesFileRowAndColumn() {
        parity { db, backend in
            try db.create(Fixtures.stations)
            let file = FixtureFile(path: "stations.json", table: "stations", rows: [
                ["id": 1, "code": "KEV", "kind": "solar"], ["id": 2, "code": "A\0BK", "kind": "solar"],
            ])
            XCTAssertThrowsError(try FixtureLoader(db).load([file])) { error in
                XCTAssertEqual(
                    error as? FixtureError,
                    .badValue(path: "stations.json", row: 1, column: "code",
                              reason: "the value contains a NUL character, which PostgreSQL text cannot hold: remove it or store the value as bytes"),
                    "\(backend)")
                XCTAssertTrue("\(error)".hasPrefix("stations.json: row 2, column code: the value contains a NUL"), "\(backend): \(error)")
            }
            XCTAssertEqual(try Fixtures.count(db, "stations"), 0, "\(backend): the load is one transaction")
        }
    }
}

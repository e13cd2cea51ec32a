import Foundation
import Meridian
import MeridianTesting
import XCTest

/// What an error says besides its kind: the line the engine pointed at, and what PostgreSQL
/// adds, DETAIL and HINT, which SQLite has not (the same mistake there gives the same kind and
/// no such lines).
final class ErrorContextTests: ParityTestCase {
    /// Both engines' positions (bytes in SQLite, characters in PostgreSQL) become the same
    /// line, with `\r\n` line ends and non-ASCII text before the error.
    func testTheLineIsTheSameOnBothBackends() {
        parity { db, backend in
            let error = Fixtures.databaseError { _ = try db.fetchAll("SELECT 'é',\r\n  2,\r\n  FROM") }
            XCTAssertEqual(error?.kind, .syntax, "\(backend)")
            XCTAssertEqual(error?.line, 3, "\(backend): \(String(describing: error))")
        }
    }

    /// A statement that bound nothing (a script the user wrote) shows the DETAIL on a line of
    /// its own. (With bound values it is hidden: `ConstraintTests.testErrorDescriptionHidesBoundValues`.)
    func testAStatementWithoutValuesShowsTheDetail() {
        parity { db, backend in
            try Fixtures.twoStations(db)
            let insert = "INSERT INTO stations (id, code, kind) VALUES (3, 'KEV', 'solar')"
            let runs: [() throws -> Void] = [{ try db.executeScript(insert) }, { try db.execute(insert) }]
            for run in runs {
                let error = Fixtures.databaseError(run)
                XCTAssertEqual(error?.kind, .uniqueViolation, "\(backend)")
                switch backend {
                case .postgres:
                    XCTAssertTrue(error?.description.hasSuffix("\nDETAIL: Key (code)=(KEV) already exists.") ?? false, "\(String(describing: error))")
                case .sqlite:
                    XCTAssertNil(error?.detail)
                    XCTAssertFalse(error?.description.contains("DETAIL") ?? true, "\(String(describing: error))")
                }
            }
        }
    }

    /// A hint names objects, not values, so it is shown even when values were bound.
    func testAHintIsShownEvenWithBoundValues() {
        parity { db, backend in
            try Fixtures.twoStations(db)
            let error = Fixtures.databaseError { _ = try db.fetchAll("SELECT cod FROM stations WHERE id = $1", [1]) }
            XCTAssertEqual(error?.kind, .undefinedObject, "\(backend)")
            switch backend {
            case .postgres:
                XCTAssertEqual(error?.hint, "Perhaps you meant to reference the column \"stations.code\".")
                XCTAssertTrue(error?.description.hasSuffix("\nHINT: Perhaps you meant to reference the column \"stations.code\".") ?? false, "\(String(describing: error))")
            case .sqlite:
                XCTAssertNil(error?.hint)
            }
        }
    }

    /// PostgreSQL gives no hint for a statement that cannot run in a transaction; Meridian adds
    /// one that says where migrations opt out.
    func testAStatementThatCannotRunInATransactionGetsMeridiansHint() {
        parity { db, backend in
            let error = Fixtures.databaseError { try db.transaction { try db.executeScript("VACUUM") } }
            XCTAssertNotNil(error, "\(backend): VACUUM is refused in a transaction")
            switch backend {
            case .postgres:
                XCTAssertEqual(error?.hint, "run it outside a transaction; in a migration, make `-- meridian:no-transaction` the file's first line")
            case .sqlite:
                XCTAssertNil(error?.hint)
            }
        }
    }
}

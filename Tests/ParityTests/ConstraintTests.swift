import Meridian
import MeridianTesting
import XCTest

/// The same bad write gets the same error kind, table and constraint on both backends, and
/// leaves the data as it was.
final class ConstraintTests: ParityTestCase {
    private func setUpStations(_ db: any DatabaseConnection) throws {
        try db.create(Fixtures.stations)
        try db.create(Fixtures.readings)
        try db.create(Fixtures.notes)
        try db.execute("INSERT INTO stations (id, code, name, elevation_m, kind) VALUES (1, 'KEV', 'Kevo', 81, 'magnetic')")
    }

    func testUniqueViolation() {
        parity { db, backend in
            try setUpStations(db)
            let error = Fixtures.databaseError {
                try db.execute("INSERT INTO stations (id, code, kind) VALUES ($1, $2, $3)", [2, "KEV", "seismic"])
            }
            XCTAssertEqual(error?.kind, .uniqueViolation, "\(backend)")
            XCTAssertEqual(error?.table, "stations", "\(backend)")
            XCTAssertEqual(try Fixtures.count(db, "stations"), 1, "\(backend)")
        }
    }

    func testPrimaryKeyViolationIsAUniqueViolation() {
        parity { db, backend in
            try setUpStations(db)
            let error = Fixtures.databaseError { try db.execute("INSERT INTO stations (id, code, kind) VALUES (1, 'ABK', 'solar')") }
            XCTAssertEqual(error?.kind, .uniqueViolation, "\(backend)")
            XCTAssertEqual(error?.table, "stations", "\(backend)")
        }
    }

    func testNotNullViolation() {
        parity { db, backend in
            try setUpStations(db)
            let error = Fixtures.databaseError { try db.execute("INSERT INTO stations (id, code, kind) VALUES (2, $1, 'solar')", [.null]) }
            XCTAssertEqual(error?.kind, .notNullViolation, "\(backend)")
            XCTAssertEqual(error?.table, "stations", "\(backend)")
            XCTAssertEqual(error?.column, "code", "\(backend)")
        }
    }

    func testCheckViolationNamesTheConstraint() {
        parity { db, backend in
            try setUpStations(db)
            let error = Fixtures.databaseError {
                try db.execute("INSERT INTO stations (id, code, elevation_m, kind) VALUES (2, 'ABK', -9000, 'solar')")
            }
            XCTAssertEqual(error?.kind, .checkViolation, "\(backend)")
            XCTAssertEqual(error?.constraint, "stations_elevation_check", "\(backend)")
        }
    }

    /// A rule the schema keeps in a trigger (SQLite's `RAISE(ABORT, …)`, PL/pgSQL's
    /// `RAISE EXCEPTION`) refuses the write with the kind `raised` and the trigger's words on
    /// both; an `ERRCODE` the trigger picks keeps its own kind.
    func testATriggersRaiseIsTheSameKindOnBoth() {
        parity { db, backend in
            try setUpStations(db)
            let function = { (errcode: String) in
                """
                CREATE OR REPLACE FUNCTION stations_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'stations are frozen'\(errcode); END $$
                """
            }
            try db.executeScript(backend.expect(
                sqlite: "CREATE TRIGGER stations_frozen BEFORE UPDATE ON stations BEGIN SELECT RAISE(ABORT, 'stations are frozen'); END",
                postgres: function("") + ";\nCREATE TRIGGER stations_frozen BEFORE UPDATE ON stations FOR EACH ROW EXECUTE FUNCTION stations_frozen()"))
            let error = Fixtures.databaseError { try db.execute("UPDATE stations SET name = 'Kevo II'") }
            XCTAssertEqual(error?.kind, .raised, "\(backend)")
            XCTAssertEqual(error?.reason, "stations are frozen", "\(backend)")
            XCTAssertEqual(try db.fetchValue(String.self, "SELECT name FROM stations"), "Kevo", "\(backend)")
            if backend == .postgres {
                try db.executeScript(function(" USING ERRCODE = 'check_violation'"))
                XCTAssertEqual(Fixtures.databaseError { try db.execute("UPDATE stations SET name = 'Kevo II'") }?.kind, .checkViolation)
            }
        }
    }

    func testEnumerationRejectsUnknownValues() {
        parity { db, backend in
            try setUpStations(db)
            let error = Fixtures.databaseError { try db.execute("INSERT INTO stations (id, code, kind) VALUES (2, 'ABK', 'astrological')") }
            XCTAssertEqual(error?.kind, .checkViolation, "\(backend)")
            XCTAssertEqual(error?.constraint, "stations_kind_check", "\(backend)")
        }
    }

    /// SQLite enforces foreign keys only when a connection asks; Meridian always asks.
    func testForeignKeyIsEnforcedOnInsert() {
        parity { db, backend in
            try setUpStations(db)
            let error = Fixtures.databaseError { try db.execute("INSERT INTO readings (id, station_id, value) VALUES (1, 99, 1.5)") }
            XCTAssertEqual(error?.kind, .foreignKeyViolation, "\(backend)")
            XCTAssertEqual(try Fixtures.count(db, "readings"), 0, "\(backend)")
        }
    }

    func testForeignKeyRestrictBlocksDelete() {
        parity { db, backend in
            try setUpStations(db)
            try db.execute("INSERT INTO notes (id, station_id, body) VALUES (1, 1, 'calibrated')")
            let error = Fixtures.databaseError { try db.execute("DELETE FROM stations WHERE id = 1") }
            XCTAssertEqual(error?.kind, .foreignKeyViolation, "\(backend)")
            XCTAssertEqual(try Fixtures.count(db, "stations"), 1, "\(backend)")
        }
    }

    func testForeignKeyCascadeDeletes() {
        parity { db, backend in
            try setUpStations(db)
            try db.execute("INSERT INTO readings (id, station_id, value) VALUES (1, 1, 1.5), (2, 1, 2.5)")
            XCTAssertEqual(try db.execute("DELETE FROM stations WHERE id = $1", [1]), 1, "\(backend)")
            XCTAssertEqual(try Fixtures.count(db, "readings"), 0, "\(backend)")
        }
    }

    func testUniqueAllowsSeveralNulls() {
        parity { db, backend in
            try db.create(TableDefinition(
                "tags", columns: [.init("id", .int, nullable: false), .init("label", .text)], primaryKey: ["id"],
                unique: [.init("tags_label_key", ["label"])]))
            try db.execute("INSERT INTO tags (id, label) VALUES (1, NULL), (2, NULL)")
            XCTAssertEqual(try Fixtures.count(db, "tags"), 2, "\(backend)")
        }
    }

    /// Error descriptions carry names and SQL, never the values that were bound; PostgreSQL's
    /// DETAIL, which quotes them, is kept in `detail` only.
    func testErrorDescriptionHidesBoundValues() {
        parity { db, backend in
            try setUpStations(db)
            try db.execute("INSERT INTO stations (id, code, kind) VALUES (2, $1, 'solar')", ["s3cret-code"])
            let error = Fixtures.databaseError { try db.execute("INSERT INTO stations (id, code, kind) VALUES (3, $1, 'solar')", ["s3cret-code"]) }
            XCTAssertEqual(error?.kind, .uniqueViolation, "\(backend)")
            XCTAssertFalse(String(describing: error).contains("s3cret"), "\(backend): \(String(describing: error))")
            XCTAssertTrue(error?.description.contains("$1") ?? false, "\(backend): the statement is shown with its placeholder")
            switch backend {
            case .postgres: XCTAssertEqual(error?.detail, "Key (code)=(s3cret-code) already exists.", "kept for whoever chooses to show it")
            case .sqlite: XCTAssertNil(error?.detail, "SQLite has no DETAIL")
            }
        }
    }
}

import Foundation
import Meridian
import XCTest

@testable import MeridianSQLite

/// What SQLite's migration safeguard refuses: rebuilds that lose SpatiaLite's triggers, leave
/// its metadata behind, or move other tables' foreign keys away with a renamed table.
final class SQLiteMigrationSafeguardTests: XCTestCase {
    private func migration(_ version: MigrationVersion, _ up: String, down: String = "SELECT 1;") throws -> Migration {
        Migration(
            version: version, slug: "step\(version)",
            up: try MigrationScriptParser.parse(up, path: "\(version).up.sql", dialect: .sqlite),
            down: try MigrationScriptParser.parse(down, path: "\(version).down.sql", dialect: .sqlite))
    }

    private func places() throws -> (SQLiteConnection, Migration) {
        let db = try SQLiteConnection(path: ":memory:")
        let create = try migration(1, """
            CREATE TABLE places (id INTEGER PRIMARY KEY, name TEXT);
            SELECT AddGeometryColumn('places', 'location', 4326, 'POINT', 'XY', 1);
            SELECT CreateSpatialIndex('places', 'location');
            INSERT INTO places (id, location) VALUES (1, MakePoint(10, 20, 4326));
            """)
        return (db, create)
    }

    /// A rebuild that forgets SpatiaLite's triggers is rolled back, with the statements that
    /// would repair it.
    func testANaiveRebuildOfASpatialTableIsRefusedWithTheRepair() throws {
        let (db, create) = try places()
        let rebuild = try migration(2, """
            CREATE TABLE places_new (id INTEGER PRIMARY KEY, name TEXT NOT NULL DEFAULT '', location POINT NOT NULL);
            INSERT INTO places_new (id, name, location) SELECT id, coalesce(name, ''), location FROM places;
            DROP TABLE places;
            ALTER TABLE places_new RENAME TO places;
            """)
        let migrator = Migrator(connection: db, migrations: [create, rebuild])
        XCTAssertThrowsError(try migrator.up()) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("places.location lost what SpatiaLite attached to it"), text)
            XCTAssertTrue(text.contains("ggi_places_location"), text)
            XCTAssertTrue(text.contains("SELECT RecoverGeometryColumn('places', 'location', 4326, 'POINT', 'XY');"), text)
            XCTAssertTrue(text.contains("SELECT CreateSpatialIndex('places', 'location');"), text)
            XCTAssertTrue(text.contains("rolled back"), text)
        }
        XCTAssertEqual(try migrator.applied().count, 1)
        XCTAssertThrowsError(try db.execute("INSERT INTO places (id, location) VALUES (2, MakePoint(1, 1, 3857))"), "the triggers are back")
    }

    /// Dropping a spatial table with a plain DROP TABLE leaves SpatiaLite's metadata behind.
    func testAPlainDropOfASpatialTableIsRefused() throws {
        let (db, create) = try places()
        let migrator = Migrator(connection: db, migrations: [create, try migration(2, "DROP TABLE places;")])
        XCTAssertThrowsError(try migrator.up()) { error in
            XCTAssertTrue("\(error)".contains("SELECT DropTable(NULL, 'places')"), "\(error)")
        }
        XCTAssertEqual(try db.fetchValue(Int64.self, "SELECT count(*) FROM places"), 1)
    }

    /// Renaming the old table away moves the children's foreign keys with it; an empty child
    /// table is caught too, where `foreign_key_check` has no row to report.
    func testRenamingTheOldTableAwayIsRefused() throws {
        for childRows in [true, false] {
            let db = try SQLiteConnection(path: ":memory:")
            let create = try migration(1, """
                CREATE TABLE parent (id INTEGER PRIMARY KEY, name TEXT);
                CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent (id) ON DELETE CASCADE);
                INSERT INTO parent VALUES (1, 'a');
                \(childRows ? "INSERT INTO child VALUES (1, 1);" : "")
                """)
            let rebuild = try migration(2, """
                ALTER TABLE parent RENAME TO parent_old;
                CREATE TABLE parent (id INTEGER PRIMARY KEY, name TEXT NOT NULL DEFAULT '');
                INSERT INTO parent (id, name) SELECT id, coalesce(name, '') FROM parent_old;
                DROP TABLE parent_old;
                """)
            let migrator = Migrator(connection: db, migrations: [create, rebuild])
            XCTAssertThrowsError(try migrator.up()) { error in
                let failure = error as? MigrationFailure
                XCTAssertEqual(failure?.underlying.kind, .foreignKeyViolation, "\(error)")
                XCTAssertEqual(failure?.underlying.table, "child", "\(error)")
                XCTAssertTrue("\(error)".contains("parent_old"), "\(error)")
            }
            XCTAssertEqual(try db.fetchValue(Int64.self, "SELECT count(*) FROM child"), childRows ? 1 : 0)
            XCTAssertEqual(try db.fetchValue(Int64.self, "PRAGMA foreign_keys"), 1, "foreign keys are on again after a failure")
        }
    }

    /// Rows that dangled before the run are not blamed on the migration.
    func testDanglingRowsFromBeforeTheRunAreNotBlamedOnIt() throws {
        let db = try SQLiteConnection(path: ":memory:")
        try db.executeScript("""
            CREATE TABLE parent (id INTEGER PRIMARY KEY);
            CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent (id));
            PRAGMA foreign_keys = OFF; INSERT INTO child VALUES (1, 42); PRAGMA foreign_keys = ON;
            """)
        let migrator = Migrator(connection: db, migrations: [try migration(1, "CREATE TABLE other (id INTEGER PRIMARY KEY);")])
        XCTAssertEqual(try migrator.up().count, 1)
    }

    /// Inside a transaction the caller opened, foreign keys cannot be switched off: a script
    /// that drops a table is refused rather than allowed to cascade.
    func testADropInsideAnOpenTransactionIsRefused() throws {
        let db = try SQLiteConnection(path: ":memory:")
        try db.executeScript("CREATE TABLE t (id INTEGER PRIMARY KEY);")
        let migrator = Migrator(connection: db, migrations: [try migration(1, "DROP TABLE t;")])
        XCTAssertThrowsError(try db.transaction { try migrator.up() }) { error in
            XCTAssertTrue("\(error)".contains("cannot switch foreign keys off inside the transaction"), "\(error)")
        }
    }
}

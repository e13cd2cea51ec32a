import Foundation
import Meridian
import MeridianTesting
import XCTest

/// Migrations that rebuild a table keep every row: SQLite's 12-step rebuild runs with foreign
/// keys off and is checked before it commits; PostgreSQL makes the same change with ALTER TABLE.
final class TableRebuildTests: ParityTestCase {
    private static let children = 100_000

    /// parent (10 rows) and child (100,000 rows, ON DELETE CASCADE), then the rebuild of parent.
    private func writeParentAndChildren(_ folder: MigrationFolder, rebuild: (sqlite: String, postgres: String)) throws {
        let int = folder.backend.expect(sqlite: "INTEGER", postgres: "bigint")
        try folder.write(
            1, "create_parent_and_child",
            up: """
                CREATE TABLE parent (id \(int) PRIMARY KEY, name TEXT);
                CREATE TABLE child (
                    id \(int) PRIMARY KEY,
                    parent_id \(int) NOT NULL REFERENCES parent (id) ON DELETE CASCADE
                );
                CREATE INDEX child_parent ON child (parent_id);
                """,
            down: "DROP TABLE child;\nDROP TABLE parent;\n")
        try folder.write(
            2, "rebuild_parent", up: folder.backend.expect(sqlite: rebuild.sqlite, postgres: rebuild.postgres),
            down: folder.backend.expect(
                sqlite: """
                    CREATE TABLE parent_new (id INTEGER PRIMARY KEY, name TEXT);
                    INSERT INTO parent_new (id, name) SELECT id, name FROM parent;
                    DROP TABLE parent;
                    ALTER TABLE parent_new RENAME TO parent;
                    """,
                postgres: "ALTER TABLE parent ALTER COLUMN name DROP NOT NULL;\n"))
    }

    /// The rebuild SQLite documents: create the new table, copy, drop the old, rename the new.
    private static let documentedRebuild = (
        sqlite: """
            CREATE TABLE parent_new (id INTEGER PRIMARY KEY, name TEXT NOT NULL DEFAULT '');
            INSERT INTO parent_new (id, name) SELECT id, coalesce(name, '') FROM parent;
            DROP TABLE parent;
            ALTER TABLE parent_new RENAME TO parent;
            """,
        postgres: "UPDATE parent SET name = '' WHERE name IS NULL;\nALTER TABLE parent ALTER COLUMN name SET NOT NULL, ALTER COLUMN name SET DEFAULT '';\n")

    private func fill(_ db: any DatabaseConnection) throws {
        try db.execute("INSERT INTO parent (id, name) SELECT i, 'p' || i FROM (\(Self.numbers(10))) AS n")
        try db.execute("INSERT INTO child (id, parent_id) SELECT i, 1 + i % 10 FROM (\(Self.numbers(Self.children))) AS n")
    }

    /// A query returning the integers 1…count in a column `i`, on both engines.
    private static func numbers(_ count: Int) -> String {
        "WITH RECURSIVE numbers (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM numbers WHERE i < \(count)) SELECT i FROM numbers"
    }

    private func count(_ db: any DatabaseConnection, _ table: String) throws -> Int64? {
        try db.fetchValue(Int64.self, "SELECT count(*) FROM \(table)")
    }

    /// The rebuild of a parent with 100,000 children under a cascading key keeps every child,
    /// and the keys still hold afterwards: orphans are refused and cascades still cascade.
    func testRebuildingAParentKeepsItsChildrenAndTheirKeys() {
        parity { db, backend in
            let folder = try MigrationFolder(backend)
            defer { folder.remove() }
            try writeParentAndChildren(folder, rebuild: Self.documentedRebuild)
            let migrator = Migrator(connection: db, migrations: try folder.load())
            try migrator.up(to: 1)
            try fill(db)
            try migrator.up()
            XCTAssertEqual(try count(db, "child"), Int64(Self.children), "\(backend): every child survived the rebuild")
            XCTAssertEqual(try count(db, "parent"), 10, "\(backend)")
            XCTAssertThrowsError(try db.execute("INSERT INTO child (id, parent_id) VALUES (0, 99)"), "\(backend)") { error in
                XCTAssertEqual((error as? DatabaseError)?.kind, .foreignKeyViolation, "\(backend): foreign keys are enforced again")
            }
            try db.execute("DELETE FROM parent WHERE id = 1")
            XCTAssertEqual(try count(db, "child"), Int64(Self.children - Self.children / 10), "\(backend): the cascade still cascades")
            try migrator.down(.steps(1))
            XCTAssertEqual(try count(db, "child"), Int64(Self.children - Self.children / 10), "\(backend): the rollback rebuilt parent without a loss")
        }
    }

    /// A migration that leaves children without their parent fails before it commits, naming
    /// the child table, and leaves every row where it was.
    func testARebuildThatOrphansRowsIsRolledBack() {
        parity { db, backend in
            let folder = try MigrationFolder(backend)
            defer { folder.remove() }
            try writeParentAndChildren(folder, rebuild: (
                sqlite: """
                    CREATE TABLE parent_new (id INTEGER PRIMARY KEY, name TEXT NOT NULL DEFAULT '');
                    INSERT INTO parent_new (id, name) SELECT id, coalesce(name, '') FROM parent WHERE id > 1;
                    DROP TABLE parent;
                    ALTER TABLE parent_new RENAME TO parent;
                    """,
                postgres: """
                    ALTER TABLE child DROP CONSTRAINT child_parent_id_fkey;
                    DELETE FROM parent WHERE id = 1;
                    ALTER TABLE child ADD CONSTRAINT child_parent_id_fkey FOREIGN KEY (parent_id) REFERENCES parent (id) ON DELETE CASCADE;
                    """))
            let migrator = Migrator(connection: db, migrations: try folder.load())
            try migrator.up(to: 1)
            try fill(db)
            XCTAssertThrowsError(try migrator.up(), "\(backend)") { error in
                guard let failure = error as? MigrationFailure else { return XCTFail("\(backend): \(error)") }
                XCTAssertEqual(failure.underlying.kind, .foreignKeyViolation, "\(backend): \(failure)")
                XCTAssertEqual(failure.underlying.table, "child", "\(backend): \(failure)")
                XCTAssertTrue(failure.rolledBack, "\(backend)")
            }
            XCTAssertEqual(try migrator.applied().count, 1, "\(backend): the migration is still pending")
            XCTAssertEqual(try count(db, "parent"), 10, "\(backend)")
            XCTAssertEqual(try count(db, "child"), Int64(Self.children), "\(backend)")
        }
    }
}

/// A rebuilt table with a point column keeps its spatial index and its SRID check.
final class SpatialTableRebuildTests: ParityTestCase {
    func testRebuildingASpatialTableKeepsItsIndexAndSRIDCheck() {
        parity { db, backend in
            let folder = try MigrationFolder(backend)
            defer { folder.remove() }
            try folder.write(
                1, "create_places",
                up: backend.expect(
                    sqlite: "CREATE TABLE places (id INTEGER PRIMARY KEY, name TEXT);\nSELECT AddGeometryColumn('places', 'location', 4326, 'POINT', 'XY', 1);\nSELECT CreateSpatialIndex('places', 'location');\n",
                    postgres: "CREATE TABLE places (id bigint PRIMARY KEY, name TEXT, location geography(Point,4326) NOT NULL);\nCREATE INDEX places_location_gist ON places USING gist (location);\n"),
                down: backend.expect(sqlite: "SELECT DropTable(NULL, 'places');\nDROP TABLE IF EXISTS idx_places_location;\n", postgres: "DROP TABLE places;\n"))
            try folder.write(
                2, "name_not_null",
                up: backend.expect(
                    sqlite: """
                        CREATE TABLE places_new (id INTEGER PRIMARY KEY, name TEXT NOT NULL DEFAULT '', location POINT NOT NULL);
                        INSERT INTO places_new (id, name, location) SELECT id, coalesce(name, ''), location FROM places;
                        DROP TABLE places;
                        ALTER TABLE places_new RENAME TO places;
                        DROP TABLE IF EXISTS idx_places_location;
                        SELECT RecoverGeometryColumn('places', 'location', 4326, 'POINT', 'XY');
                        SELECT CreateSpatialIndex('places', 'location');
                        """,
                    postgres: "UPDATE places SET name = '' WHERE name IS NULL;\nALTER TABLE places ALTER COLUMN name SET NOT NULL, ALTER COLUMN name SET DEFAULT '';\n"),
                down: backend.expect(sqlite: "SELECT 1;\n", postgres: "ALTER TABLE places ALTER COLUMN name DROP NOT NULL;\n"))
            let migrator = Migrator(connection: db, migrations: try folder.load())
            try migrator.up(to: 1)
            for id in 1...200 {
                try db.execute("INSERT INTO places (id, location) VALUES ($1, $2)", [.int(Int64(id)), .geometry(.point(x: Double(id % 20), y: Double(id / 20)))])
            }
            try migrator.up()
            let near = try db.fetchWithin(.kilometers(120), of: Position(x: 0, y: 0), table: "places", column: "location", select: ["id"])
            XCTAssertEqual(try PlacesTable.ids(near).sorted(), [1, 20], "\(backend): the spatial index still answers")
            try db.execute("INSERT INTO places (id, location) VALUES (1000, $1)", [.geometry(.point(x: 0.1, y: 0.1))])
            let after = try db.fetchWithin(.kilometers(120), of: Position(x: 0, y: 0), table: "places", column: "location", select: ["id"])
            XCTAssertEqual(try PlacesTable.ids(after).sorted(), [1, 20, 1000], "\(backend): the index follows new rows")
            XCTAssertThrowsError(
                try db.execute("INSERT INTO places (id, location) VALUES (1001, $1)", [.geometry(.point(x: 1, y: 1, srid: 3857))]), "\(backend)"
            ) { error in
                XCTAssertEqual((error as? DatabaseError)?.kind, .invalidValue, "\(backend): a wrong SRID is still refused: \(error)")
            }
        }
    }
}

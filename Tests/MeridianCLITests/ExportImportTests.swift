import Foundation
import Meridian
import MeridianPostgres
import MeridianSQLite
import MeridianTesting
import XCTest

/// `meridian export` and `meridian import` end to end: a seeded SpatiaLite file into PostGIS
/// and back, the modes for a target that holds rows, scripts for psql, and files not made by
/// Meridian.
final class ExportImportTests: CLITestCase {
    func testExportThenImportGivesIdenticalDigests() throws {
        let world = try TransferWorld(try sandbox(.postgres))
        let exported = try world.export("--migrate", "--json")
        let report = try TransferWorld.report(exported)
        XCTAssertEqual(report["verified"] as? Bool, true)
        let tables = report["tables"] as? [[String: Any]] ?? []
        XCTAssertEqual(tables.map { $0["table"] as? String }, ["stations", "readings"], "parents first")
        XCTAssertEqual(tables.map { $0["writtenRows"] as? Int }, [20, 200])
        XCTAssertEqual(tables.map { $0["matches"] as? Bool }, [true, true])

        let db = try world.targetConnection()
        XCTAssertEqual(try db.fetchValue(Int64.self, "SELECT count(*) FROM meridian_migrations"), 2, "migrated in the same transaction")
        let station = try XCTUnwrap(db.fetchOne("SELECT code, installed_at, meta, location, since, uid, raw FROM stations WHERE id = 3"))
        XCTAssertEqual(station[0], .text("S3 · Zürich \\ \"q\"\ttab"))
        XCTAssertEqual(station[2], .json(["net": "us", "felt": 3, "tags": ["a", "b"], "nested": ["z": 1, "a": nil]]))
        XCTAssertEqual(station[3], .geometry(.point(x: -176.5, y: 89.9 - 3.0 / 7)))
        XCTAssertEqual(try db.fetchValue(Int64.self, "INSERT INTO stations (code, active) VALUES ('new', true) RETURNING id"), 21, "the identity moved past the largest key")
        try db.execute("DELETE FROM stations WHERE id = 21")

        let imported = try world.sandbox.meridian(["import", "--from", world.target, "--to", "sqlite:back.sqlite", "--migrate", "--json"])
        let back = try TransferWorld.report(imported)
        XCTAssertEqual(TransferWorld.digests(back), TransferWorld.digests(report), "SpatiaLite → PostGIS → SpatiaLite changes nothing")
        XCTAssertEqual((back["tables"] as? [[String: Any]])?.map { $0["matches"] as? Bool }, [true, true])

        let text = try world.export("--replace")
        XCTAssertSucceeds(text)
        XCTAssertMentionsInOrder(text.stdout, ["exported sqlite:source.sqlite to", "stations", "20", "match", "readings", "200", "match", "verified"])
    }

    func testScriptLoadsWithPsqlAndChecksItself() throws {
        guard let psql = ["/usr/bin/psql", "/usr/local/bin/psql"].first(where: FileManager.default.isExecutableFile) else {
            throw XCTSkip("psql is not installed")
        }
        let world = try TransferWorld(try sandbox(.postgres))
        let written = try world.export(to: "export.sql")
        XCTAssertSucceeds(written)
        XCTAssertTrue(world.sandbox.exists("export.sql"))
        XCTAssertFalse(world.sandbox.exists("export.sql.partial"))
        let script = try world.sandbox.read("export.sql")
        let existing = try world.export(to: "export.sql")
        XCTAssertFailsCleanly(existing, mentioning: ["export.sql exists already", "--force"])
        XCTAssertEqual(try world.sandbox.read("export.sql"), script, "the file is left as it was")
        XCTAssertSucceeds(try world.export("--force", to: "export.sql"), "--force replaces it")

        func load() throws -> CLIResult {
            let process = try CLIProcess(
                binary: psql, arguments: ["-X", "-q", "-f", "export.sql", world.target], directory: world.sandbox.folder,
                environment: CLIRunner.cleanEnvironment(), outputs: world.sandbox.runner.outputs)
            return try process.wait()
        }
        let unmigrated = try load()
        XCTAssertNotEqual(unmigrated.status, 0)
        XCTAssertTrue(unmigrated.stderr.contains("migrate it to version 0002"), "\(unmigrated)")
        XCTAssertSucceeds(try world.sandbox.meridian(["migrate", "up", "--database", world.target, "--migrations", "migrations-postgres"]))
        XCTAssertSucceeds(try load())
        let db = try world.targetConnection()
        XCTAssertEqual(try db.fetchValue(Int64.self, "SELECT count(*) FROM readings"), 200)
        XCTAssertEqual(try db.fetchValue(String.self, "SELECT code FROM stations WHERE id = 4"), "S4 · Zürich \\ \"q\"\ttab")
        let again = try load()
        XCTAssertNotEqual(again.status, 0)
        XCTAssertTrue(again.stderr.contains("table stations already holds rows"), "\(again)")

        // The rows in PostgreSQL are the file's: verified by importing them back.
        let imported = try world.sandbox.meridian(["import", "--from", world.target, "--to", "sqlite:back.sqlite", "--migrate", "--json"])
        let exported = try world.export("--replace", "--json")
        XCTAssertEqual(TransferWorld.digests(try TransferWorld.report(imported)), TransferWorld.digests(try TransferWorld.report(exported)))
    }

    /// Two `export --migrate --replace` at once into one fresh target: the second waits for the
    /// first's transaction, whose migrations commit with its rows, then finds them and replaces
    /// the rows; neither creates the tracking table twice.
    func testTwoExportsWithMigrateAtOnce() throws {
        let world = try TransferWorld(try sandbox(.postgres))
        let arguments = ["export", "--from", world.source, "--to", world.target, "--migrate", "--replace"]
        let processes = try (1...2).map { _ in try world.sandbox.runner.launch(arguments) }
        for process in processes { XCTAssertSucceeds(try process.wait(timeout: 120)) }
        XCTAssertEqual(try world.targetConnection().fetchValue(Int64.self, "SELECT count(*) FROM readings"), 200)
    }

    func testModesForATargetThatHoldsRows() throws {
        let world = try TransferWorld(try sandbox(.postgres))
        XCTAssertSucceeds(try world.export("--migrate"))
        let loaded = try world.targetState()

        let refused = try world.export()
        XCTAssertFailsCleanly(refused, mentioning: ["stations (20 rows)", "readings (200 rows)", "--replace", "--append", "--upsert"])
        XCTAssertEqual(try world.targetState(), loaded)

        let duplicate = try world.export("--append")
        XCTAssertFailsCleanly(duplicate, mentioning: ["table stations", "id = 1", "already exists"])
        XCTAssertEqual(try world.targetState(), loaded)

        let source = try SQLiteConnection(path: world.sourcePath)
        try source.execute("UPDATE stations SET ratio = 42 WHERE id = 2")
        try source.execute("INSERT INTO stations (id, code, active) VALUES (21, 'late', 1)")
        let upserted = try TransferWorld.report(try world.export("--upsert", "--json"))
        XCTAssertEqual((upserted["tables"] as? [[String: Any]])?.map { $0["matches"] as? Bool }, [true, true])
        let db = try world.targetConnection()
        XCTAssertEqual(try db.fetchValue(Double.self, "SELECT ratio FROM stations WHERE id = 2"), 42)
        XCTAssertEqual(try db.fetchValue(Int64.self, "SELECT count(*) FROM stations"), 21)

        // An upsert leaves rows holding the same values untouched, so a trigger that stamps every
        // update (an updated_at) does not fire for them; a row it does change no longer holds the
        // source's values, which verification catches before anything is committed.
        try db.executeScript("""
            CREATE FUNCTION stamp() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.ratio := NEW.ratio + 1000; RETURN NEW; END $$;
            CREATE TRIGGER stamp BEFORE UPDATE ON stations FOR EACH ROW EXECUTE FUNCTION stamp();
            """)
        let unchanged = try TransferWorld.report(try world.export("--upsert", "--json"))
        XCTAssertEqual((unchanged["tables"] as? [[String: Any]])?.map { $0["writtenRows"] as? Int }, [0, 0], "nothing differed")
        try source.execute("UPDATE stations SET ratio = 43 WHERE id = 2")
        let stamped = try world.export("--upsert")
        XCTAssertFailsCleanly(stamped, mentioning: ["does not hold what the source holds", "table stations"])
        XCTAssertEqual(try db.fetchValue(Double.self, "SELECT ratio FROM stations WHERE id = 2"), 42, "rolled back")
        try db.executeScript("DROP TRIGGER stamp ON stations")

        try source.execute("DELETE FROM stations WHERE id = 21")
        try db.execute("INSERT INTO stations (id, code, active) VALUES (99, 'only in the target', true)")
        XCTAssertSucceeds(try world.export("--replace"))
        XCTAssertEqual(try db.fetchValue(Int64.self, "SELECT count(*) FROM stations"), 20, "--replace emptied the table first")
        XCTAssertEqual(try world.targetState(), loaded, "the same keys and indexes as after the first export")
    }

    /// A file made by other tools: no tracking table, declared types outside the contract.
    func testCreateSchemaForAFileNotMadeByMeridian() throws {
        let s = try sandbox(.postgres)
        let file = try SQLiteConnection(path: s.path("foreign.sqlite"))
        try file.ensureSpatialSupport()
        try file.executeScript("""
            CREATE TABLE shops (id INT PRIMARY KEY, name VARCHAR(40) NOT NULL UNIQUE, price DECIMAL(10,2) DEFAULT 0, opened DATETIME,
              CHECK (price >= 0));
            SELECT AddGeometryColumn('shops', 'spot', 4326, 'POINT', 'XY');
            SELECT CreateSpatialIndex('shops', 'spot');
            CREATE TABLE visits (id INTEGER PRIMARY KEY, shop_id INT REFERENCES shops (id), at DATETIME, anything);
            CREATE INDEX visits_shop ON visits (shop_id);
            INSERT INTO shops VALUES (1, 'Kiosk', 2.5, '2024-05-01 10:00:00', MakePoint(24.9, 60.2, 4326));
            INSERT INTO shops VALUES (2, 'Café', 3, NULL, NULL);
            INSERT INTO visits VALUES (1, 1, '2024-05-02 09:30:00', 'x'), (2, 2, NULL, 7);
            """)
        let unmappable = try s.meridian(["export", "--from", "sqlite:foreign.sqlite", "--to", s.database, "--create-schema"])
        XCTAssertFailsCleanly(unmappable, mentioning: ["visits", "column anything", "without a type"])

        let created = try s.meridian(["export", "--from", "sqlite:foreign.sqlite", "--to", s.database, "--create-schema", "--table", "shops"])
        XCTAssertSucceeds(created)
        XCTAssertTrue(created.stderr.contains("column price (DECIMAL(10,2)) becomes double"), "\(created)")
        XCTAssertTrue(created.stderr.contains("CHECK constraints shops_price_check are not copied"), "\(created)")
        XCTAssertTrue(created.stderr.contains("the defaults of price are not copied"), "\(created)")
        let db = try PostgresConnection(url: s.database)
        let shops = try XCTUnwrap(try db.inspectSchema().table("shops"))
        XCTAssertEqual(shops.columns.map(\.type), [.logical(.int), .logical(.text), .logical(.double), .logical(.timestamp), .logical(.geometry(.point, srid: 4326))])
        XCTAssertEqual(shops.primaryKey, ["id"])
        XCTAssertEqual(shops.uniqueConstraints, [["name"]])
        XCTAssertTrue(shops.indexes.contains { $0.spatial && $0.columns == ["spot"] })
        XCTAssertEqual(try db.fetchValue(Timestamp.self, "SELECT opened FROM shops WHERE id = 1"), Timestamp(year: 2024, month: 5, day: 1, hour: 10))
        XCTAssertEqual(try db.fetchValue(String.self, "SELECT ST_AsText(spot) FROM shops WHERE id = 1"), "POINT(24.9 60.2)")
    }

    /// `--where` on a parent table leaves child rows without parents: named, nothing written.
    func testImportWhereNamesRowsLeftWithoutTheirParent() throws {
        let world = try TransferWorld(try sandbox(.postgres))
        XCTAssertSucceeds(try world.export("--migrate"))
        let importing = ["import", "--from", world.target, "--to", "sqlite:part.sqlite", "--migrate"]
        let orphaned = try world.sandbox.meridian(importing + ["--where", "stations=id <= 10"])
        XCTAssertFailsCleanly(orphaned, mentioning: ["table readings", "station_id", "matches no row of stations"])
        XCTAssertFalse(world.sandbox.exists("part.sqlite"), "a file the import created is removed when it fails")

        let part = try world.sandbox.meridian(importing + ["--where", "stations=id <= 10", "--where", "readings=station_id <= 10", "--json"])
        let report = try TransferWorld.report(part)
        XCTAssertEqual((report["tables"] as? [[String: Any]])?.map { $0["writtenRows"] as? Int }, [10, 100])
        let again = try TransferWorld.report(try world.sandbox.meridian(["import", "--from", world.target, "--to", "sqlite:part.sqlite", "--upsert", "--json"]))
        XCTAssertEqual((again["tables"] as? [[String: Any]])?.map { $0["matches"] as? Bool }, [true, true], "an upsert verifies the rows of the keys it was given")
        let unknown = try world.sandbox.meridian(importing + ["--replace", "--where", "nope=1 = 1"])
        XCTAssertFailsCleanly(unknown, mentioning: ["--where names nope"])
    }

    /// The reference database, whatever its tables: migrated and seeded on SQLite, exported,
    /// imported back, the same digests all the way.
    func testTheReferenceDatabaseRoundTrips() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let s = try sandbox(.postgres)
        let reference = { (folder: String) in root.appendingPathComponent(folder).path }
        XCTAssertSucceeds(try s.meridian(["migrate", "up", "--database", "sqlite:reference.sqlite", "--migrations", reference("migrations-sqlite")]))
        XCTAssertSucceeds(try s.meridian(["seed", "--database", "sqlite:reference.sqlite", "--fixtures", reference("fixtures")]))
        let exported = try TransferWorld.report(
            try s.meridian(["export", "--from", "sqlite:reference.sqlite", "--to", s.database, "--migrate", "--migrations", reference("migrations-postgres"), "--json"]))
        let tables = exported["tables"] as? [[String: Any]] ?? []
        XCTAssertFalse(tables.isEmpty)
        XCTAssertTrue(tables.allSatisfy { $0["matches"] as? Bool == true }, "\(tables)")
        XCTAssertGreaterThan(tables.reduce(0) { $0 + ($1["writtenRows"] as? Int ?? 0) }, 0, "the fixtures moved")
        let imported = try TransferWorld.report(
            try s.meridian(["import", "--from", s.database, "--to", "sqlite:back.sqlite", "--migrate", "--migrations", reference("migrations-sqlite"), "--json"]))
        XCTAssertEqual(TransferWorld.digests(imported), TransferWorld.digests(exported))
    }
}

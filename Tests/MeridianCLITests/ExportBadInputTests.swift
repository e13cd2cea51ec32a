import Foundation
import Meridian
import MeridianPostgres
import MeridianSQLite
import MeridianTesting
import XCTest

/// `meridian export` given what it cannot use: each is a clear error naming what is wrong, a
/// non-zero exit, never a password in the output, and a target exactly as it was.
final class ExportBadInputTests: CLITestCase {
    /// A migrated, empty target whose state is compared after the failing export.
    private func migratedWorld() throws -> (TransferWorld, [String]) {
        let world = try TransferWorld(try sandbox(.postgres), stations: 5)
        XCTAssertSucceeds(try world.sandbox.meridian(["migrate", "up", "--database", world.target, "--migrations", "migrations-postgres"]))
        return (world, try world.targetState())
    }

    func testUnreachableServer() throws {
        let world = try TransferWorld(try sandbox(.sqlite), stations: 1)
        let secret = "unreachable-Secret-42"
        let result = try world.export(to: "postgres://u:\(secret)@127.0.0.1:1/db?connect_timeout=2")
        XCTAssertFailsCleanly(result, mentioning: ["cannot connect", "127.0.0.1"])
        XCTAssertFalse(result.output.contains(secret), "\(result)")
    }

    func testWrongPasswordIsNeverPrinted() throws {
        let (world, before) = try migratedWorld()
        let secret = "Tr0ub4dor-wrong-\(UUID().uuidString.prefix(6))"
        let result = try world.export(to: ScratchPostgresDatabase.url(world.target, password: secret))
        XCTAssertFailsCleanly(result, mentioning: ["credentials", "password"])
        XCTAssertFalse(result.output.contains(secret), "\(result)")
        XCTAssertEqual(try world.targetState(), before)
    }

    /// The SSL-only server refuses a session without encryption; with verify-full it takes one.
    func testSSLRequiredAndRefused() throws {
        guard let ssl = ProcessInfo.processInfo.environment["MERIDIAN_POSTGRES_SSL_URL"], !ssl.isEmpty else {
            if TestDatabase.postgresRequired { XCTFail("MERIDIAN_REQUIRE_POSTGRES=1 but MERIDIAN_POSTGRES_SSL_URL is not set") }
            throw XCTSkip("MERIDIAN_POSTGRES_SSL_URL is not set")
        }
        let world = try TransferWorld(try sandbox(.sqlite), stations: 3)
        let name = "meridian_cli_ssl_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)
        try PostgresConnection(url: ssl).executeScript("CREATE DATABASE \(name)")
        defer { try? PostgresConnection(url: ssl).executeScript("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
        var components = try XCTUnwrap(URLComponents(string: ssl))
        components.path = "/" + name
        let target = try XCTUnwrap(components.string)

        let plain = try world.export("--migrate", to: target.replacingOccurrences(of: "sslmode=verify-full", with: "sslmode=disable"))
        XCTAssertFailsCleanly(plain, mentioning: ["cannot connect", "encryption"])
        XCTAssertEqual(try PostgresConnection(url: target).fetchValue(Bool.self, "SELECT to_regclass('meridian_migrations') IS NULL"), true, "not even migrated")

        let encrypted = try world.export("--migrate", to: target)
        XCTAssertSucceeds(encrypted)
        XCTAssertTrue(encrypted.stdout.contains("verified"), "\(encrypted)")
    }

    func testVersionMismatchStopsBeforeAnyRowMoves() throws {
        let world = try TransferWorld(try sandbox(.postgres), stations: 3)
        XCTAssertSucceeds(try world.sandbox.meridian(["migrate", "up", "--database", world.target, "--migrations", "migrations-postgres", "--to", "1"]))
        let behind = try world.targetState()
        let refused = try world.export()
        XCTAssertFailsCleanly(refused, mentioning: ["version 0001", "version 0002", "--migrate"])
        XCTAssertEqual(try world.targetState(), behind)

        // A target that went another way cannot be fixed by migrating.
        try world.targetConnection().executeScript("UPDATE meridian_migrations SET slug = 'other' WHERE version = '1'")
        let diverged = try world.export("--migrate")
        XCTAssertFailsCleanly(diverged, mentioning: ["0001_init", "0001_other"])
        XCTAssertEqual(try world.targetState(), behind)
    }

    func testSourceThatIsNotSQLiteOrIsCorrupt() throws {
        let (world, before) = try migratedWorld()
        try world.sandbox.write("notes.sqlite", "Meeting notes\n- export the stations\n")
        let notSQLite = try world.sandbox.meridian(["export", "--from", "sqlite:notes.sqlite", "--to", world.target])
        XCTAssertFailsCleanly(notSQLite, mentioning: ["notes.sqlite", "not an SQLite database"])
        XCTAssertEqual(try world.sandbox.read("notes.sqlite"), "Meeting notes\n- export the stations\n")

        let missing = try world.sandbox.meridian(["export", "--from", "sqlite:nowhere.sqlite", "--to", world.target])
        XCTAssertFailsCleanly(missing, mentioning: ["nowhere.sqlite", "does not exist"])
        XCTAssertFalse(world.sandbox.exists("nowhere.sqlite"), "nothing is created")

        // Overwrite the pages that hold the readings, past the schema.
        let path = world.sandbox.path("corrupt.sqlite")
        try FileManager.default.copyItem(atPath: world.sourcePath, toPath: path)
        let handle = try XCTUnwrap(FileHandle(forUpdatingAtPath: path))
        let size = try handle.seekToEnd()
        try handle.seek(toOffset: size / 2)
        try handle.write(contentsOf: Data(repeating: 0xA5, count: Int(size / 2)))
        try handle.close()
        let corrupt = try world.sandbox.meridian(["export", "--from", "sqlite:corrupt.sqlite", "--to", world.target])
        XCTAssertFailsCleanly(corrupt, mentioning: ["corrupt.sqlite", "malformed"])
        XCTAssertEqual(try world.targetState(), before)
    }

    func testRowWithoutItsParentIsNamed() throws {
        let (world, before) = try migratedWorld()
        let source = try SQLiteConnection(path: world.sourcePath)
        try source.executeScript("PRAGMA foreign_keys = OFF; INSERT INTO readings (id, station_id, value) VALUES (9001, 77, 1.5), (9002, 77, 2.5)")
        let result = try world.export()
        XCTAssertFailsCleanly(result, mentioning: ["table readings", "2 rows", "station_id = 77", "matches no row of stations"])
        XCTAssertEqual(try world.targetState(), before)
    }

    func testGeometryWithTheWrongSRIDIsNamed() throws {
        let (world, before) = try migratedWorld()
        let source = try SQLiteConnection(path: world.sourcePath)
        // SpatiaLite's triggers refuse it; a file damaged or written by other tools may hold one.
        for trigger in try source.fetchAll("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'stations'") {
            try source.executeScript("DROP TRIGGER \"\(trigger[0])\"")
        }
        try source.execute("UPDATE stations SET location = $1 WHERE id = 4", [.geometry(.point(x: 2_600_000, y: 1_200_000, srid: 2056))])
        let result = try world.export()
        XCTAssertFailsCleanly(result, mentioning: ["table stations", "id = 4", "column location", "SRID 2056", "SRID is 4326"])
        XCTAssertEqual(try world.targetState(), before)
    }

    /// The target's session dies mid-COPY (a trigger terminates it at the third row): the
    /// export says so and the target keeps nothing.
    func testTargetConnectionKilledMidCopy() throws {
        let (world, before) = try migratedWorld()
        try world.targetConnection().executeScript("""
            CREATE FUNCTION die() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN IF NEW.id = 3 THEN PERFORM pg_terminate_backend(pg_backend_pid()); END IF; RETURN NEW; END $$;
            CREATE TRIGGER die BEFORE INSERT ON stations FOR EACH ROW EXECUTE FUNCTION die();
            """)
        let withTrigger = try world.targetState()
        let result = try world.export()
        XCTAssertFailsCleanly(result, mentioning: ["connection"])
        XCTAssertEqual(try world.targetState(), withTrigger)
        XCTAssertEqual(withTrigger, before, "a trigger is not part of the compared state")
    }

    /// The server runs out of disk mid-COPY (a trigger raises disk_full at the 13th row).
    func testDiskFullMidCopy() throws {
        let (world, before) = try migratedWorld()
        try world.targetConnection().executeScript("""
            CREATE FUNCTION full_disk() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN IF NEW.id = 203 THEN RAISE EXCEPTION 'could not extend file: No space left on device' USING ERRCODE = 'disk_full'; END IF; RETURN NEW; END $$;
            CREATE TRIGGER full_disk BEFORE INSERT ON readings FOR EACH ROW EXECUTE FUNCTION full_disk();
            """)
        let result = try world.export()
        XCTAssertFailsCleanly(result, mentioning: ["table readings", "row 13", "id = 203", "No space left on device"])
        XCTAssertEqual(try world.targetState(), before)
    }

    /// The export process itself is killed while its COPY waits on the server: the server
    /// abandons the transaction.
    func testKilledExportLeavesTheTargetAsItWas() throws {
        let (world, before) = try migratedWorld()
        let db = try world.targetConnection()
        try db.executeScript("""
            CREATE FUNCTION stall() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN IF NEW.id = 2 THEN PERFORM pg_sleep(30); END IF; RETURN NEW; END $$;
            CREATE TRIGGER stall BEFORE INSERT ON stations FOR EACH ROW EXECUTE FUNCTION stall();
            """)
        let export = try world.sandbox.runner.launch(["export", "--from", world.source, "--to", world.target])
        let deadline = Date().addingTimeInterval(20)
        while try db.fetchValue(Int64.self, "SELECT count(*) FROM pg_stat_activity WHERE wait_event = 'PgSleep' AND datname = current_database()") == 0 {
            guard Date() < deadline else { return XCTFail("the export never reached the stalled row") }
            usleep(20_000)
        }
        export.kill()
        let result = try export.wait()
        XCTAssertTrue(result.signalled, "\(result)")
        try db.executeScript("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE wait_event = 'PgSleep' AND datname = current_database()")
        XCTAssertEqual(try world.targetState(), before)
    }
}

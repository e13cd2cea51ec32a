import Foundation
import MeridianTesting
import XCTest

/// Databases that cannot be used as given: each is a clear error, a non-zero exit, an unchanged
/// database, and never a password in the output. And a plain database, which is fine.
final class BadDatabaseTests: CLITestCase {
    private let commands: [[String]] = [["migrate", "up"], ["migrate", "status"], ["migrate", "validate"], ["query", "SELECT 1 AS one"], []]

    /// Runs each command against `database` (given as `--database`) and checks it fails
    /// mentioning `phrases`, without printing `secret`.
    private func assertEveryCommandFails(
        _ run: ([String]) throws -> CLIResult, database: String, mentioning phrases: [String], secret: String? = nil,
        file: StaticString = #filePath, line: UInt = #line
    ) throws {
        for command in commands {
            let result = try run(command + ["--database", database])
            XCTAssertFailsCleanly(result, mentioning: phrases, "meridian \(command.joined(separator: " "))", file: file, line: line)
            if let secret {
                XCTAssertFalse(result.output.contains(secret), "the password was printed:\n\(result)", file: file, line: line)
            }
        }
    }

    func testUnreachableServer() throws {
        let runner = try runner()
        let secret = "unreachable-Secret-42"
        let folder = runner.directory.appendingPathComponent("migrations-postgres")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("CREATE TABLE t1 (id bigint);\n".utf8).write(to: folder.appendingPathComponent("0001_t1.up.sql"))
        try Data("DROP TABLE t1;\n".utf8).write(to: folder.appendingPathComponent("0001_t1.down.sql"))
        let started = Date()
        try assertEveryCommandFails(
            { try runner.run($0) }, database: "postgres://u:\(secret)@127.0.0.1:1/db?connect_timeout=2",
            mentioning: ["127.0.0.1"], secret: secret)
        XCTAssertLessThan(Date().timeIntervalSince(started), 30, "connect_timeout bounds the wait")
        let viaEnvironment = try runner.run(["migrate", "status"], environment: ["DATABASE_URL": "postgres://u:\(secret)@127.0.0.1:1/db?connect_timeout=2"])
        XCTAssertFailsCleanly(viaEnvironment, mentioning: ["127.0.0.1"], "DATABASE_URL")
        XCTAssertFalse(viaEnvironment.output.contains(secret), "\(viaEnvironment)")
    }

    func testWrongPasswordIsNeverPrinted() throws {
        let s = try sandbox(.postgres)
        try s.writeTableMigration(1, "t1")
        let before = try s.state()
        let secret = "Tr0ub4dor-wrong-\(UUID().uuidString.prefix(6))"
        let uri = ScratchPostgresDatabase.url(s.database, password: secret)
        XCTAssertTrue(uri.contains(secret))
        try assertEveryCommandFails({ try s.meridian($0) }, database: uri, mentioning: ["password"], secret: secret)

        let components = try XCTUnwrap(URLComponents(string: s.database))
        let keywords = "host=\(components.host ?? "127.0.0.1") port=\(components.port ?? 5432) user=\(components.user ?? "postgres") password=\(secret) dbname=\(s.postgres?.name ?? "x")"
        try assertEveryCommandFails({ try s.meridian($0) }, database: keywords, mentioning: ["password"], secret: secret)

        let viaEnvironment = try s.meridian(["migrate", "up"], environment: ["DATABASE_URL": uri])
        XCTAssertFailsCleanly(viaEnvironment, mentioning: ["password"], "DATABASE_URL")
        XCTAssertFalse(viaEnvironment.output.contains(secret), "\(viaEnvironment)")
        let viaPGPASSWORD = try s.meridian(
            ["migrate", "up", "--database", ScratchPostgresDatabase.url(s.database, password: nil)], environment: ["PGPASSWORD": secret])
        XCTAssertFailsCleanly(viaPGPASSWORD, mentioning: ["password"], "PGPASSWORD")
        XCTAssertFalse(viaPGPASSWORD.output.contains(secret), "\(viaPGPASSWORD)")

        XCTAssertEqual(try s.state(), before, "nothing ran")
    }

    func testFileThatIsNotSQLite() throws {
        let runner = try runner()
        let file = runner.directory.appendingPathComponent("notes.txt.sqlite")
        let text = Data("Meeting notes\n- buy milk\n- migrate the stations\n".utf8)
        try text.write(to: file)
        let folder = runner.directory.appendingPathComponent("migrations-sqlite")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("CREATE TABLE t1 (id INTEGER);\n".utf8).write(to: folder.appendingPathComponent("0001_t1.up.sql"))
        try Data("DROP TABLE t1;\n".utf8).write(to: folder.appendingPathComponent("0001_t1.down.sql"))

        try assertEveryCommandFails({ try runner.run($0) }, database: "sqlite:notes.txt.sqlite", mentioning: ["notes.txt.sqlite", "not an SQLite database"])
        XCTAssertEqual(try Data(contentsOf: file), text, "the file's bytes are unchanged")
        let left = try FileManager.default.contentsOfDirectory(atPath: runner.directory.path).sorted()
        XCTAssertEqual(left, ["migrations-sqlite", "notes.txt.sqlite"], "no -wal, -shm or -journal files are left beside it")
    }

    /// SQLite itself takes a one-byte file for an empty database and overwrites it (`sqlite3`
    /// does the same); Meridian promises the file is left alone.
    func testOneByteFileIsNotOverwritten() throws {
        let runner = try runner()
        let file = runner.directory.appendingPathComponent("blank.sqlite")
        try Data("\n".utf8).write(to: file)
        let result = try runner.run(["query", "SELECT 1 AS one", "--database", "sqlite:blank.sqlite"])
        XCTAssertFailsCleanly(result, mentioning: ["blank.sqlite", "not an SQLite database"])
        XCTAssertEqual(try Data(contentsOf: file), Data("\n".utf8), "the file's bytes are unchanged")
    }

    func testPlainDatabaseGetsSpatialSupportOnlyWhenNeededOnSQLite() throws { try plainDatabase(sandbox(.sqlite)) }
    func testPlainDatabaseGetsSpatialSupportOnlyWhenNeededOnPostgres() throws { try plainDatabase(sandbox(.postgres)) }

    /// A database made by other tools, with a table and a row and no spatial metadata (SQLite:
    /// a plain sqlite3 file; PostgreSQL: no PostGIS extension): plain migrations run and leave
    /// it plain; a spatial one creates the metadata first.
    private func plainDatabase(_ s: CLISandbox) throws {
        switch s.backend {
        case .sqlite:
            try makeSQLiteFile(s.path("db.sqlite"), "CREATE TABLE existing (id INTEGER PRIMARY KEY, note TEXT); INSERT INTO existing VALUES (1, 'kept');")
        case .postgres:
            try XCTUnwrap(s.postgres).execute("DROP EXTENSION IF EXISTS postgis CASCADE; CREATE TABLE existing (id bigint PRIMARY KEY, note text); INSERT INTO existing VALUES (1, 'kept')")
        }
        let metadata = s.backend.expect(sqlite: "spatial_ref_sys", postgres: "spatial_ref_sys")
        XCTAssertFalse(try s.allTables().contains(metadata), "the database starts without spatial metadata")

        try s.writeTableMigration(1, "plain")
        XCTAssertSucceeds(try s.migrate("up"))
        XCTAssertFalse(try s.allTables().contains(metadata), "[\(s.backend)] a plain migration leaves the database plain")

        let spatial = s.backend.expect(
            sqlite: "CREATE TABLE places (id INTEGER PRIMARY KEY, name TEXT);\nSELECT AddGeometryColumn('places', 'geom', 4326, 'POINT', 'XY');\n",
            postgres: "CREATE TABLE places (id bigint PRIMARY KEY, name text, geom geometry(Point, 4326));\n")
        try s.writeMigration(2, "places", up: spatial, down: s.backend.expect(
            sqlite: "SELECT DiscardGeometryColumn('places', 'geom');\nDROP TABLE places;\n", postgres: "DROP TABLE places;\n"))
        XCTAssertSucceeds(try s.migrate("up"))
        XCTAssertTrue(try s.allTables().contains(metadata), "[\(s.backend)] the spatial migration created the metadata")
        _ = try s.query("INSERT INTO places (id, name, geom) VALUES (1, 'Kevo', ST_GeomFromText('POINT(27.01 69.75)', 4326))")
        XCTAssertEqual(try s.query("SELECT ST_X(geom) AS x FROM places").first?["x"] as? Double, 27.01)
        XCTAssertEqual(try s.query("SELECT note FROM existing").first?["note"] as? String, "kept", "existing data survives")
        XCTAssertSucceeds(try s.migrate("down", "--all"))
        XCTAssertEqual(try s.tables(), ["existing", "meridian_migrations"])
    }

    /// A file and folder without write permission (``unprivilegedLauncher(_:)``).
    func testReadOnlyFile() throws {
        let s = try sandbox(.sqlite)
        try s.writeTableMigration(1, "t1")
        try s.writeTableMigration(2, "t2")
        XCTAssertSucceeds(try s.migrate("up", "--to", "1"))
        let before = try s.state()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: s.path("db.sqlite")))

        let launcher = try unprivilegedLauncher(s)
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: s.path("db.sqlite"))
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: s.folder.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: s.folder.path) }

        for command in [["migrate", "up"], ["migrate", "down"], ["migrate", "force", "2"]] {
            let result = try s.meridian(command + ["--database", s.database], launcher: launcher)
            XCTAssertFailsCleanly(result, mentioning: ["db.sqlite", "read-only"], "meridian \(command.joined(separator: " "))")
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: s.path("db.sqlite"))), bytes, "the file's bytes are unchanged")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: s.folder.path)
        XCTAssertEqual(try s.state(), before)
    }
}

import Foundation
import MeridianTesting
import XCTest

/// A user's SQLite file that a command only read stays byte for byte as it was: no journal
/// mode switched, no SpatiaLite metadata added, no `-wal` or `-shm` file left beside it.
/// Checked on a plain file and a SpatiaLite file as the `sqlite3` shell makes them (rollback
/// journal), and on a SpatiaLite file Meridian made (WAL), after every command that reads.
final class ReadOnlyCommandTests: CLITestCase {
    /// Every file under the working folder, by relative path, with its bytes.
    private func snapshot(_ s: CLISandbox) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for case let name as String in FileManager.default.enumerator(atPath: s.folder.path) ?? .init() {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: s.path(name), isDirectory: &isFolder), !isFolder.boolValue {
                files[name] = try Data(contentsOf: URL(fileURLWithPath: s.path(name)))
            }
        }
        return files
    }

    /// A migration that the file has not applied, so that `migrate` has a folder to compare.
    private func writePendingMigration(_ s: CLISandbox) throws {
        try s.writeMigration(90, "create_notes", up: "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);\n", down: "DROP TABLE notes;\n")
    }

    /// Every command that reads a database, pointed at `s.database`; `table` and `column` are
    /// a point column for `near`. Those in `mayFail` are run for what they leave behind only.
    private func readingCommands(_ s: CLISandbox, table: String, column: String) -> [[String]] {
        let database = ["--database", s.database]
        return [
            database,
            ["info"] + database,
            ["query", "SELECT * FROM \(table)"] + database,
            ["query", "SELECT count(*) AS n FROM sqlite_master", "--json"] + database,
            ["near", "--table", table, "--column", column, "--lat", "69", "--lon", "27", "--km", "1000"] + database,
            ["schema", "inspect"] + database,
            ["schema", "version"] + database,
            ["migrate", "status"] + database,
            ["migrate", "validate"] + database,
            ["migrate", "up", "--dry-run"] + database,
            ["migrate", "down", "--dry-run"] + database,
            ["export", "--from", s.database, "--to", s.runner.outputs.appendingPathComponent("export.sql").path],
        ]
    }

    /// Runs every reading command and checks that the folder is as it was after each.
    private func assertLeftAsItWas(_ s: CLISandbox, table: String, column: String, mayFail: Set<String>, file: StaticString = #filePath, line: UInt = #line) throws {
        let before = try snapshot(s)
        XCTAssertFalse(before.isEmpty, file: file, line: line)
        for command in readingCommands(s, table: table, column: column) {
            let result = try s.meridian(command)
            let name = command.prefix { !$0.hasPrefix("-") }.joined(separator: " ")
            if mayFail.contains(name) {
                XCTAssertFalse(result.signalled, "\(result)", file: file, line: line)
            } else {
                XCTAssertSucceeds(result, "meridian \(name)", file: file, line: line)
            }
            let after = try snapshot(s)
            XCTAssertEqual(after.keys.sorted(), before.keys.sorted(), "meridian \(name) left the same files in the folder", file: file, line: line)
            XCTAssertTrue(after == before, "meridian \(name) left every file's bytes as they were", file: file, line: line)
        }
    }

    func testAPlainFileMadeBySQLite3IsLeftAsItWas() throws {
        let s = try sandbox(.sqlite)
        try makeSQLiteFile(s.path("db.sqlite"), "CREATE TABLE places (id INTEGER PRIMARY KEY, name TEXT, location BLOB); INSERT INTO places (name) VALUES ('Kevo');")
        try writePendingMigration(s)
        // near finds no spatial index, and schema version no version: each says so, and writes nothing.
        try assertLeftAsItWas(s, table: "places", column: "location", mayFail: ["near", "schema version"])
    }

    func testASpatiaLiteFileMadeBySQLite3IsLeftAsItWas() throws {
        let s = try sandbox(.sqlite)
        try makeSQLiteFile(
            s.path("db.sqlite"), ".load \(ProcessInfo.processInfo.environment["MERIDIAN_SPATIALITE_PATH"] ?? "mod_spatialite")",
            """
            SELECT InitSpatialMetadata(1, 'WGS84');
            CREATE TABLE places (id INTEGER PRIMARY KEY, name TEXT);
            SELECT AddGeometryColumn('places', 'location', 4326, 'POINT', 'XY');
            SELECT CreateSpatialIndex('places', 'location');
            INSERT INTO places (name, location) VALUES ('Kevo', MakePoint(27.01, 69.75, 4326)), ('Oulu', MakePoint(25.47, 65.01, 4326));
            """)
        try writePendingMigration(s)
        try assertLeftAsItWas(s, table: "places", column: "location", mayFail: ["schema version"])
        let near = try s.meridian(["near", "--table", "places", "--column", "location", "--lat", "69", "--lon", "27", "--km", "1000", "--database", s.database])
        XCTAssertMentionsInOrder(near.stdout, ["Kevo", "Oulu"], "SpatiaLite's functions work on a file opened to read")
    }

    func testASpatiaLiteFileMadeByMeridianInWALModeIsLeftAsItWas() throws {
        let s = try sandbox(.sqlite)
        try s.writeMigration(
            1, "places",
            up: """
                CREATE TABLE places (id INTEGER PRIMARY KEY, name TEXT);
                SELECT AddGeometryColumn('places', 'location', 4326, 'POINT', 'XY');
                SELECT CreateSpatialIndex('places', 'location');

                """,
            down: "SELECT DiscardGeometryColumn('places', 'location');\nDROP TABLE places;\n")
        XCTAssertSucceeds(try s.migrate("up"))
        _ = try s.query("INSERT INTO places (name, location) VALUES ('Kevo', MakePoint(27.01, 69.75, 4326))")
        XCTAssertEqual(try s.query("PRAGMA journal_mode").first?["journal_mode"] as? String, "wal")
        XCTAssertFalse(s.exists("db.sqlite-wal"), "the last connection removed the -wal file")
        try writePendingMigration(s)
        try assertLeftAsItWas(s, table: "places", column: "location", mayFail: ["schema version"])
    }

    /// `query` opens the file to read unless SQLite says the statement writes; a write then
    /// keeps the file's journal mode, and adds no spatial metadata.
    func testAWritingQueryKeepsTheJournalMode() throws {
        let s = try sandbox(.sqlite)
        try makeSQLiteFile(s.path("db.sqlite"), "CREATE TABLE t (id INTEGER PRIMARY KEY, x TEXT);")
        XCTAssertSucceeds(try s.meridian(["query", "INSERT INTO t (x) VALUES ('a')", "--database", s.database]))
        XCTAssertEqual(try s.query("SELECT x FROM t").first?["x"] as? String, "a")
        XCTAssertEqual(try s.query("PRAGMA journal_mode").first?["journal_mode"] as? String, "delete", "the rollback journal stays")
        XCTAssertEqual(try s.allTables(), ["t"], "no SpatiaLite metadata is added")
        XCTAssertEqual(try snapshot(s).keys.sorted(), ["db.sqlite"])
    }

    /// A `SELECT` of SpatiaLite's functions that write (here the one `near`'s error names)
    /// writes, though SQLite judges the statement read-only; the journal mode stays.
    func testASpatiaLiteFunctionThatWritesRunsOnAWriter() throws {
        let s = try sandbox(.sqlite)
        try makeSQLiteFile(
            s.path("db.sqlite"), ".load \(ProcessInfo.processInfo.environment["MERIDIAN_SPATIALITE_PATH"] ?? "mod_spatialite")",
            """
            SELECT InitSpatialMetadata(1, 'WGS84');
            CREATE TABLE places (id INTEGER PRIMARY KEY, name TEXT);
            SELECT AddGeometryColumn('places', 'location', 4326, 'POINT', 'XY');
            INSERT INTO places (name, location) VALUES ('Kevo', MakePoint(27.01, 69.75, 4326));
            """)
        let near = ["near", "--table", "places", "--lat", "69", "--lon", "27", "--km", "1000", "--database", s.database]
        XCTAssertFailsCleanly(try s.meridian(near), mentioning: ["places.location has no spatial index", "CreateSpatialIndex('places', 'location')"])
        XCTAssertEqual(try s.query("SELECT CreateSpatialIndex('places', 'location') AS ok").first?["ok"] as? Int, 1)
        let found = try s.meridian(near)
        XCTAssertSucceeds(found)
        XCTAssertTrue(found.stdout.contains("Kevo"), "\(found)")
        XCTAssertEqual(try s.query("PRAGMA journal_mode").first?["journal_mode"] as? String, "delete", "the rollback journal stays")
    }

    /// `near` on a column without a spatial index names the column and the statement that
    /// makes the index, not the SQL of the search.
    func testNearWithoutASpatialIndexSaysSo() throws {
        let s = try sandbox(.sqlite)
        try makeSQLiteFile(s.path("db.sqlite"), "CREATE TABLE t (id INTEGER PRIMARY KEY, location BLOB);")
        let near = try s.meridian(["near", "--table", "t", "--lat", "1", "--lon", "2", "--km", "3", "--database", s.database])
        XCTAssertFailsCleanly(near, mentioning: ["t.location has no spatial index", "CreateSpatialIndex('t', 'location')"])
        XCTAssertFalse(near.stderr.contains("idx_t_location"), "the R*Tree's name is SpatiaLite's detail: \(near)")
        XCTAssertFalse(near.stderr.contains("SELECT *"), "the search's SQL is not shown: \(near)")
        let missing = try s.meridian(["near", "--table", "nowhere", "--lat", "1", "--lon", "2", "--km", "3", "--database", s.database])
        XCTAssertFailsCleanly(missing, mentioning: ["table nowhere does not exist"])
        XCTAssertFalse(missing.stderr.contains("SELECT *"), "the search's SQL is not shown: \(missing)")
    }
}

import Foundation
import MeridianTesting
import XCTest

/// One test's world on one backend: a working folder (the process's cwd), a database of its
/// own, and that backend's migrations folder, with helpers that drive the CLI as a user would.
final class CLISandbox {
    let backend: Backend
    /// The working folder.
    let folder: URL
    /// The `--database` value: `sqlite:db.sqlite` in the folder, or a scratch PostgreSQL database.
    let database: String
    let runner: CLIRunner
    let postgres: ScratchPostgresDatabase?

    init(backend: Backend, folder: URL, database: String, runner: CLIRunner, postgres: ScratchPostgresDatabase?) {
        self.backend = backend
        self.folder = folder
        self.database = database
        self.runner = runner
        self.postgres = postgres
    }

    /// The folder `migrate` reads by default for this backend.
    var migrations: String { backend.expect(sqlite: "migrations-sqlite", postgres: "migrations-postgres") }

    // MARK: - Dialect

    /// The integer column type: `INTEGER` / `bigint`.
    var integer: String { backend.expect(sqlite: "INTEGER", postgres: "bigint") }

    /// A statement that keeps the engine busy for roughly `seconds` (SQLite has no sleep, so
    /// there it counts through a recursive CTE).
    func slowStatement(seconds: Double) -> String {
        backend.expect(
            sqlite: "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < \(Int(seconds * 8_000_000))) SELECT count(*) FROM c;",
            postgres: "SELECT pg_sleep(\(seconds));")
    }

    // MARK: - Running

    /// `meridian ARGS` in the folder. On PostgreSQL every run also checks that the server's
    /// password appears nowhere in the output, in URL or keyword form.
    @discardableResult
    func meridian(
        _ arguments: [String], environment: [String: String] = [:], launcher: [String] = [],
        file: StaticString = #filePath, line: UInt = #line
    ) throws -> CLIResult {
        let result = try runner.run(arguments, environment: environment, launcher: launcher)
        if let password = URLComponents(string: database)?.password, !password.isEmpty {
            for leak in [":\(password)@", "password=\(password)"] where result.output.contains(leak) {
                XCTFail("[\(backend)] the password was printed:\n\(result)", file: file, line: line)
            }
        }
        return result
    }

    /// `meridian migrate SUBCOMMAND --database DB ARGS`.
    @discardableResult
    func migrate(_ subcommand: String, _ arguments: String...) throws -> CLIResult {
        try meridian(["migrate", subcommand, "--database", database] + arguments)
    }

    /// `meridian migrate SUBCOMMAND …` started in the background.
    func launchMigrate(_ subcommand: String, _ arguments: String...) throws -> CLIProcess {
        try runner.launch(["migrate", subcommand, "--database", database] + arguments)
    }

    /// The rows of `meridian query SQL --json`; a failed query fails the test.
    func query(_ sql: String, file: StaticString = #filePath, line: UInt = #line) throws -> [[String: Any]] {
        let result = try meridian(["query", sql, "--database", database, "--json"])
        guard result.status == 0 else {
            XCTFail("[\(backend)] query failed: \(result)", file: file, line: line)
            throw CLIError.setup("query failed")
        }
        guard let rows = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]] else {
            XCTFail("[\(backend)] query --json printed no array of objects: \(result)", file: file, line: line)
            throw CLIError.setup("query output")
        }
        return rows
    }

    /// `migrate status --json`, decoded; a failure fails the test.
    func status(_ extra: String..., file: StaticString = #filePath, line: UInt = #line) throws -> StatusReport {
        let result = try meridian(["migrate", "status", "--database", database, "--json"] + extra)
        guard result.status == 0 else {
            XCTFail("[\(backend)] status failed: \(result)", file: file, line: line)
            throw CLIError.setup("status failed")
        }
        do {
            return try JSONDecoder().decode(StatusReport.self, from: Data(result.stdout.utf8))
        } catch {
            XCTFail("[\(backend)] status --json is not the expected JSON (\(error)): \(result)", file: file, line: line)
            throw error
        }
    }

    /// Whether the database exists: the SQLite file, or (always) the scratch PostgreSQL database.
    var databaseExists: Bool {
        guard backend == .sqlite, database.hasPrefix("sqlite:") else { return true }
        return exists(String(database.dropFirst("sqlite:".count)))
    }

    /// Makes the database a new, empty one, as `meridian info` does for an SQLite file
    /// (commands other than `migrate up` refuse a file that does not exist).
    func createDatabase(file: StaticString = #filePath, line: UInt = #line) throws {
        guard !databaseExists else { return }
        XCTAssertSucceeds(try meridian(["info", "--database", database]), file: file, line: line)
    }

    /// The user's tables (not SQLite's, SpatiaLite's or PostGIS's own); none when the SQLite
    /// file does not exist.
    func tables(file: StaticString = #filePath, line: UInt = #line) throws -> Set<String> {
        guard databaseExists else { return [] }
        let sql = backend.expect(
            sqlite: "SELECT name FROM sqlite_master WHERE type = 'table'",
            postgres: "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'")
        return Set(try query(sql, file: file, line: line).compactMap { $0["name"] as? String }.filter(Self.isUserTable))
    }

    /// Every table's name, metadata included (for the spatial-metadata checks).
    func allTables() throws -> Set<String> {
        guard databaseExists else { return [] }
        let sql = backend.expect(
            sqlite: "SELECT name FROM sqlite_master WHERE type = 'table'",
            postgres: "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'")
        return Set(try query(sql).compactMap { $0["name"] as? String })
    }

    static func isUserTable(_ name: String) -> Bool {
        let lowered = name.lowercased()
        let metadata = [
            "sqlite_", "spatial_ref_sys", "spatialite_history", "geometry_columns", "views_geometry_columns",
            "virts_geometry_columns", "sql_statements_log", "spatialindex", "elementarygeometries", "knn",
            "data_licenses", "idx_", "geom_cols_ref_sys", "vector_layers", "raster_coverages",
        ]
        return !metadata.contains(where: lowered.hasPrefix)
    }

    /// The versions recorded in `meridian_migrations` (none when it does not exist).
    func recordedVersions() throws -> [Int64] {
        guard try tables().contains("meridian_migrations") else { return [] }
        return try query("SELECT version FROM meridian_migrations").compactMap { ($0["version"] as? String).flatMap { Int64($0) } }.sorted()
    }

    /// A comparable picture of the database: its tables, their row counts, and the tracking
    /// rows in full, for "the database is unchanged" checks that do not depend on the files.
    func state() throws -> [String] {
        var lines: [String] = []
        for table in try tables().sorted() {
            let count = try query("SELECT count(*) AS n FROM \(table)").first?["n"] as? NSNumber
            lines.append("table \(table): \(count?.intValue ?? -1) rows")
        }
        if try tables().contains("meridian_migrations") {
            for row in try query("SELECT * FROM meridian_migrations ORDER BY version") {
                let data = try JSONSerialization.data(withJSONObject: row, options: [.sortedKeys])
                lines.append("tracked " + String(decoding: data, as: UTF8.self))
            }
        }
        return lines
    }

    // MARK: - Files

    func path(_ relative: String) -> String { folder.appendingPathComponent(relative).path }

    func exists(_ relative: String) -> Bool { FileManager.default.fileExists(atPath: path(relative)) }

    /// Writes `text` at `relative`, creating folders.
    func write(_ relative: String, _ text: String) throws {
        let url = folder.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func read(_ relative: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(relative), encoding: .utf8)
    }

    /// The up script's path, relative: `migrations-sqlite/0002_slug.up.sql`.
    func upFile(_ version: Int, _ slug: String) -> String { "\(migrations)/\(Self.stem(version, slug)).up.sql" }

    func downFile(_ version: Int, _ slug: String) -> String { "\(migrations)/\(Self.stem(version, slug)).down.sql" }

    static func stem(_ version: Int, _ slug: String) -> String { String(format: "%04d_", version) + slug }

    /// Writes `NNNN_slug.up.sql` and (unless `nil`) `NNNN_slug.down.sql` into this backend's folder.
    func writeMigration(_ version: Int, _ slug: String, up: String, down: String?) throws {
        try write(upFile(version, slug), up)
        if let down { try write(downFile(version, slug), down) }
    }

    /// A migration that creates table `name` (id, label) and drops it.
    func writeTableMigration(_ version: Int, _ name: String) throws {
        try writeMigration(
            version, "create_\(name)",
            up: "CREATE TABLE \(name) (id \(integer) PRIMARY KEY, label TEXT);\n",
            down: "DROP TABLE \(name);\n")
    }
}

/// `meridian migrate status --json`.
struct StatusReport: Decodable {
    struct Entry: Decodable {
        /// As the file name spells it: `0003`, `2024-05-01-120000`.
        var version: String
        var name: String
        var state: String
        var appliedAt: String?
        var appliedBy: String?
        var durationMs: Double?

        /// The version's digits as a number: 3 for `0003`, 20240501120000 for `2024-05-01-120000`.
        var number: Int64 { Int64(version.filter(\.isNumber)) ?? -1 }
    }

    var database: String
    var migrations: [Entry]
    var problems: [String]

    func state(of version: Int64) -> String? { migrations.first { $0.number == version }?.state }

    /// Versions by state, in order: `["applied": [1, 2], "pending": [3]]`.
    var states: [String: [Int64]] {
        Dictionary(grouping: migrations, by: \.state).mapValues { $0.map(\.number).sorted() }
    }

    var applied: [Int64] { states["applied"] ?? [] }
    var pending: [Int64] { states["pending"] ?? [] }
}

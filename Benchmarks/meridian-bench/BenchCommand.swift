import ArgumentParser
import Foundation

/// `meridian-bench`: Meridian side by side with its peer, one subcommand per benchmark.
///
/// Every benchmark ends with one `RESULT` line per peer on standard output (see DESIGN.md,
/// "Benchmarks"); progress goes to standard error. Build in release mode.
@main
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "meridian-bench",
        abstract: "Benchmarks of Meridian against its peers; lower is better, ratio < 1 means Meridian is faster.",
        subcommands: [All.self, PointQuery.self, Insert.self, SpatialMetadata.self, Migrate.self, FreshDB.self, Radius.self, ExportCommand.self, Generate.self, App.self]
    )
}

struct RoundOptions: ParsableArguments {
    @Option(help: "Rounds per side, alternating Meridian and the peer; the median is reported.")
    var rounds = 5

    func validate() throws {
        guard rounds >= 1 else { throw ValidationError("--rounds must be at least 1") }
    }
}

struct PointQuery: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "point-query", abstract: "Select one row by primary key 100k times, against a bare sqlite3 loop.")
    @OptionGroup var options: RoundOptions

    func run() throws { try PointQueryBenchmark(rounds: options.rounds).run() }
}

struct Insert: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "insert", abstract: "Insert rows with a point into a fresh SpatiaLite file, against a bare sqlite3 loop with MakePoint.")
    @OptionGroup var options: RoundOptions
    @Option(help: "Rows per round.") var rows = 1_000_000

    func validate() throws {
        guard rows >= 1 else { throw ValidationError("--rows must be at least 1") }
    }

    func run() throws { try InsertBenchmark(rounds: options.rounds, rows: rows).run() }
}

struct SpatialMetadata: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spatial-metadata", abstract: "Create a fresh file with SpatiaLite metadata: InitSpatialMetadata variants and Meridian's choice.")
    @OptionGroup var options: RoundOptions
    @Flag(help: "Also time InitSpatialMetadata() on a file with SQLite's default journal (8–10 s a round).") var slow = false

    func run() throws { try SpatialMetadataBenchmark(rounds: options.rounds, slow: slow).run() }
}

struct Migrate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Apply a 30-migration folder to fresh databases, against sqlite3 and psql -f of the same files; then the meridian command's start-up.")
    @OptionGroup var options: RoundOptions
    @Option(help: "PostgreSQL URL for the PostgreSQL side (default: $MERIDIAN_POSTGRES_URL; skipped without one).")
    var postgres: String?
    @Option(help: "The meridian executable (default: next to meridian-bench, else .build/release/meridian).")
    var meridian: String?

    func run() throws {
        try MigrateBenchmark(rounds: options.rounds, postgresURL: postgresURL(postgres), meridianPath: meridian).run()
    }
}

struct FreshDB: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fresh-db",
        abstract: "Simulated tests each taking a fresh migrated, seeded SpatiaLite database, against re-migrating and CREATE DATABASE … TEMPLATE.")
    @Option(help: "PostgreSQL URL for the template peer (default: $MERIDIAN_POSTGRES_URL; skipped without one).")
    var postgres: String?
    @Option(help: "Simulated tests in a row.") var tests = 1_000
    @Option(help: "Folder holding migrations-sqlite, migrations-postgres and fixtures (default: the working directory).")
    var root: String?

    func validate() throws {
        guard tests >= 1 else { throw ValidationError("--tests must be at least 1") }
    }

    func run() throws {
        try FreshDatabaseBenchmark(tests: tests, postgresURL: postgresURL(postgres), root: root ?? FileManager.default.currentDirectoryPath).run()
    }
}

struct Radius: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Earthquakes within 100 km of 20 places among a million generated ones: SpatiaLite against PostGIS, p95, counts compared.")
    @Option(help: "PostgreSQL URL for the PostGIS side (default: $MERIDIAN_POSTGRES_URL); the account needs CREATEDB.")
    var postgres: String?
    @Option(help: "Rounds: each asks every centre once on each backend.") var rounds = 20
    @Option(help: "Generated earthquakes in each database.") var rows = 1_000_000
    @Option(help: "Folder holding migrations-sqlite and migrations-postgres (default: the working directory).")
    var root: String?

    func validate() throws {
        guard rounds >= 1 else { throw ValidationError("--rounds must be at least 1") }
        guard rows >= 1 else { throw ValidationError("--rows must be at least 1") }
    }

    func run() throws {
        guard let url = postgresURL(postgres) else {
            throw ValidationError("radius compares SpatiaLite with PostGIS: pass --postgres URL or set MERIDIAN_POSTGRES_URL")
        }
        try RadiusBenchmark(rounds: rounds, rows: rows, postgresURL: url, root: root ?? FileManager.default.currentDirectoryPath).run()
    }
}

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a million earthquakes from SpatiaLite into PostGIS: meridian export against psql \\copy + index builds, ogr2ogr and pgloader.")
    @Option(help: "Rounds per contender, in rotating order; the median is reported.") var rounds = 3
    @Option(help: "PostgreSQL URL of a server to create (and drop) databases on (default: $MERIDIAN_POSTGRES_URL).")
    var postgres: String?
    @Option(help: "Rows in the SpatiaLite file.") var rows = 1_000_000
    @Option(help: "The meridian executable (default: next to meridian-bench, else .build/release/meridian).")
    var meridian: String?

    func validate() throws {
        guard rounds >= 1, rows >= 1 else { throw ValidationError("--rounds and --rows must be at least 1") }
    }

    func run() throws {
        guard let url = postgresURL(postgres) else { throw ValidationError("export needs a PostgreSQL server: pass --postgres URL or set MERIDIAN_POSTGRES_URL") }
        try ExportBenchmark(rounds: rounds, rows: rows, serverURL: url, meridianPath: meridian).run()
    }
}

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate the next migration of a 100-table schema with one change per table: meridian migrate generate against alembic revision --autogenerate.")
    @OptionGroup var options: RoundOptions
    @Option(help: "PostgreSQL URL of a server to create (and drop) Alembic's database on (default: $MERIDIAN_POSTGRES_URL; Alembic on SQLite alone without one).")
    var postgres: String?
    @Option(help: "The meridian executable (default: next to meridian-bench, else .build/release/meridian).")
    var meridian: String?

    func run() throws {
        try GenerateBenchmark(rounds: options.rounds, postgresURL: postgresURL(postgres), meridianPath: meridian).run()
    }
}

/// `--postgres`, else `MERIDIAN_POSTGRES_URL`, else `nil`.
func postgresURL(_ option: String?) -> String? {
    let url = option ?? ProcessInfo.processInfo.environment["MERIDIAN_POSTGRES_URL"]
    return url?.isEmpty == false ? url : nil
}

struct All: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run every benchmark; exits non-zero if any failed.")
    @OptionGroup var options: RoundOptions
    @Option(help: "PostgreSQL URL for the PostgreSQL benchmarks (default: $MERIDIAN_POSTGRES_URL).")
    var postgres: String?
    @Option(help: "Rows per round for insert.") var rows = 1_000_000
    @Flag(help: "Include the slow variants (spatial-metadata on SQLite's default journal).") var slow = false

    func run() throws {
        let benchmarks: [(String, () throws -> Void)] = [
            (PointQueryBenchmark.name, { try PointQueryBenchmark(rounds: options.rounds).run() }),
            (InsertBenchmark.name, { try InsertBenchmark(rounds: options.rounds, rows: rows).run() }),
            (SpatialMetadataBenchmark.name, { try SpatialMetadataBenchmark(rounds: options.rounds, slow: slow).run() }),
            (MigrateBenchmark.name, { try MigrateBenchmark(rounds: options.rounds, postgresURL: postgresURL(postgres)).run() }),
            (FreshDatabaseBenchmark.name, {
                try FreshDatabaseBenchmark(tests: 1_000, postgresURL: postgresURL(postgres), root: FileManager.default.currentDirectoryPath).run()
            }),
            (ExportBenchmark.name, {
                guard let url = postgresURL(postgres) else { throw BenchmarkError("export needs --postgres URL or MERIDIAN_POSTGRES_URL") }
                try ExportBenchmark(rounds: min(options.rounds, 3), rows: 1_000_000, serverURL: url, meridianPath: nil).run()
            }),
            (GenerateBenchmark.name, { try GenerateBenchmark(rounds: options.rounds, postgresURL: postgresURL(postgres)).run() }),
        ]
        let radius: [(String, () throws -> Void)] = postgresURL(postgres).map { url in
            [(RadiusBenchmark.name, {
                try RadiusBenchmark(rounds: 20, rows: 1_000_000, postgresURL: url, root: FileManager.default.currentDirectoryPath).run()
            })]
        } ?? []
        if radius.isEmpty { Progress.log("all: no --postgres or MERIDIAN_POSTGRES_URL: radius skipped") }
        var failed: [String] = []
        for (name, run) in benchmarks + radius {
            do {
                try run()
            } catch {
                Progress.log("\(name) FAILED: \(error)")
                failed.append(name)
            }
        }
        guard failed.isEmpty else {
            Progress.log("all: failed: \(failed.joined(separator: ", "))")
            throw ExitCode.failure
        }
    }
}

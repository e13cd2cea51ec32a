import Foundation
import Meridian
import MeridianSQLite

/// `migrate`: apply a 30-migration folder with Meridian against the limit, `sqlite3` / `psql -f`
/// of the same files, per dialect, then the `meridian` command's start-up.
///
/// The corpus (``MigrationCorpus``) is written once per run into a temporary folder, the same
/// files every run; each round applies it to a fresh database. See ``MigrateSQLiteBenchmark``,
/// ``MigratePostgresBenchmark`` and ``MigrateStartupBenchmark`` for what each side does and
/// why the comparison is fair. Goals: ratio ≤ 1.2 per dialect, start-up under
/// 50 ms.
struct MigrateBenchmark {
    static let name = "migrate"
    static let ratioGoal = 1.2
    var rounds: Int
    var postgresURL: String?
    /// The `meridian` executable; `nil` looks next to this one, then in `.build/release/`.
    var meridianPath: String?
    var startupRuns = 20

    func run() throws {
        let directory = try TemporaryDirectory(Self.name)
        defer { directory.remove() }
        let folders = try MigrationCorpusSQL.write(to: directory.path)
        Progress.log("\(Self.name): corpus of \(MigrationCorpus.entries.count) migrations per dialect in \(directory.path)")
        let binary = locateMeridian()

        let sqliteFiles = try MigrationDirectory(path: folders.sqlite).load(dialect: .sqlite)
        let appliedBy = Migrator.currentUser
        let sqlite = MigrateSQLiteBenchmark(
            rounds: rounds, folder: folders.sqlite, directory: directory,
            scripts: MigratePeerScripts(migrations: sqliteFiles, appliedBy: appliedBy), meridianBinary: binary)
        try sqlite.run()

        if let postgresURL {
            let files = try MigrationDirectory(path: folders.postgres).load(dialect: .postgres)
            var postgres = MigratePostgresBenchmark(
                rounds: rounds, serverURL: postgresURL, folder: folders.postgres, directory: directory,
                scripts: MigratePeerScripts(migrations: files, appliedBy: appliedBy), meridianBinary: binary)
            try postgres.run()
            try compareDialects(sqlitePath: sqlite.resultPath, postgres: postgres.schema)
        } else {
            Progress.log("\(Self.name): PostgreSQL skipped: pass --postgres URL or set MERIDIAN_POSTGRES_URL")
        }

        if let binary {
            try MigrateStartupBenchmark(runs: startupRuns, binary: binary, database: sqlite.resultPath, folder: folders.sqlite).run()
        } else {
            Progress.log("\(Self.name): start-up skipped: no meridian binary; build it with "
                + "`swift build -c release --product meridian` or pass --meridian PATH")
        }
    }

    /// The corpus is meant to build one schema on both dialects, as `meridian check` demands of
    /// a project's folders; a difference is the corpus's bug, reported but not fatal.
    private func compareDialects(sqlitePath: String, postgres: SchemaSnapshot?) throws {
        guard let postgres else { return }
        let sqlite = try SQLiteConnection(path: sqlitePath).inspectSchema()
        let differences = SchemaDifference.differences(between: sqlite, named: "sqlite", and: postgres, named: "postgres")
        for difference in differences { Progress.log("\(Self.name): corpus differs between dialects: \(difference)") }
        if differences.isEmpty {
            Progress.log("\(Self.name): both dialects built the same schema (\(sqlite.tables.count) tables, \(sqlite.views.count) view)")
        }
    }

    private func locateMeridian() -> String? {
        if let meridianPath {
            guard FileManager.default.isExecutableFile(atPath: meridianPath) else {
                Progress.log("\(Self.name): --meridian \(meridianPath) is not an executable")
                return nil
            }
            return meridianPath
        }
        let own = (Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0]))
            .resolvingSymlinksInPath().deletingLastPathComponent().path
        return [own + "/meridian", FileManager.default.currentDirectoryPath + "/.build/release/meridian"]
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}

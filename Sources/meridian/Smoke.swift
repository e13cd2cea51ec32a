import ArgumentParser
import Meridian

/// `meridian smoke`: every migration down and up again on scratch databases, with data.
struct Smoke: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Apply all, seed, roll back step by step and reapply, on scratch databases of both dialects.",
        discussion: """
            On a temporary SpatiaLite file and a scratch database on the --postgres server: \
            applies every migration, loads the fixtures, rolls back one migration at a time to \
            nothing and reapplies one at a time to the top. After each step, every table whose \
            schema the step did not touch must hold exactly the rows it held before; at the end \
            the schema must equal the one the first run built.
            """)

    @OptionGroup var scratch: ScratchOptions
    @OptionGroup var output: OutputOptions

    @Option(help: ArgumentHelp("The fixture files to load.", valueName: "dir"))
    var fixtures = "fixtures"

    struct Report: Encodable {
        var sqlite: MigrationSmokeTest.Report
        var postgres: MigrationSmokeTest.Report
    }

    func run() throws {
        let (sqliteFiles, postgresFiles) = try scratch.loadFolders()
        let files = try FixtureFile.load(directory: fixtures)
        let sqlite = try ScratchOptions.withScratchSQLite { db in
            try MigrationSmokeTest(migrator: Migrator(connection: db, migrations: sqliteFiles), fixtures: files).run()
        }
        let postgres = try scratch.withScratchPostgres(purpose: "smoke") { db in
            try MigrationSmokeTest(migrator: Migrator(connection: db, migrations: postgresFiles), fixtures: files).run()
        }
        if output.json {
            try output.printJSON(Report(sqlite: sqlite, postgres: postgres))
        } else {
            for (name, report) in [("sqlite", sqlite), ("postgres", postgres)] {
                let checked = report.steps.reduce(0) { $0 + $1.untouchedTables.count }
                print("\(name): \(plural(report.migrations, "migration")), \(plural(report.rowsLoaded, "fixture row")), \(plural(report.steps.count, "step")), \(plural(checked, "untouched table")) compared, \(report.problems.isEmpty ? "ok" : plural(report.problems.count, "problem"))")
            }
        }
        let problems = sqlite.problems.map { "sqlite: \($0)" } + postgres.problems.map { "postgres: \($0)" }
        if !problems.isEmpty { throw ReportedProblems(problems) }
    }
}

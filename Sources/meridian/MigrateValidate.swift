import ArgumentParser
import Meridian

struct MigrateValidate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check the files against the database without running anything; exit 1 on any problem.",
        discussion: "Reports edited or renamed applied migrations, applied migrations whose files are missing, files added below the current version, a database ahead of its files, and dirty migrations.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var migrations: MigrationOptions

    func run() throws {
        let url = try database.url()
        let files = try migrations.load(for: url)
        let migrator = Migrator(connection: try DatabaseOptions.connect(url, for: .read, spatiaLite: false), migrations: files)
        let problems = try migrator.problems()
        guard problems.isEmpty else {
            for problem in problems { Console.progress("problem: \(problem)") }
            throw ExitCode.failure
        }
        let pending = try migrator.pendingUp().count
        print("\(url): \(migrator.migrations.count) migrations, files and database agree; \(pending) pending")
    }
}

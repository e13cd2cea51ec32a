import ArgumentParser
import Meridian

struct MigrateUp: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "up", abstract: "Apply pending migrations, in order; a missing SQLite file is created.",
        discussion: "On SQLite the file is switched to WAL, and SpatiaLite's metadata is added by the first migration that makes a geometry column. --dry-run only reads.")

    @OptionGroup var context: MigrationContext

    @Option(help: ArgumentHelp("Stop after this version, spelled as its file name spells it (0003, 2024-05-01-120000).", valueName: "version"))
    var to: String?

    @Flag(help: "Print the SQL that would run, and change nothing.")
    var dryRun = false

    func run() throws {
        let (migrator, url) = try context.migrator(for: dryRun ? .read : .create)
        let to = try to.map(migrator.version(named:))
        if dryRun {
            DryRun.print(try migrator.pendingUp(to: to).map { ($0, $0.up) }, direction: "apply")
            return
        }
        let applied = try migrator.up(to: to)
        let version = try migrator.currentVersion()
        print(applied.isEmpty ? "\(url): nothing to apply, at version \(version)" : "\(url): at version \(version)")
    }
}

import ArgumentParser
import Meridian

struct MigrateUp: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "up", abstract: "Apply pending migrations, in order.")

    @OptionGroup var context: MigrationContext

    @Option(help: ArgumentHelp("Stop after this version.", valueName: "version"))
    var to: Int64?

    @Flag(help: "Print the SQL that would run, and change nothing.")
    var dryRun = false

    func run() throws {
        let (migrator, url) = try context.migrator()
        if dryRun {
            DryRun.print(try migrator.pendingUp(to: to).map { ($0, $0.up) }, direction: "apply")
            return
        }
        let applied = try migrator.up(to: to)
        let version = try migrator.applied().last.map { Migration.format($0.version) } ?? "none"
        print(applied.isEmpty ? "\(url): nothing to apply, at version \(version)" : "\(url): at version \(version)")
    }
}

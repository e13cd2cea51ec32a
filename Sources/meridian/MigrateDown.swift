import ArgumentParser
import Meridian

struct MigrateDown: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "down", abstract: "Roll back migrations, newest first (one, unless told otherwise).")

    @OptionGroup var context: MigrationContext

    @Option(help: ArgumentHelp("Roll back until this version is the newest applied (0 for none), spelled as its file name spells it.", valueName: "version"))
    var to: String?

    // Unconditional, so that `--steps -1` reaches validate() instead of reading as an option.
    @Option(parsing: .unconditional, help: ArgumentHelp("Roll back this many migrations.", valueName: "n"))
    var steps: Int?

    @Flag(help: "Roll back every applied migration.")
    var all = false

    @Flag(help: "Print the SQL that would run, and change nothing.")
    var dryRun = false

    @Flag(help: "Record migrations whose down script has no statements as rolled back, leaving what they made in the database.")
    var allowEmptyDown = false

    func validate() throws {
        if [to != nil, steps != nil, all].filter({ $0 }).count > 1 {
            throw ValidationError("give one of --to, --steps and --all")
        }
        if let steps, steps < 1 { throw ValidationError("--steps must be 1 or more, not \(steps)") }
    }

    func run() throws {
        let (migrator, url) = try context.migrator(for: dryRun ? .read : .write)
        let target: MigrationPlanner.DownTarget = all ? .all : try to.map { .to(try migrator.version(named: $0)) } ?? .steps(steps ?? 1)
        if dryRun {
            DryRun.print(try migrator.pendingDown(target, allowEmptyDown: allowEmptyDown).compactMap { m in m.down.map { (m, $0) } }, direction: "roll back")
            return
        }
        let reverted = try migrator.down(target, allowEmptyDown: allowEmptyDown)
        let version = try migrator.currentVersion()
        print(reverted.isEmpty ? "\(url): nothing to roll back, at version \(version)" : "\(url): at version \(version)")
    }
}

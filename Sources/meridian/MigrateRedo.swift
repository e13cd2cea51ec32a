import ArgumentParser
import Meridian

struct MigrateRedo: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "redo", abstract: "Roll back the newest migration and apply it again.")

    @OptionGroup var context: MigrationContext

    func run() throws {
        let (migrator, url) = try context.migrator()
        guard let migration = try migrator.redo() else {
            print("\(url): nothing applied, nothing to redo")
            return
        }
        print("redid \(migration.name)")
    }
}

import ArgumentParser
import Meridian

struct MigrateForce: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "force",
        abstract: "Record the database as being at VERSION, running no SQL (the way out of a dirty migration).",
        discussion: """
            After a migration without a transaction fails half-way, repair the database by hand, \
            then record where it really is: `force N` if migration N is now fully applied, or \
            `force` with the version before it if it is fully undone. Versions up to VERSION are \
            recorded as applied with their current checksums; rows above it are removed. 0 records \
            an empty database. VERSION is spelled as the file name spells it (0003, \
            2024-05-01-120000) or as its number.
            """)

    @OptionGroup var context: MigrationContext

    @Argument(help: "The version the database is really at.")
    var version: String

    func run() throws {
        let (migrator, url) = try context.migrator()
        let version = try migrator.version(named: version)
        try migrator.force(version)
        print("\(url): recorded at version \(version.isZero ? "none" : version.description)")
    }
}

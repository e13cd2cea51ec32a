import ArgumentParser
import Meridian

/// `meridian schema version`: the semantic version of a database's schema, or of the folders'.
struct SchemaVersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "version",
        abstract: "Print the schema's semantic version: a database's (as its migrations recorded it) or the migration folder's.",
        discussion: """
            `meridian migrate generate` writes the version each migration leads to into its up \
            script (-- meridian:schema-version 1.3.0), and `migrate up` records it in \
            meridian_migrations. With --database, prints the version of the last applied \
            migration that carries one; without, the version of the last such migration in the \
            folder. Exits 1 when there is none.
            """)

    @Option(name: [.short, .long], help: ArgumentHelp("The database: sqlite:FILE or a postgres:// URL; the folder when left out.", valueName: "url"))
    var database: String?

    @Option(help: ArgumentHelp("The migrations folder.", valueName: "dir"))
    var migrations = "migrations-sqlite"

    func run() throws {
        let version: String?
        if let database {
            let connection = try DatabaseOptions.connect(try DatabaseURL(parsing: database), for: .read, spatiaLite: false)
            version = try MigrationHistory(connection).load().last(where: { $0.schemaVersion != nil })?.schemaVersion
        } else {
            version = try MigrationDirectory(path: migrations).load(dialect: .sqlite, requireDown: false).last(where: { $0.schemaVersion != nil })?.schemaVersion
        }
        guard let version else {
            throw ReportedProblems(["\(database ?? migrations) has no schema version yet"], hint: "`meridian migrate generate NAME` writes one into each migration it generates")
        }
        print(version)
    }
}

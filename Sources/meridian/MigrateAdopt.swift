import ArgumentParser
import Meridian

/// `meridian migrate adopt`: take over a database that golang-migrate, dbmate, Diesel, Flyway or
/// Alembic migrated.
struct MigrateAdopt: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "adopt",
        abstract: "Record what another migration tool applied, so that Meridian takes the database over.",
        discussion: """
            Reads __diesel_schema_migrations (Diesel), schema_migrations (golang-migrate or \
            dbmate), flyway_schema_history (Flyway) or alembic_version (Alembic), checks that \
            every version it names has a migration file (and, for Flyway, that the file's \
            checksum is unchanged), and records those migrations in meridian_migrations in one \
            transaction. The other tool's table is left as it was. golang-migrate records only \
            its current version: every file up to it counts as applied. Alembic's revisions are \
            Python files, so name the matching migration with --at; --at alone records a \
            baseline on a database no tool recorded.
            """)

    @OptionGroup var context: MigrationContext

    @Option(help: ArgumentHelp("Whose table to read when there are several: \(ForeignMigrationHistory.Tool.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "tool"))
    var from: String?

    @Option(help: ArgumentHelp("Record every migration up to this version as applied (Alembic, or a database no tool recorded).", valueName: "version"))
    var at: String?

    @Flag(help: "Say what would be recorded, and record nothing.")
    var dryRun = false

    func run() throws {
        let tool = try from.map { name in
            guard let tool = ForeignMigrationHistory.Tool(rawValue: name) else {
                throw ValidationError("--from takes one of \(ForeignMigrationHistory.Tool.allCases.map(\.rawValue).joined(separator: ", ")), not \(name)")
            }
            return tool
        }
        let (migrator, url) = try context.migrator(for: dryRun ? .read : .write)
        let adoption = try MigrationAdoption.plan(
            on: migrator.connection, migrations: migrator.migrations, tool: tool, at: try at.map(migrator.version(named:)))
        if !dryRun { try adoption.record(on: migrator.connection, appliedBy: migrator.appliedBy) }
        let verb = dryRun ? "would record" : "recorded"
        print("\(url): \(verb) \(plural(adoption.applied.count, "migration")) as applied, from \(adoption.source)")
        for (migration, _) in adoption.applied { print("  applied  \(migration.name)") }
        for migration in adoption.pending { print("  pending  \(migration.name)") }
    }
}

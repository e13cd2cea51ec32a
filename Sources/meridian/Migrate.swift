import ArgumentParser
import Meridian

/// `meridian migrate …`: versioned SQL migrations on either backend.
struct Migrate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Apply, roll back and inspect versioned SQL migrations.",
        discussion: """
            Migrations are files NNNN_name.up.sql and NNNN_name.down.sql. Each runs in a \
            transaction together with its row in the tracking table meridian_migrations, so an \
            error or a kill leaves the database at the last whole version. A first line \
            `-- meridian:no-transaction` runs a migration outside a transaction (for CREATE INDEX \
            CONCURRENTLY); if such a migration fails half-way it is recorded as dirty and \
            `meridian migrate force VERSION` is the way out once the database is repaired.

            Before running, every applied migration's file is compared with the checksum recorded \
            when it ran: an edited, missing or renamed file, or a database ahead of its files, \
            stops the run before anything changes.
            """,
        subcommands: [
            MigrateUp.self, MigrateDown.self, MigrateRedo.self, MigrateStatus.self, MigrateValidate.self,
            MigrateForce.self, MigrateNew.self, MigrateGenerate.self, MigrateAdopt.self,
        ])
}

/// What the `migrate` subcommands that run migrations share.
struct MigrationContext: ParsableArguments {
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var migrations: MigrationOptions
    @OptionGroup var telemetry: TelemetryOptions

    /// A migrator over the database and its folder; `use` is `.create` for `migrate up`,
    /// `.read` for a dry run, which changes nothing.
    func migrator(for use: DatabaseUse = .write) throws -> (Migrator, DatabaseURL) {
        let url = try database.url()
        let files = try migrations.load(for: url)
        let connection = try DatabaseOptions.connect(url, for: use)
        return (Migrator(connection: connection, migrations: files, telemetry: try telemetry.sink()), url)
    }
}

/// Prints the SQL a plan would run, for `--dry-run`.
enum DryRun {
    static func print(_ scripts: [(Migration, MigrationScript)], direction: String) {
        if scripts.isEmpty { Swift.print("-- nothing to \(direction)") }
        for (migration, script) in scripts {
            Swift.print("-- \(direction) \(migration.name) (\(script.path))\(script.transactional ? "" : ", without a transaction")")
            for statement in script.statements {
                Swift.print(statement.sql.hasSuffix(";") ? statement.sql : statement.sql + ";")
            }
            Swift.print("")
        }
    }
}

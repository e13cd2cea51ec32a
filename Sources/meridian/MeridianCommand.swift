import ArgumentParser
import Logging

/// `meridian`: one storage layer over SpatiaLite files and PostgreSQL + PostGIS servers.
@main
struct MeridianCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "meridian",
        abstract: "Versioned SQL migrations and one storage layer for SpatiaLite files and PostgreSQL + PostGIS.",
        discussion: """
            With no subcommand, meridian prints what the database is (info): an existing file is \
            only read, and a missing one is created as a SpatiaLite file (by default \
            meridian.sqlite in the working directory). Other commands refuse a missing file.

            Databases are URLs: sqlite:path/to/file.sqlite, or a libpq URI such as \
            postgres://user@host:5432/dbname?sslmode=verify-full. DATABASE_URL and the libpq PG* \
            variables (PGHOST, PGUSER, PGPASSWORD, …) work as they do with psql. Passwords are \
            never printed.

            Exit status: 0 on success, 1 when a command fails (the message names the file, line \
            or value and what to do), 64 for a usage error.
            """,
        subcommands: [Info.self, Init.self, Migrate.self, Check.self, SchemaCommand.self, Generate.self, Smoke.self, Seed.self, Fixtures.self, Load.self, Near.self, Query.self, Explain.self, Advise.self, Export.self, Import.self],
        defaultSubcommand: Info.self
    )

    static func main() {
        LoggingSystem.bootstrap(StreamLogHandler.standardError)
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            exit(withError: error)
        }
    }
}

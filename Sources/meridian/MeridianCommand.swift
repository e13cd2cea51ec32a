import ArgumentParser

/// `meridian`: one storage layer over SpatiaLite files and PostgreSQL + PostGIS servers.
@main
struct MeridianCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "meridian",
        abstract: "Work on SpatiaLite files and PostgreSQL + PostGIS servers through one storage layer.",
        discussion: """
            With no subcommand, meridian opens the database (creating a SpatiaLite file in the \
            working directory by default) and prints what it opened.

            Databases are URLs: sqlite:path/to/file.sqlite, or a libpq URI such as \
            postgres://user@host:5432/dbname?sslmode=verify-full. DATABASE_URL and the libpq PG* \
            variables (PGHOST, PGUSER, PGPASSWORD, …) work as they do with psql.
            """,
        subcommands: [Info.self],
        defaultSubcommand: Info.self
    )
}

import ArgumentParser
import Meridian

/// `meridian check`: the two folders in lockstep, and the schemas they build equal.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Prove migrations-sqlite/ and migrations-postgres/ build the same schema.",
        discussion: """
            Checks that both folders hold the same versions and names, each with a down script; \
            then applies each folder to a scratch database of its dialect (a temporary SpatiaLite \
            file, and a database created and dropped on the --postgres server), reads both \
            schemas back, and reports every difference by name: tables, columns with their \
            logical types and nullability, primary and foreign keys with their actions, unique \
            constraints, indexes (spatial too), checks, views and generated columns.
            """)

    @OptionGroup var scratch: ScratchOptions
    @OptionGroup var output: OutputOptions

    struct Report: Encodable {
        var migrations: Int
        var sqlite: SchemaSnapshot
        var postgres: SchemaSnapshot
        var differences: [SchemaDifference]
    }

    func run() throws {
        let (sqliteFiles, postgresFiles) = try scratch.loadFolders()
        let sqlite = try scratch.withScratchSQLite { db in
            try Migrator(connection: db, migrations: sqliteFiles).up()
            return try db.inspectSchema()
        }
        let postgres = try scratch.withScratchPostgres(purpose: "check") { db in
            try Migrator(connection: db, migrations: postgresFiles).up()
            return try db.inspectSchema()
        }
        let differences = SchemaDifference.differences(between: sqlite, named: "sqlite", and: postgres, named: "postgres")
        if output.json {
            try output.printJSON(Report(migrations: sqliteFiles.count, sqlite: sqlite, postgres: postgres, differences: differences))
        } else if differences.isEmpty {
            print("\(plural(sqliteFiles.count, "migration")) in lockstep; both build the same schema (\(plural(sqlite.tables.count, "table")), \(plural(sqlite.views.count, "view")))")
        }
        if !differences.isEmpty { throw ReportedProblems(differences.map(\.description)) }
    }
}

import ArgumentParser
import Meridian
import MeridianPostgres
import MeridianSQLite
import MeridianSchema

/// `meridian schema sql`: prints the DDL a schema file renders for one dialect.
struct SchemaSQLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sql",
        abstract: "Print the DDL that builds a schema file's schema on an empty database of one dialect.",
        discussion: """
            The statements run in this order: trigger functions for on_update columns \
            (PostgreSQL), tables after those they reference (with their CHECKs, keys, spatial \
            columns, indexes and triggers), functions, views, roles (PostgreSQL). Nothing is run.
            """)

    enum Dialect: String, ExpressibleByArgument, CaseIterable {
        case sqlite, postgres

        var dialect: any SQLDialect {
            switch self {
            case .sqlite: SQLiteDialect()
            case .postgres: PostgresDialect()
            }
        }
    }

    @Argument(help: ArgumentHelp("The schema file.", valueName: "file"))
    var file = "schema.yaml"

    @Option(help: ArgumentHelp("The dialect to render for: sqlite or postgres.", valueName: "dialect"))
    var dialect: Dialect

    func run() throws {
        let schema = try SchemaFileOptions.load(file)
        for statement in try schema.statements(for: dialect.dialect) { print(statement.sql + ";\n") }
    }
}

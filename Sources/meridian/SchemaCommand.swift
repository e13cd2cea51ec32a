import ArgumentParser

/// `meridian schema …`: the schema file, one declaration for both dialects.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Work with the schema file: one declaration of the schema for SQLite and PostgreSQL.",
        discussion: """
            A schema file (schema.yaml) declares tables, columns in the value contract's logical \
            types, keys, constraints, indexes, views, functions and PostgreSQL roles once; \
            Meridian renders it for SpatiaLite and PostGIS. Its format is \
            schema/meridian-schema.json, a JSON Schema editors use to complete and check it.
            """,
        subcommands: [SchemaInspect.self, SchemaValidate.self, SchemaSQLCommand.self, SchemaDiffCommand.self, SchemaVersionCommand.self])
}

import ArgumentParser
import Foundation
import Meridian
import MeridianSQLite
import MeridianSchema

/// Where a project keeps its schema file and its two migration folders, for the commands that
/// compare them (`schema diff`, `migrate generate`).
struct SchemaProjectOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The folder holding schema.yaml, migrations-sqlite/ and migrations-postgres/.", valueName: "dir"))
    var root = "."

    @Option(help: ArgumentHelp("The schema file; schema.yaml under --root when left out.", valueName: "file"))
    var schema: String?

    @Option(name: .customLong("fill"), help: ArgumentHelp(
        "The value existing rows get in a column that becomes NOT NULL, as TABLE.COLUMN=EXPR (a portable expression over the row); repeat it for several.",
        valueName: "table.column=expr"))
    var fillTexts: [String] = []

    var schemaPath: String { schema ?? path("schema.yaml") }
    var sqliteFolder: String { path("migrations-sqlite") }
    var postgresFolder: String { path("migrations-postgres") }

    func path(_ name: String) -> String { (root as NSString).appendingPathComponent(name) }

    /// The migration from what `migrations-sqlite/` builds to the schema file, planned on two
    /// scratch SpatiaLite files.
    func generated() throws -> GeneratedMigration {
        let schema = try SchemaFileOptions.load(schemaPath)
        let fills = try fillTexts.map { text throws -> ColumnFill in
            do { return try ColumnFill(parsing: text) } catch let error as SchemaPlanError { throw ValidationError(error.description) }
        }
        // A project's first migration creates the folders.
        let migrations = FileManager.default.fileExists(atPath: sqliteFolder)
            ? try MigrationDirectory(path: sqliteFolder).load(dialect: .sqlite, requireDown: false) : []
        return try ScratchOptions.withScratchSQLite { replay in
            try ScratchOptions.withScratchSQLite { scratch in
                try GeneratedMigration(schema: schema, migrations: migrations, replayingOn: replay, normalizingOn: scratch, fills: fills)
            }
        }
    }
}

/// How a generated migration's changes read in text and JSON.
struct SchemaChangeReport: Encodable {
    var kind: String
    var table: String
    var object: String?
    var `class`: String
    var reason: String
    var dataLoss: Bool
    var loses: String?
    var description: String

    init(_ change: SchemaChange) {
        kind = change.kind.rawValue
        table = change.table
        object = change.object
        self.class = change.level.rawValue
        reason = change.reason
        dataLoss = change.dataLoss != nil
        loses = change.dataLoss
        description = change.description
    }

    /// `MAJOR table notes: drop column body (readers and writers of the column fail; loses the values of notes.body)`.
    static func line(_ change: SchemaChange) -> String {
        "\(change.level.rawValue) \(change) (\(change.reason)\(change.dataLoss.map { "; loses \($0)" } ?? ""))"
    }
}

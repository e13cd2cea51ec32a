import ArgumentParser
import Foundation
import Meridian
import MeridianSQLite
import MeridianSchema

/// `meridian schema inspect`: writes the schema file of a live database or a migrations folder.
struct SchemaInspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Write the schema file of a database, or of a migrations folder replayed on a scratch SpatiaLite file.",
        discussion: """
            Reads a live database of either dialect (--database URL), or applies a folder of \
            SQLite migrations to a new SpatiaLite file in a temporary folder and reads that \
            (--migrations DIR). What the schema file cannot say (a declared type outside the \
            value contract, an expression default, a trigger other than an updated_at one, a \
            view body read from one dialect only) is named in a warning on stderr, never \
            dropped silently. The file goes to --output, or to stdout.
            """)

    @Option(name: [.short, .long], help: ArgumentHelp("The database to read: sqlite:FILE or a postgres:// URL.", valueName: "url"))
    var database: String?

    @Option(help: ArgumentHelp("A folder of SQLite migrations to replay on a scratch SpatiaLite file and read.", valueName: "dir"))
    var migrations: String?

    @Option(name: [.short, .long], help: ArgumentHelp("Where to write the schema file; stdout when left out.", valueName: "file"))
    var output: String?

    func validate() throws {
        if (database == nil) == (migrations == nil) {
            throw ValidationError("name what to inspect: --database URL or --migrations DIR (one of them)")
        }
    }

    func run() throws {
        let inspection: SchemaInspection
        if let migrations {
            let files = try MigrationDirectory(path: migrations).load(dialect: .sqlite, requireDown: false)
            inspection = try ScratchOptions.withScratchSQLite { db in
                _ = try Migrator(connection: db, migrations: files).up()
                return Schema.inspecting(try db.inspectSchema(), dialect: db.dialect)
            }
        } else {
            let connection = try DatabaseOptions.connect(try DatabaseURL(parsing: database ?? ""), for: .read)
            inspection = Schema.inspecting(try connection.inspectSchema(), dialect: connection.dialect)
        }
        for warning in inspection.warnings { FileHandle.standardError.write(Data("warning: \(warning)\n".utf8)) }
        let yaml = try SchemaFileWriter.yaml(inspection.schema)
        if let output {
            try yaml.write(toFile: output, atomically: true, encoding: .utf8)
        } else {
            print(yaml, terminator: "")
        }
    }
}

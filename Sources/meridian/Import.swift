import ArgumentParser
import Foundation
import Meridian
import MeridianPostgres
import MeridianSQLite

/// `meridian import`: a PostgreSQL database down into a SpatiaLite file, for offline work.
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Copy the tables of a PostgreSQL + PostGIS database into an SQLite/SpatiaLite file, in one transaction, and prove nothing was lost.",
        discussion: """
            The reverse of meridian export, with the same checks: both databases at the same \
            migration version (--migrate brings a new or older file up to the server's with the \
            SQLite migrations), tables in foreign-key order, every value converted to its \
            logical type (geography and geometry to SpatiaLite geometry, jsonb to canonical JSON \
            text), and before the commit each table's row count and content digest compared \
            with the server's. The file is created if it does not exist; a failure leaves it as \
            it was.

            --where TABLE=CONDITION imports only the rows of TABLE matching the SQL condition \
            (repeat for more tables); a row whose parent was filtered out stops the import, \
            naming the table and key.
            """)

    @Option(help: ArgumentHelp("The source: a postgres:// URL.", valueName: "url"))
    var from: String

    @Option(help: ArgumentHelp("The target: an SQLite file (sqlite:FILE), created if missing.", valueName: "url"))
    var to: String

    @Option(help: ArgumentHelp("The SQLite migrations, for --migrate.", valueName: "dir"))
    var migrations = "migrations-sqlite"

    @Option(name: .customLong("where"), help: ArgumentHelp("Import only the rows of TABLE matching the SQL CONDITION (repeatable).", valueName: "table=condition"))
    var conditions: [String] = []

    @OptionGroup var transfer: TransferOptions

    /// `--where` values by table name.
    private func filters() throws -> [String: String] {
        var filters: [String: String] = [:]
        for condition in conditions {
            guard let equals = condition.firstIndex(of: "="), equals != condition.startIndex else {
                throw ValidationError("--where takes TABLE=CONDITION, such as --where \"readings=taken_on >= '2024-01-01'\"; got \(condition)")
            }
            filters[String(condition[..<equals]).trimmingCharacters(in: .whitespaces)] = String(condition[condition.index(after: equals)...])
        }
        return filters
    }

    func run() throws {
        let sourceURL = try DatabaseURL(parsing: from)
        guard case .postgres(let conninfo) = sourceURL else {
            throw ValidationError("import reads a PostgreSQL database (--from postgres://…); to copy an SQLite file into PostgreSQL, use meridian export")
        }
        let targetURL = try DatabaseURL(parsing: to)
        guard case .sqlite(let path) = targetURL else {
            throw ValidationError("import writes an SQLite file (--to sqlite:FILE); to copy between PostgreSQL databases, use pg_dump")
        }
        let filters = try filters()
        let source = try PostgresConnection(url: conninfo)
        let existed = FileManager.default.fileExists(atPath: path)
        let target = try SQLiteConnection(path: path)
        do {
            try run(from: source, to: target, sourceURL: sourceURL, targetURL: targetURL, filters: filters)
        } catch {
            // A file this run created holds nothing of value when the import fails: leave none.
            if !existed {
                for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            }
            throw error
        }
    }

    private func run(from source: PostgresConnection, to target: SQLiteConnection, sourceURL: DatabaseURL, targetURL: DatabaseURL, filters: [String: String]) throws {
        try TransferRun(
            options: transfer, sourceName: sourceURL.description, targetName: targetURL.description, source: source, target: target,
            reader: PostgresTransferSource(source, filters: filters), writer: SQLiteTransferTarget(target),
            migrations: MigrationDirectory(path: migrations), migrationDialect: .sqlite,
            createTables: { try $0.create(on: target) }, mapType: PostgresInspector.nearestLogicalType(declared:), verb: "imported",
            filteredTables: Set(filters.keys)
        ).run()
    }
}

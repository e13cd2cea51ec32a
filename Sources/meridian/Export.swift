import ArgumentParser
import Foundation
import Meridian
import MeridianPostgres
import MeridianSQLite

/// `meridian export`: a SpatiaLite file into PostgreSQL + PostGIS, or into a script for psql.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Copy every table of an SQLite/SpatiaLite file into PostgreSQL + PostGIS, in one transaction, and prove nothing was lost.",
        discussion: """
            Checks first that both databases are at the same migration version (--migrate brings \
            an empty or older target up to the source's), then copies each table in foreign-key \
            order with COPY, converting each value to its column's logical type (SpatiaLite \
            geometry to geography/geometry with its SRID, JSON text to jsonb, timestamps, UUIDs, \
            booleans), and moves sequences and identities past the largest key. Tables that \
            start empty are loaded without their indexes and keys, which are built once after \
            the load.

            Before committing, each table is read back and its row count and content digest (an \
            order-independent hash of every value's canonical form) compared with the source's; \
            a difference, an error, a kill or Ctrl-C leaves the target as it was. The source \
            file is opened read-only.

            --to FILE.sql writes a script instead, for servers this machine cannot reach: load \
            it with psql -X -f FILE.sql "postgres://…"; it checks the migration version and the \
            row counts itself and runs in one transaction. An existing FILE.sql is replaced only \
            with --force, and only once the new script is complete.
            """)

    @Option(help: ArgumentHelp("The source: an SQLite or SpatiaLite file (sqlite:FILE).", valueName: "url"))
    var from: String

    @Option(help: ArgumentHelp("The target: a postgres:// URL, or a FILE.sql script to write.", valueName: "url"))
    var to: String

    @Option(help: ArgumentHelp("The PostgreSQL migrations, for --migrate.", valueName: "dir"))
    var migrations = "migrations-postgres"

    @Flag(help: "Replace --to FILE.sql if it exists.")
    var force = false

    @OptionGroup var transfer: TransferOptions

    func run() throws {
        let sourceURL = try DatabaseURL(parsing: from)
        guard case .sqlite(let path) = sourceURL else {
            throw ValidationError("export reads an SQLite or SpatiaLite file (--from sqlite:FILE); to copy from PostgreSQL into a file, use meridian import")
        }
        let source = try TransferEnds.openSQLiteSource(path)
        if to.hasSuffix(".sql") {
            return try exportScript(from: source, name: sourceURL.description)
        }
        let targetURL = try DatabaseURL(parsing: to)
        guard case .postgres(let conninfo) = targetURL else {
            throw ValidationError("export writes into PostgreSQL (--to postgres://…) or a script (--to FILE.sql); to copy between SQLite files, use the sqlite3 .backup command")
        }
        let target = try PostgresConnection(url: conninfo)
        try TransferRun(
            options: transfer, sourceName: sourceURL.description, targetName: targetURL.description, source: source, target: target,
            reader: SQLiteTransferSource(source), writer: PostgresTransferTarget(target),
            migrations: MigrationDirectory(path: migrations), migrationDialect: .postgres,
            createTables: { try $0.create(on: target) }, mapType: SQLiteInspector.nearestLogicalType(declared:), verb: "exported"
        ).run()
    }

    private func exportScript(from source: SQLiteConnection, name: String) throws {
        if transfer.migrate {
            throw ValidationError("--migrate needs a live target; a script checks the target's version when psql runs it: migrate the target first")
        }
        if !force, FileManager.default.fileExists(atPath: to) {
            throw ValidationError("\(to) exists already: pass --force to replace it, or write to another file")
        }
        let script = try PostgresScriptTarget(path: to, sourceName: name, migrations: try MigrationHistory(source).load())
        try TransferRun(
            options: transfer, sourceName: name, targetName: to, source: source, target: nil,
            reader: SQLiteTransferSource(source), writer: script,
            migrations: MigrationDirectory(path: migrations), migrationDialect: .postgres,
            createTables: { script.create($0) }, mapType: SQLiteInspector.nearestLogicalType(declared:), verb: "wrote"
        ).run()
    }
}

/// Opening the ends of a transfer with the checks that make their errors clear.
enum TransferEnds {
    /// An existing SQLite file, read-only, so that an export never changes it.
    static func openSQLiteSource(_ path: String) throws -> SQLiteConnection {
        try MissingDatabaseFile.check(path, isDefault: false)
        do {
            let connection = try SQLiteConnection(path: path, access: .read)
            _ = try connection.fetchValue(Int64.self, "SELECT count(*) FROM sqlite_master")
            return connection
        } catch var error as DatabaseError {
            if !error.reason.contains(path) { error.reason = "sqlite:\(path): \(error.reason)" }
            error.sql = nil
            throw error
        }
    }
}

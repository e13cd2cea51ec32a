import ArgumentParser
import Foundation
import Meridian
import MeridianPostgres
import MeridianSQLite

/// Prints what the database is; creates a SpatiaLite file when there is none.
///
/// An existing SQLite file is only read (``SQLiteConnection/Access/read``): its journal mode
/// stays as it is, and SpatiaLite's metadata is reported, not added. A missing one is created
/// as Meridian makes its own (``SQLiteConnection/Access/manage``): WAL, with SpatiaLite's
/// metadata.
struct Info: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print what the database is, creating a SpatiaLite file if there is none.",
        discussion: """
            An existing SQLite file is read and left as it was: its journal mode and whether it \
            holds SpatiaLite's metadata are reported, not changed. A missing file is created in \
            WAL mode with SpatiaLite's metadata, ready for `meridian migrate up`.
            """)

    @OptionGroup var options: DatabaseOptions

    func run() throws {
        try report(try options.url())
    }

    private func report(_ url: DatabaseURL) throws {
        switch url {
        case .sqlite(let given):
            let (path, readOnly) = try DatabaseOptions.sqliteFile(given)
            let existed = FileManager.default.fileExists(atPath: path)
            if readOnly { try MissingDatabaseFile.check(path, isDefault: false) }
            let connection = try SQLiteConnection(path: path, access: existed || readOnly ? .read : .manage)
            if !existed { try connection.ensureSpatialSupport() }
            let journal = try connection.fetchValue(String.self, "PRAGMA journal_mode") ?? "?"
            print("database:   \(url) (\(existed ? "opened to read" : "created"), journal \(journal))")
            print("SQLite:     \(SQLiteConnection.sqliteVersion)")
            print("SpatiaLite: \(try connection.spatiaLiteVersion())"
                + (try connection.hasSpatialMetadata() ? "" : " (the file has no spatial metadata: a migration that makes a geometry column adds it)"))
            print("libpq:      \(PostgresConnection.libpqVersion)")
        case .postgres(let conninfo):
            let connection = try PostgresConnection(url: conninfo)
            let postgis = try connection.fetchValue(String.self, "SELECT extversion FROM pg_extension WHERE extname = 'postgis'")
            print("database:   \(url) (\(connection.usesSSL ? "SSL" : "no SSL"))")
            print("PostgreSQL: \(try connection.fetchValue(String.self, "SHOW server_version") ?? "?")")
            print("PostGIS:    \(postgis ?? "not installed (CREATE EXTENSION postgis)")")
            print("libpq:      \(PostgresConnection.libpqVersion)")
            print("SQLite:     \(SQLiteConnection.sqliteVersion)")
        }
    }
}

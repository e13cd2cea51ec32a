import ArgumentParser
import Foundation
import Meridian
import MeridianPostgres
import MeridianSQLite

/// Opens the database, creating a SpatiaLite file if there is none, and prints what it opened.
struct Info: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Open the database (creating a SpatiaLite file if needed) and print what was opened.")

    @OptionGroup var options: DatabaseOptions

    func run() throws {
        try report(try options.url())
    }

    private func report(_ url: DatabaseURL) throws {
        switch url {
        case .sqlite(let path):
            let existed = FileManager.default.fileExists(atPath: path)
            let connection = try SQLiteConnection(path: path)
            try connection.ensureSpatialSupport()
            let journal = try connection.fetchValue(String.self, "PRAGMA journal_mode") ?? "?"
            print("database:   \(url) (\(existed ? "opened" : "created"), journal \(journal))")
            print("SQLite:     \(SQLiteConnection.sqliteVersion)")
            print("SpatiaLite: \(try connection.spatiaLiteVersion())")
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

import Foundation
import Meridian
import MeridianPostgres
import MeridianSQLite

/// Fresh, empty databases for tests: an in-memory SpatiaLite database, or a private schema on
/// the PostgreSQL server named by `MERIDIAN_POSTGRES_URL`.
public enum TestDatabase {
    /// The server tests use, from `MERIDIAN_POSTGRES_URL`; `nil` when it is not set.
    public static var postgresURL: String? {
        ProcessInfo.processInfo.environment["MERIDIAN_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Whether a missing server must fail the run (`MERIDIAN_REQUIRE_POSTGRES=1`, set by CI)
    /// instead of skipping the PostgreSQL half.
    public static var postgresRequired: Bool {
        ProcessInfo.processInfo.environment["MERIDIAN_REQUIRE_POSTGRES"] == "1"
    }

    /// A new in-memory SQLite database with SpatiaLite loaded; spatial metadata is created on
    /// first use of a geometry column.
    public static func sqlite() throws -> SQLiteConnection {
        try SQLiteConnection(path: ":memory:")
    }

    /// A connection whose `search_path` starts with a new, empty schema; the schema is dropped
    /// by ``PostgresScratch/close()``.
    public static func postgres(url: String) throws -> PostgresScratch {
        try PostgresScratch(url: url)
    }
}

/// A PostgreSQL connection confined to a throwaway schema, so tests never see each other's
/// tables and need no database of their own (creating a database costs far more than a schema).
public final class PostgresScratch {
    public let connection: PostgresConnection
    public let schema: String
    private var closed = false

    private let url: String

    init(url: String) throws {
        self.url = url
        connection = try PostgresConnection(url: url)
        schema = "meridian_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try connection.executeScript("CREATE SCHEMA \(schema); SET search_path TO \(schema), public")
    }

    /// Another session on the same server whose `search_path` starts with this schema.
    public func connect() throws -> PostgresConnection {
        let another = try PostgresConnection(url: url)
        try another.executeScript("SET search_path TO \(schema), public")
        return another
    }

    /// Drops the schema and everything in it.
    public func close() {
        guard !closed else { return }
        closed = true
        if connection.transactionDepth > 0 { try? connection.executeScript("ROLLBACK") }
        try? connection.executeScript("DROP SCHEMA IF EXISTS \(schema) CASCADE")
    }

    deinit { close() }
}

/// A temporary SQLite file that several connections can open, removed with its WAL files.
final class SQLiteScratchFile {
    let path: String

    init() {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("meridian-test-\(UUID().uuidString).sqlite").path
    }

    func connect() throws -> SQLiteConnection {
        try SQLiteConnection(path: path)
    }

    func remove() {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}

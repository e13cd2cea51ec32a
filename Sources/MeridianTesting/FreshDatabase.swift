import Foundation
import Meridian

/// A database made for one test and removed when its handle goes away: an in-memory SpatiaLite
/// database, or a private schema on the PostgreSQL server named by `MERIDIAN_POSTGRES_URL`.
///
/// Works with any test framework:
///
/// ```swift
/// @Test(arguments: Backend.allCases)
/// func stationsKeepTheirCodes(_ backend: Backend) throws {
///     guard let fresh = try FreshDatabase.make(backend) else { return }  // no server: skipped
///     try fresh.connection.execute("CREATE TABLE stations (code TEXT)")
///     …
/// }
/// ```
public final class FreshDatabase {
    public let backend: Backend
    private var handle: (any DatabaseConnection)?
    private var cleanup: (() -> Void)?

    init(backend: Backend, connection: any DatabaseConnection, cleanup: (() -> Void)? = nil) {
        self.backend = backend
        self.handle = connection
        self.cleanup = cleanup
    }

    /// The database's connection, until ``close()``.
    public var connection: any DatabaseConnection {
        guard let handle else { preconditionFailure("the fresh \(backend) database was closed") }
        return handle
    }

    /// A fresh database of `backend`, or `nil` when PostgreSQL is not configured and not
    /// required. With `MERIDIAN_REQUIRE_POSTGRES=1` a missing server is an error, never a skip.
    ///
    /// - Parameter recipe: migrations and fixtures the database starts with. It is cloned from
    ///   a template built once per process (SQLite) or per server (PostgreSQL) and rebuilt when a
    ///   file changes; `nil` gives an empty database.
    public static func make(_ backend: Backend, recipe: DatabaseRecipe? = nil) throws -> FreshDatabase? {
        switch backend {
        case .sqlite:
            let connection = try recipe.map { try SQLiteTemplate.shared(for: $0).fresh() } ?? TestDatabase.sqlite()
            BackgroundWork.installExitHook(after: .spatiaLite)
            return FreshDatabase(backend: backend, connection: connection)
        case .postgres:
            guard let url = TestDatabase.postgresURL else {
                if TestDatabase.postgresRequired { throw MissingServer() }
                return nil
            }
            defer { BackgroundWork.installExitHook(after: .libpq) }
            if let recipe {
                let clone = try PostgresTemplate.shared(for: recipe, serverURL: url).fresh()
                return FreshDatabase(backend: backend, connection: try clone.db, cleanup: clone.close)
            }
            let scratch = try TestDatabase.postgres(url: url)
            return FreshDatabase(backend: backend, connection: scratch.connection, cleanup: scratch.close)
        }
    }

    /// Removes the database now rather than when the handle is released. The connection is
    /// closed on a background thread: closing an in-memory SpatiaLite clone takes about 3 ms,
    /// which the test need not wait for (the process's exit waits for it: ``BackgroundWork``).
    public func close() {
        cleanup?()
        cleanup = nil
        guard let released = handle.map(ReleasedConnection.init) else { return }
        handle = nil
        BackgroundWork.async { withExtendedLifetime(released) {} }
    }

    deinit { close() }

    /// A connection handed to another thread only to be released there.
    /// `@unchecked Sendable`: the connection moves to the releasing thread, and nothing on
    /// this side touches it again.
    private struct ReleasedConnection: @unchecked Sendable {
        let connection: any DatabaseConnection
    }

    /// `MERIDIAN_REQUIRE_POSTGRES=1` without a server to use.
    public struct MissingServer: Error, CustomStringConvertible {
        public var description: String {
            "MERIDIAN_REQUIRE_POSTGRES=1 but MERIDIAN_POSTGRES_URL is not set: start a server (make test does) or unset the requirement"
        }
    }
}

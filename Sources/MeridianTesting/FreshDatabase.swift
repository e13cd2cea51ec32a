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
public final class FreshDatabase: @unchecked Sendable {
    public let backend: Backend
    public let connection: any DatabaseConnection
    private var cleanup: (() -> Void)?

    init(backend: Backend, connection: any DatabaseConnection, cleanup: (() -> Void)? = nil) {
        self.backend = backend
        self.connection = connection
        self.cleanup = cleanup
    }

    /// A fresh, empty database of `backend`, or `nil` when PostgreSQL is not configured and not
    /// required. With `MERIDIAN_REQUIRE_POSTGRES=1` a missing server is an error, never a skip.
    public static func make(_ backend: Backend) throws -> FreshDatabase? {
        switch backend {
        case .sqlite:
            return FreshDatabase(backend: backend, connection: try TestDatabase.sqlite())
        case .postgres:
            guard let url = TestDatabase.postgresURL else {
                if TestDatabase.postgresRequired { throw MissingServer() }
                return nil
            }
            let scratch = try TestDatabase.postgres(url: url)
            return FreshDatabase(backend: backend, connection: scratch.connection, cleanup: scratch.close)
        }
    }

    /// Removes the database now rather than when the handle is released.
    public func close() {
        cleanup?()
        cleanup = nil
    }

    deinit { close() }

    /// `MERIDIAN_REQUIRE_POSTGRES=1` without a server to use.
    public struct MissingServer: Error, CustomStringConvertible {
        public var description: String {
            "MERIDIAN_REQUIRE_POSTGRES=1 but MERIDIAN_POSTGRES_URL is not set: start a server (make test does) or unset the requirement"
        }
    }
}

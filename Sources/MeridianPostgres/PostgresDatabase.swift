import Meridian

/// A PostgreSQL database shared between threads: a bounded pool of sessions for reads and
/// writes alike (the server runs them side by side).
public final class PostgresDatabase: Database {
    public let url: String
    private let pool: ConnectionPool<PostgresConnection>

    /// - Parameter maximumConnections: the most sessions this process opens at once; callers
    ///   beyond it wait for a free one rather than adding load to the server.
    public init(url: String, maximumConnections: Int = 20) {
        self.url = url
        pool = ConnectionPool(maximumConnections: maximumConnections) { try PostgresConnection(url: url) }
    }

    public func blockingRead<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        try pool.withConnection(body)
    }

    @discardableResult
    public func blockingWrite<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        try pool.withConnection { connection in try connection.transaction { try body(connection) } }
    }

    /// Sessions open now.
    public var openConnections: Int { pool.openConnections }

    public var maximumConnections: Int { pool.maximumConnections }
}

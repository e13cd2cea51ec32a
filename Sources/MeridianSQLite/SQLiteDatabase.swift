import Meridian

/// An SQLite database file shared between threads: one writer connection and a few readers.
///
/// SQLite lets one connection write at a time; keeping a single writer makes writers queue in
/// the pool rather than in SQLite's busy handler, and WAL lets readers run beside it.
public final class SQLiteDatabase: Database {
    public let path: String
    private let writer: ConnectionPool<SQLiteConnection>
    private let readers: ConnectionPool<SQLiteConnection>

    public init(path: String, maximumReaders: Int = 4) throws {
        precondition(path != ":memory:", "each connection to :memory: is a different database: use a file")
        self.path = path
        // Opened once up front: it creates the file and switches it to WAL, which the
        // read-only reader connections cannot do.
        _ = try SQLiteConnection(path: path)
        writer = ConnectionPool(maximumConnections: 1) { try SQLiteConnection(path: path) }
        readers = ConnectionPool(maximumConnections: maximumReaders) { try SQLiteConnection(path: path, access: .read) }
    }

    public func blockingRead<T>(_ body: (SQLiteConnection) throws -> T) throws -> T {
        try readers.withConnection(body)
    }

    @discardableResult
    public func blockingWrite<T>(_ body: (SQLiteConnection) throws -> T) throws -> T {
        try writer.withConnection { connection in try connection.transaction { try body(connection) } }
    }

    public var openConnections: Int { writer.openConnections + readers.openConnections }

    public var maximumConnections: Int { writer.maximumConnections + readers.maximumConnections }
}

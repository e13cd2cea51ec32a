import Foundation

/// A bounded, thread-safe set of connections, handed to one caller at a time.
///
/// Callers borrow a connection for the length of a closure; when all are busy the next caller
/// waits (up to ``timeout``) instead of opening one more, so a server never sees more than
/// `maximumConnections` sessions from this process.
/// `@unchecked Sendable`: `idle` and `open` change only under `condition`, and a connection is
/// lent to one closure at a time: connections are not `Sendable`, and the pool is how threads
/// and tasks share them.
public final class ConnectionPool<Connection: DatabaseConnection>: @unchecked Sendable {
    public let maximumConnections: Int
    /// How long a caller waits for a free connection before failing with `busy`.
    public let timeout: TimeInterval
    private let factory: @Sendable () throws -> Connection
    private let condition = NSCondition()
    private var idle: [Connection] = []
    private var open = 0

    public init(maximumConnections: Int, timeout: TimeInterval = 30, factory: @escaping @Sendable () throws -> Connection) {
        precondition(maximumConnections > 0, "a pool needs at least one connection")
        self.maximumConnections = maximumConnections
        self.timeout = timeout
        self.factory = factory
    }

    /// Runs `body` with a connection of its own. A connection left inside a transaction (the
    /// body threw past its own handling) is discarded rather than handed to the next caller.
    public func withConnection<T>(_ body: (Connection) throws -> T) throws -> T {
        let connection = try checkOut()
        do {
            let result = try body(connection)
            checkIn(connection, reusable: connection.transactionDepth == 0)
            return result
        } catch {
            checkIn(connection, reusable: connection.transactionDepth == 0)
            throw error
        }
    }

    /// Connections open now, idle or lent.
    public var openConnections: Int {
        condition.lock()
        defer { condition.unlock() }
        return open
    }

    private func checkOut() throws -> Connection {
        condition.lock()
        let deadline = Date(timeIntervalSinceNow: timeout)
        while idle.isEmpty && open >= maximumConnections {
            if !condition.wait(until: deadline) {
                condition.unlock()
                throw DatabaseError(.busy, "all \(maximumConnections) pooled connections stayed in use for \(Int(timeout)) s")
            }
        }
        if let connection = idle.popLast() {
            condition.unlock()
            return connection
        }
        open += 1
        condition.unlock()
        do {
            return try factory()
        } catch {
            condition.lock()
            open -= 1
            condition.signal()
            condition.unlock()
            throw error
        }
    }

    private func checkIn(_ connection: Connection, reusable: Bool) {
        condition.lock()
        if reusable { idle.append(connection) } else { open -= 1 }
        condition.signal()
        condition.unlock()
    }
}

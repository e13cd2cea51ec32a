/// A database shared between threads and tasks: connections borrowed for reading or writing.
///
/// ```swift
/// let db = try SQLiteDatabase(path: "todo.sqlite")        // or PostgresDatabase(url: …)
/// let open = try await db.read { conn in
///     try conn.fetchAll(Task.self, "SELECT * FROM tasks WHERE user_id = $1 AND NOT completed", [user])
/// }
/// try await db.write { conn in try conn.execute("DELETE FROM tasks WHERE id = $1", [id]) }
/// ```
///
/// PostgreSQL serves both from one bounded pool; SQLite has one writer (the engine allows one
/// at a time) and several readers, which WAL lets run beside the writer. A connection is not
/// `Sendable`: it belongs to the closure it is lent to, and the database is what tasks share.
///
/// The async ``read(_:)`` and ``write(_:)`` run the blocking C calls on a dispatch queue, off
/// Swift's cooperative thread pool, and stop the running statement when the task is cancelled.
/// ``blockingRead(_:)`` and ``blockingWrite(_:)`` run on the calling thread, for command-line
/// tools and threads of your own.
public protocol Database: Sendable {
    associatedtype Connection: DatabaseConnection

    /// Runs `body` with a connection for reads on the calling thread, blocking it.
    func blockingRead<T>(_ body: (Connection) throws -> T) throws -> T

    /// Runs `body` in a transaction on a connection for writes on the calling thread, blocking it.
    @discardableResult
    func blockingWrite<T>(_ body: (Connection) throws -> T) throws -> T

    /// Connections open now, idle or lent; never more than ``maximumConnections``.
    var openConnections: Int { get }

    /// The most connections this database opens at once.
    var maximumConnections: Int { get }
}

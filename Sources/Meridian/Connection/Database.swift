/// A database shared between threads: connections borrowed for reading or writing.
///
/// PostgreSQL serves both from one bounded pool; SQLite has one writer (the engine allows one
/// at a time) and several readers, which WAL lets run beside the writer.
public protocol Database: Sendable {
    associatedtype Connection: DatabaseConnection

    /// Runs `body` with a connection for reads.
    func read<T>(_ body: (Connection) throws -> T) throws -> T

    /// Runs `body` in a transaction on a connection for writes.
    func write<T>(_ body: (Connection) throws -> T) throws -> T
}

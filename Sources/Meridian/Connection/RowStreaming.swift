/// A connection that can end a read before the engine has sent every row: what
/// ``DatabaseConnection/forEachRow(_:_:until:)`` uses when the connection offers it.
///
/// SQLite needs none (its statements produce rows as they are stepped); PostgreSQL's driver
/// reads in libpq's single-row mode and cancels the rest.
public protocol RowStreaming: DatabaseConnection {
    /// Calls `body` with each row until it returns ``RowIteration/stop``, then ends the read.
    func streamRows(_ sql: String, _ arguments: [DatabaseValue], until body: (Row) throws -> RowIteration) throws
}

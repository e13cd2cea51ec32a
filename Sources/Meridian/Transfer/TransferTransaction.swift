/// The one transaction a transfer target writes in, from ``TransferTarget/begin()`` to its
/// commit or rollback.
///
/// While it is open the connection's ``DatabaseConnection/transactionDepth`` is raised, so that
/// ``DatabaseConnection/transaction(_:)`` calls made inside it (a migrator's, `--migrate`)
/// become savepoints and commit with the rows or not at all.
public final class TransferTransaction {
    public let connection: any DatabaseConnection
    private var open = false

    public init(_ connection: any DatabaseConnection) {
        self.connection = connection
    }

    /// Opens it with the dialect's `BEGIN`, then runs `settings` (such as a pragma) inside.
    public func begin(settings: String? = nil) throws {
        try connection.executeScript(connection.dialect.beginTransactionSQL + (settings.map { "; " + $0 } ?? ""))
        open = true
        connection.transactionDepth += 1
    }

    public func commit() throws {
        try connection.executeScript("COMMIT")
        close()
    }

    /// Abandons it, if it is open; errors are moot, since the engine drops an unfinished
    /// transaction with its session anyway.
    public func rollback() {
        guard open else { return }
        close()
        try? connection.executeScript("ROLLBACK")
    }

    private func close() {
        open = false
        connection.transactionDepth -= 1
    }

    /// The rows `table` holds now.
    public func rowCount(of table: String) throws -> Int64 {
        try connection.fetchValue(Int64.self, "SELECT count(*) FROM \(connection.dialect.quote(table))") ?? 0
    }
}

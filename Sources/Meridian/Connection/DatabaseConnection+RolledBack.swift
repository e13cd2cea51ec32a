extension DatabaseConnection {
    /// Runs `body` in a transaction (a savepoint, when one is open) that is rolled back
    /// whatever happens, and returns what `body` returned: for running a statement to learn
    /// about it (`EXPLAIN ANALYZE`, a timing) without keeping what it wrote.
    ///
    /// ```swift
    /// let inserted = try conn.rolledBack { try conn.execute("INSERT INTO t SELECT * FROM staging") }
    /// ```
    public func rolledBack<T>(_ body: () throws -> T) throws -> T {
        var result: Result<T, any Error>?
        do {
            try transaction {
                result = Result { try body() }
                throw RollingBack()
            }
        } catch is RollingBack {}
        return try result!.get()
    }
}

/// Ends ``DatabaseConnection/rolledBack(_:)``'s transaction by rolling it back.
private struct RollingBack: Error {}

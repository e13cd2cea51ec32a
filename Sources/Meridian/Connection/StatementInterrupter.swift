/// Stops the statement a connection is running, from any thread: how a cancelled task stops its
/// query (SQLite's `sqlite3_interrupt`, libpq's `PQcancel`).
///
/// ```swift
/// let interrupter = connection.makeInterrupter()
/// DispatchQueue.global().asyncAfter(deadline: .now() + 1) { interrupter.interrupt() }
/// try connection.execute(slowQuery)   // fails once interrupted; a transaction then rolls back
/// ```
///
/// An interrupter is valid while its connection is open; calling it when no statement runs
/// does nothing.
public protocol StatementInterrupter: Sendable {
    /// Asks the engine to stop the running statement, which then fails with an error.
    func interrupt()
}

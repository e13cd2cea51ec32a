import CMeridianLibPQ
import Meridian

extension PostgresConnection: RowStreaming {
    /// Rows one at a time, in libpq's single-row mode, so that a read that stops early
    /// (``DatabaseConnection/fetchOne(_:_:)``, a ``RowIteration/stop``) does not wait for, hold
    /// or decode the rest of the result.
    ///
    /// ```swift
    /// let newest = try conn.fetchOne("SELECT * FROM earthquakes ORDER BY occurred_at DESC")  // one row decoded
    /// ```
    ///
    /// Outside a transaction the rest of the statement is cancelled (`PQcancel`) and its
    /// cancellation error dropped; inside one, where a cancel would abort the transaction, the
    /// remaining rows are received and dropped undecoded. Full reads keep ``forEachRow(_:_:_:)``,
    /// which takes the whole result at once and is faster per row.
    public func streamRows(_ sql: String, _ arguments: [DatabaseValue], until body: (Row) throws -> RowIteration) throws {
        try preparingAgainOnceIfChanged(sql) { try readSingleRows(sql, arguments, body) }
    }

    private func readSingleRows(_ sql: String, _ arguments: [DatabaseValue], _ body: (Row) throws -> RowIteration) throws {
        let sent = try withPreparedArguments(sql, arguments) { name, count, values, lengths, formats in
            PQsendQueryPrepared(handle, name, count, values, lengths, formats, 0)
        }
        guard sent == 1 else { throw PostgresError.make(result: nil, connection: handle, sql: sql, showsDetail: arguments.isEmpty) }
        PQsetSingleRowMode(handle)
        var shape: ResultShape?
        var finished = false
        var failure: (any Error)?
        // Every result is read, whatever happens, so the session is ready for the next statement.
        while let result = PQgetResult(handle) {
            defer { PQclear(result) }
            let status = PQresultStatus(result)
            guard !finished, failure == nil else { continue }
            switch status {
            case PGRES_SINGLE_TUPLE:
                do {
                    let current = try shape ?? ResultShape(result, sql: sql, connection: self)
                    shape = current
                    if try body(try current.row(0, of: result)) == .stop {
                        finished = true
                        cancelUnlessInTransaction()
                    }
                } catch {
                    failure = error
                    cancelUnlessInTransaction()
                }
            case PGRES_TUPLES_OK, PGRES_COMMAND_OK:
                finished = true
            default:
                failure = PostgresError.make(result: result, connection: handle, sql: sql, showsDetail: arguments.isEmpty)
            }
        }
        if let failure { throw failure }
    }

    /// Asks the server to stop the running statement, unless a transaction is open (a cancel
    /// would abort it).
    private func cancelUnlessInTransaction() {
        guard transactionDepth == 0 else { return }
        PostgresInterrupter(connection: handle).interrupt()
    }
}

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
        do {
            try readSingleRows(sql, arguments, body)
        } catch let error as DatabaseError where error.nativeCode == "0A000" && transactionDepth == 0 {
            // A cached statement whose tables changed shape is prepared again once, as in run().
            statements = statements.filter { $0.key.sql != sql }
            try readSingleRows(sql, arguments, body)
        }
    }

    private func readSingleRows(_ sql: String, _ arguments: [DatabaseValue], _ body: (Row) throws -> RowIteration) throws {
        let (types, ranges) = try encode(arguments, sql: sql)
        let statement = try prepared(sql, types: types, argumentCount: arguments.count)
        let sent = buffer.withUnsafeBufferPointer { bytes in
            let base = UnsafeRawPointer(bytes.baseAddress ?? UnsafePointer(bitPattern: 1)!)
            let values: [UnsafePointer<CChar>?] = ranges.map { range in
                range.map { base.advanced(by: $0.lowerBound).assumingMemoryBound(to: CChar.self) }
            }
            let lengths = ranges.map { Int32($0?.count ?? 0) }
            let formats = [Int32](repeating: 1, count: ranges.count)
            return PQsendQueryPrepared(handle, statement.name, Int32(ranges.count), values, lengths, formats, 0)
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

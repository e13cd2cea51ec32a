/// Where a transfer reads rows: an SQLite file, a PostgreSQL database.
///
/// A source streams rows; it never holds a table in memory.
public protocol TransferSource: AnyObject {
    /// Checks what the target would refuse and is cheaper to find here, before any row moves
    /// (SQLite, whose foreign keys may be off, can hold rows whose parent is missing).
    func preflight(_ plan: TransferPlan) throws

    /// The number of rows ``readRows(of:_:)`` gives for `table`.
    func rowCount(of table: TransferPlan.Table) throws -> Int64

    /// Calls `body` with each row's values in `table.columns` order. The array and the values it
    /// holds are lent for the call only: the next row reuses them.
    func readRows(of table: TransferPlan.Table, _ body: ([StreamedValue]) throws -> Void) throws

    /// The primary key of the row at 1-based position `row` in ``readRows(of:_:)``'s order, as
    /// `id = 42`, for naming a row the target refused; `nil` when it cannot say.
    func describeRow(_ row: Int64, of table: TransferPlan.Table) -> String?

    /// Reads `table`'s rows now into a temporary file, to be read again from another thread
    /// while this source's session goes on: a PostgreSQL target read back for verification is
    /// digested while the same session builds its indexes. `nil` when the source does not spool;
    /// the rows are then digested as ``readRows(of:_:)`` reads them.
    func spool(_ table: TransferPlan.Table) throws -> (any SpooledRows)?

    /// A second reader of the same rows, on a session of its own, for one other thread: the
    /// source is then digested while the target builds its indexes, instead of while its rows
    /// are sent. `nil` when there is none; the rows are then digested as they are copied.
    func anotherReader() throws -> (any TransferSource)?
}

extension TransferSource {
    public func spool(_ table: TransferPlan.Table) throws -> (any SpooledRows)? { nil }
    public func anotherReader() throws -> (any TransferSource)? { nil }
}

/// Rows a source read into a temporary file (``TransferSource/spool(_:)``): read them once,
/// from any one thread, then remove them.
public protocol SpooledRows: AnyObject, Sendable {
    /// Calls `body` with each row's values in the table's column order, lent as by
    /// ``TransferSource/readRows(of:_:)``.
    func readRows(_ body: ([StreamedValue]) throws -> Void) throws

    /// Deletes the file.
    func remove()
}

/// Where a transfer writes rows, in one transaction: a PostgreSQL database, an SQLite file, or
/// an SQL script for psql.
public protocol TransferTarget: AnyObject {
    /// Opens the transaction everything else runs in.
    func begin() throws

    /// Rows `table` holds now.
    func rowCount(of table: String) throws -> Int64

    /// Readies the tables for `mode` before the first row: empties them for
    /// ``TransferMode/replace``, and may set aside indexes of tables that start empty, to build
    /// them once after the load. `sourceRows` and `targetRows` are per table of `plan`.
    func prepare(_ plan: TransferPlan, mode: TransferMode, sourceRows: [Int64], targetRows: [Int64]) throws

    /// Writes one table: calls `rows` with a function that takes each row (its first
    /// `table.writtenColumnCount` values go to the target); returns the rows written.
    func write(_ table: TransferPlan.Table, mode: TransferMode, rows: (_ write: ([StreamedValue]) throws -> Void) throws -> Void) throws -> Int64

    /// After the last table: rebuilds what ``prepare(_:mode:sourceRows:targetRows:)`` set aside
    /// and moves key generators (sequences, identities) past the largest key.
    func finish(_ plan: TransferPlan) throws

    /// The rows this transfer wrote, read back inside its transaction for verification (all of a
    /// table's rows when it started empty); `nil` for a target that cannot be read back.
    func writtenRows(mode: TransferMode) -> (any TransferSource)?

    func commit() throws

    /// Abandons the transaction; the target is as it was before ``begin()``.
    func rollback()
}

/// Progress of a running transfer, for a display on a terminal.
public protocol TransferProgress: AnyObject {
    /// A table starts; `rows` is how many the source holds.
    func tableStarted(_ table: String, rows: Int64)
    /// `rows` of the current table have moved so far; called every few thousand rows.
    func rowsMoved(_ rows: Int64)
    /// A step that is not a table copy: building indexes, verifying.
    func phase(_ description: String)
    /// The transfer is over, committed or not.
    func finished()
}

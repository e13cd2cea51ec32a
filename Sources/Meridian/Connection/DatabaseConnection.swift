/// One session with a database: SQLite's `sqlite3*` or PostgreSQL's `PGconn*`.
///
/// Statements use PostgreSQL-style `$1`, `$2` placeholders on both backends; values are always
/// bound, never spliced into SQL, and pass ``ValueContract`` first; statement text holding a
/// NUL is refused before it reaches the engine (``SQLText/refuseNUL(in:)``). A connection is used
/// by one thread at a time: share a ``ConnectionPool`` (or a database type built on one) instead.
public protocol DatabaseConnection: AnyObject {
    /// What SQL to say on this connection's engine.
    var dialect: any SQLDialect { get }

    /// How many transactions and savepoints are open, for ``transaction(_:)``.
    var transactionDepth: Int { get set }

    /// Runs one statement and returns the number of rows it changed.
    @discardableResult
    func execute(_ sql: String, _ arguments: [DatabaseValue]) throws -> Int

    /// Runs one statement and calls `body` with each result row, in order.
    func forEachRow(_ sql: String, _ arguments: [DatabaseValue], _ body: (Row) throws -> Void) throws

    /// Runs several statements separated by semicolons, without parameters (DDL, scripts).
    func executeScript(_ sql: String) throws

    /// Runs a `SELECT` of one management function that reports success as 1 and failure as 0
    /// (SpatiaLite's `AddGeometryColumn`, `DropTable`, …); returns whether it succeeded.
    func callReportingSuccess(_ sql: String) throws -> Bool

    /// Runs `body` while holding the lock that keeps migrators from running together.
    ///
    /// PostgreSQL holds a session advisory lock for the whole call. SQLite holds nothing here:
    /// its writing transactions (`BEGIN IMMEDIATE`) already admit one writer at a time, and the
    /// migrator re-reads its tracking table inside each one.
    func withMigrationLock<T>(_ body: () throws -> T) throws -> T

    /// Makes spatial columns possible: SpatiaLite's metadata tables, or the `postgis` extension.
    /// Cheap when they exist already; call it before creating a geometry column.
    ///
    /// Safe to call from several processes at once on a fresh database: the check and the
    /// set-up run under a lock (SQLite's write lock, a PostgreSQL advisory lock), so one process
    /// makes it and the others wait, then find it made.
    func ensureSpatialSupport() throws

    /// The checks and settings a run of migrations needs on this engine (see
    /// ``MigrationSafeguard``): on SQLite, foreign keys off around each migration and a check
    /// before it commits; on PostgreSQL, nothing. Made once per run, before the first migration.
    func makeMigrationSafeguard() throws -> any MigrationSafeguard

    /// A handle that stops this connection's running statement from another thread, for
    /// cancelled tasks (see ``StatementInterrupter``).
    func makeInterrupter() -> any StatementInterrupter

    /// Reads this engine's catalog back into a ``SchemaSnapshot`` (see ``inspectSchema(excluding:)``).
    var schemaInspector: any SchemaInspector { get }

    /// Fixes the instant SQL's `meridian_now()` returns in this session, or lets it follow
    /// `now()` again (`nil`), so that tests of "recent" queries see the clock they expect.
    ///
    /// `now()` itself cannot be pinned (on PostgreSQL it is the transaction's start), so queries
    /// that should be testable read `meridian_now()`: SQLite's driver registers it, and on
    /// PostgreSQL the reference schema defines it over the `meridian.now` setting, which this
    /// sets for the session. A pooled connection keeps the pin until it is cleared.
    func pinClock(to instant: Timestamp?) throws
}

extension DatabaseConnection {
    @discardableResult
    public func execute(_ sql: String) throws -> Int { try execute(sql, []) }

    /// All rows of a query.
    public func fetchAll(_ sql: String, _ arguments: [DatabaseValue] = []) throws -> [Row] {
        var rows: [Row] = []
        try forEachRow(sql, arguments) { rows.append($0) }
        return rows
    }

    /// Calls `body` with each row, in order, until it returns ``RowIteration/stop``; the rows
    /// after that are not read.
    ///
    /// ```swift
    /// var recent: [Row] = []
    /// try conn.forEachRow("SELECT * FROM quakes ORDER BY occurred_at DESC", []) { row in
    ///     recent.append(row)
    ///     return try row.decode(Double.self, named: "magnitude") < 6 ? .next : .stop
    /// }
    /// ```
    ///
    /// SQLite stops stepping the statement; PostgreSQL receives rows one at a time and, outside
    /// a transaction, cancels the rest of the statement (inside one, where a cancel would abort
    /// the transaction, the rest is received and dropped without being decoded).
    public func forEachRow(_ sql: String, _ arguments: [DatabaseValue], until body: (Row) throws -> RowIteration) throws {
        if let streaming = self as? any RowStreaming { return try streaming.streamRows(sql, arguments, until: body) }
        do {
            try forEachRow(sql, arguments) { (row: Row) throws -> Void in
                if try body(row) == .stop { throw StopReadingRows() }
            }
        } catch is StopReadingRows {}
    }

    /// The first row of a query, or `nil`; the rows after it are not read.
    public func fetchOne(_ sql: String, _ arguments: [DatabaseValue] = []) throws -> Row? {
        var first: Row?
        try forEachRow(sql, arguments) { (row: Row) -> RowIteration in
            first = row
            return .stop
        }
        return first
    }

    /// Every row decoded as `T`.
    public func fetchAll<T: Decodable>(_ type: T.Type, _ sql: String, _ arguments: [DatabaseValue] = []) throws -> [T] {
        var values: [T] = []
        var lookup: ColumnLookup?
        try forEachRow(sql, arguments) { (row: Row) throws -> Void in
            let shared = lookup ?? ColumnLookup(row.columnNames)
            lookup = shared
            values.append(try row.decode(T.self, sharing: shared))
        }
        return values
    }

    /// The first column of the first row as `T`; `nil` when there is no row.
    public func fetchValue<T: DatabaseValueConvertible>(_ type: T.Type, _ sql: String, _ arguments: [DatabaseValue] = []) throws -> T? {
        guard let row = try fetchOne(sql, arguments) else { return nil }
        return try row.decode(T.self, at: 0)
    }

    /// Runs `body` in a transaction; nested calls use savepoints.
    ///
    /// The outermost call commits when `body` returns and rolls back when it throws; an inner
    /// call releases or rolls back to its savepoint, so a failed inner step can be caught and
    /// the outer transaction can go on (on PostgreSQL too, whose failed transaction would
    /// otherwise refuse every further statement).
    @discardableResult
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        let depth = transactionDepth
        let savepoint = "meridian_savepoint_\(depth)"
        try executeScript(depth == 0 ? dialect.beginTransactionSQL : "SAVEPOINT \(savepoint)")
        transactionDepth = depth + 1
        defer { transactionDepth = depth }
        let result: T
        do {
            result = try body()
        } catch {
            try? executeScript(depth == 0 ? "ROLLBACK" : "ROLLBACK TO SAVEPOINT \(savepoint); RELEASE SAVEPOINT \(savepoint)")
            throw error
        }
        do {
            try executeScript(depth == 0 ? "COMMIT" : "RELEASE SAVEPOINT \(savepoint)")
        } catch {
            if depth == 0 { try? executeScript("ROLLBACK") }
            throw error
        }
        return result
    }

    /// Creates a table from its portable definition, with its spatial columns and indexes.
    public func create(_ table: TableDefinition) throws {
        try table.validate()
        if table.columns.contains(where: \.isGeometry) { try ensureSpatialSupport() }
        for statement in dialect.createTableStatements(table) {
            try run(statement)
        }
    }

    /// Whether the first column of the first row is 1 or true: the success flag of a
    /// management function, for ``callReportingSuccess(_:)``.
    public func fetchSuccessFlag(_ sql: String) throws -> Bool {
        let result = try fetchOne(sql)?[0]
        return result == .int(1) || result == .bool(true)
    }

    /// Runs a schema statement, checking the result of SpatiaLite's management functions, which
    /// report failure by returning 0 rather than raising an error.
    public func run(_ statement: SchemaStatement) throws {
        switch statement {
        case .execute(let sql):
            try executeScript(sql)
        case .expectTrue(let sql, let failure):
            guard try callReportingSuccess(sql) else { throw DatabaseError(.other, failure, sql: sql) }
        }
    }
}

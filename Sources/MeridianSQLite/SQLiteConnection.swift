import CMeridianSQLite
import Foundation
import Meridian

/// A connection to an SQLite database file or an in-memory database, with SpatiaLite loaded
/// and the settings the value contract needs.
///
/// ```swift
/// let db = try SQLiteConnection(path: "events.sqlite")
/// try db.execute("INSERT INTO stations (code) VALUES ($1)", ["KEV"])
/// ```
///
/// Each connection turns on foreign keys (off by default in SQLite), case-sensitive `LIKE`
/// (as in PostgreSQL), and treats double-quoted tokens as identifiers only, and has a busy
/// timeout so concurrent writers wait instead of failing. Files Meridian manages use WAL; a
/// file opened to read (``Access/read``) is left byte for byte as it was. A connection belongs
/// to one thread at a time; ``SQLiteDatabase`` shares connections between threads.
public final class SQLiteConnection: DatabaseConnection {
    /// The `sqlite3*`, closed in `deinit`.
    let handle: OpaquePointer
    /// The path given at open, `:memory:` for an in-memory database.
    public let path: String
    public let dialect: any SQLDialect = SQLiteDialect()
    public var transactionDepth = 0

    private var statements: [String: SQLiteStatement] = [:]
    /// `now()` and `gen_random_uuid()`, kept alive with the handle they are registered on.
    private var functions: SQLiteFunctions?
    private var lastStatement: SQLiteStatement?
    private var scratch: [UInt8] = []
    private static let statementCacheLimit = 256

    /// How long a writer waits for another's lock before failing with `busy`.
    public static let busyTimeoutMilliseconds: Int32 = 10_000

    /// Opens the database at `path`; `":memory:"` for a private in-memory one.
    ///
    /// - Parameters:
    ///   - access: what the connection may do to the file (``Access``): `.manage`, the
    ///     default, creates it if needed and switches it to WAL; `.write` needs an existing file
    ///     and keeps its journal mode; `.read` needs an existing file and leaves it as it was.
    ///   - spatiaLite: load `mod_spatialite`. Every connection that touches a spatial table
    ///     needs it: SpatiaLite's column triggers call its functions on each insert. Loading
    ///     writes nothing to the file; ``ensureSpatialSupport()`` does.
    /// - Throws: ``DatabaseError`` naming `path`: `.notADatabase` for a file of another kind
    ///   (left untouched), `.connection` when it cannot be opened, `.readOnly` when `.write` or
    ///   `.manage` meets a file or folder this process cannot write.
    public init(path: String, access: Access = .manage, spatiaLite: Bool = true) throws {
        self.path = path
        try Self.refuseForeignFile(at: path)
        var db: OpaquePointer?
        let (target, flags) = try Self.openTarget(path, for: access)
        let code = sqlite3_open_v2(target, &db, flags, nil)
        guard code == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            if let db { sqlite3_close_v2(db) }
            var error = SQLiteError.make(code: code, message: message, sql: nil)
            error.reason = "cannot open \(path): \(error.reason)"
            throw error
        }
        handle = db
        sqlite3_extended_result_codes(db, 1)
        var ignored: Int32 = 0
        _ = meridian_sqlite_db_config_int(db, SQLITE_DBCONFIG_DQS_DML, 0, &ignored)
        if spatiaLite { try SpatiaLite.load(into: self) }
        functions = try SQLiteFunctions(registeringOn: db)
        // After SpatiaLite, which sets a busy timeout of its own when it loads.
        sqlite3_busy_timeout(db, Self.busyTimeoutMilliseconds)
        try configure(access)
    }

    deinit {
        lastStatement = nil
        statements.removeAll()
        sqlite3_close_v2(handle)
    }

    /// Refuses an existing, non-empty file that is not an SQLite database before SQLite sees
    /// it: SQLite takes a file shorter than its header for an empty database and overwrites it.
    /// A folder is refused too (SQLite would report a disk I/O error).
    private static func refuseForeignFile(at path: String) throws {
        guard path != ":memory:", !path.hasPrefix("file:") else { return }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw DatabaseError(.connection, "\(path) is a folder, not an SQLite file: name a file, such as \((path as NSString).appendingPathComponent("app.sqlite"))")
        }
        guard let file = FileHandle(forReadingAtPath: path) else { return }
        defer { try? file.close() }
        let header = (try? file.read(upToCount: 16)) ?? Data()
        guard header.isEmpty || header == Data("SQLite format 3\u{0}".utf8) else {
            throw DatabaseError(.notADatabase, "\(path) is not an SQLite database; it was left untouched")
        }
    }

    /// Settings of the value contract; the first statement also proves the file is a database.
    /// Only ``Access/manage`` changes the file's journal mode.
    private func configure(_ access: Access) throws {
        do {
            // A reader may have been opened read-write (``Access/read``); this makes it refuse writes.
            if access == .read { try executeScript("PRAGMA query_only = ON") }
            try executeScript("PRAGMA foreign_keys = ON; PRAGMA case_sensitive_like = ON")
            let inMemory = path == ":memory:" || path.isEmpty || path.contains("mode=memory")
            if !inMemory && access != .read && sqlite3_db_readonly(handle, "main") == 1 {
                throw DatabaseError(.readOnly, "\(path) is read-only: make the file and its folder writable, or open it read-only (sqlite:\(path)?mode=ro)")
            }
            if !inMemory && access == .manage {
                // A 64 MiB page cache (taken only as pages are touched) and in-memory temporary
                // storage make bulk writes to spatial tables about 40% faster
                // (`meridian-bench insert`).
                try executeScript("""
                    PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; \
                    PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY
                    """)
            }
        } catch var error as DatabaseError {
            if error.kind == .notADatabase { error.reason = "\(path) is not an SQLite database" }
            error.sql = nil
            throw error
        }
    }

    // MARK: - Errors

    func error(code: Int32, sql: String?) -> DatabaseError {
        let extended = sqlite3_extended_errcode(handle)
        var error = SQLiteError.make(code: extended, message: String(cString: sqlite3_errmsg(handle)), sql: sql)
        if let reason = SQLiteError.reason(code: extended, path: path) { error.reason = reason }
        let offset = Int(sqlite3_error_offset(handle))
        if offset >= 0, let sql {
            error.line = TextPosition(utf8Offset: offset, in: sql.utf8).line
        }
        if error.kind == .checkViolation, let check = error.constraint {
            if let (table, column) = try? SQLiteInspector.columnTyped(byCheck: check, self) {
                error.kind = .invalidValue
                error.reason = "a value is not of its column's type (\(table).\(column)): bind the column's logical type"
                error.table = table
                error.column = column
            } else if error.table == nil, let table = try? SQLiteInspector.table(declaringCheck: check, self) {
                error.table = table
            }
        }
        return error
    }

    // MARK: - Statements

    /// The cached prepared statement for `sql`, preparing it on first use; text with a NUL,
    /// where SQLite would stop reading, is refused (``SQLText/refuseNUL(in:)``).
    func statement(_ sql: String) throws -> SQLiteStatement {
        // A loop repeats one statement; comparing strings costs less than hashing one.
        if let last = lastStatement, last.sql == sql { return last }
        if let cached = statements[sql] {
            lastStatement = cached
            return cached
        }
        try SQLText.refuseNUL(in: sql)
        let scan = PlaceholderScan(sql)
        let rendered = dialect.renderPlaceholders(sql, scan)
        var stmt: OpaquePointer?
        var tail: UnsafePointer<CChar>?
        let code = rendered.withCString { sqlite3_prepare_v3(handle, $0, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &stmt, &tail) }
        guard code == SQLITE_OK else { throw error(code: code, sql: sql) }
        guard let stmt else { throw DatabaseError(.syntax, "the statement is empty", sql: sql) }
        if let tail, tail.pointee != 0, !String(cString: tail).allSatisfy({ $0.isWhitespace || $0 == ";" }) {
            sqlite3_finalize(stmt)
            throw DatabaseError(.syntax, "the text holds more than one statement: run scripts with executeScript", sql: sql)
        }
        let statement = SQLiteStatement(handle: stmt, sql: sql, placeholders: scan)
        if statements.count >= Self.statementCacheLimit { statements.removeAll() }
        statements[sql] = statement
        lastStatement = statement
        return statement
    }

    /// Binds `arguments` to `statement` after checking them against the value contract.
    private func bind(_ arguments: [DatabaseValue], to statement: SQLiteStatement) throws {
        try statement.placeholders.check(argumentCount: arguments.count, sql: statement.sql)
        if isAutocommit { functions?.statementStartsTransaction() }
        for (offset, argument) in arguments.enumerated() {
            let value: DatabaseValue
            do { value = try ValueContract.checked(argument, parameter: offset + 1) } catch { throw error.with(sql: statement.sql) }
            let code = statement.bind(value, at: Int32(offset + 1), scratch: &scratch)
            guard code == SQLITE_OK else { throw error(code: code, sql: statement.sql) }
        }
    }

    @discardableResult
    public func execute(_ sql: String, _ arguments: [DatabaseValue]) throws -> Int {
        let statement = try statement(sql)
        defer { sqlite3_reset(statement.handle); sqlite3_clear_bindings(statement.handle) }
        try bind(arguments, to: statement)
        var code = sqlite3_step(statement.handle)
        while code == SQLITE_ROW { code = sqlite3_step(statement.handle) }
        guard code == SQLITE_DONE else { throw error(code: code, sql: sql) }
        return Int(sqlite3_changes64(handle))
    }

    public func forEachRow(_ sql: String, _ arguments: [DatabaseValue], _ body: (Row) throws -> Void) throws {
        let statement = try statement(sql)
        defer { sqlite3_reset(statement.handle); sqlite3_clear_bindings(statement.handle) }
        try bind(arguments, to: statement)
        var columns = -1
        while true {
            let code = sqlite3_step(statement.handle)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else { throw error(code: code, sql: sql) }
            if columns < 0 {
                statement.refreshColumnsIfReprepared()
                columns = statement.columnNames.count
            }
            var values: [DatabaseValue] = []
            values.reserveCapacity(columns)
            for index in 0..<columns { values.append(try statement.value(at: index)) }
            try body(Row(columnNames: statement.columnNames, values: values))
        }
    }

    public func executeScript(_ sql: String) throws {
        try SQLText.refuseNUL(in: sql)
        if isAutocommit { functions?.statementStartsTransaction() }
        var message: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &message)
        defer { sqlite3_free(message) }
        guard code == SQLITE_OK else { throw error(code: code, sql: sql) }
    }

    /// SpatiaLite finds tables and columns with `LIKE`, expecting SQLite's default
    /// case-insensitive matching; under the case-sensitive `LIKE` Meridian sets, `DropTable`
    /// still returns 1 but leaves its R*Tree tables behind. So the call runs with the default,
    /// and the setting is restored after it.
    public func callReportingSuccess(_ sql: String) throws -> Bool {
        try executeScript("PRAGMA case_sensitive_like = OFF")
        defer { try? executeScript("PRAGMA case_sensitive_like = ON") }
        return try fetchSuccessFlag(sql)
    }

    /// Nothing to hold: SQLite's write lock, taken by each migration's `BEGIN IMMEDIATE`,
    /// already admits one migrator at a time.
    public func withMigrationLock<T>(_ body: () throws -> T) throws -> T { try body() }

    public func ensureSpatialSupport() throws {
        try SpatiaLite.ensureMetadata(on: self)
    }

    public func makeMigrationSafeguard() throws -> any MigrationSafeguard { try SQLiteMigrationSafeguard(self) }

    public func makeInterrupter() -> any StatementInterrupter { SQLiteInterrupter(handle: handle) }

    public func pinClock(to instant: Timestamp?) throws {
        functions?.pinnedInstant = instant
    }

    /// Whether no transaction is open (SQLite's autocommit mode).
    var isAutocommit: Bool { sqlite3_get_autocommit(handle) != 0 }
}

extension SQLiteConnection {
    /// The version of the SQLite library this process runs.
    public static var sqliteVersion: String { String(cString: sqlite3_libversion()) }

    /// The SpatiaLite version loaded into this connection.
    public func spatiaLiteVersion() throws -> String { try SpatiaLite.version(on: self) }

    /// Whether the database holds SpatiaLite's metadata tables.
    public func hasSpatialMetadata() throws -> Bool {
        try fetchValue(Int64.self, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'spatial_ref_sys'") == 1
    }
}

/// An error from a database, the same on both backends.
///
/// Each driver maps its native error (an SQLite extended result code, a PostgreSQL SQLSTATE)
/// to a portable ``Kind``, so the same bad write is caught the same way on SQLite and
/// PostgreSQL:
///
/// ```swift
/// do {
///     try db.execute("INSERT INTO stations (code) VALUES ($1)", ["KEV"])
/// } catch let error as DatabaseError where error.kind == .uniqueViolation {
///     // …
/// }
/// ```
///
/// `description` never holds bound values, URLs or passwords: it is built from the kind, the
/// table and constraint names and the statement text with its placeholders. The engine's own
/// message, which may quote a value, stays in ``nativeMessage`` for whoever chooses to show it.
///
/// PostgreSQL adds a ``detail`` and a ``hint``, printed on lines of their own as `psql` does:
///
/// ```
/// foreignKeyViolation: a foreign key points at no row, or a referenced row is still in use (table child, constraint child_parent_fk, code 23503)
/// DETAIL: Key (parent_id)=(5) is not present in table "parent".
/// ```
///
/// The hint is always shown; the detail, which quotes the failing row
/// (`Key (code)=(KEV) already exists.`), only for statements that bound no values
/// (``showsDetail``).
public struct DatabaseError: Error, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// A portable error category; an open set, matchable in `catch` clauses.
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        public let name: String
        public init(_ name: String) { self.name = name }
        public var description: String { name }

        public static let uniqueViolation = Kind("uniqueViolation")
        public static let foreignKeyViolation = Kind("foreignKeyViolation")
        public static let checkViolation = Kind("checkViolation")
        public static let notNullViolation = Kind("notNullViolation")
        /// The schema's own code refused the statement with its author's message (the
        /// ``DatabaseError/reason``): a SQLite trigger's `RAISE(ABORT, '…')` (or `FAIL`,
        /// `ROLLBACK`), or PL/pgSQL's `RAISE EXCEPTION '…'` with its default SQLSTATE, P0001.
        /// A rule such as "messages are immutable" written as a trigger on each backend gives
        /// this kind on both.
        public static let raised = Kind("raised")
        /// SQL the engine could not parse.
        public static let syntax = Kind("syntax")
        /// A table, column or function the statement names does not exist.
        public static let undefinedObject = Kind("undefinedObject")
        /// The server could not be reached or the connection broke.
        public static let connection = Kind("connection")
        /// The server refused the credentials.
        public static let authentication = Kind("authentication")
        /// Another connection holds a lock and waiting did not help.
        public static let busy = Kind("busy")
        /// A serializable transaction lost a conflict or a deadlock was broken; retry it.
        public static let serialization = Kind("serialization")
        public static let divisionByZero = Kind("divisionByZero")
        /// A number does not fit its type (integer overflow).
        public static let numericOverflow = Kind("numericOverflow")
        /// A value outside the value contract (text with NUL, NaN, a latitude of 95, a year 10000,
        /// a geometry of the wrong type for its column) or one the engine could not parse.
        public static let invalidValue = Kind("invalidValue")
        /// The number of bound values does not match the statement's placeholders.
        public static let binding = Kind("binding")
        /// The database file is read-only or the transaction is read-only.
        public static let readOnly = Kind("readOnly")
        /// The role lacks a privilege for the statement (PostgreSQL's 42501: an application role
        /// dropping a table). SQLite has no roles; its file permissions give ``readOnly``.
        public static let permissionDenied = Kind("permissionDenied")
        /// The file is not a database of the expected kind.
        public static let notADatabase = Kind("notADatabase")
        /// The database's storage is damaged (SQLite's `SQLITE_CORRUPT`, PostgreSQL's XX001 and
        /// XX002): restore it from a backup.
        public static let corrupt = Kind("corrupt")
        /// A column could not be decoded into the requested Swift type.
        public static let decoding = Kind("decoding")
        /// The API was used out of order (a closed connection, commit without begin).
        public static let misuse = Kind("misuse")
        /// Anything without a portable category; see ``nativeCode``.
        public static let other = Kind("other")
    }

    public var kind: Kind
    /// What went wrong, in words free of bound values, URLs and passwords.
    public var reason: String
    public var table: String?
    public var constraint: String?
    public var column: String?
    /// The engine's code: `SQLITE_CONSTRAINT_UNIQUE (2067)` or a SQLSTATE such as `23505`.
    public var nativeCode: String?
    /// The engine's own message; it may quote values, so it is not part of `description`.
    public var nativeMessage: String?
    /// The statement as the caller wrote it, with placeholders, never with values.
    public var sql: String?
    /// The 1-based line of ``sql`` where the engine located the error, when it says.
    public var line: Int?
    /// More about the error, from PostgreSQL's DETAIL field; SQLite has no such field.
    ///
    /// It often quotes the row that failed (`Key (email)=(a@b.c) already exists.`), so it is
    /// always kept here but shown in `description` only when ``showsDetail`` is set.
    public var detail: String?
    /// What to do about the error, from PostgreSQL's HINT field
    /// (`Perhaps you meant to reference the column "stations.code".`); SQLite has no such field.
    /// Hints name objects, not values, so `description` always shows it.
    public var hint: String?
    /// Whether `description` shows ``detail``.
    ///
    /// The PostgreSQL driver sets it when the failing statement bound no values and was not a
    /// COPY of rows: SQL a user wrote, such as a migration file or an `executeScript` call,
    /// whose DETAIL quotes only what the script or the database already holds. After a
    /// statement with bound values or a COPY, DETAIL would quote those values, so it stays
    /// `false` and the detail is only in ``detail``.
    public var showsDetail = false

    public init(
        _ kind: Kind, _ reason: String, table: String? = nil, constraint: String? = nil, column: String? = nil,
        nativeCode: String? = nil, nativeMessage: String? = nil, sql: String? = nil
    ) {
        self.kind = kind
        self.reason = reason
        self.table = table
        self.constraint = constraint
        self.column = column
        self.nativeCode = nativeCode
        self.nativeMessage = nativeMessage
        self.sql = sql
    }

    public var description: String { summary + notes }

    /// `description` with the engine's own message in brackets before the DETAIL and HINT
    /// lines, for logs that are allowed to hold values.
    public var debugDescription: String {
        guard let nativeMessage else { return description }
        return summary + " [\(nativeMessage)]" + notes
    }

    /// Kind, reason, context, line and statement: everything before the DETAIL and HINT lines.
    private var summary: String {
        var text = "\(kind): \(reason)"
        var context: [String] = []
        if let table { context.append("table \(table)") }
        if let column { context.append("column \(column)") }
        if let constraint { context.append("constraint \(constraint)") }
        if let nativeCode { context.append("code \(nativeCode)") }
        if !context.isEmpty { text += " (" + context.joined(separator: ", ") + ")" }
        if let line { text += " at line \(line)" }
        if let sql { text += " in: \(SQLText.excerpt(sql))" }
        return text
    }

    /// The `DETAIL:` and `HINT:` lines that end the description.
    private var notes: String {
        var text = ""
        if showsDetail, let detail { text += "\nDETAIL: \(detail)" }
        if let hint { text += "\nHINT: \(hint)" }
        return text
    }

    /// The same error with the statement attached, when the layer that raised it did not know it.
    public func with(sql: String) -> DatabaseError {
        var copy = self
        if copy.sql == nil { copy.sql = sql }
        return copy
    }
}

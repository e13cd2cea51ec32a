import Foundation

/// The check every statement passes before a driver hands its text to the engine.
///
/// ```swift
/// try SQLText.refuseNUL(in: "DELETE FROM t\0 WHERE id = 2")
/// // syntax: the SQL holds a NUL byte (U+0000) at line 1, column 14, where the engine would
/// // stop reading it; nothing ran: remove the NUL (bind text as a value, never splice it in)
/// ```
///
/// `sqlite3_exec`, `sqlite3_prepare_v3`, `PQexec` and `PQprepare` read SQL as a C string, which
/// ends at the first NUL: `DELETE FROM t<NUL> WHERE id = 2` would run as `DELETE FROM t` and
/// empty the table. Both drivers call this on every statement, COPY command and script before
/// it reaches C, so such text fails the same way on both backends, with kind
/// ``DatabaseError/Kind/syntax`` (the statement text is malformed; ``DatabaseError/Kind/invalidValue``
/// is for values), and nothing runs. Bound values pass ``ValueContract``, which refuses NUL in
/// text and JSON.
public enum SQLText {
    /// Throws a `syntax` error naming the line and column of the first NUL in `sql`; the
    /// error's ``DatabaseError/sql`` shows each NUL as `\0` (and other control characters
    /// escaped alike), so no terminal or log swallows it.
    public static func refuseNUL(in sql: String) throws(DatabaseError) {
        guard let position = TextPosition.firstNUL(in: sql) else { return }
        throw DatabaseError(
            .syntax,
            "the SQL holds a NUL byte (U+0000) at \(position), where the engine would stop reading it; "
                + "nothing ran: remove the NUL (bind text as a value, never splice it in)",
            sql: sql.escapingControlCharacters(keepingLayout: true))
    }

    /// A statement as messages, logs and telemetry show it: `PASSWORD '…'` literals hidden,
    /// control characters escaped (line breaks and tabs kept), and no longer than `limit`
    /// characters, with what was cut counted.
    ///
    /// ```swift
    /// SQLText.excerpt("ALTER ROLE app PASSWORD 'hunter2'")   // ALTER ROLE app PASSWORD '***'
    /// ```
    ///
    /// `CREATE ROLE … PASSWORD '…'` and `ALTER ROLE`/`ALTER USER` are the statements that put a
    /// secret in a migration; the literal is hidden whatever the statement, in any case and
    /// with `ENCRYPTED`, with doubled quotes inside it.
    public static func excerpt(_ sql: String, limit: Int = 500) -> String {
        let redacted = sql.replacingOccurrences(
            of: #"(?i)(\bpassword\s+)'(?:[^']|'')*'"#, with: "$1'***'", options: .regularExpression)
        let shown = redacted.escapingControlCharacters(keepingLayout: true)
        guard shown.count > limit else { return shown }
        return String(shown.prefix(limit)) + "… (\(shown.count - limit) more characters)"
    }
}

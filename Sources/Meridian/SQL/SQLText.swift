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
    /// error's ``DatabaseError/sql`` shows each NUL as `\0`, so no terminal or log swallows it.
    public static func refuseNUL(in sql: String) throws(DatabaseError) {
        guard let position = TextPosition.firstNUL(in: sql) else { return }
        throw DatabaseError(
            .syntax,
            "the SQL holds a NUL byte (U+0000) at \(position), where the engine would stop reading it; "
                + "nothing ran: remove the NUL (bind text as a value, never splice it in)",
            sql: shown(sql))
    }

    /// `sql` with each NUL written `\0`.
    private static func shown(_ sql: String) -> String {
        var text = String.UnicodeScalarView()
        for scalar in sql.unicodeScalars {
            if scalar == "\0" { text.append(contentsOf: #"\0"#.unicodeScalars) } else { text.append(scalar) }
        }
        return String(text)
    }
}

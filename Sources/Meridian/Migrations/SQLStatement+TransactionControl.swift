extension SQLStatement {
    /// The transaction-control keyword a top-level statement starts with (`BEGIN`, `START
    /// TRANSACTION`, `COMMIT`, `END`, `ROLLBACK`, `ABORT`, `SAVEPOINT`, `RELEASE`), upper-cased;
    /// `nil` for any other statement.
    ///
    /// Only a statement's first word counts, so what a function or trigger body holds is never
    /// taken for one: the splitter keeps a dollar-quoted body, a `BEGIN ATOMIC … END` body or
    /// an SQLite trigger's `BEGIN … END` inside the statement that creates it, and a plpgsql
    /// `DO $$ BEGIN … COMMIT; END $$` starts with `DO`.
    ///
    /// ```swift
    /// SQLStatement(sql: "COMMIT", line: 9).transactionControlKeyword          // "COMMIT"
    /// SQLStatement(sql: "BEGIN IMMEDIATE", line: 1).transactionControlKeyword // "BEGIN"
    /// SQLStatement(sql: "CREATE TRIGGER t … BEGIN … END", line: 3).transactionControlKeyword // nil
    /// ```
    public var transactionControlKeyword: String? {
        guard sql.first?.isLetter == true else { return nil }
        let words = sql.prefix(64).split(whereSeparator: { !$0.isLetter }).prefix(2).map { $0.uppercased() }
        guard let first = words.first else { return nil }
        switch first {
        case "BEGIN", "COMMIT", "END", "ROLLBACK", "ABORT", "SAVEPOINT", "RELEASE": return first
        case "START" where words.dropFirst().first == "TRANSACTION": return "START TRANSACTION"
        default: return nil
        }
    }
}

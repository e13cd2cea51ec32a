/// A statement of a migration failed: which file, which line, which statement, and why.
public struct MigrationFailure: Error, Sendable, CustomStringConvertible {
    public var migration: String
    public var path: String
    /// The line in the file: where the statement starts, moved down to the line the engine
    /// pointed at when it said; `nil` when the check after the last statement failed.
    public var line: Int?
    /// The statement that failed, whole; `nil` when the check after the last statement failed.
    /// The description shows an excerpt without passwords (``SQLText/excerpt(_:limit:)``).
    public var statement: String?
    public var underlying: DatabaseError
    /// Whether the database was left as it was (the migration ran in a transaction), or was
    /// recorded as dirty.
    public var rolledBack: Bool

    public var description: String {
        var cause = underlying
        cause.sql = nil
        cause.line = nil
        let outcome = rolledBack
            ? "the migration was rolled back; the database is as it was"
            : "the migration ran without a transaction and is recorded as dirty: repair the database, then run `meridian migrate force`"
        guard let line, let statement else {
            return "\(path): migration \(migration) failed the check before its commit: \(cause)\n\(outcome)"
        }
        let excerpt = SQLText.excerpt(statement, limit: 300)
        return "\(path):\(line): migration \(migration) failed: \(cause)\n    \(excerpt.replacingOccurrences(of: "\n", with: "\n    "))\n\(outcome)"
    }
}

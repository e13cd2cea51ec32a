import Foundation

/// Where a database lives: an SQLite file or a PostgreSQL server.
///
/// Written as `sqlite:path/to/file.sqlite` (also `sqlite://` and `sqlite::memory:`), a libpq
/// URI `postgres://user@host:5432/db?sslmode=verify-full`, or libpq keywords
/// `host=… dbname=…`. A bare path ending in `.sqlite`, `.sqlite3`, `.db` or `.spatialite`
/// means SQLite, as a user of `sqlite3` would expect.
public enum DatabaseURL: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(String)

    /// The default database: a SpatiaLite file in the working directory.
    public static let defaultSQLite = DatabaseURL.sqlite(path: "meridian.sqlite")

    public init(parsing text: String) throws(DatabaseError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let sqliteSuffixes = [".sqlite", ".sqlite3", ".db", ".spatialite"]
        if trimmed.hasPrefix("sqlite://") {
            self = .sqlite(path: String(trimmed.dropFirst("sqlite://".count)))
        } else if trimmed.hasPrefix("sqlite:") {
            self = .sqlite(path: String(trimmed.dropFirst("sqlite:".count)))
        } else if trimmed.hasPrefix("postgres://") || trimmed.hasPrefix("postgresql://") {
            self = .postgres(trimmed)
        } else if !trimmed.contains("://"), sqliteSuffixes.contains(where: trimmed.hasSuffix) {
            self = .sqlite(path: trimmed)
        } else if !trimmed.contains("://"), trimmed.range(of: #"^[a-z_]+\s*="#, options: .regularExpression) != nil {
            self = .postgres(trimmed)
        } else {
            let shown = Self.redact(trimmed)
            throw DatabaseError(
                .misuse,
                "'\(shown.count > 80 ? String(shown.prefix(80)) + "…" : shown)' is not a database URL: use sqlite:path/to/file.sqlite or postgres://user@host/dbname")
        }
        if case .sqlite(let path) = self, path.isEmpty {
            throw DatabaseError(.misuse, "sqlite: needs a file path, such as sqlite:events.sqlite")
        }
    }

    /// The URL with any password replaced by `***`, for messages and logs.
    public var description: String {
        switch self {
        case .sqlite(let path): "sqlite:\(path)"
        case .postgres(let url): Self.redact(url)
        }
    }

    /// Hides passwords textually, so that URLs `URLComponents` cannot parse (libpq's multi-host
    /// `postgres://u:p@h1,h2/db`) are hidden too. A password runs to the last `@`, so one that
    /// holds an unencoded `@` or `/` is hidden whole (a later `@` in the query hides more than
    /// needed, never less).
    static func redact(_ url: String) -> String {
        let patterns =
            url.contains("://")
            ? [
                (#"^([A-Za-z][A-Za-z0-9+.-]*://[^:/@?#]*):.*@"#, "$1:***@"),  // userinfo password
                (#"([?&]password=)[^&]*"#, "$1***"),  // query parameter
            ]
            : [(#"password\s*=\s*('([^'\\]|\\.)*'|\S+)"#, "password=***")]  // keyword form
        return patterns.reduce(url) { text, pattern in
            text.replacingOccurrences(of: pattern.0, with: pattern.1, options: .regularExpression)
        }
    }
}

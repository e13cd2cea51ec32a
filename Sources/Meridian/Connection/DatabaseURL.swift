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
        if trimmed.hasPrefix("sqlite://") {
            self = .sqlite(path: String(trimmed.dropFirst("sqlite://".count)))
        } else if trimmed.hasPrefix("sqlite:") {
            self = .sqlite(path: String(trimmed.dropFirst("sqlite:".count)))
        } else if trimmed.hasPrefix("postgres://") || trimmed.hasPrefix("postgresql://") || trimmed.contains("=") {
            self = .postgres(trimmed)
        } else if [".sqlite", ".sqlite3", ".db", ".spatialite"].contains(where: trimmed.hasSuffix) {
            self = .sqlite(path: trimmed)
        } else {
            throw DatabaseError(
                .misuse,
                "'\(trimmed.count > 80 ? String(trimmed.prefix(80)) + "…" : trimmed)' is not a database URL: use sqlite:path/to/file.sqlite or postgres://user@host/dbname")
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

    static func redact(_ url: String) -> String {
        if var components = URLComponents(string: url), url.contains("://") {
            if components.password != nil { components.password = "***" }
            if let items = components.queryItems {
                components.queryItems = items.map { $0.name == "password" ? URLQueryItem(name: "password", value: "***") : $0 }
            }
            return components.string ?? "postgres://***"
        }
        // Keyword form: password=secret or password='se cret'.
        return url.replacingOccurrences(of: #"password\s*=\s*('([^'\\]|\\.)*'|\S+)"#, with: "password=***", options: .regularExpression)
    }
}

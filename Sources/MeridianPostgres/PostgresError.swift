import Foundation
import CMeridianLibPQ
import Meridian

/// Maps PostgreSQL's SQLSTATE codes and error fields to ``DatabaseError``.
enum PostgresError {
    /// The error carried by a failed `PGresult`, with the server's DETAIL and HINT.
    ///
    /// - Parameter showsDetail: whether the statement bound no values and was not a COPY of
    ///   rows, so that its DETAIL may be shown (``DatabaseError/showsDetail``).
    static func make(result: OpaquePointer?, connection: OpaquePointer, sql: String?, showsDetail: Bool = false) -> DatabaseError {
        func field(_ code: Character) -> String? {
            guard let result, let value = PQresultErrorField(result, Int32(code.asciiValue!)) else { return nil }
            return String(cString: value)
        }
        let state = field("C") ?? ""
        let message = field("M") ?? firstLine(String(cString: PQerrorMessage(connection)))
        let detail = field("D")
        // A function that refuses an argument (invalid_parameter_value) gives the value in its
        // DETAIL; it goes into the engine's message too, where SQLite's functions put it.
        let native = state == "22023" ? [message, detail].compactMap { $0 }.joined(separator: "\n") : message
        var error = DatabaseError(
            kind(sqlState: state, connectionBroken: PQstatus(connection) != CONNECTION_OK), reason(sqlState: state, message: message),
            table: field("t"), constraint: field("n"), column: field("c"),
            nativeCode: state.isEmpty ? nil : state, nativeMessage: native, sql: sql)
        error.detail = detail
        error.hint = field("H") ?? hint(sqlState: state, message: message)
        error.showsDetail = showsDetail
        if state == "XX000", message.contains("does not match column") {
            // PostGIS raises a column's geometry type or SRID mismatch as an internal error.
            error.kind = .invalidValue
            error.reason = "the geometry does not match its column's declared type or SRID"
        }
        if let position = field("P").flatMap(Int.init), let sql {
            error.line = TextPosition(scalarOffset: max(0, position - 1), in: sql).line
        }
        return error
    }

    static func kind(sqlState state: String, connectionBroken: Bool) -> DatabaseError.Kind {
        switch state {
        case "23505": .uniqueViolation
        case "23503": .foreignKeyViolation
        case "23514": .checkViolation
        case "23502": .notNullViolation
        case "42601": .syntax
        case "42P01", "42703", "42883", "42704", "3F000", "3D000": .undefinedObject
        case "22012": .divisionByZero
        case "22003": .numericOverflow
        case "40001", "40P01": .serialization
        case "55P03", "57014": .busy
        case "28P01", "28000": .authentication
        case "25006": .readOnly
        case "XX001", "XX002": .corrupt
        case "42501": .permissionDenied
        case "P0001": .raised  // raise_exception: RAISE EXCEPTION without an ERRCODE
        case "22P02", "22007", "22008", "22023", "22021", "22P05", "42804": .invalidValue
        case _ where state.hasPrefix("08") || state.hasPrefix("57P"): .connection
        case _ where state.hasPrefix("53"): .busy
        case "" where connectionBroken: .connection
        default: .other
        }
    }

    /// Reasons in Meridian's words where the server's message may quote values; the server's
    /// own words where it only names objects or SQL.
    private static func reason(sqlState state: String, message: String) -> String {
        switch state {
        case "23505": "a row with the same key already exists"
        case "23503": "a foreign key points at no row, or a referenced row is still in use"
        case "23514": "a row does not satisfy a CHECK constraint"
        case "23502": "a NOT NULL column got NULL"
        case "22012": "division by zero"
        case "22003": "a number is out of range for its type (integer overflow)"
        case "22P02", "22007", "22008", "22021", "22P05": "a value could not be read as its column's type"
        case "42804": "a value's type does not match its column's type: bind the column's logical type"
        case "40001", "40P01": "the transaction lost a conflict with another one: retry it"
        case "28P01", "28000": "the server refused the credentials: check the user name and password"
        case "42601": "the SQL is not valid: \(message)"
        default: message
        }
    }

    /// Meridian's own hint where the server gives none: `CREATE INDEX CONCURRENTLY`, `VACUUM`
    /// and the like "cannot run inside a transaction block", which is where migrations run.
    private static func hint(sqlState state: String, message: String) -> String? {
        guard state == "25001", message.hasSuffix("cannot run inside a transaction block") else { return nil }
        return "run it outside a transaction; in a migration, make `-- meridian:no-transaction` the file's first line"
    }

    private static func firstLine(_ text: String) -> String {
        String(text.split(separator: "\n").first ?? "")
    }

    /// A failed connection attempt; libpq's message names host and user, never the password.
    static func connectionFailed(_ message: String) -> DatabaseError {
        let authentication = message.contains("password authentication failed") || message.contains("no password supplied")
            || message.contains("authentication failed")
        let text = message.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: "; ")
        return DatabaseError(
            authentication ? .authentication : .connection,
            authentication
                ? "the server refused the credentials: check the user name and password (\(text))"
                : "cannot connect to PostgreSQL: \(text)",
            nativeMessage: message)
    }
}

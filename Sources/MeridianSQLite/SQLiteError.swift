import Foundation
import CMeridianSQLite
import Meridian

/// Maps SQLite's extended result codes and messages to ``DatabaseError``.
enum SQLiteError {
    /// `SQLITE_CONSTRAINT_FUNCTION`, which SQLite leaves to registered functions that refuse an
    /// argument (Swift does not import the macro).
    static let functionRefusedArgument: Int32 = SQLITE_CONSTRAINT | (4 << 8)

    static func make(code: Int32, message: String, sql: String?) -> DatabaseError {
        let primary = code & 0xFF
        let native = "\(String(cString: sqlite3_errstr(code))) (\(code))"
        var error = DatabaseError(.other, message, nativeCode: native, nativeMessage: message, sql: sql)
        switch code {
        case 2067, 1555:  // SQLITE_CONSTRAINT_UNIQUE, _PRIMARYKEY: "UNIQUE constraint failed: t.a, t.b"
            error.kind = .uniqueViolation
            error.reason = "a row with the same key already exists"
            (error.table, error.column) = tableAndColumn(after: "constraint failed: ", in: message)
        case 1299:  // SQLITE_CONSTRAINT_NOTNULL
            error.kind = .notNullViolation
            error.reason = "a NOT NULL column got NULL"
            (error.table, error.column) = tableAndColumn(after: "constraint failed: ", in: message)
        case 275:  // SQLITE_CONSTRAINT_CHECK: "CHECK constraint failed: name"
            error.kind = .checkViolation
            error.reason = "a row does not satisfy a CHECK constraint"
            error.constraint = suffix(after: "constraint failed: ", in: message)
        case _ where message.hasPrefix("FOREIGN KEY constraint failed"):
            // SQLITE_CONSTRAINT_FOREIGNKEY, or another constraint code when a RESTRICT action fires.
            error.kind = .foreignKeyViolation
            error.reason = "a foreign key points at no row, or a referenced row is still in use"
        case functionRefusedArgument:  // Meridian's own message: the reason, then a line with the value
            error.kind = .invalidValue
            error.reason = String(message.prefix { $0 != "\n" })
        case 1811 where message.contains("Geometry"), 1811 where message.contains("geometry"):
            // SpatiaLite's column triggers: wrong geometry type or SRID for the column.
            error.kind = .invalidValue
            error.reason = "the geometry does not match its column's declared type or SRID"
        case 1811:  // SQLITE_CONSTRAINT_TRIGGER: a trigger's RAISE(ABORT | FAIL | ROLLBACK, message)
            error.kind = .raised
        default:
            switch primary {
            case SQLITE_BUSY, SQLITE_LOCKED:
                error.kind = .busy
                error.reason = "the database is locked by another connection"
            case SQLITE_READONLY:
                error.kind = .readOnly
                error.reason = "the database is read-only: check the file's permissions, or open it read-only"
            case SQLITE_NOTADB:
                error.kind = .notADatabase
                error.reason = "the file is not an SQLite database"
            case SQLITE_CORRUPT:
                error.kind = .corrupt
                error.reason = "the database file is damaged"
            case SQLITE_CANTOPEN:
                error.kind = .connection
                error.reason = "the database file cannot be opened: check that its folder exists and is writable"
            case SQLITE_RANGE:
                error.kind = .binding
                error.reason = "a parameter index is out of range"
            case SQLITE_TOOBIG, SQLITE_MISMATCH:
                error.kind = .invalidValue
                error.reason = "a value is too big or of the wrong type"
            case SQLITE_MISUSE:
                error.kind = .misuse
                error.reason = "the connection was used out of order"
            case SQLITE_CONSTRAINT:
                error.kind = .checkViolation
                error.reason = "a constraint failed"
            case SQLITE_ERROR:
                classify(message, into: &error)
            default:
                error.reason = "SQLite failed"
            }
        }
        return error
    }

    /// The reason for errors that are about the database file rather than the statement, naming
    /// the file (the statement's own words would leave a user guessing which database is meant);
    /// `nil` for other errors.
    ///
    /// - `SQLITE_CORRUPT`: a damaged file, whatever statement found it;
    /// - `SQLITE_NOTADB`: a file with SQLite's header but not its layout, found by the first
    ///   statement that reads a page;
    /// - `SQLITE_READONLY_DIRECTORY`: the file may be writable, but its folder is not, and a
    ///   database in WAL mode needs its `-wal` and `-shm` files beside it.
    static func reason(code: Int32, path: String) -> String? {
        switch code {
        case SQLITE_READONLY | (6 << 8):
            let parent = (path as NSString).deletingLastPathComponent
            let folder = parent.isEmpty ? FileManager.default.currentDirectoryPath : parent
            return "the folder \(folder) is read-only, and SQLite keeps \((path as NSString).lastPathComponent)-wal and -shm beside the database: make the folder writable, or open the file read-only (sqlite:\(path)?mode=ro)"
        case _ where code & 0xFF == SQLITE_CORRUPT:
            return "\(path) is damaged (SQLite reports: database disk image is malformed): restore it from a backup, or try `sqlite3 \(path) .recover`"
        case _ where code & 0xFF == SQLITE_NOTADB:
            // SQLite reads past the header only at the first query, so this can come late.
            return "\(path) is not an SQLite database, or its header is damaged: check the path, or restore the file from a backup"
        default:
            return nil
        }
    }

    /// Plain `SQLITE_ERROR` carries its meaning in the message only.
    private static func classify(_ message: String, into error: inout DatabaseError) {
        if message.contains("syntax error") || message.hasPrefix("incomplete input") || message.hasPrefix("unrecognized token") {
            error.kind = .syntax
            error.reason = "the SQL is not valid: \(message)"
        } else if let name = suffix(after: "no such table: ", in: message) {
            error.kind = .undefinedObject
            error.reason = "table \(name) does not exist"
            error.table = name
        } else if let name = suffix(after: "no such column: ", in: message) {
            error.kind = .undefinedObject
            error.reason = "column \(name) does not exist"
            error.column = name
        } else if let name = suffix(after: "no such function: ", in: message) {
            error.kind = .undefinedObject
            error.reason = "function \(name) does not exist"
        } else if message == "integer overflow" {
            error.kind = .numericOverflow
            error.reason = "integer overflow"
        } else {
            error.reason = message.contains("'") ? "SQLite reported an error" : message
        }
    }

    private static func suffix(after marker: String, in message: String) -> String? {
        guard let range = message.range(of: marker) else { return nil }
        let rest = message[range.upperBound...]
        return rest.isEmpty ? nil : String(rest)
    }

    /// `t.a, t.b` → (`t`, `a`).
    private static func tableAndColumn(after marker: String, in message: String) -> (String?, String?) {
        guard let list = suffix(after: marker, in: message),
              let first = list.split(separator: ",").first?.trimmingCharacters(in: .whitespaces),
              let dot = first.firstIndex(of: ".")
        else { return (nil, nil) }
        return (String(first[..<dot]), String(first[first.index(after: dot)...]))
    }
}

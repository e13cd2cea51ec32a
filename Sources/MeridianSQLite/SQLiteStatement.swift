import Foundation
import CMeridianSQLite
import Meridian

/// A prepared `sqlite3_stmt*`, owned and finalized by this object, with what the connection
/// needs to bind to it and read from it.
final class SQLiteStatement {
    let handle: OpaquePointer
    /// The statement as the caller wrote it, for error messages.
    let sql: String
    /// The statement's `$n` placeholders, checked against the values of each call.
    let placeholders: PlaceholderScan
    private(set) var columnNames: [String] = []
    /// Whether the statement itself writes nothing to the database file
    /// ([`sqlite3_stmt_readonly`](https://sqlite.org/c3ref/stmt_readonly.html)).
    var onlyReads: Bool { sqlite3_stmt_readonly(handle) != 0 }
    private(set) var columnKinds: [ColumnKind] = []
    /// How many times SQLite has re-prepared the statement after a schema change; when it moves,
    /// the result columns may have changed too.
    private var reprepareCount: Int32 = 0

    /// How a column's stored value becomes a logical value, decided once from its declared type.
    enum ColumnKind {
        case plain, bool, uuid, timestamp, date, json, geometry
        /// An expression: no declared type, so only a SpatiaLite geometry blob is recognised.
        case expression

        init(declaredType: String?) {
            guard let declared = declaredType?.uppercased() else { self = .expression; return }
            let first = declared.split(separator: " ").first.map(String.init) ?? declared
            switch first {
            case "BOOLEAN", "BOOL": self = .bool
            case "UUID": self = .uuid
            case "TIMESTAMP", "TIMESTAMPTZ", "DATETIME": self = .timestamp
            case "DATE": self = .date
            case "JSON", "JSONB": self = .json
            case "GEOMETRY", "POINT", "LINESTRING", "POLYGON", "MULTIPOINT", "MULTILINESTRING", "MULTIPOLYGON":
                self = .geometry
            default: self = .plain
            }
        }
    }

    init(handle: OpaquePointer, sql: String, placeholders: PlaceholderScan) {
        self.handle = handle
        self.sql = sql
        self.placeholders = placeholders
        readColumns()
    }

    private func readColumns() {
        reprepareCount = sqlite3_stmt_status(handle, Int32(SQLITE_STMTSTATUS_REPREPARE), 0)
        let count = Int(sqlite3_column_count(handle))
        columnNames = (0..<count).map { String(cString: sqlite3_column_name(handle, Int32($0))) }
        columnKinds = (0..<count).map { index in
            ColumnKind(declaredType: sqlite3_column_decltype(handle, Int32(index)).map { String(cString: $0) })
        }
    }

    /// Reads the result columns again if SQLite re-prepared the statement during the last step
    /// (an ALTER TABLE since it was cached).
    func refreshColumnsIfReprepared() {
        if sqlite3_stmt_status(handle, Int32(SQLITE_STMTSTATUS_REPREPARE), 0) != reprepareCount { readColumns() }
    }

    deinit { sqlite3_finalize(handle) }

    /// Binds one value that has passed ``ValueContract``; returns SQLite's result code.
    func bind(_ value: DatabaseValue, at index: Int32, scratch: inout [UInt8]) -> Int32 {
        switch value {
        case .null:
            return sqlite3_bind_null(handle, index)
        case .int(let v):
            return sqlite3_bind_int64(handle, index, v)
        case .double(let v):
            return sqlite3_bind_double(handle, index, v)
        case .bool(let v):
            return sqlite3_bind_int64(handle, index, v ? 1 : 0)
        case .text(let v):
            return bindText(v, at: index)
        case .uuid(let v):
            return bindText(v.uuidString.lowercased(), at: index)
        case .timestamp(let v):
            scratch.removeAll(keepingCapacity: true)
            v.appendISO8601(to: &scratch)
            return bindText(bytes: scratch, at: index)
        case .date(let v):
            return bindText(v.iso8601, at: index)
        case .json(let v):
            return bindText(v.canonicalText, at: index)
        case .bytes(let v):
            return bindBlob(v, at: index)
        case .geometry(let g):
            scratch.removeAll(keepingCapacity: true)
            SpatiaLiteBlob.encode(g, into: &scratch)
            return bindBlob(scratch, at: index)
        }
    }

    private func bindText(_ text: String, at index: Int32) -> Int32 {
        var text = text
        return text.withUTF8 { buffer in
            // An empty buffer may have no address, and a NULL pointer would bind SQL NULL.
            guard let base = buffer.baseAddress, buffer.count > 0 else {
                return sqlite3_bind_text(handle, index, "", 0, nil)
            }
            return base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                sqlite3_bind_text(handle, index, $0, Int32(buffer.count), meridian_sqlite_transient())
            }
        }
    }

    private func bindText(bytes: [UInt8], at index: Int32) -> Int32 {
        bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                sqlite3_bind_text(handle, index, $0, Int32(buffer.count), meridian_sqlite_transient())
            }
        }
    }

    private func bindBlob(_ bytes: [UInt8], at index: Int32) -> Int32 {
        bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress, buffer.count > 0 else {
                return sqlite3_bind_zeroblob(handle, index, 0)
            }
            return sqlite3_bind_blob(handle, index, base, Int32(buffer.count), meridian_sqlite_transient())
        }
    }

    /// The current row's column `index` as a logical value.
    func value(at index: Int) throws(DatabaseError) -> DatabaseValue {
        let column = Int32(index)
        switch sqlite3_column_type(handle, column) {
        case SQLITE_NULL:
            return .null
        case SQLITE_INTEGER:
            let v = sqlite3_column_int64(handle, column)
            if case .bool = columnKinds[index], v == 0 || v == 1 { return .bool(v == 1) }
            return .int(v)
        case SQLITE_FLOAT:
            return .double(sqlite3_column_double(handle, column))
        case SQLITE_TEXT:
            let count = Int(sqlite3_column_bytes(handle, column))
            if case .uuid = columnKinds[index], count == 36, let bytes = sqlite3_column_text(handle, column),
               let uuid = UUID(hyphenatedHex: UnsafeBufferPointer(start: bytes, count: count)) {
                return .uuid(uuid)
            }
            let text = sqlite3_column_text(handle, column).map {
                String(decoding: UnsafeBufferPointer(start: $0, count: count), as: UTF8.self)
            } ?? ""
            switch columnKinds[index] {
            case .uuid: return UUID(text: text).map { .uuid($0) } ?? .text(text)
            case .timestamp: return Timestamp(iso8601: text).map { .timestamp($0) } ?? .text(text)
            case .date: return CalendarDate(iso8601: text).map { .date($0) } ?? .text(text)
            case .json: return (try? JSON(parsing: text)).map { .json($0) } ?? .text(text)
            default: return .text(text)
            }
        default:
            let count = Int(sqlite3_column_bytes(handle, column))
            guard count > 0, let base = sqlite3_column_blob(handle, column) else { return .bytes([]) }
            let buffer = UnsafeRawBufferPointer(start: base, count: count)
            // A declared geometry column is always decoded (a bad blob is an error); an
            // expression only when its bytes are a SpatiaLite geometry.
            let isGeometry: Bool =
                switch columnKinds[index] {
                case .geometry: true
                case .expression: SpatiaLiteBlob.isGeometryBlob(buffer)
                default: false
                }
            switch isGeometry {
            case true:
                do {
                    return .geometry(try SpatiaLiteBlob.decode(buffer))
                } catch {
                    throw DatabaseError(.decoding, "column \(columnNames[index]) holds a SpatiaLite geometry Meridian cannot read: \(error)", column: columnNames[index], sql: sql)
                }
            case false:
                return .bytes([UInt8](buffer))
            }
        }
    }
}

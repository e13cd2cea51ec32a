import CMeridianSQLite
import Meridian

/// Reads the tables of an SQLite or SpatiaLite file for a transfer (`meridian export`), from
/// one prepared statement per table, without allocating per row.
///
/// Each column's stored value is read in place (text and blobs point into SQLite's own buffer)
/// and converted to the plan's logical type (``StreamedValue/converted(to:)``); SpatiaLite
/// geometry blobs are decoded here. A value that does not fit its type stops the transfer,
/// naming the table, the row's key, the column and the value.
public final class SQLiteTransferSource: TransferSource {
    public let connection: SQLiteConnection
    /// An SQL condition per table name that limits the rows read, `nil` for all of them.
    private let filter: (String) -> String?

    /// - Parameter filter: a `WHERE` condition for each table's rows, or `nil` for all rows.
    public init(_ connection: SQLiteConnection, filter: @escaping (String) -> String? = { _ in nil }) {
        self.connection = connection
        self.filter = filter
    }

    /// Rows whose foreign key matches no parent (SQLite enforces keys only on connections that
    /// turn them on, so a file may hold such rows), found with `PRAGMA foreign_key_check`.
    public func preflight(_ plan: TransferPlan) throws {
        let dialect = connection.dialect
        for table in plan.tables {
            let orphans: [Row]
            do {
                orphans = try connection.fetchAll("SELECT rowid, parent, fkid FROM pragma_foreign_key_check($1)", [.text(table.name)])
            } catch let error as DatabaseError where error.reason.contains("foreign key mismatch") {
                continue  // a key that references no unique columns; the target reports it
            }
            guard let first = orphans.first, case .int(let keyID) = first[2] else { continue }
            let parts = try connection.fetchAll(#"SELECT "from" FROM pragma_foreign_key_list($1) WHERE id = $2 ORDER BY seq"#, [.text(table.name), .int(keyID)])
            let columns = parts.map { $0[0].description }
            let example = try connection.fetchOne(
                "SELECT \(columns.map(dialect.quote).joined(separator: ", ")) FROM \(dialect.quote(table.name)) WHERE rowid = $1", [first[0]])
            let described = zip(columns, example?.values ?? []).map { "\($0) = \($1)" }.joined(separator: ", ")
            let sameKey = orphans.filter { $0[2] == first[2] }.count
            throw TransferError.orphanRows(
                table: table.name, columns: columns, referencedTable: first[1].description, rows: Int64(sameKey), example: described)
        }
    }

    /// The same file through a second read-only connection; none for an in-memory database,
    /// which another connection would not see.
    public func anotherReader() throws -> (any TransferSource)? {
        let path = connection.path
        guard !path.isEmpty, path != ":memory:", !path.contains("mode=memory") else { return nil }
        return SQLiteTransferSource(try SQLiteConnection(path: path, access: .read), filter: filter)
    }

    public func rowCount(of table: TransferPlan.Table) throws -> Int64 {
        try connection.fetchValue(Int64.self, "SELECT count(*) FROM \(connection.dialect.quote(table.name))\(condition(table))") ?? 0
    }

    public func readRows(of table: TransferPlan.Table, _ body: ([StreamedValue]) throws -> Void) throws {
        let sql = selectSQL(table)
        let statement = try connection.statement(sql)
        let stmt = statement.handle
        defer { sqlite3_reset(stmt) }
        var values: [StreamedValue] = []
        values.reserveCapacity(table.columns.count)
        let types = table.columns.map(\.type)
        let readsJSON = types.map { $0 == .json }
        var row: Int64 = 0
        while true {
            let code = sqlite3_step(stmt)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else {
                var error = connection.error(code: code, sql: nil)
                let file = error.reason.contains(connection.path) ? "" : " of \(connection.path)"
                error.reason = "reading table \(table.name)\(file): \(error.reason)"
                throw error
            }
            row += 1
            values.removeAll(keepingCapacity: true)
            for index in types.indices {
                let stored = Self.stored(stmt, Int32(index), json: readsJSON[index])
                do {
                    values.append(try convert(stored, to: types[index]))
                } catch {
                    throw TransferError.badValue(
                        table: table.name, row: row, key: key(stmt, table), column: table.columns[index].name, reason: error.reason)
                }
            }
            try body(values)
        }
    }

    /// Steps through the reading statement itself up to `row`, so that the position means
    /// the same row it meant while reading (a different query may take another index and order).
    public func describeRow(_ row: Int64, of table: TransferPlan.Table) -> String? {
        guard row > 0, let statement = try? connection.statement(selectSQL(table)) else { return nil }
        let stmt = statement.handle
        defer { sqlite3_reset(stmt) }
        for _ in 0..<row {
            guard sqlite3_step(stmt) == SQLITE_ROW else { return nil }
        }
        return key(stmt, table)
    }

    /// The same statement for reading and for finding a row by position, so both see one order.
    private func selectSQL(_ table: TransferPlan.Table) -> String {
        let dialect = connection.dialect
        return "SELECT \(table.columns.map { dialect.quote($0.name) }.joined(separator: ", ")) FROM \(dialect.quote(table.name))\(condition(table))"
    }

    private func condition(_ table: TransferPlan.Table) -> String {
        filter(table.name).map { " WHERE \($0)" } ?? ""
    }

    // MARK: - Values

    /// The column's value as SQLite stores it, borrowing SQLite's buffer; JSON stored as a
    /// number (a `JSON` column has NUMERIC affinity) is read as its text.
    @inline(__always)
    private static func stored(_ stmt: OpaquePointer, _ index: Int32, json: Bool) -> StreamedValue {
        switch sqlite3_column_type(stmt, index) {
        case SQLITE_NULL:
            return .null
        case SQLITE_INTEGER where !json:
            return .int(sqlite3_column_int64(stmt, index))
        case SQLITE_FLOAT where !json:
            return .double(sqlite3_column_double(stmt, index))
        case SQLITE_BLOB:
            let base = sqlite3_column_blob(stmt, index)
            return .bytes(UnsafeRawBufferPointer(start: base, count: Int(sqlite3_column_bytes(stmt, index))))
        default:
            let base = sqlite3_column_text(stmt, index)
            let text = UnsafeRawBufferPointer(start: base, count: Int(sqlite3_column_bytes(stmt, index)))
            return json ? .json(text) : .text(text)
        }
    }

    /// A stored value as the plan's type; SpatiaLite blobs become geometries here.
    @inline(__always)
    private func convert(_ stored: StreamedValue, to type: LogicalType?) throws(StreamedValue.ConversionFailure) -> StreamedValue {
        if case .geometry = type, case .bytes(let blob) = stored, SpatiaLiteBlob.isGeometryBlob(blob) {
            do {
                return try StreamedValue.geometry(try SpatiaLiteBlob.decode(blob)).converted(to: type)
            } catch let failure as StreamedValue.ConversionFailure {
                throw failure
            } catch {
                throw StreamedValue.ConversionFailure(reason: "holds a SpatiaLite geometry Meridian cannot read (\(error))")
            }
        }
        return try stored.converted(to: type)
    }

    /// The current row's primary key, `id = 42`, for messages.
    private func key(_ stmt: OpaquePointer, _ table: TransferPlan.Table) -> String? {
        let parts = table.primaryKey.compactMap { name -> String? in
            guard let index = table.columns.firstIndex(where: { $0.name == name }) else { return nil }
            let value = Self.stored(stmt, Int32(index), json: false)
            let shown: String = switch value {
            case .int(let v): String(v)
            case .text(let bytes): "'" + String(decoding: bytes, as: UTF8.self) + "'"
            default: value.excerpt
            }
            return "\(name) = \(shown)"
        }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }
}

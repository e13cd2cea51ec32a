import Foundation

/// Loads fixture files into a database through the storage layer, each value converted to its
/// column's logical type, all files in one transaction.
///
/// The column types come from the live schema, so the same files load into SQLite and
/// PostgreSQL; a row that does not fit fails the whole load and names the file, row and column.
public struct FixtureLoader {
    public let connection: any DatabaseConnection

    public init(_ connection: any DatabaseConnection) {
        self.connection = connection
    }

    /// Inserts every row; returns the number of rows per table, in load order.
    @discardableResult
    public func load(_ files: [FixtureFile]) throws -> [(table: String, rows: Int)] {
        let schema = try connection.inspectSchema()
        return try connection.transaction {
            try files.map { file in (file.table, try insert(file, schema: schema)) }
        }
    }

    private func insert(_ file: FixtureFile, schema: SchemaSnapshot) throws -> Int {
        guard let table = schema.table(file.table) else { throw FixtureError.unknownTable(path: file.path, table: file.table) }
        let types = Dictionary(table.columns.map { ($0.name, $0.type) }, uniquingKeysWith: { first, _ in first })
        let dialect = connection.dialect
        for (index, row) in file.rows.enumerated() {
            var columns: [String] = []
            var values: [DatabaseValue] = []
            for (column, json) in row {
                guard let type = types[column] else {
                    throw FixtureError.unknownColumn(path: file.path, row: index, column: column, table: file.table)
                }
                do {
                    values.append(try Self.value(json, as: type))
                } catch let reason as FixtureValueError {
                    throw FixtureError.badValue(path: file.path, row: index, column: column, reason: reason.message)
                }
                columns.append(dialect.quote(column))
            }
            let placeholders = values.indices.map { "$\($0 + 1)" }.joined(separator: ", ")
            do {
                try connection.execute("INSERT INTO \(dialect.quote(file.table)) (\(columns.joined(separator: ", "))) VALUES (\(placeholders))", values)
            } catch let error as DatabaseError {
                var cause = error
                cause.sql = nil
                throw FixtureError.badValue(path: file.path, row: index, column: error.column ?? "", reason: cause.description)
            }
        }
        for column in table.primaryKey {
            if let reset = dialect.sequenceResetSQL(table: file.table, column: column) {
                _ = try connection.fetchAll(reset, [.text(dialect.quote(file.table)), .text(column)])
            }
        }
        return file.rows.count
    }

    /// Why one JSON value does not fit its column.
    public struct FixtureValueError: Error, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    /// A JSON fixture value as a value of the column's logical type.
    public static func value(_ json: JSON, as type: SchemaSnapshot.ColumnType) throws -> DatabaseValue {
        if case .null = json { return .null }
        guard case .logical(let logical) = type else {
            // Outside the contract: pass plain JSON scalars through as they are.
            switch json {
            case .bool(let b): return .bool(b)
            case .number(let n): return n.int64Value.map(DatabaseValue.int) ?? .double(n.doubleValue)
            case .string(let s): return .text(s)
            default: return .json(json)
            }
        }
        func fail(_ expected: String) -> FixtureValueError {
            FixtureValueError(message: "expected \(expected), found \(json.canonicalText.prefix(60))")
        }
        switch (logical, json) {
        case (.int, .number(let n)):
            guard let v = n.int64Value else { throw fail("a whole number within 64 bits") }
            return .int(v)
        case (.double, .number(let n)): return .double(n.doubleValue)
        case (.text, .string(let s)), (.enumeration, .string(let s)): return .text(s)
        case (.bool, .bool(let b)): return .bool(b)
        case (.uuid, .string(let s)):
            guard let v = UUID(uuidString: s) else { throw fail("a UUID") }
            return .uuid(v)
        case (.timestamp, .string(let s)):
            guard let v = Timestamp(iso8601: s) else { throw fail("a UTC timestamp YYYY-MM-DDTHH:MM:SS.ffffffZ") }
            return .timestamp(v)
        case (.date, .string(let s)):
            guard let v = CalendarDate(iso8601: s) else { throw fail("a date YYYY-MM-DD") }
            return .date(v)
        case (.json, _): return .json(json)
        case (.bytes, .string(let s)):
            guard let data = Data(base64Encoded: s) else { throw fail("base64 bytes") }
            return .bytes([UInt8](data))
        case (.geometry(_, let srid), .object):
            do { return .geometry(try Geometry(geoJSON: json, srid: srid)) } catch {
                throw FixtureValueError(message: "not a GeoJSON geometry: \(error)")
            }
        case (.int, _): throw fail("an integer")
        case (.double, _): throw fail("a number")
        case (.bool, _): throw fail("true or false")
        case (.geometry, _): throw fail("a GeoJSON geometry object")
        default: throw fail("text")
        }
    }
}

import Foundation

/// Loads fixture files into a database through the storage layer, each value converted to its
/// column's logical type, all files in one transaction.
///
/// The column types come from the live schema, so the same files load into SQLite and
/// PostgreSQL; a row that does not fit fails the whole load and names the file, row and column.
///
/// Loading is idempotent: tables go in foreign-key order (``SchemaSnapshot/dependencyOrder(of:)``,
/// whatever the files are called), and a row whose primary key is already in the table is left
/// as it is (`INSERT … ON CONFLICT (key) DO NOTHING`), so a second load changes nothing. That is
/// why each row must give its primary key: a row that leaves it to a default (an identity, a
/// `gen_random_uuid()`) would be a new row every time. A row present with other values is kept,
/// not overwritten: the database may hold edits of its own.
public struct FixtureLoader {
    public let connection: any DatabaseConnection

    public init(_ connection: any DatabaseConnection) {
        self.connection = connection
    }

    /// What loading one file did.
    public struct TableCount: Sendable, Equatable {
        public var table: String
        /// Rows in the file.
        public var rows: Int
        /// Rows inserted; the others were present already.
        public var inserted: Int
    }

    /// Inserts every row not present yet; returns what happened per file, in load order.
    @discardableResult
    public func load(_ files: [FixtureFile]) throws -> [TableCount] {
        let schema = try connection.inspectSchema()
        let order: [String]
        do { order = try schema.dependencyOrder(of: files.map(\.table)) } catch { throw FixtureError.unordered(reason: error.description) }
        let rank = Dictionary(order.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let ordered = files.enumerated().sorted { (rank[$0.element.table]!, $0.offset) < (rank[$1.element.table]!, $1.offset) }.map(\.element)
        return try connection.transaction {
            try ordered.map { file in TableCount(table: file.table, rows: file.rows.count, inserted: try insert(file, schema: schema)) }
        }
    }

    private func insert(_ file: FixtureFile, schema: SchemaSnapshot) throws -> Int {
        guard let table = schema.table(file.table) else { throw FixtureError.unknownTable(path: file.path, table: file.table) }
        let columnsByName = Dictionary(table.columns.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let dialect = connection.dialect
        let conflict = table.primaryKey.isEmpty ? "" : " (" + table.primaryKey.map(dialect.quote).joined(separator: ", ") + ")"
        var inserted = 0
        var firstRowOfKey: [String: Int] = [:]
        for (index, row) in file.rows.enumerated() {
            var columns: [String] = []
            var values: [DatabaseValue] = []
            for (name, json) in row {
                guard let column = columnsByName[name] else {
                    throw FixtureError.unknownColumn(path: file.path, row: index, column: name, table: file.table)
                }
                guard !column.generated else {
                    throw FixtureError.badValue(path: file.path, row: index, column: name, reason: "the database computes this column; leave it out of the fixture")
                }
                do {
                    values.append(try ValueContract.checked(Self.value(json, as: column.type), naming: "the value"))
                } catch let reason as FixtureValueError {
                    throw FixtureError.badValue(path: file.path, row: index, column: name, reason: reason.message)
                } catch let refused as DatabaseError {
                    throw FixtureError.badValue(path: file.path, row: index, column: name, reason: refused.reason)
                }
                columns.append(dialect.quote(name))
            }
            if let missing = table.primaryKey.first(where: { row[$0] == nil }) {
                throw FixtureError.badValue(path: file.path, row: index, column: missing, reason: "every row gives its primary key, so that loading the fixtures again finds it instead of adding a copy")
            }
            // ON CONFLICT DO NOTHING would skip the second row without a word.
            let key = table.primaryKey.map { row[$0]?.canonicalText ?? "null" }.joined(separator: ", ")
            if !table.primaryKey.isEmpty, let first = firstRowOfKey.updateValue(index, forKey: key) {
                throw FixtureError.badValue(
                    path: file.path, row: index, column: table.primaryKey.joined(separator: ", "),
                    reason: "row \(first + 1) has the same key (\(key)): give each row a key of its own")
            }
            let placeholders = values.indices.map { "$\($0 + 1)" }.joined(separator: ", ")
            do {
                inserted += try connection.execute(
                    "INSERT INTO \(dialect.quote(file.table)) (\(columns.joined(separator: ", "))) VALUES (\(placeholders)) ON CONFLICT\(conflict) DO NOTHING",
                    values)
            } catch let error as DatabaseError {
                var cause = error
                cause.sql = nil
                throw FixtureError.badValue(path: file.path, row: index, column: error.column ?? "", reason: cause.description)
            }
        }
        if inserted > 0 {
            // Integer keys may be identities whose sequence must move past the largest key;
            // other keys (a UUID filled by gen_random_uuid()) have nothing to move.
            for column in table.primaryKey where columnsByName[column]?.type == .logical(.int) {
                if let reset = dialect.sequenceResetSQL(table: file.table, column: column) {
                    _ = try connection.fetchAll(reset, [.text(dialect.quote(file.table)), .text(column)])
                }
            }
        }
        return inserted
    }

    /// Why one JSON value does not fit its column.
    public struct FixtureValueError: Error, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    /// The number as a double, or a refusal when it is beyond a double's range, where it would
    /// be stored as infinity (or zero) on both backends.
    private static func finite(_ number: JSONNumber) throws -> Double {
        guard let value = number.finiteDoubleValue else {
            throw FixtureValueError(message: "\(number.excerpt) is out of range for a double precision number (about ±1.8e308, down to 4.9e-324)")
        }
        return value
    }

    /// A JSON fixture value as a value of the column's logical type; a number beyond a double's
    /// range is refused rather than stored as infinity.
    public static func value(_ json: JSON, as type: SchemaSnapshot.ColumnType) throws -> DatabaseValue {
        if case .null = json { return .null }
        guard case .logical(let logical) = type else {
            // Outside the contract: pass plain JSON scalars through as they are.
            switch json {
            case .bool(let b): return .bool(b)
            case .number(let n): return try n.int64Value.map(DatabaseValue.int) ?? .double(finite(n))
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
        case (.double, .number(let n)): return .double(try finite(n))
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
        case (.geometry(let shape, let srid), .object):
            let geometry: Geometry
            do { geometry = try Geometry(geoJSON: json, srid: srid) } catch {
                throw FixtureValueError(message: "not a GeoJSON geometry: \(error)")
            }
            if let mismatch = geometry.mismatch(withColumn: shape, srid: srid) { throw FixtureValueError(message: mismatch) }
            return .geometry(geometry)
        case (.int, _): throw fail("an integer")
        case (.double, _): throw fail("a number")
        case (.bool, _): throw fail("true or false")
        case (.geometry, _): throw fail("a GeoJSON geometry object")
        default: throw fail("text")
        }
    }
}

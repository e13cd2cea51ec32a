/// One result row: column names and logical values.
///
/// Typed reads go through ``decode(_:at:)`` and ``decode(_:)``; they accept the storage forms
/// each backend returns for a logical type, which is what makes the same read work on both.
public struct Row: Sendable {
    /// Column names, shared by every row of a result.
    public let columnNames: [String]
    public let values: [DatabaseValue]

    public init(columnNames: [String], values: [DatabaseValue]) {
        self.columnNames = columnNames
        self.values = values
    }

    public var count: Int { values.count }

    public subscript(index: Int) -> DatabaseValue { values[index] }

    /// The value of the first column with this name, or `nil` if there is none.
    public subscript(name: String) -> DatabaseValue? {
        columnNames.firstIndex(of: name).map { values[$0] }
    }

    /// The column at `index` as `T`, or a `decoding` error naming the column.
    ///
    /// Inlinable so that callers get it specialised for `T`: unspecialised generic code looked
    /// up type metadata for every column and cost a fifth of a point query.
    @inlinable
    public func decode<T: DatabaseValueConvertible>(_ type: T.Type = T.self, at index: Int) throws(DatabaseError) -> T {
        guard index < values.count, let value = T.fromDatabaseValue(values[index]) else {
            throw decodingError(T.self, at: index)
        }
        return value
    }

    @usableFromInline
    func decodingError(_ type: Any.Type, at index: Int) -> DatabaseError {
        guard index < values.count else {
            return DatabaseError(.decoding, "the row has \(values.count) columns; there is no column \(index)")
        }
        return DatabaseError(
            .decoding, "column \(columnNames[index]) holds \(Row.kindName(values[index])), which cannot be read as \(type)",
            column: columnNames[index])
    }

    /// The column named `name` as `T`.
    public func decode<T: DatabaseValueConvertible>(_ type: T.Type = T.self, named name: String) throws(DatabaseError) -> T {
        guard let index = columnNames.firstIndex(of: name) else {
            throw DatabaseError(.decoding, "the row has no column \(name); it has \(columnNames.joined(separator: ", "))", column: name)
        }
        return try decode(type, at: index)
    }

    /// The whole row as a `Decodable` value whose properties are the columns
    /// (`startedAt` also matches a column `started_at`).
    public func decode<T: Decodable>(_ type: T.Type = T.self) throws -> T {
        try T(from: RowDecoder(row: self))
    }

    /// `decode(_:)` with the column lookup of the rows before it in the same result.
    func decode<T: Decodable>(_ type: T.Type, sharing lookup: ColumnLookup) throws -> T {
        try T(from: RowDecoder(row: self, lookup: lookup))
    }

    static func kindName(_ value: DatabaseValue) -> String {
        guard let type = value.logicalType else { return "NULL" }
        switch type {
        case .geometry: return "a geometry"
        case .enumeration: return "text"
        default: return "a \(type) value"
        }
    }
}

extension Row: CustomStringConvertible {
    /// `(id: 1, code: KEV)`: readable in test failures and diffs.
    public var description: String {
        "(" + zip(columnNames, values).map { "\($0): \($1)" }.joined(separator: ", ") + ")"
    }
}

extension Row: Equatable {
    /// Same column names and the same logical values.
    public static func == (lhs: Row, rhs: Row) -> Bool {
        lhs.columnNames == rhs.columnNames && lhs.values == rhs.values
    }
}

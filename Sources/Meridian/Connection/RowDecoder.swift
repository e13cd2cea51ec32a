import Foundation

/// Decodes a `Decodable` type from a ``Row``, one property per column.
///
/// Properties whose type is ``DatabaseValueConvertible`` read the column directly; other
/// `Decodable` properties read a `json` column through `JSONDecoder`, so a nested struct can
/// live in one JSON column.
struct RowDecoder: Decoder {
    let row: Row
    let lookup: ColumnLookup
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] = [:]

    init(row: Row, lookup: ColumnLookup? = nil) {
        self.row = row
        self.lookup = lookup ?? ColumnLookup(row.columnNames)
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(Container(row: row, lookup: lookup))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw DatabaseError(.decoding, "a row decodes as a keyed container (a struct), not an array")
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        throw DatabaseError(.decoding, "a row decodes as a keyed container (a struct), not a single value")
    }

    struct Container<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let row: Row
        let lookup: ColumnLookup
        var codingPath: [any CodingKey] { [] }
        var allKeys: [Key] { row.columnNames.compactMap { Key(stringValue: $0) } }

        private func index(_ key: Key) -> Int? { lookup.index(of: key.stringValue) }

        func contains(_ key: Key) -> Bool { index(key) != nil }

        func decodeNil(forKey key: Key) throws -> Bool {
            guard let i = index(key) else { return true }
            return row.values[i].isNull
        }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            guard let i = index(key) else {
                throw DatabaseError(.decoding, "no column \(key.stringValue) in the row; it has \(row.columnNames.joined(separator: ", "))", column: key.stringValue)
            }
            if let convertible = T.self as? any DatabaseValueConvertible.Type {
                guard let value = convertible.fromDatabaseValue(row.values[i]) else {
                    throw DatabaseError(.decoding, "column \(row.columnNames[i]) holds \(Row.kindName(row.values[i])), which cannot be read as \(T.self)", column: row.columnNames[i])
                }
                return value as! T
            }
            if let json = JSON.fromDatabaseValue(row.values[i]) {
                return try JSONDecoder().decode(T.self, from: Data(json.canonicalText.utf8))
            }
            return try T(from: SingleValue(value: row.values[i]))
        }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            throw DatabaseError(.decoding, "column \(key.stringValue): nested containers are read from json columns only")
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            throw DatabaseError(.decoding, "column \(key.stringValue): arrays are read from json columns only")
        }

        func superDecoder() throws -> any Decoder { RowDecoder(row: row, lookup: lookup) }
        func superDecoder(forKey key: Key) throws -> any Decoder { RowDecoder(row: row, lookup: lookup) }
    }

    /// A column decoded by a type's own `init(from:)`, such as a `String`-backed enum.
    struct SingleValue: Decoder, SingleValueDecodingContainer {
        let value: DatabaseValue
        var codingPath: [any CodingKey] { [] }
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
            throw DatabaseError(.decoding, "a column holding \(Row.kindName(value)) cannot be read as a keyed value")
        }
        func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
            throw DatabaseError(.decoding, "a column holding \(Row.kindName(value)) cannot be read as an array")
        }
        func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

        func decodeNil() -> Bool { value.isNull }

        func decode<T: Decodable>(_ type: T.Type) throws -> T {
            if let convertible = T.self as? any DatabaseValueConvertible.Type, let v = convertible.fromDatabaseValue(value) {
                return v as! T
            }
            throw DatabaseError(.decoding, "a column holding \(Row.kindName(value)) cannot be read as \(T.self)")
        }
    }
}

/// Which column a property reads: its own name, else its snake_case form (`startedAt` reads
/// `started_at`). Worked out once per result and shared by its rows.
final class ColumnLookup {
    private let columnNames: [String]
    private var cache: [String: Int?] = [:]

    init(_ columnNames: [String]) { self.columnNames = columnNames }

    func index(of key: String) -> Int? {
        if let known = cache[key] { return known }
        let found = columnNames.firstIndex(of: key) ?? columnNames.firstIndex(of: Self.snakeCase(key))
        cache[key] = .some(found)
        return found
    }

    static func snakeCase(_ name: String) -> String {
        var out = ""
        for character in name {
            if character.isUppercase {
                if !out.isEmpty { out.append("_") }
                out += character.lowercased()
            } else {
                out.append(character)
            }
        }
        return out
    }
}

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
            return try value(T.self, at: i)
        }

        // An optional property: one column lookup, where the protocol's default asks three times
        // (`contains`, `decodeNil`, `decode`). The standard library calls the overload of the
        // property's type, so each one a model uses is spelled out.
        func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? { try present(T.self, key) }
        func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try present(type, key) }
        func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try present(type, key) }
        func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try present(type, key) }
        func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { try present(type, key) }
        func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try present(type, key) }

        private func present<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T? {
            guard let i = index(key), !row.values[i].isNull else { return nil }
            return try value(T.self, at: i)
        }

        /// Column `i` as `T`: the value contract's own types by a comparison of metatypes (the
        /// runtime's conformance lookup behind `as? any DatabaseValueConvertible.Type` cost more
        /// than the rest of a row's decoding), other convertible types by that lookup, anything
        /// else from JSON or through its own `init(from:)`.
        private func value<T: Decodable>(_ type: T.Type, at i: Int) throws -> T {
            let stored = row.values[i]
            let decoded: Any?
            if T.self == String.self {
                decoded = String.fromDatabaseValue(stored)
            } else if T.self == UUID.self {
                decoded = UUID.fromDatabaseValue(stored)
            } else if T.self == Timestamp.self {
                decoded = Timestamp.fromDatabaseValue(stored)
            } else if T.self == Bool.self {
                decoded = Bool.fromDatabaseValue(stored)
            } else if T.self == Int64.self {
                decoded = Int64.fromDatabaseValue(stored)
            } else if T.self == Int.self {
                decoded = Int.fromDatabaseValue(stored)
            } else if T.self == Double.self {
                decoded = Double.fromDatabaseValue(stored)
            } else if let convertible = T.self as? any DatabaseValueConvertible.Type {
                decoded = convertible.fromDatabaseValue(stored)
            } else if let json = JSON.fromDatabaseValue(stored) {
                return try JSONDecoder().decode(T.self, from: Data(json.canonicalText.utf8))
            } else {
                return try T(from: SingleValue(value: stored))
            }
            guard let decoded else {
                throw DatabaseError(.decoding, "column \(row.columnNames[i]) holds \(Row.kindName(stored)), which cannot be read as \(T.self)", column: row.columnNames[i])
            }
            return decoded as! T
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

    /// Whether column i is the first of its name, the one a lookup by name finds.
    private let isFirstOfName: [Bool]

    init(_ columnNames: [String]) {
        self.columnNames = columnNames
        isFirstOfName = columnNames.indices.map { i in !columnNames[..<i].contains(columnNames[i]) }
    }

    /// Types decode their properties in the order of their declaration, which is usually the
    /// order of the columns: the column after the last one found is tried before the cache,
    /// which has to hash the key.
    private var next = 0

    func index(of key: String) -> Int? {
        if next < columnNames.count, columnNames[next] == key, isFirstOfName[next] {
            next += 1
            return next - 1
        }
        if let known = cache[key] {
            if let known { next = known + 1 }
            return known
        }
        let found = columnNames.firstIndex(of: key) ?? columnNames.firstIndex(of: Self.snakeCase(key))
        cache[key] = .some(found)
        if let found { next = found + 1 }
        return found
    }

    /// `startedAt` → `started_at`: an underscore before each upper-case letter, lowered.
    ///
    /// Runs for every column of every row a typed write encodes: a name that is already lower
    /// case ASCII (a `CodingKeys` raw value such as `user_id`) comes back as it is, without the
    /// Unicode case lookups of the general path.
    static func snakeCase(_ name: String) -> String {
        if name.utf8.allSatisfy({ $0 < 0x80 && !(UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }) { return name }
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

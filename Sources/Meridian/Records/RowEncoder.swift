import Foundation

/// Encodes an `Encodable` value as the columns of one row, the mirror of the row decoder.
///
/// ```swift
/// struct Task: Encodable { var id: UUID; var userId: UUID; var title: String; var dueAt: Timestamp? }
/// try RowEncoder.columns(of: task)   // [("id", .uuid(…)), ("user_id", .uuid(…)), ("title", .text(…)), ("due_at", .null)]
/// ```
///
/// Property names become snake_case columns (`userId` → `user_id`). Properties whose type is
/// ``DatabaseValueConvertible`` give their value as it is; `String`-backed enums their raw value;
/// any other `Encodable` (a nested struct, an array) becomes a `json` value. An optional that is
/// `nil` gives `.null`, so that callers can tell "no value" from "no column".
enum RowEncoder {
    static func columns(of value: some Encodable) throws -> [(name: String, value: DatabaseValue)] {
        let storage = Storage()
        try value.encode(to: Encoder(storage: storage))
        return storage.columns
    }

    /// The columns, in the order the type encodes its properties.
    final class Storage {
        var columns: [(name: String, value: DatabaseValue)] = []

        func set(_ key: String, _ value: DatabaseValue) {
            let name = ColumnLookup.snakeCase(key)
            if let index = columns.firstIndex(where: { $0.name == name }) { columns[index].value = value } else { columns.append((name, value)) }
        }
    }

    struct Encoder: Swift.Encoder {
        let storage: Storage
        var codingPath: [any CodingKey] = []
        var userInfo: [CodingUserInfoKey: Any] = [:]

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            KeyedEncodingContainer(Container(storage: storage))
        }

        func unkeyedContainer() -> any UnkeyedEncodingContainer {
            Refusal(reason: "a row encodes from a keyed container (a struct), not an array").unkeyedContainer()
        }

        func singleValueContainer() -> any SingleValueEncodingContainer {
            Refusal(reason: "a row encodes from a keyed container (a struct), not a single value").singleValueContainer()
        }
    }

    struct Container<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let storage: Storage
        var codingPath: [any CodingKey] { [] }

        mutating func encodeNil(forKey key: Key) throws { storage.set(key.stringValue, .null) }

        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            storage.set(key.stringValue, try RowEncoder.databaseValue(value, column: key.stringValue))
        }

        // Synthesized conformances skip nil optionals through these; a row records them as NULL.
        mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
            if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
        }
        mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { try encodeIfPresent(value as String??, key) }
        mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { try encodeIfPresent(value as Bool??, key) }
        mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { try encodeIfPresent(value as Int??, key) }
        mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws { try encodeIfPresent(value as Int64??, key) }
        mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { try encodeIfPresent(value as Double??, key) }

        private mutating func encodeIfPresent<T: Encodable>(_ value: T??, _ key: Key) throws {
            if let value = value ?? nil { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            Refusal(reason: "column \(key.stringValue): nested values are written as json; encode the property as a whole").container(keyedBy: keyType)
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            Refusal(reason: "column \(key.stringValue): arrays are written as json; encode the property as a whole").unkeyedContainer()
        }

        mutating func superEncoder() -> any Swift.Encoder { Encoder(storage: storage) }
        mutating func superEncoder(forKey key: Key) -> any Swift.Encoder { Encoder(storage: storage) }
    }

    /// One property's value: its own database value, a `String` enum's raw value, or JSON.
    static func databaseValue<T: Encodable>(_ value: T, column: String) throws -> DatabaseValue {
        if let convertible = value as? any DatabaseValueConvertible { return convertible.databaseValue }
        if let raw = (value as? any RawRepresentable)?.rawValue as? String { return .text(raw) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let text = String(decoding: try encoder.encode(value), as: UTF8.self)
        do {
            return .json(try JSON(parsing: text))
        } catch {
            throw DatabaseError(.invalidValue, "column \(column): \(T.self) does not encode as a JSON document: \(error)", column: column)
        }
    }

    /// An encoder that throws its reason on the first value written to it, for the shapes a
    /// row cannot hold.
    struct Refusal: Swift.Encoder, SingleValueEncodingContainer, UnkeyedEncodingContainer {
        let reason: String
        var codingPath: [any CodingKey] { [] }
        var userInfo: [CodingUserInfoKey: Any] { [:] }
        var count: Int { 0 }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            KeyedEncodingContainer(RefusingContainer<Key>(reason: reason))
        }
        func unkeyedContainer() -> any UnkeyedEncodingContainer { self }
        func singleValueContainer() -> any SingleValueEncodingContainer { self }
        func encodeNil() throws { throw DatabaseError(.invalidValue, reason) }
        func encode<T: Encodable>(_ value: T) throws { throw DatabaseError(.invalidValue, reason) }
        func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            container(keyedBy: keyType)
        }
        func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { self }
        func superEncoder() -> any Swift.Encoder { self }
    }

    struct RefusingContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let reason: String
        var codingPath: [any CodingKey] { [] }
        func encodeNil(forKey key: Key) throws { throw DatabaseError(.invalidValue, reason) }
        func encode<T: Encodable>(_ value: T, forKey key: Key) throws { throw DatabaseError(.invalidValue, reason) }
        func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            KeyedEncodingContainer(RefusingContainer<NestedKey>(reason: reason))
        }
        func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer { Refusal(reason: reason) }
        func superEncoder() -> any Swift.Encoder { Refusal(reason: reason) }
        func superEncoder(forKey key: Key) -> any Swift.Encoder { Refusal(reason: reason) }
    }
}

import Foundation

/// One value of a row streamed between databases, borrowing its bytes from the driver that read
/// it: an SQLite column, a libpq COPY row.
///
/// A transfer moves millions of rows; ``DatabaseValue`` owns its text and bytes (an allocation
/// per string), so the readers hand out these instead and the writers encode them straight into
/// their own buffers. Each case is one logical type of the value contract, as ``DatabaseValue``;
/// text, JSON and bytes point into memory that is valid only during the call that receives the
/// value. ``databaseValue`` makes an owned copy when one is needed.
public enum StreamedValue {
    case null
    case int(Int64)
    case double(Double)
    case bool(Bool)
    /// UTF-8 text (also an enumeration's value).
    case text(UnsafeRawBufferPointer)
    case uuid(UUID)
    case timestamp(Timestamp)
    case date(CalendarDate)
    /// JSON text as the source holds it, in any spacing and key order; parse it for a value.
    case json(UnsafeRawBufferPointer)
    case bytes(UnsafeRawBufferPointer)
    case geometry(Geometry)

    /// An owned copy; JSON text is parsed, so a document either backend would refuse throws.
    public var databaseValue: DatabaseValue {
        get throws(DatabaseError) {
            switch self {
            case .null: return .null
            case .int(let v): return .int(v)
            case .double(let v): return .double(v)
            case .bool(let v): return .bool(v)
            case .text(let bytes): return .text(String(decoding: bytes, as: UTF8.self))
            case .uuid(let v): return .uuid(v)
            case .timestamp(let v): return .timestamp(v)
            case .date(let v): return .date(v)
            case .json(let bytes):
                do {
                    return .json(try JSON(parsing: String(decoding: bytes, as: UTF8.self)))
                } catch {
                    throw DatabaseError(.invalidValue, "the JSON text is not valid: \(error)")
                }
            case .bytes(let bytes): return .bytes([UInt8](bytes))
            case .geometry(let g): return .geometry(g)
            }
        }
    }

    /// The logical type's name, for messages: `text`, `a geometry`, `NULL`.
    public var kindName: String {
        switch self {
        case .null: "NULL"
        case .int: "an int"
        case .double: "a double"
        case .bool: "a bool"
        case .text: "text"
        case .uuid: "a uuid"
        case .timestamp: "a timestamp"
        case .date: "a date"
        case .json: "JSON"
        case .bytes: "bytes"
        case .geometry: "a geometry"
        }
    }
}

extension DatabaseValue {
    /// Calls `body` with this value as a ``StreamedValue`` borrowing this value's storage;
    /// JSON is lent as its canonical text.
    public func withStreamedValue<T>(_ body: (StreamedValue) throws -> T) rethrows -> T {
        switch self {
        case .null: return try body(.null)
        case .int(let v): return try body(.int(v))
        case .double(let v): return try body(.double(v))
        case .bool(let v): return try body(.bool(v))
        case .text(var s): return try s.withUTF8 { try body(.text(UnsafeRawBufferPointer($0))) }
        case .uuid(let v): return try body(.uuid(v))
        case .timestamp(let v): return try body(.timestamp(v))
        case .date(let v): return try body(.date(v))
        case .json(let v):
            var text = v.canonicalText
            return try text.withUTF8 { try body(.json(UnsafeRawBufferPointer($0))) }
        case .bytes(let v): return try v.withUnsafeBytes { try body(.bytes($0)) }
        case .geometry(let g): return try body(.geometry(g))
        }
    }
}

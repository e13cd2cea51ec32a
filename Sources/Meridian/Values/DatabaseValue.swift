import Foundation

/// A value of one of Meridian's logical types, as it crosses between Swift and a database.
///
/// Each case is one row of the value contract: the SQLite and PostgreSQL drivers each turn a
/// case into exactly one storage representation and lift it back, so a value written through
/// Meridian reads back identically on both backends.
///
/// ```swift
/// try db.execute("INSERT INTO events (id, at, tags) VALUES ($1, $2, $3)",
///                [.uuid(id), .timestamp(.now()), .json(["kind": "flare"])])
/// ```
public enum DatabaseValue: Sendable, Hashable {
    case null
    case int(Int64)
    case double(Double)
    case text(String)
    case bool(Bool)
    case uuid(UUID)
    case timestamp(Timestamp)
    case date(CalendarDate)
    case json(JSON)
    case bytes([UInt8])
    case geometry(Geometry)

    /// Whether this is SQL NULL.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The logical type of the value, or `nil` for NULL.
    public var logicalType: LogicalType? {
        switch self {
        case .null: nil
        case .int: .int
        case .double: .double
        case .text: .text
        case .bool: .bool
        case .uuid: .uuid
        case .timestamp: .timestamp
        case .date: .date
        case .json: .json
        case .bytes: .bytes
        case .geometry(let g): .geometry(GeometryColumnType(g.shape), srid: g.srid ?? 0)
        }
    }
}

extension DatabaseValue: ExpressibleByNilLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByStringLiteral, ExpressibleByBooleanLiteral
{
    public init(nilLiteral: ()) { self = .null }
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(stringLiteral value: String) { self = .text(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension DatabaseValue: CustomStringConvertible {
    /// A literal-like rendering for display (`meridian query`), never used to build SQL.
    public var description: String {
        switch self {
        case .null: "NULL"
        case .int(let v): String(v)
        case .double(let v): v.isNaN ? "NaN" : (v.isInfinite ? (v < 0 ? "-Infinity" : "Infinity") : String(v))
        case .text(let v): v
        case .bool(let v): v ? "true" : "false"
        case .uuid(let v): v.uuidString.lowercased()
        case .timestamp(let v): v.iso8601
        case .date(let v): v.iso8601
        case .json(let v): v.canonicalText
        case .bytes(let v): "\\x" + v.map { String(format: "%02x", $0) }.joined()
        case .geometry(let v): v.description
        }
    }
}

import Foundation

/// A Swift type that is one logical type of the value contract.
///
/// `fromDatabaseValue` accepts the value's own case and the storage forms a backend may return
/// for it (SQLite returns a `bool` as the integer 0 or 1 and a `timestamp` as text when a result
/// column is an expression rather than a declared column), so typed reads agree on both backends.
public protocol DatabaseValueConvertible {
    var databaseValue: DatabaseValue { get }
    static func fromDatabaseValue(_ value: DatabaseValue) -> Self?
}

extension DatabaseValue: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { self }
    public static func fromDatabaseValue(_ value: DatabaseValue) -> DatabaseValue? { value }
}

extension Int64: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { .int(self) }
    public static func fromDatabaseValue(_ value: DatabaseValue) -> Int64? {
        if case .int(let v) = value { return v }
        return nil
    }
}

extension Int: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { .int(Int64(self)) }
    public static func fromDatabaseValue(_ value: DatabaseValue) -> Int? {
        Int64.fromDatabaseValue(value).flatMap { Int(exactly: $0) }
    }
}

extension Int32: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { .int(Int64(self)) }
    public static func fromDatabaseValue(_ value: DatabaseValue) -> Int32? {
        Int64.fromDatabaseValue(value).flatMap { Int32(exactly: $0) }
    }
}

extension Double: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { .double(self) }
    public static func fromDatabaseValue(_ value: DatabaseValue) -> Double? {
        switch value {
        case .double(let v): v
        case .int(let v): Double(v)
        default: nil
        }
    }
}

extension String: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { .text(self) }
    public static func fromDatabaseValue(_ value: DatabaseValue) -> String? {
        if case .text(let v) = value { return v }
        return nil
    }
}

extension Bool: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { .bool(self) }
    public static func fromDatabaseValue(_ value: DatabaseValue) -> Bool? {
        switch value {
        case .bool(let v): v
        case .int(0): false
        case .int(1): true
        default: nil
        }
    }
}

extension UUID: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { .uuid(self) }
    public static func fromDatabaseValue(_ value: DatabaseValue) -> UUID? {
        switch value {
        case .uuid(let v): v
        case .text(let v): UUID(text: v)
        default: nil
        }
    }
}

extension Timestamp: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { .timestamp(self) }
    public static func fromDatabaseValue(_ value: DatabaseValue) -> Timestamp? {
        switch value {
        case .timestamp(let v): v
        case .text(let v): Timestamp(iso8601: v)
        default: nil
        }
    }
}

extension CalendarDate: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { .date(self) }
    public static func fromDatabaseValue(_ value: DatabaseValue) -> CalendarDate? {
        switch value {
        case .date(let v): v
        case .text(let v): CalendarDate(iso8601: v)
        default: nil
        }
    }
}

extension JSON: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { .json(self) }
    public static func fromDatabaseValue(_ value: DatabaseValue) -> JSON? {
        switch value {
        case .json(let v): v
        case .text(let v): try? JSON(parsing: v)
        default: nil
        }
    }
}

extension Array: DatabaseValueConvertible where Element == UInt8 {
    public var databaseValue: DatabaseValue { .bytes(self) }
    public static func fromDatabaseValue(_ value: DatabaseValue) -> [UInt8]? {
        if case .bytes(let v) = value { return v }
        return nil
    }
}

extension Data: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { .bytes([UInt8](self)) }
    public static func fromDatabaseValue(_ value: DatabaseValue) -> Data? {
        if case .bytes(let v) = value { return Data(v) }
        return nil
    }
}

extension Geometry: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { .geometry(self) }
    public static func fromDatabaseValue(_ value: DatabaseValue) -> Geometry? {
        if case .geometry(let v) = value { return v }
        return nil
    }
}

extension Optional: DatabaseValueConvertible where Wrapped: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { self?.databaseValue ?? .null }
    public static func fromDatabaseValue(_ value: DatabaseValue) -> Wrapped?? {
        if case .null = value { return .some(nil) }
        return Wrapped.fromDatabaseValue(value).map { .some($0) }
    }
}

extension RawRepresentable where RawValue == String, Self: DatabaseValueConvertible {
    /// String-backed enums are the `enum` logical type: declare conformance, get both directions.
    public var databaseValue: DatabaseValue { .text(rawValue) }
    public static func fromDatabaseValue(_ value: DatabaseValue) -> Self? {
        String.fromDatabaseValue(value).flatMap(Self.init(rawValue:))
    }
}

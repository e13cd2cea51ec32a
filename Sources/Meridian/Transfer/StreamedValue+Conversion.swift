import Foundation

extension StreamedValue {
    /// Why a value cannot move as its column's logical type; the caller adds the table, row and
    /// column.
    public struct ConversionFailure: Error, Sendable, Equatable {
        public var reason: String
        public init(reason: String) { self.reason = reason }
    }

    /// This value as a value of `type` (unchanged when `type` is `nil`), from the forms a column
    /// of that type holds in databases other tools wrote: timestamps, dates and UUIDs as text,
    /// booleans as 0 and 1, whole doubles as integers and integers as doubles when exact, JSON as
    /// text, geometry as (E)WKB bytes. A timestamp without a zone (`2024-05-01 12:00:00`, what
    /// SQLite's `datetime()` writes) is read as UTC, as SQLite's date functions mean it.
    ///
    /// A geometry must have its column's SRID and type, and pass the contract's checks
    /// (``Geometry/validate()``): PostGIS would otherwise wrap a latitude of 95 without a word.
    public func converted(to type: LogicalType?) throws(ConversionFailure) -> StreamedValue {
        guard let type, !isNull else { return self }
        switch (type, self) {
        case (.int, .int), (.double, .double), (.text, .text), (.enumeration, .text), (.bool, .bool), (.uuid, .uuid),
            (.timestamp, .timestamp), (.date, .date), (.json, .json), (.bytes, .bytes):
            return self
        case (.int, .double(let v)):
            if let exact = Int64(exactly: v) { return .int(exact) }
        case (.double, .int(let v)):
            if let exact = Double(exactly: v) { return .double(exact) }
        case (.bool, .int(let v)) where v == 0 || v == 1:
            return .bool(v == 1)
        case (.uuid, .text(let text)):
            if let uuid = Self.uuid(text) { return .uuid(uuid) }
        case (.uuid, .bytes(let bytes)) where bytes.count == 16:
            var uuid = UUID().uuid
            withUnsafeMutableBytes(of: &uuid) { $0.copyMemory(from: bytes) }
            return .uuid(UUID(uuid: uuid))
        case (.timestamp, .text(let text)):
            if let timestamp = Timestamp(iso8601Bytes: text) ?? Self.utcTimestamp(text) { return .timestamp(timestamp) }
        case (.date, .text(let text)):
            if let date = CalendarDate(iso8601Bytes: text) { return .date(date) }
        case (.json, .text(let text)):
            return .json(text)
        case (.geometry(let shape, let srid), .geometry(let geometry)):
            try Self.check(geometry, shape: shape, srid: srid)
            return self
        case (.geometry(let shape, let srid), .bytes(let bytes)):
            let geometry: Geometry
            do { geometry = try Geometry(wkb: bytes) } catch { throw ConversionFailure(reason: "holds bytes that are not a geometry (\(error))") }
            try Self.check(geometry, shape: shape, srid: srid)
            return .geometry(geometry)
        default:
            break
        }
        throw ConversionFailure(reason: "holds \(excerpt), which is not \(Self.describe(type))")
    }

    private var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The value for a message: text up to 40 characters, numbers, or the kind.
    public var excerpt: String {
        switch self {
        case .text(let bytes), .json(let bytes):
            let text = String(decoding: bytes.prefix(40), as: UTF8.self)
            return "'\(text)\(bytes.count > 40 ? "…" : "")'"
        case .int(let v): return "the integer \(v)"
        case .double(let v): return "the number \(v)"
        case .bool(let v): return v ? "true" : "false"
        case .bytes(let bytes): return "\(bytes.count) bytes"
        default: return kindName
        }
    }

    private static func describe(_ type: LogicalType) -> String {
        switch type {
        case .int: "an integer"
        case .double: "a number"
        case .text, .enumeration: "text"
        case .bool: "a boolean (0 or 1)"
        case .uuid: "a UUID (8-4-4-4-12 hex digits)"
        case .timestamp: "a timestamp (YYYY-MM-DDTHH:MM:SS.ffffffZ)"
        case .date: "a date (YYYY-MM-DD)"
        case .json: "JSON text"
        case .bytes: "bytes"
        case .geometry(let shape, let srid): "a \(shape.postGISName) geometry with SRID \(srid)"
        }
    }

    private static func check(_ geometry: Geometry, shape: GeometryColumnType, srid: Int32) throws(ConversionFailure) {
        if let mismatch = geometry.mismatch(withColumn: shape, srid: srid) { throw ConversionFailure(reason: "holds " + mismatch) }
        do { try geometry.validate() } catch { throw ConversionFailure(reason: "holds a geometry outside the value contract: \(error)") }
    }

    /// A UUID from its 36-character text in either case.
    static func uuid(_ text: UnsafeRawBufferPointer) -> UUID? {
        guard text.count == 36 else { return nil }
        var bytes = UUID().uuid
        var ok = true
        withUnsafeMutableBytes(of: &bytes) { out in
            var index = 0
            var position = 0
            while position < 36 {
                if position == 8 || position == 13 || position == 18 || position == 23 {
                    if text[position] != UInt8(ascii: "-") { ok = false; return }
                    position += 1
                    continue
                }
                guard let high = hexValue(text[position]), let low = hexValue(text[position + 1]) else { ok = false; return }
                out[index] = high << 4 | low
                index += 1
                position += 2
            }
        }
        return ok ? UUID(uuid: bytes) : nil
    }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case 48...57: c - 48
        case 97...102: c - 87
        case 65...70: c - 55
        default: nil
        }
    }

    /// A timestamp written without a zone, read as UTC.
    private static func utcTimestamp(_ text: UnsafeRawBufferPointer) -> Timestamp? {
        guard (19...26).contains(text.count), let last = text.last, (48...57).contains(last) else { return nil }
        var zoned = [UInt8](text)
        zoned.append(UInt8(ascii: "Z"))
        return zoned.withUnsafeBytes { Timestamp(iso8601Bytes: $0) }
    }
}

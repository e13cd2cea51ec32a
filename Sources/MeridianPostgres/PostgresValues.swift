import Foundation
import Meridian

/// The PostgreSQL binary wire forms Meridian binds parameters in, and the text forms it reads
/// results from.
///
/// Parameters go in binary with their type's OID: exact for doubles and timestamps, no text
/// formatting on the hot path, and PostgreSQL never has to guess a parameter's type (`SELECT $1`
/// works as it does on SQLite).
enum PostgresValues {
    enum OID {
        static let bool: UInt32 = 16
        static let bytea: UInt32 = 17
        static let int8: UInt32 = 20
        static let int2: UInt32 = 21
        static let int4: UInt32 = 23
        static let text: UInt32 = 25
        static let json: UInt32 = 114
        static let float4: UInt32 = 700
        static let float8: UInt32 = 701
        static let varchar: UInt32 = 1043
        static let date: UInt32 = 1082
        static let timestamp: UInt32 = 1114
        static let timestamptz: UInt32 = 1184
        static let numeric: UInt32 = 1700
        static let uuid: UInt32 = 2950
        static let jsonb: UInt32 = 3802
    }

    /// Microseconds between 1970-01-01 and PostgreSQL's epoch, 2000-01-01.
    static let epochOffsetMicroseconds: Int64 = 946_684_800_000_000
    static let epochOffsetDays: Int64 = 10_957

    /// Appends `value`'s binary form to `buffer` and returns its type OID; `geometryOID` is the
    /// connection's OID of PostGIS `geometry`, whose binary input takes EWKB.
    static func appendBinary(_ value: DatabaseValue, to buffer: inout [UInt8], geometryOID: () throws -> UInt32) rethrows -> UInt32 {
        try value.withStreamedValue { try appendBinary($0, to: &buffer, geometryOID: geometryOID) }
    }

    /// Appends `value`'s binary form (the bytes of a parameter or of a binary COPY field, without
    /// a length) and returns its type OID. JSON goes as `jsonb`: version byte 1, then the text.
    static func appendBinary(_ value: StreamedValue, to buffer: inout [UInt8], geometryOID: () throws -> UInt32) rethrows -> UInt32 {
        switch value {
        case .null:
            return 0
        case .int(let v):
            appendBigEndian(UInt64(bitPattern: v), to: &buffer)
            return OID.int8
        case .double(let v):
            appendBigEndian(v.bitPattern, to: &buffer)
            return OID.float8
        case .bool(let v):
            buffer.append(v ? 1 : 0)
            return OID.bool
        case .text(let v):
            buffer += v
            return OID.text
        case .uuid(let v):
            withUnsafeBytes(of: v.uuid) { buffer += $0 }
            return OID.uuid
        case .timestamp(let v):
            appendBigEndian(UInt64(bitPattern: v.microsecondsSinceEpoch &- epochOffsetMicroseconds), to: &buffer)
            return OID.timestamptz
        case .date(let v):
            appendBigEndian(UInt32(bitPattern: Int32(truncatingIfNeeded: v.daysSinceEpoch - epochOffsetDays)), to: &buffer)
            return OID.date
        case .json(let text):
            buffer.append(1)  // jsonb binary format version
            buffer += text
            return OID.jsonb
        case .bytes(let v):
            buffer += v
            return OID.bytea
        case .geometry(let g):
            g.appendEWKB(to: &buffer)
            return try geometryOID()
        }
    }

    @inline(__always)
    static func appendBigEndian<T: FixedWidthInteger>(_ value: T, to buffer: inout [UInt8]) {
        withUnsafeBytes(of: value.bigEndian) { buffer += $0 }
    }

    /// What a result column of a type holds, decided once per column from its OID.
    enum ColumnKind {
        case bool, integer, double, text, uuid, timestamp, localTimestamp, date, json, bytes, geometry
    }

    static func kind(ofBuiltIn oid: UInt32) -> ColumnKind? {
        switch oid {
        case OID.bool: .bool
        case OID.int8, OID.int2, OID.int4, 26: .integer
        case OID.float4, OID.float8, OID.numeric: .double
        case OID.text, OID.varchar, 1042, 19, 18: .text
        case OID.uuid: .uuid
        case OID.timestamptz: .timestamp
        case OID.timestamp: .localTimestamp
        case OID.date: .date
        case OID.json, OID.jsonb: .json
        case OID.bytea: .bytes
        default: nil
        }
    }

    /// A value from its text form; text that does not fit the contract's range (a year past
    /// 9999, a BC date) stays text rather than failing the whole row.
    static func decodeText(_ bytes: UnsafeBufferPointer<UInt8>, as kind: ColumnKind) throws(DatabaseError) -> DatabaseValue {
        if kind == .uuid, let uuid = UUID(hyphenatedHex: bytes) { return .uuid(uuid) }
        let text = String(decoding: bytes, as: UTF8.self)
        switch kind {
        case .text:
            return .text(text)
        case .bool:
            return .bool(text == "t")
        case .integer:
            return Int64(text).map(DatabaseValue.int) ?? .text(text)
        case .double:
            return Double(text).map(DatabaseValue.double) ?? .text(text)
        case .uuid:
            return UUID(text: text).map(DatabaseValue.uuid) ?? .text(text)
        case .timestamp:
            return Timestamp(iso8601: text).map(DatabaseValue.timestamp) ?? .text(text)
        case .localTimestamp:
            return Timestamp(iso8601: text + "Z").map(DatabaseValue.timestamp) ?? .text(text)
        case .date:
            return CalendarDate(iso8601: text).map(DatabaseValue.date) ?? .text(text)
        case .json:
            return (try? JSON(parsing: text)).map(DatabaseValue.json) ?? .text(text)
        case .bytes:
            return .bytes(try hexBytes(bytes))
        case .geometry:
            do {
                return .geometry(try Geometry(hexEWKB: text))
            } catch {
                throw DatabaseError(.decoding, "a geometry result could not be read: \(error)")
            }
        }
    }

    /// `\x0aff…` (bytea's hex output) → bytes.
    private static func hexBytes(_ s: UnsafeBufferPointer<UInt8>) throws(DatabaseError) -> [UInt8] {
        guard s.count >= 2, s[0] == UInt8(ascii: "\\"), s[1] == UInt8(ascii: "x"), s.count % 2 == 0 else {
            throw DatabaseError(.decoding, "bytea came back in escape format; Meridian sets bytea_output = hex")
        }
        var out = [UInt8]()
        out.reserveCapacity((s.count - 2) / 2)
        var i = 2
        while i < s.count {
            out.append(nibble(s[i]) << 4 | nibble(s[i + 1]))
            i += 2
        }
        return out
    }

    @inline(__always)
    private static func nibble(_ c: UInt8) -> UInt8 {
        switch c {
        case 48...57: c - 48
        case 97...102: c - 87
        default: c &- 55
        }
    }
}

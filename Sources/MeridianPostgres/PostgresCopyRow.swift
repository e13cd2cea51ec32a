import Foundation
import Meridian

/// One row of a binary `COPY … TO STDOUT`, read in place from libpq's buffer, handed to the body
/// of ``PostgresConnection/copyRows(of:_:)``.
///
/// The same object serves every row of a query (its field table is reused), and values point
/// into the current row's buffer: read them inside the body, copy what must outlive it.
public final class PostgresCopyRow {
    /// How each column's binary field reads: by the column's type, decided once per query.
    enum Field {
        case bool, int2, int4, int8, float4, float8, text, uuid, timestamptz, timestamp, date, json, jsonb, bytea, geometry
        /// A type without a binary reader here, sent as its text output (`::text`) and read
        /// as the driver reads that type's text (`numeric` as a double, others as text).
        case textOutput(PostgresValues.ColumnKind)

        init(builtIn oid: UInt32) {
            switch oid {
            case PostgresValues.OID.bool: self = .bool
            case PostgresValues.OID.int2: self = .int2
            case PostgresValues.OID.int4: self = .int4
            case PostgresValues.OID.int8: self = .int8
            case PostgresValues.OID.float4: self = .float4
            case PostgresValues.OID.float8: self = .float8
            case PostgresValues.OID.text, PostgresValues.OID.varchar, 1042, 19: self = .text
            case PostgresValues.OID.uuid: self = .uuid
            case PostgresValues.OID.timestamptz: self = .timestamptz
            case PostgresValues.OID.timestamp: self = .timestamp
            case PostgresValues.OID.date: self = .date
            case PostgresValues.OID.json: self = .json
            case PostgresValues.OID.jsonb: self = .jsonb
            case PostgresValues.OID.bytea: self = .bytea
            default: self = .textOutput(PostgresValues.kind(ofBuiltIn: oid) ?? .text)
            }
        }

        var needsTextOutput: Bool {
            if case .textOutput = self { return true }
            return false
        }
    }

    /// Column names, in order.
    public let columnNames: [String]
    let fields: [Field]
    /// Where each field of the current row starts, and its length (-1 for NULL). Raw memory,
    /// written once per field of millions of rows: an array in a class property would pay a
    /// dynamic exclusivity check on every write.
    private let starts: UnsafeMutableBufferPointer<UnsafeRawPointer?>
    private let lengths: UnsafeMutableBufferPointer<Int>

    init(columnNames: [String], fields: [Field]) {
        self.columnNames = columnNames
        self.fields = fields
        starts = .allocate(capacity: fields.count)
        starts.initialize(repeating: nil)
        lengths = .allocate(capacity: fields.count)
        lengths.initialize(repeating: -1)
    }

    deinit {
        starts.deallocate()
        lengths.deallocate()
    }

    public var count: Int { fields.count }

    /// Whether the column at `index` is NULL in this row.
    public func isNull(at index: Int) -> Bool { lengths[index] < 0 }

    /// Points this row at the tuple that starts at `offset` of `message`; returns the offset
    /// after it, or `nil` at the trailer.
    func read(_ message: UnsafeRawBufferPointer, at start: Int) throws(DatabaseError) -> Int? {
        var offset = start
        guard message.count - offset >= 2 else { throw Self.malformed("a row ends before its field count") }
        let fieldCount = Int(Int16(bitPattern: message.loadUnaligned(fromByteOffset: offset, as: UInt16.self).bigEndian))
        offset += 2
        if fieldCount == -1 { return nil }
        guard fieldCount == fields.count else { throw Self.malformed("a row has \(fieldCount) fields, not \(fields.count)") }
        for index in 0..<fieldCount {
            guard message.count - offset >= 4 else { throw Self.malformed("field \(index) ends before its length") }
            let length = Int(Int32(bitPattern: message.loadUnaligned(fromByteOffset: offset, as: UInt32.self).bigEndian))
            offset += 4
            starts[index] = message.baseAddress.map { $0 + offset }
            lengths[index] = length
            if length > 0 {
                guard message.count - offset >= length else { throw Self.malformed("field \(index) is cut short") }
                offset += length
            }
        }
        return offset
    }

    private static func malformed(_ what: String) -> DatabaseError {
        DatabaseError(.decoding, "the binary COPY data from PostgreSQL is malformed: \(what)")
    }

    private func bytes(_ index: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: starts[index], count: max(lengths[index], 0))
    }

    private func integer<T: FixedWidthInteger>(_ bytes: UnsafeRawBufferPointer, _ type: T.Type) throws(DatabaseError) -> T {
        guard bytes.count == MemoryLayout<T>.size else { throw Self.malformed("a \(MemoryLayout<T>.size)-byte field has \(bytes.count) bytes") }
        return T(bigEndian: bytes.loadUnaligned(as: T.self))
    }

    /// The column at `index` as a value borrowing this row's buffer.
    public func streamedValue(at index: Int) throws(DatabaseError) -> StreamedValue {
        guard lengths[index] >= 0 else { return .null }
        let bytes = bytes(index)
        switch fields[index] {
        case .bool:
            return .bool(try integer(bytes, UInt8.self) != 0)
        case .int2:
            return .int(Int64(try integer(bytes, Int16.self)))
        case .int4:
            return .int(Int64(try integer(bytes, Int32.self)))
        case .int8:
            return .int(try integer(bytes, Int64.self))
        case .float4:
            return .double(Double(Float(bitPattern: try integer(bytes, UInt32.self))))
        case .float8:
            return .double(Double(bitPattern: try integer(bytes, UInt64.self)))
        case .text:
            return .text(bytes)
        case .uuid:
            guard bytes.count == 16 else { throw Self.malformed("a uuid has \(bytes.count) bytes") }
            var uuid = UUID().uuid
            withUnsafeMutableBytes(of: &uuid) { $0.copyMemory(from: bytes) }
            return .uuid(UUID(uuid: uuid))
        case .timestamptz, .timestamp:
            let micros = try integer(bytes, Int64.self)
            guard micros != .max, micros != .min else {
                throw DatabaseError(.invalidValue, "column \(columnNames[index]) holds an infinite timestamp, which the timestamp type cannot hold", column: columnNames[index])
            }
            return .timestamp(Timestamp(microsecondsSinceEpoch: micros &+ PostgresValues.epochOffsetMicroseconds))
        case .date:
            let days = Int64(try integer(bytes, Int32.self)) + PostgresValues.epochOffsetDays
            guard let date = CalendarDate(daysSinceEpoch: days) else {
                throw DatabaseError(.invalidValue, "column \(columnNames[index]) holds a date outside the years 0001–9999", column: columnNames[index])
            }
            return .date(date)
        case .json:
            return .json(bytes)
        case .jsonb:
            guard bytes.first == 1 else { throw Self.malformed("a jsonb field has format version \(bytes.first ?? 0), not 1") }
            return .json(UnsafeRawBufferPointer(rebasing: bytes.dropFirst()))
        case .bytea:
            return .bytes(bytes)
        case .geometry:
            do {
                return .geometry(try Geometry(wkb: bytes))
            } catch {
                throw DatabaseError(.decoding, "column \(columnNames[index]) holds a geometry Meridian cannot read: \(error)", column: columnNames[index])
            }
        case .textOutput(let kind):
            if case .double = kind, let number = Double(String(decoding: bytes, as: UTF8.self)) { return .double(number) }
            return .text(bytes)
        }
    }

    /// The column at `index` as an owned value.
    public func value(at index: Int) throws(DatabaseError) -> DatabaseValue {
        try streamedValue(at: index).databaseValue
    }
}

import Foundation
import Meridian

/// Rows in one of PostgreSQL's `COPY` formats, appended to a byte buffer that the caller sends
/// (``PostgresCopyWriter``) or writes to a file (``PostgresScriptWriter``).
///
/// The binary format is the fast one: fixed-width numbers, no escaping, no text parsing on the
/// server, so the server's time goes to storing rows. The text format is the one every column
/// type reads (its input function parses it) and the only one psql can read inline from a
/// script. See https://www.postgresql.org/docs/current/sql-copy.html#id-1.9.3.55.9.
public struct PostgresCopyEncoder {
    public enum Format: String, Sendable {
        case binary, text
    }

    public let format: Format
    /// The encoded bytes so far; ``removeAll()`` empties it and keeps the capacity.
    public private(set) var bytes: [UInt8] = []
    private var fieldsInRow = 0

    /// `PGCOPY\n\377\r\n\0`, then the flags and the header extension length (both 0).
    static let binarySignature: [UInt8] = [0x50, 0x47, 0x43, 0x4F, 0x50, 0x59, 0x0A, 0xFF, 0x0D, 0x0A, 0x00]

    /// A buffer starting with the format's header (the binary format has one).
    public init(format: Format, capacity: Int = 1 << 20) {
        self.format = format
        bytes.reserveCapacity(capacity)
        if format == .binary {
            bytes += Self.binarySignature
            bytes += [0, 0, 0, 0, 0, 0, 0, 0]
        }
    }

    public mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    /// Starts a row of `fieldCount` fields.
    @inline(__always)
    public mutating func beginRow(fieldCount: Int) {
        fieldsInRow = 0
        if format == .binary { PostgresValues.appendBigEndian(UInt16(truncatingIfNeeded: fieldCount), to: &bytes) }
    }

    /// Ends the row begun last.
    @inline(__always)
    public mutating func endRow() {
        if format == .text { bytes.append(0x0A) }
    }

    /// Appends one field. JSON becomes `jsonb` (binary) or its text; geometry becomes EWKB, which
    /// both `geometry` and `geography` columns read.
    @inline(__always)
    public mutating func append(_ value: StreamedValue) {
        switch format {
        case .binary:
            guard !isNull(value) else {
                bytes += [0xFF, 0xFF, 0xFF, 0xFF]
                return
            }
            let lengthAt = bytes.count
            bytes += [0, 0, 0, 0]
            _ = PostgresValues.appendBinary(value, to: &bytes, geometryOID: { 0 })
            let length = UInt32(bytes.count - lengthAt - 4).bigEndian
            withUnsafeBytes(of: length) { length in
                bytes.withUnsafeMutableBytes { $0.baseAddress!.advanced(by: lengthAt).copyMemory(from: length.baseAddress!, byteCount: 4) }
            }
        case .text:
            if fieldsInRow > 0 { bytes.append(0x09) }
            appendText(value)
        }
        fieldsInRow += 1
    }

    /// Appends text as it is (SQL around the COPY blocks of a script).
    public mutating func append(raw text: String) {
        bytes += text.utf8
    }

    /// The binary format's end marker; a no-op for text, whose end (`\.`) only a script needs.
    public mutating func appendTrailer() {
        if format == .binary { bytes += [0xFF, 0xFF] }
    }

    @inline(__always)
    private func isNull(_ value: StreamedValue) -> Bool {
        if case .null = value { return true }
        return false
    }

    // MARK: - Text format

    /// A field in the text format: each type's text input form, with backslash, tab, newline and
    /// carriage return escaped.
    private mutating func appendText(_ value: StreamedValue) {
        switch value {
        case .null:
            bytes += [0x5C, 0x4E]  // \N
        case .int(let v):
            appendASCII(String(v))
        case .double(let v):
            // Swift's shortest round-trip digits; float8in reads them back to the same bits.
            appendASCII(v.isInfinite ? (v < 0 ? "-Infinity" : "Infinity") : "\(v)")
        case .bool(let v):
            bytes.append(v ? 0x74 : 0x66)
        case .text(let v), .json(let v):
            appendEscaped(v)
        case .uuid(let v):
            appendASCII(v.uuidString.lowercased())
        case .timestamp(let v):
            v.appendISO8601(to: &bytes)
        case .date(let v):
            appendASCII(v.iso8601)
        case .bytes(let v):
            // `\\x…`: the COPY escape of a backslash, then bytea's hex form.
            bytes += [0x5C, 0x5C, 0x78]
            appendHex(v)
        case .geometry(let g):
            var ewkb: [UInt8] = []
            g.appendEWKB(to: &ewkb)
            ewkb.withUnsafeBytes { appendHex($0) }
        }
    }

    private mutating func appendASCII(_ text: String) {
        bytes += text.utf8
    }

    private mutating func appendEscaped(_ text: UnsafeRawBufferPointer) {
        for byte in text {
            switch byte {
            case 0x5C: bytes += [0x5C, 0x5C]
            case 0x0A: bytes += [0x5C, 0x6E]
            case 0x0D: bytes += [0x5C, 0x72]
            case 0x09: bytes += [0x5C, 0x74]
            default: bytes.append(byte)
            }
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private mutating func appendHex(_ data: UnsafeRawBufferPointer) {
        for byte in data {
            bytes.append(Self.hexDigits[Int(byte >> 4)])
            bytes.append(Self.hexDigits[Int(byte & 0x0F)])
        }
    }
}

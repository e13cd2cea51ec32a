/// An order-independent fingerprint of a table's rows, computed the same way from a row read
/// out of either backend, so that two databases holding the same rows give the same digest.
///
/// ```swift
/// var digest = TableDigest()
/// var hasher = RowHasher()
/// try hasher.add(row, to: &digest)     // for each row, in any order
/// print(digest)                         // 1000 rows, 3f9c…
/// ```
///
/// Each row is encoded canonically under the value contract (``CanonicalEncoding``) and hashed
/// twice with XXH64 under two seeds, a 128-bit row hash; the digest is the row count and the
/// sums of each half modulo 2⁶⁴. Sums do not depend on order, and unlike XOR a row present twice
/// does not cancel itself. A lost, added, duplicated or changed row changes the digest, but for
/// a 2⁻¹²⁸-small chance per difference; the hash guards against accidents, not adversaries.
public struct TableDigest: Sendable, Hashable, CustomStringConvertible {
    /// Rows added.
    public private(set) var rows: Int64 = 0
    private var low: UInt64 = 0
    private var high: UInt64 = 0

    public init() {}

    /// Adds one row's hash (from ``RowHasher``).
    @inline(__always)
    public mutating func add(rowHash: (UInt64, UInt64)) {
        rows += 1
        low = low &+ rowHash.0
        high = high &+ rowHash.1
    }

    /// The 128-bit sum as 32 lowercase hex digits.
    public var hex: String { Self.hex(high) + Self.hex(low) }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    public var description: String { "\(rows) rows, \(hex)" }
}

extension TableDigest: Codable {
    private enum Key: String, CodingKey { case rows, digest }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        rows = try container.decode(Int64.self, forKey: .rows)
        let hex = try container.decode(String.self, forKey: .digest)
        guard hex.count == 32, let high = UInt64(hex.prefix(16), radix: 16), let low = UInt64(hex.suffix(16), radix: 16) else {
            throw DecodingError.dataCorruptedError(forKey: .digest, in: container, debugDescription: "a digest is 32 hex digits")
        }
        self.high = high
        self.low = low
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(rows, forKey: .rows)
        try container.encode(hex, forKey: .digest)
    }
}

/// Hashes rows for a ``TableDigest``, reusing one buffer for the canonical bytes of each row.
public struct RowHasher {
    private var buffer: [UInt8] = []
    private var json = JSONCanonicalWriter()
    private static let seeds: (UInt64, UInt64) = (0, 0x9E37_79B9_7F4A_7C15)

    public init() { buffer.reserveCapacity(1024) }

    /// The 128-bit hash of a row's canonical encoding.
    public mutating func hash(_ row: [StreamedValue]) throws(DatabaseError) -> (UInt64, UInt64) {
        buffer.removeAll(keepingCapacity: true)
        for value in row { try CanonicalEncoding.append(value, to: &buffer, json: &json) }
        return buffer.withUnsafeBytes { bytes in
            (XXHash64.hash(bytes, seed: Self.seeds.0), XXHash64.hash(bytes, seed: Self.seeds.1))
        }
    }

    /// Adds `row` to `digest`.
    @inline(__always)
    public mutating func add(_ row: [StreamedValue], to digest: inout TableDigest) throws(DatabaseError) {
        digest.add(rowHash: try hash(row))
    }
}

/// The canonical bytes of a value under the value contract: what a ``TableDigest`` hashes.
///
/// Equal values have equal bytes whichever backend they were read from, however each stores
/// them: a tag byte for the logical type, then
///
/// | type      | bytes after the tag                                             |
/// |-----------|-----------------------------------------------------------------|
/// | NULL      | none                                                            |
/// | int       | 8, little-endian                                                |
/// | double    | the IEEE-754 bits, 8 little-endian (`-0.0` as `0.0`, as stored) |
/// | bool      | 1                                                               |
/// | uuid      | the 16 bytes                                                    |
/// | timestamp | microseconds since 1970, 8 little-endian                        |
/// | date      | days since 1970, 8 little-endian                                |
/// | text      | length (4, little-endian), UTF-8                                |
/// | json      | length, compact text: keys in `jsonb`'s order (shorter first, then by bytes), the last of duplicates, numbers as `numeric` prints them |
/// | bytes     | length, the bytes                                               |
/// | geometry  | length, little-endian EWKB with its SRID                        |
public enum CanonicalEncoding {
    enum Tag: UInt8 {
        case null, int, double, bool, text, uuid, timestamp, date, json, bytes, geometry
    }

    public static func append(_ value: StreamedValue, to buffer: inout [UInt8]) throws(DatabaseError) {
        var json = JSONCanonicalWriter()
        try append(value, to: &buffer, json: &json)
    }

    /// ``append(_:to:)`` with a JSON writer whose working storage is reused across values.
    static func append(_ value: StreamedValue, to buffer: inout [UInt8], json writer: inout JSONCanonicalWriter) throws(DatabaseError) {
        switch value {
        case .null:
            buffer.append(Tag.null.rawValue)
        case .int(let v):
            buffer.append(Tag.int.rawValue)
            appendLittleEndian(UInt64(bitPattern: v), to: &buffer)
        case .double(let v):
            buffer.append(Tag.double.rawValue)
            appendLittleEndian((v == 0 ? 0.0 : v).bitPattern, to: &buffer)
        case .bool(let v):
            buffer.append(Tag.bool.rawValue)
            buffer.append(v ? 1 : 0)
        case .text(let bytes):
            appendCounted(.text, bytes, to: &buffer)
        case .uuid(let v):
            buffer.append(Tag.uuid.rawValue)
            withUnsafeBytes(of: v.uuid) { buffer += $0 }
        case .timestamp(let v):
            buffer.append(Tag.timestamp.rawValue)
            appendLittleEndian(UInt64(bitPattern: v.microsecondsSinceEpoch), to: &buffer)
        case .date(let v):
            buffer.append(Tag.date.rawValue)
            appendLittleEndian(UInt64(bitPattern: v.daysSinceEpoch), to: &buffer)
        case .json(let text):
            buffer.append(Tag.json.rawValue)
            let lengthAt = buffer.count
            buffer += [0, 0, 0, 0]
            do {
                try writer.write(text, into: &buffer)
            } catch {
                throw DatabaseError(.invalidValue, "a JSON value is not valid JSON: \(error)")
            }
            patchLength(at: lengthAt, in: &buffer)
        case .bytes(let bytes):
            appendCounted(.bytes, bytes, to: &buffer)
        case .geometry(let g):
            buffer.append(Tag.geometry.rawValue)
            let lengthAt = buffer.count
            buffer += [0, 0, 0, 0]
            g.appendEWKB(to: &buffer)
            patchLength(at: lengthAt, in: &buffer)
        }
    }

    /// Writes the length of what follows the 4 bytes at `lengthAt`, little-endian, into them.
    private static func patchLength(at lengthAt: Int, in buffer: inout [UInt8]) {
        let length = UInt32(buffer.count - lengthAt - 4)
        for i in 0..<4 { buffer[lengthAt + i] = UInt8(truncatingIfNeeded: length >> (8 * UInt32(i))) }
    }

    private static func appendCounted(_ tag: Tag, _ bytes: UnsafeRawBufferPointer, to buffer: inout [UInt8]) {
        buffer.append(tag.rawValue)
        appendLittleEndian(UInt32(bytes.count), to: &buffer)
        buffer += bytes
    }

    @inline(__always)
    private static func appendLittleEndian<T: FixedWidthInteger>(_ value: T, to buffer: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { buffer += $0 }
    }
}

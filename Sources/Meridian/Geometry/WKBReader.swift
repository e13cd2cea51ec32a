// WKB and EWKB decoding.
//
// Accepts OGC/ISO WKB and PostGIS EWKB in either byte order (each nested element carries its
// own byte-order marker). Rejects, rather than flattens, anything outside the 2D portable subset.

extension Geometry {
    /// Decodes OGC WKB or PostGIS EWKB (either byte order; SRID flag 0x20000000 honoured).
    ///
    /// - Throws: ``GeometryError/malformed(_:)`` for truncated input, trailing bytes or unknown
    ///   types (naming the byte offset); ``GeometryError/unsupported(_:)`` for Z/M coordinates,
    ///   geometry collections and curve types.
    public init(wkb: some Collection<UInt8>) throws(GeometryError) {
        let contiguous = wkb.withContiguousStorageIfAvailable { buffer in
            Self.decodeResult(UnsafeRawBufferPointer(buffer))
        }
        if let contiguous {
            self = try contiguous.get()
        } else {
            self = try Array(wkb).withUnsafeBytes(Self.decodeResult).get()
        }
    }

    /// Decodes EWKB from hex text (upper or lower case), the form PostGIS prints a geometry in.
    public init(hexEWKB: String) throws(GeometryError) {
        let utf8 = hexEWKB.utf8
        let decoded = utf8.withContiguousStorageIfAvailable(Self.bytesFromHex)
            ?? Array(utf8).withUnsafeBufferPointer(Self.bytesFromHex)
        try self.init(wkb: decoded.get())
    }

    /// Decodes WKB/EWKB straight from borrowed memory (for example a column buffer of a driver).
    package static func decodeWKB(_ bytes: UnsafeRawBufferPointer) throws(GeometryError) -> Geometry {
        var reader = WKBReader(bytes)
        let header = try reader.header()
        let shape = try reader.body(header)
        let end = reader.cursor.offset
        guard end == bytes.count else {
            throw .malformed(
                "\(bytes.count - end) trailing byte(s) after the geometry, which ends at byte offset \(end)")
        }
        return Geometry(shape, srid: header.srid)
    }

    private static func decodeResult(_ bytes: UnsafeRawBufferPointer) -> Result<Geometry, GeometryError> {
        do { return .success(try decodeWKB(bytes)) } catch { return .failure(error) }
    }

    private static func bytesFromHex(_ hex: UnsafeBufferPointer<UInt8>) -> Result<[UInt8], GeometryError> {
        guard hex.count % 2 == 0 else {
            return .failure(.malformed("hex EWKB has an odd number of digits (\(hex.count)); every byte needs two"))
        }
        var bad: Int?
        let bytes = [UInt8](unsafeUninitializedCapacity: hex.count / 2) { out, count in
            for i in 0..<hex.count / 2 {
                let hi = hexValue(hex[2 * i]), lo = hexValue(hex[2 * i + 1])
                guard hi < 16, lo < 16 else { bad = hi < 16 ? 2 * i + 1 : 2 * i; break }
                out[i] = hi << 4 | lo
                count = i + 1
            }
        }
        if let bad {
            return .failure(.malformed("character offset \(bad) of the hex EWKB is not a hex digit"))
        }
        return .success(bytes)
    }

    /// 0…15 for a hex digit, 255 otherwise.
    @inline(__always) private static func hexValue(_ c: UInt8) -> UInt8 {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c &- UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c &- UInt8(ascii: "A") &+ 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c &- UInt8(ascii: "a") &+ 10
        default: 255
        }
    }
}

/// A bounds-checked cursor over (E)WKB bytes; each check names the byte offset it failed at.
struct WKBReader {
    /// One decoded geometry header.
    struct Header {
        var offset: Int
        var littleEndian: Bool
        var type: UInt32
        var srid: Int32?
    }

    var cursor: ByteReadCursor

    init(_ bytes: UnsafeRawBufferPointer) {
        cursor = ByteReadCursor(bytes)
    }

    /// Reads a byte-order marker, type code and optional EWKB SRID; rejects what is not 2D XY 1…6.
    mutating func header() throws(GeometryError) -> Header {
        let start = cursor.offset
        try need(5, "a geometry header (byte order and type)")
        let order = cursor.byte()
        guard order <= 1 else {
            throw .malformed(
                "byte-order marker \(order) at byte offset \(start) is neither 0 (big-endian) nor 1 (little-endian)")
        }
        let little = order == 1
        let raw = cursor.u32(little: little)
        if raw & 0xC000_0000 != 0 {
            throw .unsupported(
                "the geometry at byte offset \(start) has EWKB Z/M coordinates (\(raw & 0x8000_0000 != 0 ? "Z" : "M") flag)")
        }
        let code = raw & 0x1FFF_FFFF
        try Self.check(type: code, at: start)
        var srid: Int32?
        if raw & 0x2000_0000 != 0 {
            try need(4, "the EWKB SRID")
            srid = Int32(bitPattern: cursor.u32(little: little))
        }
        return Header(offset: start, littleEndian: little, type: code, srid: srid)
    }

    /// Reads the body of the geometry whose header was just read.
    mutating func body(_ h: Header) throws(GeometryError) -> Geometry.Shape {
        let little = h.littleEndian
        switch h.type {
        case 1:
            try need(16, "the POINT coordinates")
            return .point(cursor.position(little: little))
        case 2:
            return .lineString(try positions(little, "LINESTRING"))
        case 3:
            return .polygon(try rings(little))
        case 4:
            let count = try elementCount(little, minimumSize: 21, "MULTIPOINT")
            var points: [Position] = []
            points.reserveCapacity(count)
            for i in 0..<count {
                let e = try element(i, of: h, expected: 1)
                try need(16, "the POINT coordinates")
                points.append(cursor.position(little: e.littleEndian))
            }
            return .multiPoint(points)
        case 5:
            let count = try elementCount(little, minimumSize: 9, "MULTILINESTRING")
            var lines: [[Position]] = []
            lines.reserveCapacity(count)
            for i in 0..<count {
                let e = try element(i, of: h, expected: 2)
                lines.append(try positions(e.littleEndian, "LINESTRING"))
            }
            return .multiLineString(lines)
        default:
            let count = try elementCount(little, minimumSize: 9, "MULTIPOLYGON")
            var polygons: [[[Position]]] = []
            polygons.reserveCapacity(count)
            for i in 0..<count {
                let e = try element(i, of: h, expected: 3)
                polygons.append(try rings(e.littleEndian))
            }
            return .multiPolygon(polygons)
        }
    }

    /// Reads the header of element `index` of a MULTI geometry and checks its type and SRID.
    private mutating func element(_ index: Int, of parent: Header, expected: UInt32) throws(GeometryError) -> Header {
        let e = try header()
        guard e.type == expected else {
            throw .malformed(
                "element \(index) of the \(Self.name(parent.type)) at byte offset \(e.offset) is a "
                    + "\(Self.name(e.type)); a \(Self.name(parent.type)) holds only \(Self.name(expected))s")
        }
        if let srid = e.srid, srid != parent.srid ?? 0 {
            throw .malformed("element \(index) at byte offset \(e.offset) has SRID \(srid), unlike its parent")
        }
        return e
    }

    private mutating func rings(_ little: Bool) throws(GeometryError) -> [[Position]] {
        let count = try elementCount(little, minimumSize: 4, "POLYGON")
        var rings: [[Position]] = []
        rings.reserveCapacity(count)
        for _ in 0..<count { rings.append(try positions(little, "polygon ring")) }
        return rings
    }

    /// Reads a point count and that many points, checking the whole run fits first.
    private mutating func positions(_ little: Bool, _ what: String) throws(GeometryError) -> [Position] {
        let count = try elementCount(little, minimumSize: 16, what)
        // A local copy keeps the offset in a register through the loop, not in `self`.
        var c = cursor
        defer { cursor = c }
        return [Position](unsafeUninitializedCapacity: count) { out, initialized in
            for i in 0..<count { out[i] = c.position(little: little) }
            initialized = count
        }
    }

    /// Reads a count and checks that `count × minimumSize` bytes remain, so a corrupt count
    /// fails with an offset instead of a huge allocation.
    private mutating func elementCount(_ little: Bool, minimumSize: Int, _ what: String) throws(GeometryError) -> Int {
        let start = cursor.offset
        try need(4, "the \(what) count")
        let count = Int(cursor.u32(little: little))
        let remaining = cursor.remaining
        guard count <= remaining / minimumSize else {
            throw .malformed(
                "the \(what) at byte offset \(start) declares \(count) element(s) needing at least "
                    + "\(count * minimumSize) bytes, but only \(remaining) bytes remain")
        }
        return count
    }

    private func need(_ n: Int, _ what: @autoclosure () -> String) throws(GeometryError) {
        guard cursor.remaining >= n else {
            throw .malformed(
                "input truncated: \(what()) needs \(n) bytes at byte offset \(cursor.offset), "
                    + "but the input is \(cursor.bytes.count) bytes long")
        }
    }

    /// Throws unless `code` is a 2D XY type 1…6, distinguishing unsupported from unknown codes.
    private static func check(type code: UInt32, at offset: Int) throws(GeometryError) {
        switch code {
        case 1...6:
            return
        case 7:
            throw .unsupported("GEOMETRYCOLLECTION at byte offset \(offset); geometry collections are not supported")
        case 8...17:
            throw .unsupported("\(name(code)) at byte offset \(offset); curve and surface types are not supported")
        case 1001...1017, 2001...2017, 3001...3017:
            let dims = ["Z", "M", "ZM"][Int(code / 1000) - 1]
            throw .unsupported(
                "ISO WKB type \(code) (\(name(code % 1000)) \(dims)) at byte offset \(offset); Z/M coordinates are not supported")
        default:
            throw .malformed("unknown WKB geometry type code \(code) at byte offset \(offset + 1)")
        }
    }

    /// The OGC name of a 2D WKB type code, for error messages.
    static func name(_ code: UInt32) -> String {
        let names = [
            "POINT", "LINESTRING", "POLYGON", "MULTIPOINT", "MULTILINESTRING", "MULTIPOLYGON",
            "GEOMETRYCOLLECTION", "CIRCULARSTRING", "COMPOUNDCURVE", "CURVEPOLYGON", "MULTICURVE",
            "MULTISURFACE", "CURVE", "SURFACE", "POLYHEDRALSURFACE", "TIN", "TRIANGLE",
        ]
        return (1...17).contains(code) ? names[Int(code) - 1] : "type \(code)"
    }
}

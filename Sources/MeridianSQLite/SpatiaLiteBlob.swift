@_spi(GeometryCodec) import Meridian

/// SpatiaLite's internal BLOB-Geometry format, the bytes a SpatiaLite geometry column stores.
///
/// Writing this format directly skips a `GeomFromWKB()` call per row, which matters for bulk
/// inserts; the encoder produces blobs byte-identical to SpatiaLite 5's own (checked in the
/// tests against `hex(GeomFromText(…))`). Layout (little- or big-endian per byte 1):
///
///     0x00 | endian 0x01/0x00 | SRID i32 | MBR minX minY maxX maxY f64 | 0x7C | class i32 | body | 0xFE
///
/// The body is the WKB body of the class; inside MULTI classes each element starts with the
/// ENTITY marker 0x69 and its class i32 instead of a byte-order byte and a WKB type.
/// Only the uncompressed XY classes 1…6 are supported; SpatiaLite's "TinyPoint" encoding of an
/// XY point (written when a connection ran `EnableTinyPoint()`) is decoded but never written.
/// See https://www.gaia-gis.it/gaia-sins/BLOB-Geometry.html and BLOB-TinyPoint.html there.
package enum SpatiaLiteBlob {
    /// Encodes `geometry` as a new blob; a nil SRID is written as 0.
    package static func encode(_ geometry: Geometry) -> [UInt8] {
        let size = blobSize(geometry.shape)
        return [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            write(geometry, size: size, to: buffer.baseAddress!)
            count = size
        }
    }

    /// Appends the blob for `geometry` to `buffer`, so a bulk insert can reuse one allocation.
    package static func encode(_ geometry: Geometry, into buffer: inout [UInt8]) {
        let size = blobSize(geometry.shape)
        let start = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: size))
        buffer.withUnsafeMutableBytes { raw in
            write(geometry, size: size, to: raw.baseAddress! + start)
        }
    }

    /// A cheap header check (markers, size, endianness), as SpatiaLite's own decoder starts;
    /// ``decode(_:)`` can still reject the body.
    package static func isGeometryBlob(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let n = bytes.count
        if isTinyPoint(bytes) { return true }
        return n >= 45 && bytes[0] == 0x00 && bytes[n - 1] == 0xFE && bytes[38] == 0x7C
            && bytes[1] <= 0x01
    }

    /// Decodes a SpatiaLite geometry blob; an SRID of 0 becomes `nil`.
    ///
    /// The stored MBR is not trusted or returned; it is recomputed on encode.
    package static func decode(_ bytes: UnsafeRawBufferPointer) throws(GeometryError) -> Geometry {
        if isTinyPoint(bytes) { return try decodeTinyPoint(bytes) }
        let n = bytes.count
        guard n >= 45 else {
            throw .malformed("a SpatiaLite geometry blob is at least 45 bytes; this one is \(n)")
        }
        guard bytes[0] == 0x00 else { throw .malformed("byte offset 0 is not the blob START marker 0x00") }
        guard bytes[n - 1] == 0xFE else { throw .malformed("byte offset \(n - 1) is not the blob END marker 0xFE") }
        guard bytes[38] == 0x7C else { throw .malformed("byte offset 38 is not the MBR_END marker 0x7C") }
        guard bytes[1] <= 0x01 else {
            throw .malformed("byte offset 1 (endianness) is \(bytes[1]), neither 0x01 (little) nor 0x00 (big)")
        }
        var r = BlobReader(cursor: ByteReadCursor(bytes, offset: 2), end: n - 1, little: bytes[1] == 0x01)
        let srid = Int32(bitPattern: r.cursor.u32(little: r.little))
        r.cursor.offset = 39
        let cls = r.cursor.u32(little: r.little)
        try checkClass(cls, at: 39)
        let shape = try r.body(cls)
        let bodyEnd = r.cursor.offset
        guard bodyEnd == n - 1 else {
            throw .malformed("\(n - 1 - bodyEnd) unexpected byte(s) at byte offset \(bodyEnd) before the END marker")
        }
        return Geometry(shape, srid: srid)
    }

    // MARK: - Encoding

    /// Header (39) + class (4) + body + END (1); the body is as long as the WKB body.
    private static func blobSize(_ shape: Geometry.Shape) -> Int {
        44 + WKBSize.body(of: shape)
    }

    private static func write(_ geometry: Geometry, size: Int, to base: UnsafeMutableRawPointer) {
        var w = ByteWriteCursor(base)
        w.byte(0x00)
        w.byte(0x01)
        w.u32(UInt32(bitPattern: geometry.srid ?? 0))
        var mbr = MBR()
        switch geometry.shape {
        case .point(let p): mbr.add(p)
        case .lineString(let points), .multiPoint(let points): mbr.add(points)
        case .polygon(let rings): mbr.add(rings.first ?? [])
        case .multiLineString(let lines): for line in lines { mbr.add(line) }
        case .multiPolygon(let polygons): for rings in polygons { mbr.add(rings.first ?? []) }
        }
        w.f64(mbr.minX); w.f64(mbr.minY); w.f64(mbr.maxX); w.f64(mbr.maxY)
        w.byte(0x7C)
        w.u32(geometry.wkbTypeCode)
        w.body(of: geometry.shape, elementMarker: 0x69)
        w.byte(0xFE)
        precondition(w.offset == size, "SpatiaLite blob size computation disagrees with the writer")
    }

    /// The bounding box exactly as SpatiaLite's `gaiaMbrGeometry` computes it.
    ///
    /// Starts at ±DBL_MAX and updates with strict `<`/`>`, so NaN never wins, the first of
    /// 0.0/-0.0 is kept, an empty geometry keeps the ±DBL_MAX sentinels, and polygon holes are
    /// ignored (only exterior rings count).
    private struct MBR {
        var minX = Double.greatestFiniteMagnitude, minY = Double.greatestFiniteMagnitude
        var maxX = -Double.greatestFiniteMagnitude, maxY = -Double.greatestFiniteMagnitude

        @inline(__always) mutating func add(_ p: Position) {
            if p.x < minX { minX = p.x }
            if p.y < minY { minY = p.y }
            if p.x > maxX { maxX = p.x }
            if p.y > maxY { maxY = p.y }
        }

        mutating func add(_ points: [Position]) {
            for p in points { add(p) }
        }
    }

    // MARK: - Decoding

    /// Throws unless `cls` is an uncompressed XY class 1…6, naming what it is otherwise.
    private static func checkClass(_ cls: UInt32, at offset: Int) throws(GeometryError) {
        switch cls {
        case 1...6:
            return
        case 7:
            throw .unsupported("class GEOMETRYCOLLECTION at byte offset \(offset); geometry collections are not supported")
        case 1001...1007, 2001...2007, 3001...3007:
            throw .unsupported("class \(cls) at byte offset \(offset) has Z/M coordinates, which are not supported")
        case 1_000_000..<1_004_000:
            throw .unsupported(
                "class \(cls) at byte offset \(offset) is a compressed SpatiaLite geometry; "
                    + "store uncompressed geometries (do not call CompressGeometry)")
        default:
            throw .malformed("unknown SpatiaLite geometry class \(cls) at byte offset \(offset)")
        }
    }

    /// TinyPoint: 0x00, endian 0x81 (little)/0x80 (big), SRID i32, dims u8 (1 = XY), x, y, 0xFE.
    private static func isTinyPoint(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let n = bytes.count
        guard n >= 24, bytes[0] == 0x00, bytes[1] & 0xFE == 0x80, bytes[n - 1] == 0xFE else { return false }
        switch bytes[6] {
        case 1: return n == 24
        case 2, 3: return n == 32
        case 4: return n == 40
        default: return false
        }
    }

    private static func decodeTinyPoint(_ bytes: UnsafeRawBufferPointer) throws(GeometryError) -> Geometry {
        guard bytes[6] == 1 else {
            throw .unsupported("TinyPoint at byte offset 6 has Z/M coordinates, which are not supported")
        }
        var r = ByteReadCursor(bytes, offset: 2)
        let little = bytes[1] == 0x81
        let srid = Int32(bitPattern: r.u32(little: little))
        r.offset = 7
        return Geometry(.point(r.position(little: little)), srid: srid)
    }

    /// Reads a blob body; `end` is the offset of the END marker, which bodies must not reach.
    private struct BlobReader {
        var cursor: ByteReadCursor
        let end: Int
        let little: Bool

        mutating func body(_ cls: UInt32) throws(GeometryError) -> Geometry.Shape {
            switch cls {
            case 1:
                try need(16, "the POINT coordinates")
                return .point(cursor.position(little: little))
            case 2:
                return .lineString(try positions("LINESTRING"))
            case 3:
                return .polygon(try rings())
            case 4:
                let count = try count(minimumSize: 21, "MULTIPOINT")
                var points: [Position] = []
                points.reserveCapacity(count)
                for i in 0..<count {
                    try entity(i, expected: 1)
                    points.append(cursor.position(little: little))
                }
                return .multiPoint(points)
            case 5:
                let count = try count(minimumSize: 9, "MULTILINESTRING")
                var lines: [[Position]] = []
                lines.reserveCapacity(count)
                for i in 0..<count {
                    try entity(i, expected: 2)
                    lines.append(try positions("LINESTRING"))
                }
                return .multiLineString(lines)
            default:
                let count = try count(minimumSize: 9, "MULTIPOLYGON")
                var polygons: [[[Position]]] = []
                polygons.reserveCapacity(count)
                for i in 0..<count {
                    try entity(i, expected: 3)
                    polygons.append(try rings())
                }
                return .multiPolygon(polygons)
            }
        }

        /// Reads the ENTITY marker and class of element `index`; points get their 16 bytes checked too.
        private mutating func entity(_ index: Int, expected: UInt32) throws(GeometryError) {
            let start = cursor.offset
            try need(expected == 1 ? 21 : 5, "element \(index)")
            guard cursor.byte() == 0x69 else {
                throw .malformed("element \(index) at byte offset \(start) does not start with the ENTITY marker 0x69")
            }
            let cls = cursor.u32(little: little)
            try checkClass(cls, at: start + 1)
            guard cls == expected else {
                throw .malformed("element \(index) at byte offset \(start) has class \(cls); expected \(expected)")
            }
        }

        private mutating func rings() throws(GeometryError) -> [[Position]] {
            let count = try count(minimumSize: 4, "POLYGON")
            var rings: [[Position]] = []
            rings.reserveCapacity(count)
            for _ in 0..<count { rings.append(try positions("polygon ring")) }
            return rings
        }

        private mutating func positions(_ what: String) throws(GeometryError) -> [Position] {
            let count = try count(minimumSize: 16, what)
            // A local copy keeps the offset in a register through the loop, not in `self`.
            var c = cursor, little = little
            defer { cursor = c }
            return [Position](unsafeUninitializedCapacity: count) { out, initialized in
                for i in 0..<count { out[i] = c.position(little: little) }
                initialized = count
            }
        }

        /// Reads a count and checks `count × minimumSize` bytes remain before END.
        private mutating func count(minimumSize: Int, _ what: String) throws(GeometryError) -> Int {
            let start = cursor.offset
            try need(4, "the \(what) count")
            let count = Int(cursor.u32(little: little))
            guard count <= (end - cursor.offset) / minimumSize else {
                throw .malformed(
                    "the \(what) at byte offset \(start) declares \(count) element(s), more than fit "
                        + "before the END marker at byte offset \(end)")
            }
            return count
        }

        private func need(_ n: Int, _ what: @autoclosure () -> String) throws(GeometryError) {
            guard end - cursor.offset >= n else {
                throw .malformed(
                    "blob truncated: \(what()) needs \(n) bytes at byte offset \(cursor.offset), "
                        + "but the END marker is at byte offset \(end)")
            }
        }
    }
}

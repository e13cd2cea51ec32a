import Meridian

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
        var r = BlobReader(bytes: bytes, end: n - 1, little: bytes[1] == 0x01, offset: 2)
        let srid = Int32(bitPattern: r.u32())
        r.offset = 39
        let cls = r.u32()
        try checkClass(cls, at: 39)
        let shape = try r.body(cls)
        guard r.offset == n - 1 else {
            throw .malformed("\(n - 1 - r.offset) unexpected byte(s) at byte offset \(r.offset) before the END marker")
        }
        return Geometry(shape, srid: srid)
    }

    // MARK: - Encoding

    /// Header (39) + class (4) + body + END (1); the body is as long as the WKB body.
    private static func blobSize(_ shape: Geometry.Shape) -> Int {
        func rings(_ rings: [[Position]]) -> Int { rings.reduce(4) { $0 + 4 + 16 * $1.count } }
        let body = switch shape {
        case .point: 16
        case .lineString(let points): 4 + 16 * points.count
        case .polygon(let r): rings(r)
        case .multiPoint(let points): 4 + 21 * points.count
        case .multiLineString(let lines): lines.reduce(4) { $0 + 9 + 16 * $1.count }
        case .multiPolygon(let polygons): polygons.reduce(4) { $0 + 5 + rings($1) }
        }
        return 44 + body
    }

    private static func write(_ geometry: Geometry, size: Int, to base: UnsafeMutableRawPointer) {
        var w = BlobWriter(base: base)
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
        switch geometry.shape {
        case .point(let p):
            w.position(p)
        case .lineString(let points):
            w.positions(points)
        case .polygon(let rings):
            w.rings(rings)
        case .multiPoint(let points):
            w.u32(UInt32(points.count))
            for p in points { w.byte(0x69); w.u32(1); w.position(p) }
        case .multiLineString(let lines):
            w.u32(UInt32(lines.count))
            for line in lines { w.byte(0x69); w.u32(2); w.positions(line) }
        case .multiPolygon(let polygons):
            w.u32(UInt32(polygons.count))
            for rings in polygons { w.byte(0x69); w.u32(3); w.rings(rings) }
        }
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

    /// Little-endian writes into memory sized exactly by ``blobSize(_:)``.
    private struct BlobWriter {
        let base: UnsafeMutableRawPointer
        var offset = 0

        @inline(__always) mutating func byte(_ v: UInt8) {
            base.storeBytes(of: v, toByteOffset: offset, as: UInt8.self)
            offset += 1
        }

        @inline(__always) mutating func u32(_ v: UInt32) {
            base.storeBytes(of: v.littleEndian, toByteOffset: offset, as: UInt32.self)
            offset += 4
        }

        @inline(__always) mutating func f64(_ v: Double) {
            base.storeBytes(of: v.bitPattern.littleEndian, toByteOffset: offset, as: UInt64.self)
            offset += 8
        }

        @inline(__always) mutating func position(_ p: Position) {
            f64(p.x); f64(p.y)
        }

        mutating func positions(_ points: [Position]) {
            u32(UInt32(points.count))
            for p in points { position(p) }
        }

        mutating func rings(_ rings: [[Position]]) {
            u32(UInt32(rings.count))
            for ring in rings { positions(ring) }
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
        var r = BlobReader(bytes: bytes, end: bytes.count - 1, little: bytes[1] == 0x81, offset: 2)
        let srid = Int32(bitPattern: r.u32())
        r.offset = 7
        return Geometry(.point(r.position()), srid: srid)
    }

    /// A cursor over a blob body; `end` is the offset of the END marker, which bodies must not reach.
    private struct BlobReader {
        let bytes: UnsafeRawBufferPointer
        let end: Int
        let little: Bool
        var offset: Int

        mutating func body(_ cls: UInt32) throws(GeometryError) -> Geometry.Shape {
            switch cls {
            case 1:
                try need(16, "the POINT coordinates")
                return .point(position())
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
                    points.append(position())
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
            let start = offset
            try need(expected == 1 ? 21 : 5, "element \(index)")
            guard bytes[offset] == 0x69 else {
                throw .malformed("element \(index) at byte offset \(start) does not start with the ENTITY marker 0x69")
            }
            offset += 1
            let cls = u32()
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
            return [Position](unsafeUninitializedCapacity: count) { out, initialized in
                for i in 0..<count { out[i] = position() }
                initialized = count
            }
        }

        /// Reads a count and checks `count × minimumSize` bytes remain before END.
        private mutating func count(minimumSize: Int, _ what: String) throws(GeometryError) -> Int {
            let start = offset
            try need(4, "the \(what) count")
            let count = Int(u32())
            guard count <= (end - offset) / minimumSize else {
                throw .malformed(
                    "the \(what) at byte offset \(start) declares \(count) element(s), more than fit "
                        + "before the END marker at byte offset \(end)")
            }
            return count
        }

        private func need(_ n: Int, _ what: @autoclosure () -> String) throws(GeometryError) {
            guard end - offset >= n else {
                throw .malformed(
                    "blob truncated: \(what()) needs \(n) bytes at byte offset \(offset), "
                        + "but the END marker is at byte offset \(end)")
            }
        }

        @inline(__always) mutating func u32() -> UInt32 {
            let raw = bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self)
            offset += 4
            return little ? UInt32(littleEndian: raw) : UInt32(bigEndian: raw)
        }

        @inline(__always) mutating func position() -> Position {
            let x = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            let y = bytes.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self)
            offset += 16
            return little
                ? Position(x: Double(bitPattern: UInt64(littleEndian: x)), y: Double(bitPattern: UInt64(littleEndian: y)))
                : Position(x: Double(bitPattern: UInt64(bigEndian: x)), y: Double(bitPattern: UInt64(bigEndian: y)))
        }
    }
}

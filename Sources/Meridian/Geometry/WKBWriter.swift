// WKB and EWKB encoding.
//
// Reference: OGC Simple Features 1.2.1 §8.2 (WKB) and PostGIS `doc/ZMSGeoms.txt` (EWKB).
// The output size is computed first and written into one uninitialised allocation, because a
// point encode sits on the 1M-row insert path.

extension Geometry {
    /// Little-endian OGC WKB without an SRID, as SpatiaLite's `AsBinary()` and PostGIS's
    /// `ST_AsBinary()` return it.
    public func wkb() -> [UInt8] {
        encodeWKB(srid: nil)
    }

    /// Little-endian PostGIS EWKB; carries the SRID flag (0x20000000) and SRID when ``srid`` is set.
    ///
    /// This is what PostGIS's binary output of a `geometry` returns, and the form in which a
    /// geometry crosses between the two backends (never as a SpatiaLite blob).
    public func ewkb() -> [UInt8] {
        encodeWKB(srid: srid)
    }

    /// ``ewkb()`` as uppercase hex, the text form PostGIS prints for a `geometry` value.
    public var hexEWKB: String {
        let bytes = ewkb()
        let digits: StaticString = "0123456789ABCDEF"
        return String(unsafeUninitializedCapacity: bytes.count * 2) { out in
            digits.withUTF8Buffer { digit in
                var i = 0
                for byte in bytes {
                    out[i] = digit[Int(byte >> 4)]
                    out[i + 1] = digit[Int(byte & 0x0F)]
                    i += 2
                }
            }
            return bytes.count * 2
        }
    }

    private func encodeWKB(srid: Int32?) -> [UInt8] {
        let sridBytes = srid == nil ? 0 : 4
        let size = WKBSize.body(of: shape) + 5 + sridBytes
        return [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            var w = WKBByteWriter(buffer.baseAddress!)
            w.byte(1)
            if let srid {
                w.u32(wkbTypeCode | 0x2000_0000)
                w.u32(UInt32(bitPattern: srid))
            } else {
                w.u32(wkbTypeCode)
            }
            switch shape {
            case .point(let p):
                w.position(p)
            case .lineString(let points):
                w.positions(points)
            case .polygon(let rings):
                w.rings(rings)
            case .multiPoint(let points):
                w.u32(UInt32(points.count))
                for p in points {
                    w.byte(1); w.u32(1); w.position(p)
                }
            case .multiLineString(let lines):
                w.u32(UInt32(lines.count))
                for line in lines {
                    w.byte(1); w.u32(2); w.positions(line)
                }
            case .multiPolygon(let polygons):
                w.u32(UInt32(polygons.count))
                for rings in polygons {
                    w.byte(1); w.u32(3); w.rings(rings)
                }
            }
            precondition(w.offset == size, "WKB size computation disagrees with the writer")
            count = size
        }
    }
}

/// Byte sizes of WKB bodies (everything after the 5-byte header and optional SRID).
enum WKBSize {
    static func body(of shape: Geometry.Shape) -> Int {
        switch shape {
        case .point: 16
        case .lineString(let points): 4 + 16 * points.count
        case .polygon(let r): rings(r)
        case .multiPoint(let points): 4 + 21 * points.count
        case .multiLineString(let lines): lines.reduce(4) { $0 + 9 + 16 * $1.count }
        case .multiPolygon(let polygons): polygons.reduce(4) { $0 + 5 + rings($1) }
        }
    }

    static func rings(_ rings: [[Position]]) -> Int {
        rings.reduce(4) { $0 + 4 + 16 * $1.count }
    }
}

/// Writes little-endian values into memory the caller has sized exactly; no bounds checks.
struct WKBByteWriter {
    let base: UnsafeMutableRawPointer
    var offset = 0

    init(_ base: UnsafeMutableRawPointer) {
        self.base = base
    }

    @inline(__always) mutating func byte(_ v: UInt8) {
        base.storeBytes(of: v, toByteOffset: offset, as: UInt8.self)
        offset += 1
    }

    @inline(__always) mutating func u32(_ v: UInt32) {
        base.storeBytes(of: v.littleEndian, toByteOffset: offset, as: UInt32.self)
        offset += 4
    }

    @inline(__always) mutating func position(_ p: Position) {
        base.storeBytes(of: p.x.bitPattern.littleEndian, toByteOffset: offset, as: UInt64.self)
        base.storeBytes(of: p.y.bitPattern.littleEndian, toByteOffset: offset + 8, as: UInt64.self)
        offset += 16
    }

    /// A point count followed by the points (a line string body or a ring).
    mutating func positions(_ points: [Position]) {
        u32(UInt32(points.count))
        for p in points { position(p) }
    }

    /// A ring count followed by the rings (a polygon body).
    mutating func rings(_ rings: [[Position]]) {
        u32(UInt32(rings.count))
        for ring in rings { positions(ring) }
    }
}

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

    /// Appends ``ewkb()`` to `buffer`, so a bulk writer (a COPY stream) reuses one allocation.
    public func appendEWKB(to buffer: inout [UInt8]) {
        let size = encodedSize(srid: srid)
        let start = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: size))
        buffer.withUnsafeMutableBytes { raw in write(srid: srid, size: size, to: raw.baseAddress! + start) }
    }

    private func encodeWKB(srid: Int32?) -> [UInt8] {
        let size = encodedSize(srid: srid)
        return [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            write(srid: srid, size: size, to: UnsafeMutableRawPointer(buffer.baseAddress!))
            count = size
        }
    }

    private func encodedSize(srid: Int32?) -> Int {
        WKBSize.body(of: shape) + 5 + (srid == nil ? 0 : 4)
    }

    private func write(srid: Int32?, size: Int, to base: UnsafeMutableRawPointer) {
        var w = ByteWriteCursor(base)
        w.byte(1)
        if let srid {
            w.u32(wkbTypeCode | 0x2000_0000)
            w.u32(UInt32(bitPattern: srid))
        } else {
            w.u32(wkbTypeCode)
        }
        w.body(of: shape, elementMarker: 1)
        precondition(w.offset == size, "WKB size computation disagrees with the writer")
    }
}

/// Byte sizes of WKB bodies (everything after the 5-byte header and optional SRID); a SpatiaLite
/// blob body has the same size.
@_spi(GeometryCodec) public enum WKBSize {
    @inlinable public static func body(of shape: Geometry.Shape) -> Int {
        switch shape {
        case .point: 16
        case .lineString(let points): 4 + 16 * points.count
        case .polygon(let r): rings(r)
        case .multiPoint(let points): 4 + 21 * points.count
        case .multiLineString(let lines): lines.reduce(4) { $0 + 9 + 16 * $1.count }
        case .multiPolygon(let polygons): polygons.reduce(4) { $0 + 5 + rings($1) }
        }
    }

    @inlinable public static func rings(_ rings: [[Position]]) -> Int {
        rings.reduce(4) { $0 + 4 + 16 * $1.count }
    }
}

// Fixed-width reads and writes shared by the binary geometry codecs: (E)WKB here and the
// SpatiaLite blob in MeridianSQLite.
//
// Both cursors are unchecked on purpose: the writers size their memory exactly before writing,
// and the readers check that enough bytes remain (each with its own error message, naming the
// byte offset) before they read.
//
// Why SPI-public and not `package`: the Swift 6.3 compiler does not serialize the bodies of
// methods of `package` types for other modules (not even `@inlinable` or
// `@_alwaysEmitIntoClient` ones) unless Package CMO is on, so MeridianSQLite called every
// `byte`/`u32`/`position` out of line and the blob encode and decode of a point got 10–37%
// slower. `@_spi(GeometryCodec) public` plus `@inlinable` gets them inlined there as they are
// in this module, and keeps them out of the API that a plain `import Meridian` sees.

/// Reads unaligned values of either byte order from borrowed memory, advancing ``offset``.
///
/// No bounds checks: callers check that the bytes remain before each read.
@_spi(GeometryCodec) public struct ByteReadCursor {
    public let bytes: UnsafeRawBufferPointer
    public var offset: Int

    @inlinable public init(_ bytes: UnsafeRawBufferPointer, offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    /// The number of bytes from ``offset`` to the end of ``bytes``.
    @inlinable public var remaining: Int { bytes.count - offset }

    @inlinable @inline(__always) public mutating func byte() -> UInt8 {
        let v = bytes[offset]
        offset += 1
        return v
    }

    @inlinable @inline(__always) public mutating func u32(little: Bool) -> UInt32 {
        let raw = bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self)
        offset += 4
        return little ? UInt32(littleEndian: raw) : UInt32(bigEndian: raw)
    }

    /// An x then a y, 16 bytes.
    @inlinable @inline(__always) public mutating func position(little: Bool) -> Position {
        let x = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
        let y = bytes.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self)
        offset += 16
        return little
            ? Position(x: Double(bitPattern: UInt64(littleEndian: x)), y: Double(bitPattern: UInt64(littleEndian: y)))
            : Position(x: Double(bitPattern: UInt64(bigEndian: x)), y: Double(bitPattern: UInt64(bigEndian: y)))
    }
}

/// Writes little-endian values into memory the caller has sized exactly, advancing ``offset``.
///
/// No bounds checks: callers compute the size first and check ``offset`` against it at the end.
@_spi(GeometryCodec) public struct ByteWriteCursor {
    public let base: UnsafeMutableRawPointer
    public var offset = 0

    @inlinable public init(_ base: UnsafeMutableRawPointer) {
        self.base = base
    }

    @inlinable @inline(__always) public mutating func byte(_ v: UInt8) {
        base.storeBytes(of: v, toByteOffset: offset, as: UInt8.self)
        offset += 1
    }

    @inlinable @inline(__always) public mutating func u32(_ v: UInt32) {
        base.storeBytes(of: v.littleEndian, toByteOffset: offset, as: UInt32.self)
        offset += 4
    }

    @inlinable @inline(__always) public mutating func f64(_ v: Double) {
        base.storeBytes(of: v.bitPattern.littleEndian, toByteOffset: offset, as: UInt64.self)
        offset += 8
    }

    /// An x then a y, 16 bytes.
    @inlinable @inline(__always) public mutating func position(_ p: Position) {
        base.storeBytes(of: p.x.bitPattern.littleEndian, toByteOffset: offset, as: UInt64.self)
        base.storeBytes(of: p.y.bitPattern.littleEndian, toByteOffset: offset + 8, as: UInt64.self)
        offset += 16
    }

    /// A point count followed by the points (a WKB line string body or ring; the same in a blob).
    @inlinable public mutating func positions(_ points: [Position]) {
        u32(UInt32(points.count))
        for p in points { position(p) }
    }

    /// A ring count followed by the rings (a WKB polygon body; the same in a blob).
    @inlinable public mutating func rings(_ rings: [[Position]]) {
        u32(UInt32(rings.count))
        for ring in rings { positions(ring) }
    }

    /// The WKB body of `shape` (everything after its header), ``WKBSize/body(of:)`` bytes.
    ///
    /// Each element of a MULTI geometry starts with `elementMarker` and its type code: the
    /// byte-order byte 1 in WKB, the ENTITY marker 0x69 in a SpatiaLite blob, whose bodies are
    /// otherwise the same.
    @inlinable @inline(__always) public mutating func body(of shape: Geometry.Shape, elementMarker: UInt8) {
        switch shape {
        case .point(let p):
            position(p)
        case .lineString(let points):
            positions(points)
        case .polygon(let r):
            rings(r)
        case .multiPoint(let points):
            u32(UInt32(points.count))
            for p in points { byte(elementMarker); u32(1); position(p) }
        case .multiLineString(let lines):
            u32(UInt32(lines.count))
            for line in lines { byte(elementMarker); u32(2); positions(line) }
        case .multiPolygon(let polygons):
            u32(UInt32(polygons.count))
            for polygon in polygons { byte(elementMarker); u32(3); rings(polygon) }
        }
    }
}

/// One 2D coordinate: `x` is longitude and `y` latitude when the SRID is 4326.
///
/// Equality and hashing compare the IEEE-754 bit patterns, not numeric values: `-0.0 != 0.0`,
/// and a NaN equals a NaN with the same bits. Geometry values cross two databases and several
/// binary encodings, and the parity contract is that they come back *bit for bit*; numeric `==`
/// would hide a lost sign of zero and would make a NaN-carrying value unequal to itself (which
/// breaks `Hashable`).
public struct Position: Sendable, Hashable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    public static func == (lhs: Position, rhs: Position) -> Bool {
        lhs.x.bitPattern == rhs.x.bitPattern && lhs.y.bitPattern == rhs.y.bitPattern
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(x.bitPattern)
        hasher.combine(y.bitPattern)
    }
}

/// A 2D (XY) simple-feature geometry with an optional SRID: the Swift side of the `geometry`
/// logical type.
///
/// Only the six OGC types both PostGIS and SpatiaLite store the same way are modelled; Z/M
/// coordinates, curves and geometry collections are rejected by the decoders rather than
/// silently flattened. Equality is bit-exact on coordinates (see ``Position``).
public struct Geometry: Sendable, Hashable {
    /// The geometry's type and coordinates.
    public enum Shape: Sendable, Hashable {
        case point(Position)
        case lineString([Position])
        /// Rings; the first is the exterior ring, the rest are holes.
        case polygon([[Position]])
        case multiPoint([Position])
        case multiLineString([[Position]])
        /// Polygons, each a list of rings as in ``polygon(_:)``.
        case multiPolygon([[[Position]]])
    }

    public var shape: Shape

    /// The spatial reference id; `nil` means unknown. Assigning 0 stores `nil`.
    ///
    /// 0 and "no SRID" are the same thing in PostGIS and SpatiaLite, so they are one value here;
    /// otherwise a geometry would not equal itself after an EWKB round trip.
    public var srid: Int32? {
        didSet { if srid == 0 { srid = nil } }
    }

    public init(_ shape: Shape, srid: Int32? = nil) {
        self.shape = shape
        self.srid = srid == 0 ? nil : srid
    }

    /// A point; `x` is longitude and `y` latitude for the default SRID 4326 (WGS 84).
    public static func point(x: Double, y: Double, srid: Int32? = 4326) -> Geometry {
        Geometry(.point(Position(x: x, y: y)), srid: srid)
    }

    /// A line string through `points` (at least two for ``validate()`` to pass).
    public static func lineString(_ points: [Position], srid: Int32? = 4326) -> Geometry {
        Geometry(.lineString(points), srid: srid)
    }

    /// A polygon from closed rings; the first ring is the exterior.
    public static func polygon(_ rings: [[Position]], srid: Int32? = 4326) -> Geometry {
        Geometry(.polygon(rings), srid: srid)
    }

    /// A multi point.
    public static func multiPoint(_ points: [Position], srid: Int32? = 4326) -> Geometry {
        Geometry(.multiPoint(points), srid: srid)
    }

    /// A multi line string.
    public static func multiLineString(_ lines: [[Position]], srid: Int32? = 4326) -> Geometry {
        Geometry(.multiLineString(lines), srid: srid)
    }

    /// A multi polygon.
    public static func multiPolygon(_ polygons: [[[Position]]], srid: Int32? = 4326) -> Geometry {
        Geometry(.multiPolygon(polygons), srid: srid)
    }

    /// The OGC type name, as SpatiaLite's `GeometryType()` and PostGIS's `GeometryType()` return it.
    public var typeName: String {
        switch shape {
        case .point: "POINT"
        case .lineString: "LINESTRING"
        case .polygon: "POLYGON"
        case .multiPoint: "MULTIPOINT"
        case .multiLineString: "MULTILINESTRING"
        case .multiPolygon: "MULTIPOLYGON"
        }
    }

    /// The 2D OGC WKB type code (1…6), which SpatiaLite also uses as its class type.
    package var wkbTypeCode: UInt32 {
        switch shape {
        case .point: 1
        case .lineString: 2
        case .polygon: 3
        case .multiPoint: 4
        case .multiLineString: 5
        case .multiPolygon: 6
        }
    }
}

extension Geometry: CustomStringConvertible {
    /// EWKT-like text, e.g. `SRID=4326;POINT(1 2)`; for people and logs, never for comparison.
    ///
    /// Coordinates print in Swift's shortest round-tripping form (integers without `.0`), so the
    /// text differs from PostGIS's and SpatiaLite's; compare WKB instead (DIVERGENCES.md #52).
    public var description: String {
        var out = ""
        if let srid { out += "SRID=\(srid);" }
        out += typeName
        switch shape {
        case .point(let p):
            out += "("; Self.append(p, to: &out); out += ")"
        case .lineString(let ps), .multiPoint(let ps):
            Self.append(ps, to: &out)
        case .polygon(let rings), .multiLineString(let rings):
            Self.append(rings, to: &out)
        case .multiPolygon(let polygons):
            if polygons.isEmpty { out += " EMPTY"; break }
            out += "("
            for (i, rings) in polygons.enumerated() {
                if i > 0 { out += "," }
                Self.append(rings, to: &out)
            }
            out += ")"
        }
        return out
    }

    private static func append(_ rings: [[Position]], to out: inout String) {
        if rings.isEmpty { out += " EMPTY"; return }
        out += "("
        for (i, ring) in rings.enumerated() {
            if i > 0 { out += "," }
            append(ring, to: &out)
        }
        out += ")"
    }

    private static func append(_ points: [Position], to out: inout String) {
        if points.isEmpty { out += " EMPTY"; return }
        out += "("
        for (i, p) in points.enumerated() {
            if i > 0 { out += "," }
            append(p, to: &out)
        }
        out += ")"
    }

    private static func append(_ p: Position, to out: inout String) {
        out += format(p.x); out += " "; out += format(p.y)
    }

    /// `1` rather than `1.0` for integral values (as WKT writes them); `-0` keeps its sign.
    private static func format(_ v: Double) -> String {
        // Not `rounded()`: that needs libm, which a Foundation-free binary does not link on Linux.
        if abs(v) < 1e15, v == Double(Int64(v)) {
            return v.sign == .minus && v == 0 ? "-0" : String(Int64(v))
        }
        return v.description
    }
}

/// Why a geometry could not be decoded or failed ``Geometry/validate()``.
///
/// The associated text names the problem and where it is (a byte offset, a coordinate index)
/// but never the whole geometry, which can be megabytes and may be sensitive.
public enum GeometryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The bytes or the structure are not a well-formed geometry (truncated, trailing bytes,
    /// unknown type code, unclosed ring, too few points).
    case malformed(String)
    /// Well-formed, but outside the portable subset: Z/M coordinates, collections, curves,
    /// compressed SpatiaLite classes.
    case unsupported(String)
    /// A coordinate is outside the valid range of its SRID (for 4326: longitude ±180, latitude ±90).
    case coordinateOutOfRange(String)
    /// A coordinate is NaN or ±Infinity.
    case nonFinite(String)

    public var description: String {
        switch self {
        case .malformed(let detail):
            "Malformed geometry: \(detail). Pass complete WKB/EWKB (or a SpatiaLite geometry blob) "
                + "holding a well-formed POINT, LINESTRING, POLYGON or MULTI* value."
        case .unsupported(let detail):
            "Unsupported geometry: \(detail). Meridian stores 2D (XY) points, line strings, polygons "
                + "and their MULTI forms only; drop Z/M with ST_Force2D (PostGIS) or CastToXY "
                + "(SpatiaLite) and split collections into typed columns."
        case .coordinateOutOfRange(let detail):
            "Coordinate out of range: \(detail). Check that x is longitude and y latitude, and "
                + "that the SRID matches the data."
        case .nonFinite(let detail):
            "Non-finite coordinate: \(detail). Coordinates must be finite numbers; store NULL "
                + "for a missing geometry."
        }
    }
}

/// The logical column types of Meridian's value contract.
///
/// A logical type names what a column holds, independent of the engine; each dialect renders it
/// as one declared type (see ``SQLDialect/columnType(_:)``).
public enum LogicalType: Sendable, Hashable {
    case int
    case double
    case text
    case bool
    case uuid
    case timestamp
    case date
    case json
    case bytes
    case geometry(GeometryColumnType, srid: Int32)
    /// Text restricted to a fixed set of values (TEXT + CHECK on both engines).
    case enumeration([String])
}

/// The geometry type a spatial column is declared with; inserts of another type are rejected.
public enum GeometryColumnType: String, Sendable, Hashable, CaseIterable {
    case point = "POINT"
    case lineString = "LINESTRING"
    case polygon = "POLYGON"
    case multiPoint = "MULTIPOINT"
    case multiLineString = "MULTILINESTRING"
    case multiPolygon = "MULTIPOLYGON"

    /// The type a geometry of this shape belongs to.
    public init(_ shape: Geometry.Shape) {
        switch shape {
        case .point: self = .point
        case .lineString: self = .lineString
        case .polygon: self = .polygon
        case .multiPoint: self = .multiPoint
        case .multiLineString: self = .multiLineString
        case .multiPolygon: self = .multiPolygon
        }
    }

    /// The PostGIS typmod spelling (`Point`, `MultiPolygon`, …).
    public var postGISName: String {
        switch self {
        case .point: "Point"
        case .lineString: "LineString"
        case .polygon: "Polygon"
        case .multiPoint: "MultiPoint"
        case .multiLineString: "MultiLineString"
        case .multiPolygon: "MultiPolygon"
        }
    }
}

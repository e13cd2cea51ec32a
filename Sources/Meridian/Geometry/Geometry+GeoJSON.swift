/// GeoJSON (RFC 7946) geometry objects, the form fixtures and JSON output use for geometry.
extension Geometry {
    /// Reads a GeoJSON geometry object; GeoJSON coordinates are longitude/latitude, so the
    /// SRID is 4326 unless `srid` says otherwise.
    public init(geoJSON: JSON, srid: Int32? = 4326) throws(GeometryError) {
        guard case .object(let object) = geoJSON, case .string(let type)? = object["type"] else {
            throw .malformed("a GeoJSON geometry is an object with a \"type\"")
        }
        guard let coordinates = object["coordinates"] else { throw .malformed("GeoJSON \(type) has no \"coordinates\"") }
        let shape: Shape
        switch type {
        case "Point": shape = .point(try Self.position(coordinates))
        case "LineString": shape = .lineString(try Self.positions(coordinates))
        case "Polygon": shape = .polygon(try Self.rings(coordinates))
        case "MultiPoint": shape = .multiPoint(try Self.positions(coordinates))
        case "MultiLineString": shape = .multiLineString(try Self.list(coordinates, Self.positions))
        case "MultiPolygon": shape = .multiPolygon(try Self.list(coordinates, Self.rings))
        default: throw .unsupported("GeoJSON type \(type); Meridian stores Point, LineString, Polygon and their Multi forms")
        }
        self.init(shape, srid: srid)
    }

    /// The geometry as a GeoJSON object (its SRID is not part of GeoJSON).
    public var geoJSON: JSON {
        func point(_ p: Position) -> JSON { .array([number(p.x), number(p.y)]) }
        func number(_ v: Double) -> JSON { JSONNumber(v).map(JSON.number) ?? .null }
        func points(_ ps: [Position]) -> JSON { .array(ps.map(point)) }
        func rings(_ rs: [[Position]]) -> JSON { .array(rs.map(points)) }
        let (type, coordinates): (String, JSON) =
            switch shape {
            case .point(let p): ("Point", point(p))
            case .lineString(let ps): ("LineString", points(ps))
            case .polygon(let rs): ("Polygon", rings(rs))
            case .multiPoint(let ps): ("MultiPoint", points(ps))
            case .multiLineString(let ls): ("MultiLineString", .array(ls.map(points)))
            case .multiPolygon(let polygons): ("MultiPolygon", .array(polygons.map(rings)))
            }
        return .object(["type": .string(type), "coordinates": coordinates])
    }

    private static func list<T>(_ json: JSON, _ element: (JSON) throws(GeometryError) -> T) throws(GeometryError) -> [T] {
        guard case .array(let items) = json else { throw .malformed("GeoJSON coordinates must be arrays") }
        var out: [T] = []
        out.reserveCapacity(items.count)
        for item in items { out.append(try element(item)) }
        return out
    }

    private static func position(_ json: JSON) throws(GeometryError) -> Position {
        guard case .array(let values) = json, values.count == 2,
              case .number(let x) = values[0], case .number(let y) = values[1]
        else { throw .malformed("a GeoJSON position is [longitude, latitude]; Meridian stores 2D coordinates only") }
        guard let longitude = x.finiteDoubleValue, let latitude = y.finiteDoubleValue else {
            throw .malformed("a GeoJSON coordinate is out of range for a double precision number")
        }
        return Position(x: longitude, y: latitude)
    }

    private static func positions(_ json: JSON) throws(GeometryError) -> [Position] { try list(json, position) }

    private static func rings(_ json: JSON) throws(GeometryError) -> [[Position]] { try list(json, positions) }
}

import Foundation

/// A search for the rows whose point lies within a distance of a centre on the WGS84 spheroid,
/// described once and rendered for each dialect by ``SQLDialect/radiusSearch(_:)``.
///
/// ```swift
/// let search = RadiusSearch(table: "places", column: "location",
///                           center: Position(x: 179.9, y: 10), radius: .kilometers(50), select: ["id", "name"])
/// try search.validate()
/// let (sql, arguments) = db.dialect.radiusSearch(search)
/// ```
///
/// `column` must be a point column in SRID 4326 (`.geometry(.point, srid: 4326)`, which
/// Meridian declares as `geography(Point,4326)` on PostgreSQL), with its spatial index
/// (the default): SpatiaLite reads the index only when the query names it, so there the search
/// needs it. Both engines measure on the spheroid with GeographicLib and return the same rows;
/// PostGIS and SpatiaLite disagree on the distance to lines and polygons, which is why the
/// search is for points.
public struct RadiusSearch: Sendable, Equatable {
    public var table: String
    /// The point column, SRID 4326.
    public var column: String
    /// The centre: `x` longitude in [-180, 180], `y` latitude in [-90, 90], degrees.
    public var center: Position
    public var radius: Distance
    /// The columns to return; all of them when empty.
    public var select: [String]

    public init(table: String, column: String, center: Position, radius: Distance, select: [String] = []) {
        self.table = table
        self.column = column
        self.center = center
        self.radius = radius
        self.select = select
    }

    /// The index boxes around the search circle (``GeodesicBox/covering(_:within:margin:)``).
    public var boxes: [GeodesicBox] { GeodesicBox.covering(center, within: radius) }

    /// Refuses a centre off the globe and a radius that is negative or not finite, which the
    /// engines would not reject alike (PostGIS wraps a latitude of 95 to 85; SpatiaLite
    /// measures it).
    public func validate() throws(DatabaseError) {
        guard center.x.isFinite, (-180...180).contains(center.x) else {
            throw DatabaseError(.invalidValue, "the centre's longitude \(center.x) is outside -180…180", table: table, column: column)
        }
        guard center.y.isFinite, (-90...90).contains(center.y) else {
            throw DatabaseError(.invalidValue, "the centre's latitude \(center.y) is outside -90…90", table: table, column: column)
        }
        guard radius.isValidRadius else {
            throw DatabaseError(.invalidValue, "a search radius must be finite and not negative, not \(radius)", table: table, column: column)
        }
    }
}

extension SQLDialect {
    /// A `SELECT` of the rows of a ``RadiusSearch``, with `$n` placeholders and their values:
    /// `$1` the longitude, `$2` the latitude, `$3` the radius in metres, then any index boxes.
    ///
    /// The exact test is ``withinDistance(_:_:meters:)``; where the engine does not use its
    /// spatial index for that by itself, ``spatialIndexFilter(table:column:boxes:bind:)`` adds
    /// the coarse filter from the search's ``RadiusSearch/boxes``. Rows come in no particular order.
    public func radiusSearch(_ search: RadiusSearch) -> (sql: String, arguments: [DatabaseValue]) {
        var arguments: [DatabaseValue] = []
        func bind(_ value: Double) -> String {
            arguments.append(.double(value))
            return "$\(arguments.count)"
        }
        let center = geographicPoint(longitude: bind(search.center.x), latitude: bind(search.center.y))
        var conditions = [withinDistance(quote(search.column), center, meters: bind(search.radius.meters))]
        if let filter = spatialIndexFilter(table: search.table, column: search.column, boxes: search.boxes, bind: bind) {
            conditions.insert(filter, at: 0)
        }
        let columns = search.select.isEmpty ? "*" : search.select.map(quote).joined(separator: ", ")
        let sql = "SELECT \(columns) FROM \(quote(search.table)) WHERE " + conditions.joined(separator: " AND ")
        return (sql, arguments)
    }
}

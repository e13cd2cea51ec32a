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
///
/// The circle is closed: a point whose distance equals the radius is found, on both backends.
/// Two computations of one distance in double precision differ in their last digits (the
/// engines agree with each other and with ``Geodesic`` to about 1e-8 m), so "equal" cannot be
/// left to the last bit: the engines are asked for the points within the radius plus
/// ``tolerance``, one micrometre.
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

    /// How far beyond the radius a point still counts as on the circle: 1 µm, a hundred times
    /// the engines' disagreement and far below any distance that matters on the ground.
    public static let tolerance = Distance(meters: 1e-6)

    /// How far (as a fraction) a great-circle distance may stray from the geodesic one between
    /// the same two points: the sphere of radius (2a + b) / 3 runs from 0.56 % short (meridional
    /// curvature at the equator) to 0.45 % long (at the poles), and long geodesics average
    /// these. A point whose great-circle distance is within the radius less this margin lies
    /// inside, one beyond the radius plus this margin outside; only the band between needs the
    /// spheroid, the costly test on both engines.
    public static let sphereMargin = 0.01

    /// The index boxes around the search circle (``GeodesicBox/covering(_:within:margin:)``).
    public var boxes: [GeodesicBox] { GeodesicBox.covering(center, within: radius + Self.tolerance) }

    /// Refuses a centre off the globe and a radius that is negative or not finite, which the
    /// engines would not reject alike (PostGIS wraps a latitude of 95 to 85; SpatiaLite
    /// measures it).
    public func validate() throws(DatabaseError) {
        try center.validateGeographic(role: "centre", table: table, column: column)
        guard radius.isValidRadius else {
            throw DatabaseError(.invalidValue, "a search radius must be finite and not negative, not \(radius)", table: table, column: column)
        }
    }
}

extension SQLDialect {
    /// A `SELECT` of the rows of a ``RadiusSearch``, with `$n` placeholders and their values:
    /// `$1` the longitude, `$2` the latitude, `$3` the radius plus ``RadiusSearch/tolerance`` in
    /// metres, where the engine has a great-circle test `$4` and `$5` that radius widened and
    /// narrowed by ``RadiusSearch/sphereMargin``, then any index boxes.
    ///
    /// The exact test is ``withinDistance(_:_:meters:)``; where the engine does not use its
    /// spatial index for that by itself, ``spatialIndexFilter(table:column:boxes:bind:)`` adds
    /// the coarse filter from the search's ``RadiusSearch/boxes``. Rows come in no particular order.
    public func radiusSearch(_ search: RadiusSearch) -> (sql: String, arguments: [DatabaseValue]) {
        var binder = ArgumentBinder()
        let condition = withinCondition(search, bind: { binder.bind($0) })
        let sql = "SELECT \(selectList(search.select)) FROM \(quote(search.table)) WHERE \(condition)"
        return (sql, binder.arguments)
    }

    /// The `WHERE` condition of a radius search, `$n` placeholders as ``radiusSearch(_:)``
    /// describes: the index filter where the engine needs one, then the exact spheroid test;
    /// where the engine has a cheaper great-circle test, that settles the points far from the
    /// circle first (the radius widened and narrowed by ``RadiusSearch/sphereMargin``) and the
    /// spheroid measures only the band between. Either way the rows are the spheroid's.
    func withinCondition(_ search: RadiusSearch, bind: (Double) -> String) -> String {
        let column = quote(search.column)
        let center = geographicPoint(longitude: bind(search.center.x), latitude: bind(search.center.y))
        let radius = (search.radius + RadiusSearch.tolerance).meters
        var within = withinDistance(column, center, meters: bind(radius))
        if radiusSearchTestsGreatCircleFirst {
            let margin = RadiusSearch.sphereMargin
            let possibly = withinSphericalDistance(column, center, meters: bind(radius * (1 + margin)))
            let surely = withinSphericalDistance(column, center, meters: bind(radius * (1 - margin)))
            within = "\(possibly) AND (\(surely) OR \(within))"
        }
        guard !withinDistanceUsesSpatialIndex else { return within }
        return spatialIndexFilter(table: search.table, column: search.column, boxes: search.boxes, bind: bind) + " AND " + within
    }

    /// The quoted columns, or `*` when there are none.
    func selectList(_ columns: [String]) -> String {
        columns.isEmpty ? "*" : columns.map(quote).joined(separator: ", ")
    }
}

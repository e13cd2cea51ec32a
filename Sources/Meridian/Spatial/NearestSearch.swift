/// A search for the `count` rows whose points lie nearest a position on the WGS84 spheroid, in
/// order, run by ``DatabaseConnection/fetchNearest(_:to:table:column:key:select:within:)`` as
/// a few radius searches that grow until they hold the answer.
///
/// ```swift
/// let search = NearestSearch(table: "places", column: "location", center: Position(x: 179.9, y: 10),
///                            count: 5, key: "id", select: ["id", "name"])
/// try search.validate()
/// let (sql, arguments) = db.dialect.nearestSearch(search, within: .kilometers(10))
/// ```
///
/// Order: nearest first, by the geodesic distance in whole millimetres (truncated), then by
/// `key` ascending. Distances that agree to the millimetre are a tie, and the key decides it.
/// The engines measure a distance alike to about 1e-8 m, but not to the last bit, so an order by
/// the raw distance would let two points at the same distance (mirror images about the centre,
/// a grid around it) come out in either order; in millimetres both backends see the same tie.
///
/// Neither engine can serve this order from its index for `geography`: SpatiaLite's R*Tree has
/// no nearest-neighbour search, and PostGIS's `<->` measures on a sphere, not the spheroid. So
/// each step is a radius search (index-assisted on both, see ``RadiusSearch``) ordered and
/// limited; once it holds `count` rows, the last of which is nearer than the radius by a whole
/// millimetre, no point outside can come before them.
public struct NearestSearch: Sendable, Equatable {
    public var table: String
    /// The point column, SRID 4326, with its spatial index.
    public var column: String
    /// The position to measure from: `x` longitude in [-180, 180], `y` latitude in [-90, 90].
    public var center: Position
    /// How many rows to return at most; 0 returns none.
    public var count: Int
    /// The column that breaks ties in distance, ascending: make it unique (the primary key) for
    /// an order that is the same on every run and both backends.
    public var key: String
    /// The columns to return; all of them when empty.
    public var select: [String]
    /// Points farther than this are left out; `nil` for no limit.
    public var maximumDistance: Distance?

    public init(
        table: String, column: String, center: Position, count: Int, key: String, select: [String] = [],
        maximumDistance: Distance? = nil
    ) {
        self.table = table
        self.column = column
        self.center = center
        self.count = count
        self.key = key
        self.select = select
        self.maximumDistance = maximumDistance
    }

    /// The first radius tried: a few points in a dense table, a cheap miss in a sparse one.
    public static let firstRadius = Distance.kilometers(10)

    /// How much each radius grows on the last: at most seven queries from 10 km to the globe.
    public static let growth = 4.0

    /// Longer than any shortest path on WGS84 (half a meridian, 20 003.93 km): a radius this
    /// large holds the whole table.
    static let aroundTheGlobe = Distance.kilometers(20_004)

    /// The radii of the steps, nearest first; `nil` stands for the whole table.
    public var radii: [Distance?] {
        var radii: [Distance?] = []
        var radius = Self.firstRadius
        let limit = maximumDistance ?? Self.aroundTheGlobe
        while radius < limit {
            radii.append(radius)
            radius = Distance(meters: radius.meters * Self.growth)
        }
        radii.append(maximumDistance)
        return radii
    }

    /// Refuses a centre off the globe, a negative count and a bad maximum distance.
    public func validate() throws(DatabaseError) {
        try center.validateGeographic(role: "centre", table: table, column: column)
        guard count >= 0 else {
            throw DatabaseError(.invalidValue, "a nearest search returns 0 rows or more, not \(count)", table: table, column: column)
        }
        if let maximumDistance, !maximumDistance.isValidRadius {
            throw DatabaseError(
                .invalidValue, "a maximum distance must be finite and not negative, not \(maximumDistance)", table: table, column: column)
        }
    }

    /// The name of the extra last column a step returns: the distance in whole millimetres.
    public static let distanceColumn = "meridian_distance_mm"
}

extension SQLDialect {
    /// One step of a ``NearestSearch``: a `SELECT` of the search's columns and, last, the
    /// distance in whole millimetres (``NearestSearch/distanceColumn``) of at most `count` rows
    /// within `radius` (`nil`: the whole table; rows whose point is NULL are left out), in the
    /// search's order. `$n` placeholders as in ``radiusSearch(_:)``, then the row count.
    public func nearestSearch(_ search: NearestSearch, within radius: Distance?) -> (sql: String, arguments: [DatabaseValue]) {
        var binder = ArgumentBinder()
        let condition: String
        let center: String
        if let radius {
            let circle = RadiusSearch(table: search.table, column: search.column, center: search.center, radius: radius)
            condition = withinCondition(circle, bind: { binder.bind($0) })
            center = geographicPoint(longitude: "$1", latitude: "$2")
        } else {
            center = geographicPoint(longitude: binder.bind(search.center.x), latitude: binder.bind(search.center.y))
            condition = "\(quote(search.column)) IS NOT NULL"
        }
        let millimetres = integerPart("\(geodesicDistance(quote(search.column), center)) * 1000")
        let distance = quote(NearestSearch.distanceColumn)
        var arguments = binder.arguments
        arguments.append(.int(Int64(search.count)))
        let sql = "SELECT \(selectList(search.select)), \(millimetres) AS \(distance) FROM \(quote(search.table)) WHERE \(condition) "
            + "ORDER BY \(distance), \(quote(search.key)) LIMIT $\(arguments.count)"
        return (sql, arguments)
    }
}

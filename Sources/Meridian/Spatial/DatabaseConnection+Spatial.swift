extension DatabaseConnection {
    /// The rows of `table` whose point in `column` lies within `radius` of `center` on the WGS84
    /// spheroid, found through the column's spatial index; the same rows on both backends.
    ///
    /// ```swift
    /// let rows = try db.fetchWithin(.kilometers(50), of: Position(x: 179.9, y: 10),
    ///                               table: "places", column: "location", select: ["id", "name"])
    /// ```
    ///
    /// Circles that cross the antimeridian or reach a pole are handled (see
    /// ``GeodesicBox/covering(_:within:margin:)``). `column` is a point column in SRID 4326
    /// with its spatial index; rows come in no particular order. See ``RadiusSearch``.
    ///
    /// - Throws: ``DatabaseError`` of kind `invalidValue` for a centre off the globe or a
    ///   negative radius, before anything runs; on SQLite, `undefinedObject` naming
    ///   `table.column` when the column has no spatial index (``fetchThroughSpatialIndex(_:_:table:column:)``).
    public func fetchWithin(
        _ radius: Distance, of center: Position, table: String, column: String, select: [String] = []
    ) throws -> [Row] {
        let search = RadiusSearch(table: table, column: column, center: center, radius: radius, select: select)
        try search.validate()
        let (sql, arguments) = dialect.radiusSearch(search)
        return try fetchThroughSpatialIndex(sql, arguments, table: table, column: column)
    }
}

extension DatabaseConnection {
    /// The `count` rows of `table` whose point in `column` lies nearest `center` on the WGS84
    /// spheroid, nearest first; the same rows in the same order on both backends.
    ///
    /// ```swift
    /// let nearest = try db.fetchNearest(5, to: Position(x: 179.9, y: 10), table: "places", column: "location",
    ///                                   key: "id", select: ["id", "name"])
    /// ```
    ///
    /// Order: by geodesic distance in whole millimetres, then by `key` ascending (make it the
    /// primary key), so points at the same distance come in key order. Fewer rows come back when
    /// the table holds fewer, or fewer lie within `maximumDistance`. Rows whose point is NULL
    /// are never returned. The search is a few radius searches through the spatial index, from
    /// 10 km outwards (see ``NearestSearch``); `column` is a point column in SRID 4326 with its
    /// spatial index.
    ///
    /// - Throws: ``DatabaseError`` of kind `invalidValue` for a centre off the globe, a negative
    ///   count or a bad `maximumDistance`, before anything runs; on SQLite, `undefinedObject`
    ///   naming `table.column` when the column has no spatial index.
    public func fetchNearest(
        _ count: Int, to center: Position, table: String, column: String, key: String, select: [String] = [],
        within maximumDistance: Distance? = nil
    ) throws -> [Row] {
        let search = NearestSearch(
            table: table, column: column, center: center, count: count, key: key, select: select, maximumDistance: maximumDistance)
        try search.validate()
        guard count > 0 else { return [] }
        var rows: [Row] = []
        for radius in search.radii {
            let (sql, arguments) = dialect.nearestSearch(search, within: radius)
            rows = try fetchThroughSpatialIndex(sql, arguments, table: table, column: column)
            // Complete when every point nearer than the last row's millimetre is inside the circle.
            guard let radius, radius != maximumDistance else { break }
            if rows.count == count, let last = rows.last?.values.last, let millimetres = Int64.fromDatabaseValue(last),
               Double(millimetres + 1) <= radius.meters * 1000 {
                break
            }
        }
        return rows.map { Row(columnNames: Array($0.columnNames.dropLast()), values: Array($0.values.dropLast())) }
    }

    /// The rows of `table` whose point in `column` lies in `box`, found through the column's
    /// spatial index; the same rows on both backends.
    ///
    /// ```swift
    /// let pacific = try db.fetchInBox(BoundingBox(west: 170, south: -20, east: -170, north: 0),
    ///                                 table: "places", column: "location", select: ["id"])
    /// ```
    ///
    /// Edges are included; a box whose west edge is east of its east edge crosses the
    /// antimeridian; a box reaching a pole holds the pole (see ``BoundingBox``). `column` is a
    /// point column in SRID 4326 with its spatial index; rows come in no particular order.
    ///
    /// - Throws: ``DatabaseError`` of kind `invalidValue` for an edge off the globe or NaN, or a
    ///   south edge north of the north edge, before anything runs; on SQLite, `undefinedObject`
    ///   naming `table.column` when the column has no spatial index.
    public func fetchInBox(_ box: BoundingBox, table: String, column: String, select: [String] = []) throws -> [Row] {
        let search = BoxSearch(table: table, column: column, box: box, select: select)
        try search.validate()
        let (sql, arguments) = dialect.boxSearch(search)
        return try fetchThroughSpatialIndex(sql, arguments, table: table, column: column)
    }
}

extension DatabaseConnection {
    /// The rows of a search that reads the spatial index of `table.column`. A missing table is
    /// named without the search's SQL; where the index is a table of its own
    /// (``SQLDialect/spatialIndexTable(table:column:)``) and is missing, the error names the
    /// column and the statement that adds the index.
    func fetchThroughSpatialIndex(_ sql: String, _ arguments: [DatabaseValue], table: String, column: String) throws -> [Row] {
        do {
            return try fetchAll(sql, arguments)
        } catch var error as DatabaseError where error.kind == .undefinedObject && error.table != nil {
            if error.table == dialect.spatialIndexTable(table: table, column: column) {
                let create = dialect.spatialIndex(table: table, column: column).sql
                error.reason = "\(table).\(column) has no spatial index, which a search by distance or box reads: "
                    + "make it a point column in SRID 4326 with a spatial index, in a migration (\(create))"
                error.table = table
                error.column = column
            } else if error.table != table {
                throw error
            }
            error.sql = nil
            throw error
        }
    }
}

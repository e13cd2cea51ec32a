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
    ///   `idx_<table>_<column>` when the column has no spatial index.
    public func fetchWithin(
        _ radius: Distance, of center: Position, table: String, column: String, select: [String] = []
    ) throws -> [Row] {
        let search = RadiusSearch(table: table, column: column, center: center, radius: radius, select: select)
        try search.validate()
        let (sql, arguments) = dialect.radiusSearch(search)
        return try fetchAll(sql, arguments)
    }
}

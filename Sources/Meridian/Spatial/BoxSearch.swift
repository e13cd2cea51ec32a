/// A search for the rows whose point lies in a ``BoundingBox``, described once and rendered for
/// each dialect by ``SQLDialect/boxSearch(_:)``.
///
/// ```swift
/// let search = BoxSearch(table: "places", column: "location",
///                        box: BoundingBox(west: 170, south: -20, east: -170, north: 0), select: ["id"])
/// try search.validate()
/// let (sql, arguments) = db.dialect.boxSearch(search)
/// ```
///
/// `column` is a point column in SRID 4326 with its spatial index, as for ``RadiusSearch``.
/// The index narrows the search to the box's ``BoundingBox/pieces`` and the stored coordinates
/// decide, so both backends return the same rows.
public struct BoxSearch: Sendable, Equatable {
    public var table: String
    /// The point column, SRID 4326.
    public var column: String
    public var box: BoundingBox
    /// The columns to return; all of them when empty.
    public var select: [String]

    public init(table: String, column: String, box: BoundingBox, select: [String] = []) {
        self.table = table
        self.column = column
        self.box = box
        self.select = select
    }

    /// Refuses a box the engines would not read alike (see ``BoundingBox/validate(table:column:)``).
    public func validate() throws(DatabaseError) {
        try box.validate(table: table, column: column)
    }
}

extension SQLDialect {
    /// A `SELECT` of the rows of a ``BoxSearch``, with `$n` placeholders and their values: first
    /// the index filter's, then the exact test's, four per piece (west, east, south, north).
    ///
    /// The index filter (``spatialIndexFilter(table:column:boxes:bind:)``) gets the pieces
    /// widened by ``GeodesicBox/singlePrecisionMargin`` for SpatiaLite's single-precision R*Tree;
    /// the exact test compares the stored ``longitude(_:)`` and ``latitude(_:)`` with the
    /// pieces, edges included. Rows come in no particular order.
    public func boxSearch(_ search: BoxSearch) -> (sql: String, arguments: [DatabaseValue]) {
        var binder = ArgumentBinder()
        let pieces = search.box.pieces
        let filter = spatialIndexFilter(
            table: search.table, column: search.column, boxes: pieces.map { $0.widened(by: GeodesicBox.singlePrecisionMargin) },
            bind: { binder.bind($0) })
        let x = longitude(quote(search.column))
        let y = latitude(quote(search.column))
        let exact = pieces.map { piece in
            "(\(x) BETWEEN \(binder.bind(piece.minLongitude)) AND \(binder.bind(piece.maxLongitude)) "
                + "AND \(y) BETWEEN \(binder.bind(piece.minLatitude)) AND \(binder.bind(piece.maxLatitude)))"
        }
        let sql = "SELECT \(selectList(search.select)) FROM \(quote(search.table)) WHERE \(filter) AND (\(exact.joined(separator: " OR ")))"
        return (sql, binder.arguments)
    }
}

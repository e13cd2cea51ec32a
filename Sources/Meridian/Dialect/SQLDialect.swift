/// What SQL to say on one engine: pure functions of the engine's capabilities, with no
/// connection and no C. The drivers decide how to say it.
///
/// Shared rendering (``createTableStatements(_:)``) asks these hooks instead of testing the
/// dialect's name, so a new engine is a new conformance, not a new branch.
public protocol SQLDialect: Sendable {
    /// The engine's name, for messages.
    var name: String { get }

    /// The statement with Meridian's `$n` placeholders turned into the engine's own.
    func renderPlaceholders(_ sql: String, _ scan: PlaceholderScan) -> String

    /// The declared type of a column of this logical type.
    func columnType(_ type: LogicalType) -> String

    /// A CHECK expression that holds a column to its logical type where the engine's own type
    /// does not (`x IN (0, 1)` for a boolean on SQLite), or `nil`.
    func contractCheck(column: String, type: LogicalType) -> String?

    /// Statements that add a geometry column after `CREATE TABLE`, or `nil` when the column is
    /// declared inline like any other.
    func addGeometryColumn(table: String, column: ColumnDefinition, type: GeometryColumnType, srid: Int32) -> [SchemaStatement]?

    /// The statement that builds a spatial index on a geometry column.
    func spatialIndex(table: String, column: String) -> SchemaStatement

    /// A query with one parameter, a table name, that counts the tables of that name in the
    /// connection's current schema (0 or 1).
    var tableExistsSQL: String { get }

    /// Whether a statement calls a management function that reports failure by returning 0
    /// instead of raising an error (SpatiaLite's `AddGeometryColumn`, `CreateSpatialIndex`, …),
    /// so that a migration runner checks its result.
    func returnsSuccessFlag(_ statement: String) -> Bool

    /// A statement that moves the generator of `table.column` past the column's largest value
    /// after rows were inserted with explicit keys, or `nil` where the engine needs none
    /// (SQLite's rowid keys always continue from the largest; PostgreSQL sequences do not move).
    /// Parameters: `$1` the quoted table name, `$2` the column name.
    func sequenceResetSQL(table: String, column: String) -> String?

    /// How a writing transaction begins (SQLite takes the write lock at once with `IMMEDIATE`,
    /// so two writers queue instead of failing on upgrade).
    var beginTransactionSQL: String { get }

    // MARK: Spatial: WGS84 longitude/latitude, measured in metres on the spheroid

    /// An expression for the WGS84 point at two SQL expressions (usually placeholders), in the
    /// form the engine measures in metres: PostGIS `ST_SetSRID(ST_MakePoint(x, y), 4326)::geography`,
    /// SpatiaLite `MakePoint(x, y, 4326)`.
    func geographicPoint(longitude: String, latitude: String) -> String

    /// A boolean expression: whether two WGS84 points (a 4326 column or ``geographicPoint(longitude:latitude:)``)
    /// lie within `meters` of each other on the spheroid, in the form the engine's spatial index
    /// can serve: PostGIS `ST_DWithin` on `geography`, SpatiaLite `PtDistWithin(…, 1)`.
    func withinDistance(_ a: String, _ b: String, meters: String) -> String

    /// A boolean expression: whether two WGS84 points lie within `meters` of each other on the
    /// sphere of radius (2a + b) / 3 (great-circle distance): PostGIS `ST_DWithin(…, false)`,
    /// SpatiaLite `PtDistWithin(…, 0)`.
    func withinSphericalDistance(_ a: String, _ b: String, meters: String) -> String

    /// Whether a radius search should settle the points far from its circle with
    /// ``withinSphericalDistance(_:_:meters:)`` before the spheroid test
    /// (``RadiusSearch/sphereMargin``). SpatiaLite: yes, its great circle costs a third of its
    /// spheroid, which dominates a search. PostGIS: no, its searches spend their time reading the
    /// heap, and the extra test measured slower.
    var radiusSearchTestsGreatCircleFirst: Bool { get }

    /// An expression for the distance in metres between two WGS84 points on the spheroid:
    /// PostGIS `ST_Distance` on `geography`, SpatiaLite `ST_Distance(a, b, 1)`.
    func geodesicDistance(_ a: String, _ b: String) -> String

    /// A boolean expression that narrows `table` to the rows whose `column` may lie in one of
    /// `boxes`, read from the column's spatial index; it may let through rows outside the boxes,
    /// never leave out one inside. `bind` binds a value and returns its placeholder.
    func spatialIndexFilter(table: String, column: String, boxes: [GeodesicBox], bind: (Double) -> String) -> String

    /// Whether the planner serves ``withinDistance(_:_:meters:)`` from the spatial index by itself
    /// (PostGIS: `ST_DWithin` carries its own index test), so that a radius search needs no
    /// ``spatialIndexFilter(table:column:boxes:bind:)``.
    var withinDistanceUsesSpatialIndex: Bool { get }

    /// The longitude, in degrees and exactly as stored, of a WGS84 point (a 4326 column).
    func longitude(_ point: String) -> String

    /// The latitude, in degrees and exactly as stored, of a WGS84 point (a 4326 column).
    func latitude(_ point: String) -> String

    /// The integer part of a non-negative number, as a number that sorts like it.
    func integerPart(_ nonNegative: String) -> String
}

extension SQLDialect {
    /// A double-quoted identifier; both engines accept this form, and quoting always keeps
    /// PostgreSQL from folding names to lower case.
    public func quote(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A single-quoted string literal, for DDL only; values are always bound.
    public func literal(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// `CREATE TABLE` and what goes with it: spatial columns, spatial indexes.
    public func createTableStatements(_ table: TableDefinition) -> [SchemaStatement] {
        var definitions: [String] = []
        var afterCreate: [SchemaStatement] = []
        for column in table.columns {
            if case .geometry(let type, let srid) = column.type,
               let added = addGeometryColumn(table: table.name, column: column, type: type, srid: srid) {
                afterCreate += added
            } else {
                definitions.append(columnDefinition(table: table, column))
            }
            if case .geometry = column.type, column.spatialIndex {
                afterCreate.append(spatialIndex(table: table.name, column: column.name))
            }
        }
        if !table.primaryKey.isEmpty {
            definitions.append("CONSTRAINT \(quote(table.primaryKeyName)) PRIMARY KEY (\(quoteList(table.primaryKey)))")
        }
        for unique in table.unique {
            definitions.append("CONSTRAINT \(quote(unique.name)) UNIQUE (\(quoteList(unique.columns)))")
        }
        for key in table.foreignKeys {
            definitions.append(
                "CONSTRAINT \(quote(key.name)) FOREIGN KEY (\(quoteList(key.columns))) REFERENCES \(quote(key.referencedTable)) (\(quoteList(key.referencedColumns))) ON DELETE \(key.onDelete.rawValue) ON UPDATE \(key.onUpdate.rawValue)"
            )
        }
        for check in table.checks {
            definitions.append("CONSTRAINT \(quote(check.name)) CHECK (\(check.expression))")
        }
        let create = "CREATE TABLE \(quote(table.name)) (\n  " + definitions.joined(separator: ",\n  ") + "\n)"
        return [.execute(create)] + afterCreate
    }

    private func columnDefinition(table: TableDefinition, _ column: ColumnDefinition) -> String {
        var sql = "\(quote(column.name)) \(columnType(column.type))"
        if !column.nullable { sql += " NOT NULL" }
        let check: String? =
            if case .enumeration(let values) = column.type {
                "\(quote(column.name)) IN (\(values.map(literal).joined(separator: ", ")))"
            } else {
                contractCheck(column: quote(column.name), type: column.type)
            }
        if let check { sql += " CONSTRAINT \(quote(table.checkName(column.name))) CHECK (\(check))" }
        return sql
    }

    private func quoteList(_ names: [String]) -> String {
        names.map(quote).joined(separator: ", ")
    }
}

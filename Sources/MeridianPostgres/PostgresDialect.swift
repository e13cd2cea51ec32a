import Meridian

/// The PostgreSQL + PostGIS dialect.
///
/// Text columns use the "C" collation, so `ORDER BY` compares bytes as SQLite does rather than
/// following the database's locale; longitude/latitude columns (SRID 4326) are `geography`,
/// measured in metres on the spheroid, and other SRIDs are planar `geometry`.
public struct PostgresDialect: SQLDialect {
    public init() {}

    public var name: String { "PostgreSQL" }

    public var beginTransactionSQL: String { "BEGIN" }

    public var tableExistsSQL: String {
        "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema() AND tablename = $1"
    }

    /// PostgreSQL and PostGIS raise errors; no result needs checking.
    public func returnsSuccessFlag(_ statement: String) -> Bool { false }

    /// Sets an identity or serial column's sequence after the largest key; a column without one
    /// selects no row and changes nothing.
    public func sequenceResetSQL(table: String, column: String) -> String? {
        "SELECT setval(seq, (SELECT coalesce(max(\(quote(column))), 0) + 1 FROM \(quote(table))), false) FROM pg_get_serial_sequence($1, $2) AS seq WHERE seq IS NOT NULL"
    }

    /// `$n` is PostgreSQL's own syntax.
    public func renderPlaceholders(_ sql: String, _ scan: PlaceholderScan) -> String { sql }

    public func columnType(_ type: LogicalType) -> String {
        switch type {
        case .int: "bigint"
        case .double: "double precision"
        case .text, .enumeration: "text COLLATE \"C\""
        case .bool: "boolean"
        case .uuid: "uuid"
        case .timestamp: "timestamptz"
        case .date: "date"
        case .json: "jsonb"
        case .bytes: "bytea"
        case .geometry(let type, let srid):
            srid == 4326 ? "geography(\(type.postGISName),4326)" : "geometry(\(type.postGISName),\(srid))"
        }
    }

    /// PostgreSQL's types hold every column to its logical type by themselves.
    public func contractCheck(column: String, type: LogicalType) -> String? { nil }

    /// Typmods declare geometry columns inline.
    public func addGeometryColumn(table: String, column: ColumnDefinition, type: GeometryColumnType, srid: Int32) -> [SchemaStatement]? {
        nil
    }

    public func spatialIndex(table: String, column: String) -> SchemaStatement {
        .execute("CREATE INDEX \(quote(TableDefinition.spatialIndexName(table: table, column: column))) ON \(quote(table)) USING gist (\(quote(column)))")
    }

    /// PostGIS [`ST_MakePoint`](https://postgis.net/docs/ST_MakePoint.html) with SRID 4326, as
    /// `geography` so that distances are metres on the spheroid.
    public func geographicPoint(longitude: String, latitude: String) -> String {
        "ST_SetSRID(ST_MakePoint(\(longitude), \(latitude)), 4326)::geography"
    }

    /// PostGIS [`ST_DWithin`](https://postgis.net/docs/ST_DWithin.html) on `geography`: metres,
    /// on the spheroid (`use_spheroid` defaults to true), and served by the column's GiST
    /// index without help. On a `geometry` in 4326 it would measure degrees instead.
    public func withinDistance(_ a: String, _ b: String, meters: String) -> String {
        "ST_DWithin(\(a), \(b), \(meters))"
    }

    /// PostGIS `ST_DWithin(a, b, m, false)`: great-circle metres.
    public func withinSphericalDistance(_ a: String, _ b: String, meters: String) -> String {
        "ST_DWithin(\(a), \(b), \(meters), false)"
    }

    /// A PostGIS radius search spends its time reading the heap, not on the spheroid; a
    /// great-circle test in front of it measured slower.
    public var radiusSearchTestsGreatCircleFirst: Bool { false }

    /// PostGIS [`ST_Distance`](https://postgis.net/docs/ST_Distance.html) on `geography`:
    /// metres on the spheroid.
    public func geodesicDistance(_ a: String, _ b: String) -> String {
        "ST_Distance(\(a), \(b))"
    }

    /// PostGIS's planner turns `ST_DWithin` into a GiST search by itself.
    public var withinDistanceUsesSpatialIndex: Bool { true }

    /// The GiST index on a `geography` column keeps geocentric boxes (x, y, z on the unit
    /// sphere), which PostGIS compares with [`&&`](https://postgis.net/docs/geometry_overlaps.html).
    /// The query side is a multipoint of each box's ``GeodesicBox/geocentricExtremes``, whose
    /// geocentric box is the longitude/latitude box's own. (A polygon would not do: on
    /// `geography` its edges are great-circle arcs, which cut inside a box's parallels.)
    public func spatialIndexFilter(table: String, column: String, boxes: [GeodesicBox], bind: (Double) -> String) -> String {
        let points = boxes.flatMap(\.geocentricExtremes).map { "ST_MakePoint(\(bind($0.x)), \(bind($0.y)))" }
        guard !points.isEmpty else { return "false" }
        return "\(quote(table)).\(quote(column)) && ST_SetSRID(ST_Collect(ARRAY[\(points.joined(separator: ", "))]), 4326)::geography"
    }

    /// PostGIS [`ST_X`](https://postgis.net/docs/ST_X.html) of the point as `geometry`, whose
    /// coordinates are the stored ones.
    public func longitude(_ point: String) -> String { "ST_X(\(point)::geometry)" }

    /// PostGIS [`ST_Y`](https://postgis.net/docs/ST_Y.html) of the point as `geometry`.
    public func latitude(_ point: String) -> String { "ST_Y(\(point)::geometry)" }

    public func integerPart(_ nonNegative: String) -> String { "trunc(\(nonNegative))" }
}

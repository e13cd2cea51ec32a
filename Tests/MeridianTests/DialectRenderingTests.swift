import XCTest
@testable import Meridian

/// A dialect with deliberately odd tokens, so every piece of the shared renderer's output can be
/// traced to either the renderer or a hook.
private struct CanaryDialect: SQLDialect {
    /// Whether geometry columns are added after `CREATE TABLE` (SpatiaLite) or declared inline (PostGIS).
    var geometryAfterCreate = true
    /// Whether a radius search must name the spatial index (SpatiaLite) or the planner finds it (PostGIS).
    var spatialIndexIsExplicit = true

    var name: String { "canary" }

    var schemaFileKey: String { "canary" }

    func renderPlaceholders(_ sql: String, _ scan: PlaceholderScan) -> String {
        scan.rewrite(sql) { ":p\($0)" }
    }

    func columnType(_ type: LogicalType) -> String {
        switch type {
        case .int: "CANARY_INT"
        case .double: "CANARY_REAL"
        case .text: "CANARY_TEXT"
        case .bool: "CANARY_BOOL"
        case .uuid: "CANARY_UUID"
        case .timestamp: "CANARY_INSTANT"
        case .date: "CANARY_DAY"
        case .json: "CANARY_DOC"
        case .bytes: "CANARY_BLOB"
        case .geometry(let type, let srid): "CANARY_GEOM<\(type.rawValue)|\(srid)>"
        case .enumeration: "CANARY_ENUM"
        }
    }

    func contractCheck(column: String, type: LogicalType) -> String? {
        switch type {
        case .bool: "\(column) IS CANARY_BIT"
        case .uuid: "canary_uuid(\(column))"
        case .enumeration: "NEVER_USED_FOR_ENUMS(\(column))"
        default: nil
        }
    }

    func addGeometryColumn(table: String, column: ColumnDefinition, type: GeometryColumnType, srid: Int32) -> [SchemaStatement]? {
        guard geometryAfterCreate else { return nil }
        return [.expectTrue(
            "SELECT CanaryAddGeometry(\(literal(table)), \(literal(column.name)), \(srid), \(literal(type.rawValue)), \(column.nullable ? "NULLABLE" : "NOTNULL"))",
            failure: "canary could not add \(column.name)")]
    }

    func spatialIndex(table: String, column: String) -> SchemaStatement {
        .execute("CANARY SPATIAL INDEX ON \(quote(table)) (\(quote(column)))")
    }

    var beginTransactionSQL: String { "BEGIN CANARY" }

    var tableExistsSQL: String { "SELECT CANARY_EXISTS($1)" }

    func sequenceResetSQL(table: String, column: String) -> String? { "CANARY_RESET" }

    func returnsSuccessFlag(_ statement: String) -> Bool { statement.hasPrefix("CANARY_CALL") }

    func booleanLiteral(_ value: Bool) -> String { value ? "CANARY_YES" : "CANARY_NO" }

    var identityClause: String? { "CANARY_IDENTITY" }

    func updatedAtFunction(column: String) -> SchemaStatement? { .execute("CANARY TOUCH FUNCTION \(column)") }

    func updatedAtTrigger(table: String, column: String, key: [String]) -> [SchemaStatement] {
        [.execute("CANARY TOUCH \(quote(table)).\(quote(column)) BY \(key.joined(separator: "+"))")]
    }

    func roleStatements(_ role: RoleDefinition) -> [SchemaStatement] { [.execute("CANARY ROLE \(role.name)")] }

    func alterTable(_ table: TableDefinition, _ alteration: TableAlteration) -> [SchemaStatement]? { nil }

    func dropTableStatements(_ table: TableDefinition) -> [SchemaStatement] { [.execute("CANARY DROP \(table.name)")] }

    func dropIndexStatements(_ index: IndexDefinition, on table: String) -> [SchemaStatement] { [.execute("CANARY DROP INDEX \(index.name)")] }

    func dropUpdatedAtTrigger(table: String, column: String) -> SchemaStatement { .execute("CANARY UNTOUCH \(table).\(column)") }

    func dropFunctionStatement(_ name: String) -> SchemaStatement? { nil }

    func convert(_ expression: String, from: LogicalType, to: LogicalType) -> String { "CANARY_CAST(\(expression))" }

    func comment(on relation: String, kind: RelationKind, column: String?, text: String) -> SchemaStatement? { nil }

    func geographicPoint(longitude: String, latitude: String) -> String { "CANARY_POINT(\(longitude) ~ \(latitude))" }

    func withinDistance(_ a: String, _ b: String, meters: String) -> String { "CANARY_NEAR(\(a), \(b), \(meters) METRES)" }
    func withinSphericalDistance(_ a: String, _ b: String, meters: String) -> String { "CANARY_ROUGHLY_NEAR(\(a), \(b), \(meters) METRES)" }
    /// Like SpatiaLite only where the index is explicit, so that both forms are rendered.
    var radiusSearchTestsGreatCircleFirst: Bool { spatialIndexIsExplicit }

    func geodesicDistance(_ a: String, _ b: String) -> String { "CANARY_GAP(\(a), \(b))" }

    func spatialIndexFilter(table: String, column: String, boxes: [GeodesicBox], bind: (Double) -> String) -> String {
        let boxes = boxes.map { "CANARY_BOX[\(bind($0.minLongitude)) \(bind($0.maxLongitude)) \(bind($0.minLatitude)) \(bind($0.maxLatitude))]" }
        return "CANARY_INDEX(\(quote(table)).\(quote(column)) IN \(boxes.joined(separator: " | ")))"
    }

    var withinDistanceUsesSpatialIndex: Bool { !spatialIndexIsExplicit }

    func spatialIndexTable(table: String, column: String) -> String? { spatialIndexIsExplicit ? "canary_rtree_\(table)_\(column)" : nil }

    func longitude(_ point: String) -> String { "CANARY_LON(\(point))" }

    func latitude(_ point: String) -> String { "CANARY_LAT(\(point))" }

    func integerPart(_ nonNegative: String) -> String { "CANARY_WHOLE(\(nonNegative))" }
}

final class DialectRenderingTests: XCTestCase {
    private let canary = CanaryDialect()

    private func create(_ table: TableDefinition, _ dialect: CanaryDialect = CanaryDialect()) -> String {
        dialect.createTableStatements(table).first?.sql ?? ""
    }

    func testRendersAPlainTableExactly() {
        let table = TableDefinition(
            "stations",
            columns: [.init("id", .int, nullable: false), .init("code", .text, nullable: false), .init("active", .bool)],
            primaryKey: ["id"], unique: [.init("stations_code_key", ["code"])])
        XCTAssertEqual(canary.createTableStatements(table), [.execute("""
            CREATE TABLE "stations" (
              "id" CANARY_INT NOT NULL,
              "code" CANARY_TEXT NOT NULL,
              "active" CANARY_BOOL CONSTRAINT "stations_active_check" CHECK ("active" IS CANARY_BIT),
              CONSTRAINT "stations_pkey" PRIMARY KEY ("id"),
              CONSTRAINT "stations_code_key" UNIQUE ("code")
            )
            """)])
    }

    func testIdentityGeneratedColumnsAndDefaultsGoThroughTheHooks() {
        let table = TableDefinition(
            "quakes",
            columns: [
                .init("id", .int, nullable: false, identity: true),
                .init("big", .bool, nullable: false, generated: "m > 6"),
                .init("seen", .bool, nullable: false, default: .bool(true)),
                .init("at", .timestamp, nullable: false, default: .currentTimestamp),
                .init("note", .text, default: .text("it's")),
            ])
        XCTAssertEqual(create(table), """
            CREATE TABLE "quakes" (
              "id" CANARY_INT CANARY_IDENTITY NOT NULL,
              "big" CANARY_BOOL GENERATED ALWAYS AS (m > 6) STORED NOT NULL,
              "seen" CANARY_BOOL NOT NULL DEFAULT CANARY_YES CONSTRAINT "quakes_seen_check" CHECK ("seen" IS CANARY_BIT),
              "at" CANARY_INSTANT NOT NULL DEFAULT (now()),
              "note" CANARY_TEXT DEFAULT 'it''s'
            )
            """)
    }

    func testIndexesArePlainUniquePartialOrTheDialectsSpatialIndex() {
        XCTAssertEqual(
            canary.createIndexStatement(IndexDefinition("q_at", ["at", "id"], unique: true, condition: "x IS NULL"), on: "q"),
            .execute(#"CREATE UNIQUE INDEX "q_at" ON "q" ("at", "id") WHERE x IS NULL"#))
        XCTAssertEqual(canary.createIndexStatement(IndexDefinition("ignored", ["g"], spatial: true), on: "q"), .execute(#"CANARY SPATIAL INDEX ON "q" ("g")"#))
    }

    func testEveryLogicalTypeUsesTheDialectsColumnType() {
        let types: [LogicalType] = [.int, .double, .text, .bool, .uuid, .timestamp, .date, .json, .bytes]
        let table = TableDefinition("all", columns: types.enumerated().map { .init("c\($0.offset)", $0.element) })
        let sql = create(table)
        for token in ["CANARY_INT", "CANARY_REAL", "CANARY_TEXT", "CANARY_BOOL", "CANARY_UUID", "CANARY_INSTANT", "CANARY_DAY", "CANARY_DOC", "CANARY_BLOB"] {
            XCTAssertTrue(sql.contains(token), "\(token) missing from \(sql)")
        }
        XCTAssertTrue(sql.contains(#""c4" CANARY_UUID CONSTRAINT "all_c4_check" CHECK (canary_uuid("c4"))"#), sql)
        XCTAssertFalse(sql.contains("all_c0_check"), "no check where the dialect's type suffices")
        XCTAssertFalse(sql.contains("PRIMARY KEY"), "no primary key was declared")
    }

    func testQuotesIdentifiersAndDoublesEmbeddedQuotes() {
        let table = TableDefinition(
            #"we"ird"#, columns: [.init("select", .int), .init("my col", .bool), .init("Mixed", .text)], primaryKey: ["select", "Mixed"])
        let sql = create(table)
        XCTAssertTrue(sql.hasPrefix(#"CREATE TABLE "we""ird" ("#), sql)
        XCTAssertTrue(sql.contains(#""select" CANARY_INT,"#), sql)
        XCTAssertTrue(sql.contains(#""my col" CANARY_BOOL CONSTRAINT "we""ird_my col_check" CHECK ("my col" IS CANARY_BIT)"#), sql)
        XCTAssertTrue(sql.contains(#"CONSTRAINT "we""ird_pkey" PRIMARY KEY ("select", "Mixed")"#), sql)
        XCTAssertEqual(canary.quote(#"a""b"#), #""a""""b""#)
        XCTAssertEqual(canary.literal("it's"), "'it''s'")
    }

    func testEnumerationsGetANamedInCheckWithEscapedLiterals() {
        let table = TableDefinition("jobs", columns: [.init("status", .enumeration(["queued", "running", "it's done"]), nullable: false)])
        XCTAssertEqual(create(table), """
            CREATE TABLE "jobs" (
              "status" CANARY_ENUM NOT NULL CONSTRAINT "jobs_status_check" CHECK ("status" IN ('queued', 'running', 'it''s done'))
            )
            """)
    }

    func testForeignKeysRenderBothActions() {
        let table = TableDefinition(
            "readings",
            columns: [.init("id", .int), .init("station_id", .int), .init("site", .text), .init("code", .text)],
            primaryKey: ["id"],
            foreignKeys: [
                .init("readings_station_fkey", ["station_id"], references: "stations", ["id"], onDelete: .cascade),
                .init("readings_site_fkey", ["site", "code"], references: "sites", ["site", "code"], onDelete: .setNull, onUpdate: .restrict),
                .init("readings_code_fkey", ["code"], references: "codes", ["code"], onDelete: .setDefault, onUpdate: .cascade),
            ])
        let sql = create(table)
        XCTAssertTrue(sql.contains(#"CONSTRAINT "readings_station_fkey" FOREIGN KEY ("station_id") REFERENCES "stations" ("id") ON DELETE CASCADE ON UPDATE NO ACTION"#), sql)
        XCTAssertTrue(sql.contains(#"CONSTRAINT "readings_site_fkey" FOREIGN KEY ("site", "code") REFERENCES "sites" ("site", "code") ON DELETE SET NULL ON UPDATE RESTRICT"#), sql)
        XCTAssertTrue(sql.contains(#"CONSTRAINT "readings_code_fkey" FOREIGN KEY ("code") REFERENCES "codes" ("code") ON DELETE SET DEFAULT ON UPDATE CASCADE"#), sql)
    }

    func testConstraintsFollowColumnsInAFixedOrder() {
        let table = TableDefinition(
            "t", columns: [.init("a", .int), .init("b", .int)], primaryKey: ["a"], unique: [.init("t_b_key", ["b"])],
            foreignKeys: [.init("t_b_fkey", ["b"], references: "u", ["id"])], checks: [.init("t_b_positive", "b > 0")])
        let sql = create(table)
        let order = [#""b" CANARY_INT"#, "t_pkey", "t_b_key", "t_b_fkey", #"CONSTRAINT "t_b_positive" CHECK (b > 0)"#]
        let positions = order.map { sql.range(of: $0)?.lowerBound }
        XCTAssertFalse(positions.contains(nil), sql)
        XCTAssertEqual(positions.compactMap { $0 }, positions.compactMap { $0 }.sorted(), sql)
        XCTAssertTrue(sql.hasSuffix("b > 0)\n)"), sql)
    }

    func testGeometryColumnsAreAddedAfterCreateWhenTheDialectSaysSo() {
        let table = TableDefinition(
            "sites",
            columns: [
                .init("id", .int, nullable: false), .init("location", .geometry(.point, srid: 4326), nullable: false),
                .init("outline", .geometry(.multiPolygon, srid: 3067), spatialIndex: false), .init("name", .text),
            ],
            primaryKey: ["id"])
        let statements = canary.createTableStatements(table)
        XCTAssertEqual(statements.count, 4, "\(statements)")
        let create = statements[0].sql
        XCTAssertEqual(create, """
            CREATE TABLE "sites" (
              "id" CANARY_INT NOT NULL,
              "name" CANARY_TEXT,
              CONSTRAINT "sites_pkey" PRIMARY KEY ("id")
            )
            """)
        XCTAssertEqual(statements[1], .expectTrue(
            "SELECT CanaryAddGeometry('sites', 'location', 4326, 'POINT', NOTNULL)", failure: "canary could not add location"))
        XCTAssertEqual(statements[2], .execute(#"CANARY SPATIAL INDEX ON "sites" ("location")"#))
        XCTAssertEqual(statements[3].sql, "SELECT CanaryAddGeometry('sites', 'outline', 3067, 'MULTIPOLYGON', NULLABLE)",
                       "no spatial index when the column asks for none")
    }

    func testEachGeometryColumnIsAddedBeforeItsSpatialIndex() {
        let table = TableDefinition("tracks", columns: [
            .init("id", .int), .init("path", .geometry(.lineString, srid: 4326)), .init("stops", .geometry(.multiPoint, srid: 4326)),
        ])
        XCTAssertEqual(canary.createTableStatements(table).dropFirst().map(\.sql), [
            "SELECT CanaryAddGeometry('tracks', 'path', 4326, 'LINESTRING', NULLABLE)",
            #"CANARY SPATIAL INDEX ON "tracks" ("path")"#,
            "SELECT CanaryAddGeometry('tracks', 'stops', 4326, 'MULTIPOINT', NULLABLE)",
            #"CANARY SPATIAL INDEX ON "tracks" ("stops")"#,
        ])
    }

    func testInlineGeometryColumnsStayInCreateWithTheirIndexAfter() {
        let inline = CanaryDialect(geometryAfterCreate: false)
        let table = TableDefinition("sites", columns: [
            .init("id", .int), .init("location", .geometry(.polygon, srid: 4326), nullable: false), .init("hidden", .geometry(.point, srid: 0), spatialIndex: false),
        ])
        let statements = inline.createTableStatements(table)
        XCTAssertEqual(statements.count, 2, "\(statements)")
        XCTAssertTrue(statements[0].sql.contains(#""location" CANARY_GEOM<POLYGON|4326> NOT NULL,"#), statements[0].sql)
        XCTAssertTrue(statements[0].sql.contains(#""hidden" CANARY_GEOM<POINT|0>"#), statements[0].sql)
        XCTAssertEqual(statements[1], .execute(#"CANARY SPATIAL INDEX ON "sites" ("location")"#))
    }

    func testSpatialIndexFlagIsIgnoredForNonGeometryColumns() {
        let table = TableDefinition("plain", columns: [.init("id", .int, spatialIndex: true), .init("doc", .json)])
        XCTAssertEqual(canary.createTableStatements(table).count, 1)
        XCTAssertFalse(ColumnDefinition("id", .int).isGeometry)
        XCTAssertTrue(ColumnDefinition("g", .geometry(.point, srid: 4326)).isGeometry)
    }

    func testDialectRendersPlaceholdersItsOwnWay() {
        let sql = "SELECT $1, '$2', \"$3\", $2 -- $4\nFROM t"
        XCTAssertEqual(canary.renderPlaceholders(sql, PlaceholderScan(sql)), "SELECT :p1, '$2', \"$3\", :p2 -- $4\nFROM t")
        XCTAssertEqual(canary.beginTransactionSQL, "BEGIN CANARY")
    }

    func testRadiusSearchRendersThroughTheHooksInPlaceholderOrder() {
        let search = RadiusSearch(
            table: "places", column: "location", center: Position(x: 179.9, y: 10), radius: .kilometers(50), select: ["id", "my name"])
        let (sql, arguments) = canary.radiusSearch(search)
        XCTAssertEqual(sql, """
            SELECT "id", "my name" FROM "places" WHERE CANARY_INDEX("places"."location" IN CANARY_BOX[$6 $7 $8 $9] | CANARY_BOX[$10 $11 $12 $13]) \
            AND CANARY_ROUGHLY_NEAR("location", CANARY_POINT($1 ~ $2), $4 METRES) \
            AND (CANARY_ROUGHLY_NEAR("location", CANARY_POINT($1 ~ $2), $5 METRES) OR CANARY_NEAR("location", CANARY_POINT($1 ~ $2), $3 METRES))
            """)
        let boxes = search.boxes
        XCTAssertEqual(boxes.count, 2, "50 km around 179.9° crosses the antimeridian: \(boxes)")
        let radius = 50_000 + RadiusSearch.tolerance.meters
        let sphere = [radius * (1 + RadiusSearch.sphereMargin), radius * (1 - RadiusSearch.sphereMargin)].map(DatabaseValue.double)
        XCTAssertEqual(arguments, [.double(179.9), .double(10), .double(radius)] + sphere + boxes.flatMap {
            [$0.minLongitude, $0.maxLongitude, $0.minLatitude, $0.maxLatitude].map(DatabaseValue.double)
        })
        XCTAssertEqual(PlaceholderScan(sql).parameterCount, arguments.count)
    }

    func testRadiusSearchLeavesTheIndexToAPlannerThatFindsItAndSelectsAllWhenAskedForNothing() {
        let planner = CanaryDialect(spatialIndexIsExplicit: false)
        let search = RadiusSearch(table: "places", column: "location", center: Position(x: 0, y: -89.9), radius: .meters(1))
        let (sql, arguments) = planner.radiusSearch(search)
        XCTAssertEqual(sql, #"SELECT * FROM "places" WHERE CANARY_NEAR("location", CANARY_POINT($1 ~ $2), $3 METRES)"#)
        XCTAssertEqual(arguments, [.double(0), .double(-89.9), .double(1 + RadiusSearch.tolerance.meters)])
    }

    func testGeodesicDistanceIsTheDialectsOwn() {
        let point = canary.geographicPoint(longitude: "$1", latitude: "$2")
        XCTAssertEqual(canary.geodesicDistance(#""location""#, point), #"CANARY_GAP("location", CANARY_POINT($1 ~ $2))"#)
    }

    func testRadiusSearchRefusesCentresOffTheGlobeAndBadRadii() {
        func kind(_ center: Position, _ radius: Distance) -> DatabaseError.Kind? {
            do {
                try RadiusSearch(table: "t", column: "g", center: center, radius: radius).validate()
                return nil
            } catch {
                return error.kind
            }
        }
        XCTAssertNil(kind(Position(x: -180, y: 90), .zero))
        XCTAssertNil(kind(Position(x: 180, y: -90), .kilometers(20_000)))
        XCTAssertEqual(kind(Position(x: 10, y: 95), .meters(1)), .invalidValue)
        XCTAssertEqual(kind(Position(x: 180.5, y: 0), .meters(1)), .invalidValue)
        XCTAssertEqual(kind(Position(x: .nan, y: 0), .meters(1)), .invalidValue)
        XCTAssertEqual(kind(Position(x: 0, y: 0), .meters(-1)), .invalidValue)
        XCTAssertEqual(kind(Position(x: 0, y: 0), .meters(.infinity)), .invalidValue)
    }

    func testBoxSearchFiltersThroughTheIndexThenComparesStoredCoordinates() {
        let search = BoxSearch(table: "places", column: "location", box: BoundingBox(west: 170, south: -20, east: -170, north: 0), select: ["id"])
        let (sql, arguments) = canary.boxSearch(search)
        XCTAssertEqual(sql, """
            SELECT "id" FROM "places" WHERE CANARY_INDEX("places"."location" IN CANARY_BOX[$1 $2 $3 $4] | CANARY_BOX[$5 $6 $7 $8]) \
            AND ((CANARY_LON("location") BETWEEN $9 AND $10 AND CANARY_LAT("location") BETWEEN $11 AND $12) \
            OR (CANARY_LON("location") BETWEEN $13 AND $14 AND CANARY_LAT("location") BETWEEN $15 AND $16))
            """)
        let margin = GeodesicBox.singlePrecisionMargin
        XCTAssertEqual(arguments, [
            170 - margin, 180, -20 - margin, margin, -180, -170 + margin, -20 - margin, margin,
            170, 180, -20, 0, -180, -170, -20, 0,
        ].map(DatabaseValue.double))
    }

    func testNearestSearchStepsAreRadiusSearchesOrderedByMillimetresThenKey() {
        let search = NearestSearch(table: "places", column: "location", center: Position(x: 10, y: 20), count: 3, key: "id")
        let (sql, arguments) = canary.nearestSearch(search, within: .kilometers(10))
        XCTAssertEqual(sql, """
            SELECT *, CANARY_WHOLE(CANARY_GAP("location", CANARY_POINT($1 ~ $2)) * 1000) AS "meridian_distance_mm" FROM "places" \
            WHERE CANARY_INDEX("places"."location" IN CANARY_BOX[$6 $7 $8 $9]) AND CANARY_ROUGHLY_NEAR("location", CANARY_POINT($1 ~ $2), $4 METRES) \
            AND (CANARY_ROUGHLY_NEAR("location", CANARY_POINT($1 ~ $2), $5 METRES) OR CANARY_NEAR("location", CANARY_POINT($1 ~ $2), $3 METRES)) \
            ORDER BY "meridian_distance_mm", "id" LIMIT $10
            """)
        XCTAssertEqual(arguments.count, 10)
        XCTAssertEqual(arguments.last, .int(3))
        let whole = canary.nearestSearch(search, within: nil)
        XCTAssertEqual(whole.sql, """
            SELECT *, CANARY_WHOLE(CANARY_GAP("location", CANARY_POINT($1 ~ $2)) * 1000) AS "meridian_distance_mm" FROM "places" \
            WHERE "location" IS NOT NULL ORDER BY "meridian_distance_mm", "id" LIMIT $3
            """)
        XCTAssertEqual(whole.arguments, [.double(10), .double(20), .int(3)])
    }

    func testSchemaStatementSQLIsTheTextOfEitherCase() {
        XCTAssertEqual(SchemaStatement.execute("X").sql, "X")
        XCTAssertEqual(SchemaStatement.expectTrue("SELECT 1", failure: "no").sql, "SELECT 1")
    }
}

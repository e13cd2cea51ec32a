import Foundation
import Meridian
import MeridianTesting
import XCTest

/// The reference celestial-events schema behaves the same on both backends: its tables and
/// types, keys, indexes, generated column, timestamps, cascades, JSON checks, views and the
/// application role. Each case starts from the migrated, seeded template.
final class ReferenceSchemaTests: ParityTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let recipe = DatabaseRecipe.standard(root: root.path)

    static let tables = [
        "alerts", "celestial_signs", "correlation_rules", "data_triggers", "earthquakes", "ephemeris_data", "event_correlations",
        "impact_risks", "meteor_showers", "orbital_elements", "prophecies", "prophecy_sign_links", "solar_events", "volcanic_activity",
    ]

    /// The instant the view tests pin `meridian_now()` to.
    static let pinnedNow = Timestamp(iso8601: "2024-12-31T00:00:00.000000Z")!

    func testTheFourteenTablesAndThreeViewsHaveTheSameColumnsAndTypes() {
        parityEqual(recipe: Self.recipe) { db, backend in
            let schema = try db.inspectSchema()
            XCTAssertEqual(schema.tables.map(\.name).filter { $0 != MigrationHistory.tableName }, Self.tables, "\(backend)")
            XCTAssertEqual(schema.views.map(\.name), ["v_active_alerts_summary", "v_high_risk_objects", "v_recent_significant_quakes"], "\(backend)")
            let quakes = try XCTUnwrap(schema.table("earthquakes"))
            XCTAssertEqual(quakes.column("id")?.type, .logical(.uuid), "\(backend)")
            XCTAssertEqual(quakes.column("occurred_at")?.type, .logical(.timestamp), "\(backend)")
            XCTAssertEqual(quakes.column("properties")?.type, .logical(.json), "\(backend)")
            XCTAssertEqual(quakes.column("location")?.type, .logical(.geometry(.point, srid: 4326)), "\(backend)")
            XCTAssertEqual(schema.table("prophecies")?.column("id")?.type, .logical(.int), "\(backend)")
            XCTAssertEqual(schema.table("orbital_elements")?.column("is_interstellar")?.generated, true, "\(backend)")
            // Everything else: the whole snapshot must match between the backends.
            return SchemaSnapshot(tables: schema.tables.filter { $0.name != MigrationHistory.tableName }, views: schema.views)
        }
    }

    func testSpatialAndHotColumnIndexesExist() {
        parity(recipe: Self.recipe) { db, backend in
            let schema = try db.inspectSchema()
            func indexed(_ table: String) -> [[String]] { schema.table(table)?.indexes.map(\.columns) ?? [] }
            for table in ["earthquakes", "volcanic_activity"] {
                XCTAssertTrue(schema.table(table)?.indexes.contains { $0.columns == ["location"] && $0.spatial } ?? false, "\(backend): \(table)")
            }
            XCTAssertTrue(indexed("earthquakes").contains(["occurred_at"]), "\(backend)")
            XCTAssertTrue(indexed("earthquakes").contains(["magnitude"]), "\(backend)")
            XCTAssertTrue(indexed("solar_events").contains(["start_time"]), "\(backend)")
            XCTAssertTrue(indexed("alerts").contains(["acknowledged", "severity"]), "\(backend)")
            XCTAssertTrue(indexed("prophecy_sign_links").contains(["sign_id"]), "\(backend)")
            XCTAssertTrue(indexed("event_correlations").contains(["secondary_event_id"]), "\(backend)")
            XCTAssertTrue(schema.table("ephemeris_data")?.uniqueConstraints.contains(["object_designation", "epoch"]) ?? false, "\(backend)")
            XCTAssertTrue(schema.table("earthquakes")?.uniqueConstraints.contains(["usgs_id"]) ?? false, "\(backend)")
        }
    }

    /// The radius search over `earthquakes.location` reads the spatial index, and an ephemeris
    /// lookup by object and epoch reads the unique index, on both engines.
    func testQueryPlansUseTheIndexes() {
        parity(recipe: Self.recipe) { db, backend in
            let search = RadiusSearch(table: "earthquakes", column: "location", center: Position(x: 139.69, y: 35.68), radius: .kilometers(100))
            let (sql, arguments) = db.dialect.radiusSearch(search)
            let ephemeris = "SELECT * FROM ephemeris_data WHERE object_designation = $1 AND epoch BETWEEN $2 AND $3"
            let window: [DatabaseValue] = ["99942", .timestamp(Self.pinnedNow), .timestamp(Self.pinnedNow)]
            let radiusPlan = try Self.plan(of: sql, arguments, on: db, backend)
            let ephemerisPlan = try Self.plan(of: ephemeris, window, on: db, backend)
            XCTAssertTrue(radiusPlan.contains(backend.expect(sqlite: "idx_earthquakes_location", postgres: "earthquakes_location_gist")), "\(backend): \(radiusPlan)")
            XCTAssertTrue(ephemerisPlan.contains(backend.expect(sqlite: "sqlite_autoindex_ephemeris_data", postgres: "ephemeris_data_object_designation_epoch_key")), "\(backend): \(ephemerisPlan)")
        }
    }

    func testUniqueKeysRejectDuplicatesWithTheSameKind() {
        parity(recipe: Self.recipe) { db, backend in
            try Self.insertQuake(db, usgsID: "us7000abcd", magnitude: 5.1, at: Self.pinnedNow)
            let duplicates: [(String, () throws -> Void)] = [
                ("earthquakes", { try Self.insertQuake(db, usgsID: "us7000abcd", magnitude: 6.0, at: Self.pinnedNow) }),
                ("ephemeris_data", {
                    for _ in 0..<2 {
                        try db.execute(
                            "INSERT INTO ephemeris_data (object_designation, epoch, x_km, y_km, z_km, vx_km_s, vy_km_s, vz_km_s, source) VALUES ('test-1', $1, 1, 2, 3, 0.1, 0.2, 0.3, 'test')",
                            [.timestamp(Self.pinnedNow)])
                    }
                }),
                ("prophecies", {
                    for _ in 0..<2 {
                        try db.execute("INSERT INTO prophecies (reference, book, chapter, verse_start, verse_end, text, theme, translation) VALUES ('Test 1:1', 'Test', 1, 1, 1, 't', 'test', 'KJV')")
                    }
                }),
            ]
            for (table, insert) in duplicates {
                XCTAssertThrowsError(try insert(), "\(backend): \(table)") { error in
                    XCTAssertEqual((error as? DatabaseError)?.kind, .uniqueViolation, "\(backend): \(table): \(error)")
                    XCTAssertEqual((error as? DatabaseError)?.table, table, "\(backend)")
                }
            }
        }
    }

    func testIsInterstellarIsComputedAndCannotBeWritten() {
        parityEqual(recipe: Self.recipe) { db, backend in
            let insert = "INSERT INTO orbital_elements (object_designation, epoch, eccentricity, perihelion_distance_au, inclination_deg, source) VALUES ($1, $2, $3, 1.0, 10.0, 'test')"
            try db.execute(insert, ["test-hyperbolic", .timestamp(Self.pinnedNow), 1.2])
            try db.execute(insert, ["test-elliptic", .timestamp(Self.pinnedNow), 0.5])
            try db.execute("UPDATE orbital_elements SET eccentricity = 1.0000001 WHERE object_designation = 'test-elliptic'")
            XCTAssertThrowsError(try db.execute(
                "INSERT INTO orbital_elements (object_designation, epoch, eccentricity, perihelion_distance_au, inclination_deg, source, is_interstellar) VALUES ('x', $1, 0.1, 1.0, 1.0, 't', $2)",
                [.timestamp(Self.pinnedNow), false]), "\(backend)")
            return try db.fetchAll("SELECT object_designation, is_interstellar FROM orbital_elements WHERE object_designation LIKE 'test-%' ORDER BY object_designation")
                .map { "\(try $0.decode(String.self, at: 0)) \(try $0.decode(Bool.self, at: 1))" }
        }
    }

    /// Timestamps keep their microseconds in UTC; created_at is filled, and updated_at moves on
    /// an update unless the update sets it.
    func testTimestampsRoundTripAndAreFilledByTheDatabase() {
        parity(recipe: Self.recipe) { db, backend in
            let occurred = Timestamp(iso8601: "2011-03-11T05:46:24.123456Z")!
            let id = try Self.insertQuake(db, usgsID: "test-tohoku-microseconds", magnitude: 9.1, at: occurred)
            let row = try XCTUnwrap(db.fetchOne("SELECT occurred_at, created_at, updated_at FROM earthquakes WHERE id = $1", [.uuid(id)]))
            XCTAssertEqual(try row.decode(Timestamp.self, at: 0), occurred, "\(backend)")
            let created = try row.decode(Timestamp.self, at: 1)
            XCTAssertEqual(try row.decode(Timestamp.self, at: 2), created, "\(backend): created_at and updated_at come from one now()")
            XCTAssertLessThan(abs(created.microsecondsSinceEpoch - Timestamp.now().microsecondsSinceEpoch), 60_000_000, "\(backend)")

            Thread.sleep(forTimeInterval: 0.002)
            try db.execute("UPDATE earthquakes SET magnitude = 9.0 WHERE id = $1", [.uuid(id)])
            let updated = try XCTUnwrap(db.fetchValue(Timestamp.self, "SELECT updated_at FROM earthquakes WHERE id = $1", [.uuid(id)]))
            XCTAssertGreaterThan(updated, created, "\(backend)")

            try db.execute("UPDATE earthquakes SET magnitude = 9.1, updated_at = $2 WHERE id = $1", [.uuid(id), .timestamp(occurred)])
            XCTAssertEqual(try db.fetchValue(Timestamp.self, "SELECT updated_at FROM earthquakes WHERE id = $1", [.uuid(id)]), occurred, "\(backend)")
        }
    }

    func testDeletesCascadeToLinksAndCorrelations() {
        parityEqual(recipe: Self.recipe) { db, backend in
            try db.execute("INSERT INTO prophecies (id, reference, book, chapter, verse_start, verse_end, text, theme, translation) VALUES (9001, 'Test 1:1', 'Test', 1, 1, 1, 't', 'test', 'KJV'), (9002, 'Test 1:2', 'Test', 1, 2, 2, 't', 'test', 'KJV')")
            try db.execute("INSERT INTO celestial_signs (id, name, sign_type, description) VALUES (9001, 'Test sign A', 'comet', 'd'), (9002, 'Test sign B', 'aurora', 'd')")
            try db.execute("INSERT INTO prophecy_sign_links (prophecy_id, sign_id) VALUES (9001, 9001), (9001, 9002), (9002, 9001), (9002, 9002)")
            try db.execute("INSERT INTO correlation_rules (id, name, primary_event_type, secondary_event_type, time_window_hours, thresholds) VALUES (9001, 'test rule', 'earthquake', 'volcanic_activity', 720, '{}')")
            try db.execute("INSERT INTO data_triggers (id, name, event_type, conditions, severity) VALUES (9001, 'test trigger', 'earthquake', '{\"magnitude\": {\"gte\": 7}}', 'high')")
            let a = UUID(), b = UUID()
            try db.execute(
                "INSERT INTO event_correlations (rule_id, primary_event_type, primary_event_id, secondary_event_type, secondary_event_id, time_delta_seconds, score) VALUES (9001, 'earthquake', $1, 'volcanic_activity', $2, 3600.5, 0.8)",
                [.uuid(a), .uuid(b)])
            try db.execute("INSERT INTO alerts (trigger_id, event_type, event_id, severity, title) VALUES (9001, 'earthquake', $1, 'high', 'M7')", [.uuid(a)])

            try db.execute("DELETE FROM prophecies WHERE id = 9001")
            try db.execute("DELETE FROM celestial_signs WHERE id = 9002")
            try db.execute("DELETE FROM correlation_rules WHERE id = 9001")
            try db.execute("DELETE FROM data_triggers WHERE id = 9001")
            let links = try db.fetchAll("SELECT prophecy_id, sign_id FROM prophecy_sign_links WHERE prophecy_id > 9000 ORDER BY 1, 2")
                .map { "\(try $0.decode(Int64.self, at: 0))-\(try $0.decode(Int64.self, at: 1))" }
            let correlations = try db.fetchValue(Int64.self, "SELECT count(*) FROM event_correlations WHERE primary_event_id = $1", [.uuid(a)])
            let orphanedAlerts = try db.fetchValue(Int64.self, "SELECT count(*) FROM alerts WHERE event_id = $1 AND trigger_id IS NULL", [.uuid(a)])
            XCTAssertEqual(links, ["9002-9001"], "\(backend)")
            XCTAssertEqual(correlations, 0, "\(backend)")
            XCTAssertEqual(orphanedAlerts, 1, "\(backend): an alert outlives its trigger")
            return links
        }
    }

    /// JSON columns hold JSON only: the database refuses a document that does not parse, as
    /// a literal or bound as text, with the same error kind, and keeps the rows it had.
    func testInvalidJSONIsRejected() {
        parityEqual(recipe: Self.recipe) { db, backend in
            let before = try db.fetchValue(Int64.self, "SELECT count(*) FROM data_triggers")
            var kinds: [String] = []
            for text in ["{\"magnitude\": ", "not json", "{'single': 'quotes'}"] {
                let insert = "INSERT INTO data_triggers (id, name, event_type, conditions, severity) VALUES (9100, 'bad', 'earthquake', "
                for attempt in [{ try db.execute(insert + "'\(text)', 'low')") }, { try db.execute(insert + "$1, 'low')", [.text(text)]) }] {
                    XCTAssertThrowsError(try attempt(), "\(backend): \(text)") { error in
                        kinds.append("\((error as? DatabaseError)?.kind.description ?? "\(error)")")
                    }
                }
            }
            XCTAssertEqual(try db.fetchValue(Int64.self, "SELECT count(*) FROM data_triggers"), before, "\(backend)")
            return kinds
        }
    }

    func testRecentSignificantQuakesFollowThePinnedClock() {
        parityEqual(recipe: Self.recipe) { db, backend in
            let day: Int64 = 86_400_000_000
            let now = Self.pinnedNow.microsecondsSinceEpoch
            try Self.insertQuake(db, usgsID: "test-recent-big", magnitude: 6.4, at: Timestamp(microsecondsSinceEpoch: now - 3 * day))
            try Self.insertQuake(db, usgsID: "test-recent-small", magnitude: 5.9, at: Timestamp(microsecondsSinceEpoch: now - 3 * day))
            try Self.insertQuake(db, usgsID: "test-edge-inside", magnitude: 7.0, at: Timestamp(microsecondsSinceEpoch: now - 30 * day))
            try Self.insertQuake(db, usgsID: "test-edge-outside", magnitude: 7.0, at: Timestamp(microsecondsSinceEpoch: now - 30 * day - 1))
            try Self.insertQuake(db, usgsID: "test-future", magnitude: 8.0, at: Timestamp(microsecondsSinceEpoch: now + 1))
            try db.pinClock(to: Self.pinnedNow)
            let recent = "SELECT usgs_id FROM v_recent_significant_quakes WHERE usgs_id LIKE 'test-%' ORDER BY usgs_id"
            let pinned = try db.fetchAll(recent).map { try $0.decode(String.self, at: 0) }
            XCTAssertEqual(pinned, ["test-edge-inside", "test-recent-big"], "\(backend)")
            try db.pinClock(to: nil)
            let unpinned = try db.fetchAll(recent).map { try $0.decode(String.self, at: 0) }
            XCTAssertEqual(unpinned, [], "\(backend): with the real clock these are years old")
            return pinned
        }
    }

    func testHighRiskObjectsAndActiveAlertsViewsAgree() {
        parityEqual(recipe: Self.recipe) { db, _ in
            let risk = "INSERT INTO impact_risks (object_designation, impact_probability, palermo_scale, torino_scale, assessed_at) VALUES ($1, $2, $3, $4, $5)"
            try db.execute(risk, ["test-torino", 2.7e-2, -1.5, 2, .timestamp(Self.pinnedNow)])
            try db.execute(risk, ["test-palermo", 1e-4, -1.9, 0, .timestamp(Self.pinnedNow)])
            try db.execute(risk, ["test-harmless", 1e-7, -6.2, 0, .timestamp(Self.pinnedNow)])
            let orbit = "INSERT INTO orbital_elements (object_designation, object_name, epoch, eccentricity, semi_major_axis_au, perihelion_distance_au, inclination_deg, source) VALUES ($1, $2, $3, $4, $5, 0.75, 3.3, 'test')"
            try db.execute(orbit, ["test-torino", "Old elements", .timestamp(Timestamp(iso8601: "2020-01-01T00:00:00.000000Z")!), 0.19, 0.92])
            try db.execute(orbit, ["test-torino", "Latest elements", .timestamp(Self.pinnedNow), 0.191, 0.922])
            for (index, (severity, acknowledged)) in [("high", false), ("high", false), ("critical", false), ("low", true)].enumerated() {
                try db.execute(
                    "INSERT INTO alerts (event_type, event_id, severity, title, acknowledged, acknowledged_at, created_at) VALUES ('earthquake', $1, $2, 'test', $3, $4, $5)",
                    [.uuid(UUID()), .text(severity), .bool(acknowledged), acknowledged ? .timestamp(Self.pinnedNow) : .null,
                     .timestamp(Timestamp(microsecondsSinceEpoch: Self.pinnedNow.microsecondsSinceEpoch + Int64(index)))])
            }
            let risks = try db.fetchAll(HighRiskObject.self, "SELECT * FROM v_high_risk_objects WHERE object_designation LIKE 'test-%' ORDER BY object_designation")
            XCTAssertEqual(risks.map(\.objectDesignation), ["test-palermo", "test-torino"])
            XCTAssertEqual(risks.last?.objectName, "Latest elements")
            let summary = try db.fetchAll(AlertSummary.self, "SELECT * FROM v_active_alerts_summary WHERE oldest_at >= $1 ORDER BY severity", [.timestamp(Self.pinnedNow)])
            XCTAssertEqual(summary.map(\.alertCount), [1, 2])
            return "\(risks)\n\(summary)"
        }
    }

    /// The seeded template holds the reference catalogue, and seeding it again inserts nothing.
    func testSeedDataIsPresentAndSeedingAgainChangesNothing() {
        parity(recipe: Self.recipe) { db, backend in
            let files = try FixtureFile.load(directory: Self.root.appendingPathComponent("fixtures").path)
            let reference = files.filter { $0.path.contains("/reference/") }.reduce(0) { $0 + $1.rows.count }
            XCTAssertGreaterThanOrEqual(reference, 50, "\(backend): reference records")
            let again = try FixtureLoader(db).load(files)
            XCTAssertEqual(again.reduce(0) { $0 + $1.inserted }, 0, "\(backend)")
            for file in files {
                let count = try db.fetchValue(Int64.self, "SELECT count(*) FROM \(db.dialect.quote(file.table))")
                XCTAssertGreaterThanOrEqual(count ?? 0, Int64(file.rows.count), "\(backend): \(file.table)")
            }
        }
    }

    /// PostgreSQL only (SQLite has no roles; access to a SpatiaLite file is its permissions):
    /// the application role reads and writes data and cannot change the schema.
    func testApplicationRoleWritesDataButCannotDropATable() throws {
        guard let fresh = try FreshDatabase.make(.postgres, recipe: Self.recipe) else { throw XCTSkip("no PostgreSQL server configured") }
        defer { fresh.close() }
        let db = fresh.connection
        try db.execute("SET ROLE celestial_app")
        defer { _ = try? db.execute("RESET ROLE") }
        try Self.insertQuake(db, usgsID: "test-app-role", magnitude: 4.2, at: Self.pinnedNow)
        try db.execute("UPDATE earthquakes SET magnitude = 4.3 WHERE usgs_id = 'test-app-role'")
        try db.execute("INSERT INTO prophecies (reference, book, chapter, verse_start, verse_end, text, theme, translation) VALUES ('Test 9:9', 'Test', 9, 9, 9, 't', 'test', 'KJV')")
        XCTAssertEqual(try db.fetchValue(Int64.self, "SELECT count(*) FROM v_recent_significant_quakes"), 0)
        try db.execute("DELETE FROM earthquakes WHERE usgs_id = 'test-app-role'")
        for ddl in ["DROP TABLE earthquakes", "ALTER TABLE earthquakes ADD COLUMN x bigint", "CREATE TABLE app_table (id bigint)", "TRUNCATE alerts"] {
            XCTAssertThrowsError(try db.execute(ddl), ddl) { error in
                XCTAssertEqual((error as? DatabaseError)?.kind, .permissionDenied, "\(ddl): \(error)")
            }
        }
        try db.execute("RESET ROLE")
        XCTAssertEqual(try db.fetchValue(Int64.self, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'earthquakes'"), 1)
    }

    // MARK: - Helpers

    struct HighRiskObject: Decodable, Equatable, CustomStringConvertible {
        var objectDesignation: String
        var objectName: String?
        var impactProbability: Double
        var palermoScale: Double
        var torinoScale: Int64
        var eccentricity: Double?
        var isInterstellar: Bool?
        var description: String {
            let orbit = eccentricity.map { "e=\($0)" } ?? "no orbit"
            let interstellar = isInterstellar.map { "interstellar=\($0)" } ?? ""
            return "\(objectDesignation) \(objectName ?? "-") p=\(impactProbability) palermo=\(palermoScale) torino=\(torinoScale) \(orbit) \(interstellar)"
        }
    }

    struct AlertSummary: Decodable, Equatable, CustomStringConvertible {
        var severity: String
        var eventType: String
        var alertCount: Int64
        var oldestAt: Timestamp
        var newestAt: Timestamp
        var description: String { "\(severity) \(eventType) \(alertCount) \(oldestAt) \(newestAt)" }
    }

    @discardableResult
    static func insertQuake(_ db: any DatabaseConnection, usgsID: String, magnitude: Double, at time: Timestamp) throws -> UUID {
        let id = UUID()
        try db.execute(
            "INSERT INTO earthquakes (id, usgs_id, magnitude, occurred_at, location) VALUES ($1, $2, $3, $4, $5)",
            [.uuid(id), .text(usgsID), .double(magnitude), .timestamp(time), .geometry(.point(x: 142.37, y: 38.3))])
        return id
    }

    /// The engine's plan for a query, as one line of text.
    static func plan(of sql: String, _ arguments: [DatabaseValue], on db: any DatabaseConnection, _ backend: Backend) throws -> String {
        let explain = backend.expect(sqlite: "EXPLAIN QUERY PLAN ", postgres: "EXPLAIN ") + sql
        return try db.fetchAll(explain, arguments).map { row in (0..<row.count).map { "\(row[$0])" }.joined(separator: " ") }.joined(separator: " | ")
    }
}

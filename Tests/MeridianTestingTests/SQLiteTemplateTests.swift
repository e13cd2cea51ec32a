import Foundation
import Meridian
import MeridianSQLite
import MeridianTesting
import XCTest

final class SQLiteTemplateTests: XCTestCase {
    private func template() throws -> SQLiteTemplate { try SQLiteTemplate.shared(for: TestRecipes.reference) }

    func testCloneIsMigratedAndSeeded() throws {
        let db = try template().fresh()
        let versions = try db.fetchAll("SELECT version FROM meridian_migrations").compactMap { Int64(try $0.decode(String.self, at: 0)) }
        XCTAssertEqual(Set(versions), TestRecipes.versions("migrations-sqlite"))
        XCTAssertFalse(TestRecipes.fixtureCounts.isEmpty)
        for (table, rows) in TestRecipes.fixtureCounts {
            XCTAssertEqual(try db.fetchValue(Int64.self, "SELECT count(*) FROM \"\(table)\""), Int64(rows), table)
        }
    }

    func testClonesAreIndependent() throws {
        let template = try template()
        let first = try template.fresh()
        let second = try template.fresh()
        let before = try second.fetchValue(Int64.self, "SELECT count(*) FROM earthquakes")
        try first.execute("DELETE FROM event_correlations")
        try first.execute("DELETE FROM alerts")
        try insertProbeQuake(first, id: 900_001)
        XCTAssertEqual(try second.fetchValue(Int64.self, "SELECT count(*) FROM earthquakes"), before)
        XCTAssertEqual(try first.fetchValue(Int64.self, "SELECT count(*) FROM earthquakes"), before! + 1)
        XCTAssertEqual(try template.fresh().fetchValue(Int64.self, "SELECT count(*) FROM earthquakes"), before)
    }

    func testSpatialWorksInClone() throws {
        let db = try template().fresh()
        try insertProbeQuake(db, id: 900_002, x: 12.5, y: -33.25)
        let viaIndex = try db.fetchValue(String.self, """
            SELECT usgs_id FROM earthquakes WHERE ROWID IN (
              SELECT pkid FROM idx_earthquakes_location
              WHERE xmin <= 12.5001 AND xmax >= 12.4999 AND ymin <= -33.2499 AND ymax >= -33.2501)
            """)
        XCTAssertEqual(viaIndex, "probe-900002", "the R*Tree index must see a point inserted in the clone")
        let distance = try db.fetchValue(Double.self,
            "SELECT ST_Distance(location, MakePoint(13.5, -33.25, 4326), 1) FROM earthquakes WHERE usgs_id = 'probe-900002'")
        XCTAssertNotNil(distance)
        XCTAssertEqual(distance ?? 0, 93_000, accuracy: 1_000)
        XCTAssertTrue(try db.hasSpatialMetadata())
    }

    func testBackupCloneAlsoWorks() throws {
        let db = try template().makeCloneByBackup()
        try insertProbeQuake(db, id: 900_003)
        XCTAssertEqual(try db.fetchValue(Int64.self, "SELECT count(*) FROM idx_earthquakes_location WHERE pkid = (SELECT ROWID FROM earthquakes WHERE usgs_id = 'probe-900003')"), 1)
    }

    func testChangedMigrationRebuildsTemplate() throws {
        let (recipe, root) = try TestRecipes.scratchCopy()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let first = try SQLiteTemplate.shared(for: recipe, prepareAhead: 0)
        XCTAssertTrue(try SQLiteTemplate.shared(for: recipe, prepareAhead: 0) === first, "unchanged files reuse the template")
        let path = root + "/migrations-sqlite/0002_create_views.up.sql"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try (text + "\nCREATE TABLE fingerprint_probe (id INTEGER PRIMARY KEY);\n").write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertNotEqual(try recipe.fingerprint(for: .sqlite), first.fingerprint)
        let second = try SQLiteTemplate.shared(for: recipe, prepareAhead: 0)
        XCTAssertFalse(second === first)
        XCTAssertNotEqual(second.fingerprint, first.fingerprint)
        XCTAssertEqual(try second.fresh().fetchValue(Int64.self, "SELECT count(*) FROM fingerprint_probe"), 0)
        // A fixture edit changes it too; a Postgres migration does not change the SQLite one.
        XCTAssertNotEqual(try recipe.fingerprint(for: .postgres), try recipe.fingerprint(for: .sqlite))
    }

    func testParallelFreshGivesDistinctDatabases() throws {
        let template = try template()
        let errors = ErrorCollector()
        let counts = Counts()
        DispatchQueue.concurrentPerform(iterations: 8) { index in
            do {
                let db = try template.fresh()
                try insertProbeQuake(db, id: 910_000) // the same usgs_id: fails if any two shared a database
                counts.add(try db.fetchValue(Int64.self, "SELECT count(*) FROM earthquakes WHERE usgs_id = 'probe-910000'") ?? -1)
                _ = index
            } catch { errors.record(error) }
        }
        XCTAssertEqual(errors.all, [])
        XCTAssertEqual(counts.all, [Int64](repeating: 1, count: 8))
    }
}

/// Inserts an earthquake `probe-<number>` with a point, through SQL so SpatiaLite's triggers run.
func insertProbeQuake(_ db: any DatabaseConnection, id number: Int64, x: Double = 10, y: Double = 20) throws {
    let point = db.dialect is SQLiteDialect ? "MakePoint($2, $3, 4326)" : "ST_SetSRID(ST_MakePoint($2, $3), 4326)::geography"
    try db.execute(
        "INSERT INTO earthquakes (id, usgs_id, magnitude, occurred_at, location) VALUES ($4, $1, 5.0, '2024-01-01T00:00:00.000000Z', \(point))",
        [.text("probe-\(number)"), .double(x), .double(y), .uuid(UUID())])
}

final class Counts: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Int64] = []
    func add(_ value: Int64) { lock.lock(); values.append(value); lock.unlock() }
    var all: [Int64] { lock.lock(); defer { lock.unlock() }; return values }
}

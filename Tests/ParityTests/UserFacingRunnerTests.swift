import Foundation
import Meridian
import MeridianTesting
import Testing

/// The README's "Testing your app with Meridian" examples, compiled and run as they are shown.
struct UserFacingRunnerTests {
    @Test func codesSortTheSameEverywhere() throws {
        let results = try ParityRunner.compare { db, _ in
            try db.execute("CREATE TABLE stations (code TEXT)")
            try db.execute("INSERT INTO stations (code) VALUES ('KEV'), ('abk'), ('Éire'), ('ABK')")
            return try db.fetchAll("SELECT code FROM stations ORDER BY code").map { try $0.decode(String.self, at: 0) }
        }
        #expect(results[.sqlite] == ["ABK", "KEV", "abk", "Éire"])
    }

    @Test(arguments: Backend.allCases)
    func stationsKeepTheirLocations(_ backend: Backend) throws {
        guard let fresh = try FreshDatabase.make(backend) else { return }
        let db = fresh.connection
        try db.create(TableDefinition(
            "stations", columns: [.init("id", .int, nullable: false), .init("location", .geometry(.point, srid: 4326))],
            primaryKey: ["id"]))
        try db.execute("INSERT INTO stations (id, location) VALUES ($1, $2)", [1, .geometry(.point(x: 27.01, y: 69.76))])
        #expect(try db.fetchValue(Geometry.self, "SELECT location FROM stations WHERE id = 1") == .point(x: 27.01, y: 69.76))
    }

    /// Each test starts from the migrated, seeded reference database, cloned from a template
    /// built once (SQLite: in memory; PostgreSQL: `CREATE DATABASE … TEMPLATE`).
    @Test func seededDatabasesAgree() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let counts = try ParityRunner.compare(recipe: .standard(root: root.path)) { db, _ in
            try db.fetchValue(Int64.self, "SELECT count(*) FROM earthquakes WHERE magnitude >= $1", [7.0])
        }
        #expect((counts[.sqlite] ?? 0) ?? 0 > 0)
    }

    /// A difference between the backends fails with a diff naming both (here NULL ordering,
    /// which the README documents).
    @Test func differencesAreReportedWithADiff() throws {
        guard TestDatabase.postgresURL != nil else { return }
        let mismatch = #expect(throws: ParityMismatch.self) {
            try ParityRunner.compare { db, _ in
                try db.execute("CREATE TABLE t (w TEXT)")
                try db.execute("INSERT INTO t (w) VALUES ('b'), (NULL), ('a')")
                return try db.fetchAll("SELECT w FROM t ORDER BY w")
            }
        }
        let diff = mismatch?.description ?? ""
        #expect(diff.contains("- sqlite, + postgres"))
        #expect(diff.contains("  - (w: NULL)"))
        #expect(diff.contains("  + (w: a)"))
    }
}

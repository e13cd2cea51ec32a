import Foundation
import MeridianTesting
import XCTest

/// `meridian fixtures generate` on the reference database: the same seed gives the same rows on
/// both backends, running again adds nothing, and bad counts, sizes and unmigrated databases
/// are refused with what to do.
final class FixturesGenerateTests: CLITestCase {
    private static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    private static func reference(_ folder: String) -> String { root.appendingPathComponent(folder).path }

    /// A sandbox whose database has the reference migrations applied.
    private func migrated(_ backend: Backend) throws -> CLISandbox {
        let s = try sandbox(backend)
        XCTAssertSucceeds(try s.meridian(["migrate", "up", "--database", s.database, "--migrations", Self.reference(s.migrations)]))
        return s
    }

    private func generate(_ s: CLISandbox, _ arguments: String...) throws -> CLIResult {
        try s.meridian(["fixtures", "generate", "--database", s.database] + arguments)
    }

    func testGenerateTwiceOnSQLite() throws { try generateTwice(migrated(.sqlite)) }
    func testGenerateTwiceOnPostgres() throws { try generateTwice(migrated(.postgres)) }

    /// The first run stores every row and says how fast; the second finds them all present.
    private func generateTwice(_ s: CLISandbox) throws {
        let first = try generate(s, "--scale", "tiny", "--seed", "7", "--batch", "300")
        XCTAssertSucceeds(first)
        XCTAssertTrue(first.stdout.contains("earthquakes: 1000 rows (1000 new, 0 already present)"), "\(first)")
        XCTAssertTrue(first.stdout.contains("generated 2426 rows with seed 7 (2426 new, 0 already present)"), "\(first)")
        XCTAssertTrue(first.stdout.contains("rows/s"), "\(first)")
        XCTAssertEqual(first.stderr, "", "no progress lines outside a terminal")
        let again = try generate(s, "--scale", "tiny", "--seed", "7")
        XCTAssertSucceeds(again)
        XCTAssertTrue(again.stdout.contains("generated 2426 rows with seed 7 (0 new, 2426 already present)"), "\(again)")
        XCTAssertEqual(try s.query("SELECT count(*) AS n FROM earthquakes").first?["n"] as? NSNumber, 1000)
        // A larger count adds the rest; 0 leaves a table alone.
        let more = try generate(s, "--scale", "tiny", "--seed", "7", "--earthquakes", "1200", "--ephemeris", "0", "--json")
        XCTAssertSucceeds(more)
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(more.stdout.utf8)) as? [String: Any])
        let tables = try XCTUnwrap(report["tables"] as? [[String: Any]])
        XCTAssertEqual(tables.map { $0["table"] as? String }, ["earthquakes", "volcanic_activity", "solar_events", "meteor_showers"])
        XCTAssertEqual(tables.first?["inserted"] as? Int, 200, "\(more)")
    }

    /// The rows the CLI stores with one seed read back the same on SQLite and PostgreSQL.
    func testTheSameSeedGivesTheSameRowsOnBothBackends() throws {
        let queries = [
            "SELECT id, usgs_id, magnitude, magnitude_type, depth_km, occurred_at, place, properties, location FROM earthquakes ORDER BY id",
            "SELECT id, event_type, flare_class, start_time, peak_time, end_time, active_region, cme_speed_km_s, properties FROM solar_events ORDER BY id",
            "SELECT object_designation, epoch, x_km, y_km, z_km, vx_km_s, vy_km_s, vz_km_s FROM ephemeris_data ORDER BY object_designation, epoch",
        ]
        var outputs: [[String]] = []
        for backend in Backend.allCases {
            let s = try migrated(backend)
            XCTAssertSucceeds(try generate(s, "--seed", "99", "--earthquakes", "300", "--volcanic-activity", "0", "--solar-events", "100",
                                           "--meteor-showers", "0", "--ephemeris", "110"))
            outputs.append(try queries.map { sql in
                let result = try s.meridian(["query", sql, "--database", s.database, "--json"])
                XCTAssertSucceeds(result)
                return result.stdout
            })
        }
        XCTAssertEqual(outputs.count, 2)
        for (index, sql) in queries.enumerated() {
            XCTAssertEqual(outputs[0][index], outputs[1][index], sql)
        }
        XCTAssertTrue(outputs[0][0].contains("\"usgs_id\""), outputs[0][0])
    }

    func testBadInputIsRefused() throws {
        let s = try migrated(.sqlite)
        XCTAssertFailsCleanly(try generate(s, "--earthquakes", "-5"), mentioning: ["--earthquakes must be 0 or more, not -5"])
        XCTAssertFailsCleanly(try generate(s, "--scale", "enormous"), mentioning: ["enormous", "tiny", "huge"])
        XCTAssertFailsCleanly(try generate(s, "--meteor-showers", "3000"), mentioning: ["meteor_showers", "at most 2600", "3000"])
        XCTAssertFailsCleanly(try generate(s, "--seed", "-1"), mentioning: ["--seed"])
        XCTAssertFailsCleanly(try generate(s, "--batch", "0"), mentioning: ["--batch must be at least 1"])
        XCTAssertEqual(try s.query("SELECT count(*) AS n FROM earthquakes").first?["n"] as? NSNumber, 0, "nothing was written")
    }

    func testAnUnmigratedDatabaseIsRefusedOnSQLite() throws { try unmigrated(sandbox(.sqlite)) }
    func testAnUnmigratedDatabaseIsRefusedOnPostgres() throws { try unmigrated(sandbox(.postgres)) }

    private func unmigrated(_ s: CLISandbox) throws {
        try s.createDatabase()
        let result = try generate(s, "--scale", "tiny")
        XCTAssertFailsCleanly(result, mentioning: ["table earthquakes does not exist", "meridian migrate up"], "[\(s.backend)]")
        XCTAssertEqual(result.status, 1)
    }
}

import Foundation
import MeridianTesting
import XCTest

/// `meridian migrate up` processes started together on one database (two; five on a fresh
/// spatial database), and a process killed in the middle of a migration.
final class ConcurrencyTests: CLITestCase {
    func testTwoMigratorsStartedTogetherOnSQLite() throws { try twoMigratorsStartedTogether(sandbox(.sqlite)) }
    func testTwoMigratorsStartedTogetherOnPostgres() throws { try twoMigratorsStartedTogether(sandbox(.postgres)) }

    func testFiveMigratorsOnAFreshSpatialDatabaseOnSQLite() throws { try migratorsOnAFreshSpatialDatabase(sandbox(.sqlite)) }
    func testFiveMigratorsOnAFreshSpatialDatabaseOnPostgres() throws {
        try migratorsOnAFreshSpatialDatabase(sandbox(.postgres, withoutPostGIS: true))
    }

    func testKilledDuringUpLeavesACleanVersionOnSQLite() throws { try killedDuringUp(sandbox(.sqlite)) }
    func testKilledDuringUpLeavesACleanVersionOnPostgres() throws { try killedDuringUp(sandbox(.postgres)) }

    /// Ten migrations, the fifth slow: both processes exit 0, each migration is applied (and
    /// printed as applied) by exactly one of them, and every table exists.
    private func twoMigratorsStartedTogether(_ s: CLISandbox) throws {
        for version in 1...10 where version != 5 { try s.writeTableMigration(version, String(format: "c%02d", version)) }
        try s.writeMigration(
            5, "create_c05",
            up: "CREATE TABLE c05 (id \(s.integer) PRIMARY KEY, label TEXT);\n\(s.slowStatement(seconds: 0.3))\n",
            down: "DROP TABLE c05;\n")

        let first = try s.launchMigrate("up")
        let second = try s.launchMigrate("up")
        let results = [try first.wait(timeout: 60), try second.wait(timeout: 60)]
        for result in results { XCTAssertSucceeds(result, "[\(s.backend)] both migrators succeed") }

        // "applied 0001_create_c01", whatever follows (a duration).
        let appliedLines = results.flatMap { $0.stdout.split(separator: "\n").filter { $0.hasPrefix("applied ") } }
            .map { $0.split(separator: " ").prefix(2).joined(separator: " ") }
        let expected = (1...10).map { "applied " + CLISandbox.stem($0, String(format: "create_c%02d", $0)) }
        XCTAssertEqual(appliedLines.sorted(), expected, "[\(s.backend)] each migration is applied by exactly one process\n\(results)")

        let counts = try s.query("SELECT version, count(*) AS n FROM meridian_migrations GROUP BY version ORDER BY version")
        XCTAssertEqual(counts.compactMap { ($0["version"] as? String).flatMap { Int64($0) } }.sorted(), Array(1...10))
        XCTAssertTrue(counts.allSatisfy { ($0["n"] as? NSNumber)?.intValue == 1 }, "\(counts)")
        XCTAssertEqual(try s.tables(), Set((1...10).map { String(format: "c%02d", $0) } + ["meridian_migrations"]))
        let report = try s.status()
        XCTAssertEqual(report.applied, Array(1...10))
        XCTAssertEqual(report.problems, [])
    }

    /// Five processes run `migrate up` together on a database without SpatiaLite's metadata or
    /// PostGIS, whose first migration makes a geometry column: the spatial set-up happens once,
    /// under the migrators' lock, so every process exits 0 and each migration is applied once.
    private func migratorsOnAFreshSpatialDatabase(_ s: CLISandbox) throws {
        try s.writeMigration(
            1, "create_places",
            up: s.backend.expect(
                sqlite: "CREATE TABLE places (id INTEGER PRIMARY KEY, name TEXT);\nSELECT AddGeometryColumn('places', 'geom', 4326, 'POINT', 'XY');\n",
                postgres: "CREATE TABLE places (id bigint PRIMARY KEY, name text, geom geography(Point, 4326));\n"),
            down: "DROP TABLE places;\n")
        try s.writeTableMigration(2, "visits")
        if s.backend == .postgres {
            XCTAssertEqual(try s.query("SELECT count(*) AS n FROM pg_extension WHERE extname = 'postgis'").first?["n"] as? Int, 0)
        }

        let processes = try (1...5).map { _ in try s.launchMigrate("up") }
        let results = try processes.map { try $0.wait(timeout: 120) }
        for result in results { XCTAssertSucceeds(result, "[\(s.backend)] every migrator succeeds") }
        let appliedLines = results.flatMap { $0.stdout.split(separator: "\n").filter { $0.hasPrefix("applied ") } }
            .map { $0.split(separator: " ").prefix(2).joined(separator: " ") }
        XCTAssertEqual(
            appliedLines.sorted(), ["applied 0001_create_places", "applied 0002_create_visits"],
            "[\(s.backend)] each migration is applied by exactly one process\n\(results)")
        XCTAssertEqual(try s.recordedVersions(), [1, 2])
        XCTAssertEqual(try s.status().problems, [])
        XCTAssertTrue(try s.tables().isSuperset(of: ["places", "visits"]))
    }

    /// SIGKILL while the slow statement of 0002 runs (after its CREATE TABLE): the database is
    /// at 0001 with no dirty row and no table from 0002, and the next `up` finishes.
    private func killedDuringUp(_ s: CLISandbox) throws {
        try s.writeTableMigration(1, "t1")
        try s.writeMigration(
            2, "slow",
            up: "CREATE TABLE slow_t (id \(s.integer));\nINSERT INTO slow_t (id) VALUES (1);\n\(s.slowStatement(seconds: 1.5))\n",
            down: "DROP TABLE slow_t;\n")
        try s.writeTableMigration(3, "t3")

        let telemetry = s.folder.appendingPathComponent("telemetry.jsonl")
        let process = try s.launchMigrate("up", "--telemetry", telemetry.path)
        let deadline = Date().addingTimeInterval(20)
        var sawStart = false
        while Date() < deadline, process.process.isRunning {
            let text = (try? String(contentsOf: telemetry, encoding: .utf8)) ?? ""
            sawStart = TelemetryLine.parse(text).contains { $0.event == "started" && $0.version == "0002" }
            if sawStart { break }
            usleep(10_000)
        }
        XCTAssertTrue(sawStart, "[\(s.backend)] telemetry never showed 0002 started")
        usleep(150_000)  // past the CREATE TABLE and INSERT, into the slow statement
        process.kill()
        let killed = try process.wait(timeout: 10)
        XCTAssertTrue(killed.signalled, "[\(s.backend)] the process was killed mid-migration, not finished: \(killed)")

        let report = try s.status()
        XCTAssertEqual(report.applied, [1], "[\(s.backend)] \(report.migrations)")
        XCTAssertEqual(report.pending, [2, 3])
        XCTAssertNil(report.states["dirty"], "no dirty row")
        XCTAssertEqual(report.problems, [])
        XCTAssertEqual(try s.recordedVersions(), [1])
        XCTAssertFalse(try s.tables().contains("slow_t"), "[\(s.backend)] the killed migration's table was rolled back")

        let resumed = try s.migrate("up")
        XCTAssertSucceeds(resumed)
        XCTAssertMentionsInOrder(resumed.stdout, ["applied 0002_slow", "applied 0003_create_t3"])
        XCTAssertEqual(try s.status().applied, [1, 2, 3])
        XCTAssertEqual(try s.query("SELECT count(*) AS n FROM slow_t").first?["n"] as? Int, 1)
    }
}

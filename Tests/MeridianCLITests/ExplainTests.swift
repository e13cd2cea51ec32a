import Foundation
import MeridianTesting
import XCTest

/// `meridian explain` from the built binary: SQLite's plan beside PostgreSQL's, a full scan of
/// a large table flagged, `--json` for tools.
final class ExplainTests: CLITestCase {
    private func prepare(_ s: CLISandbox) throws {
        try s.writeMigration(1, "readings", up: """
            CREATE TABLE readings (id \(s.integer) PRIMARY KEY, station \(s.integer) NOT NULL, value DOUBLE PRECISION NOT NULL);
            CREATE INDEX readings_station_idx ON readings (station);
            INSERT INTO readings (id, station, value) WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000) SELECT i, i % 500, i * 0.5 FROM n;
            ANALYZE readings;
            """, down: "DROP TABLE readings;\n")
        XCTAssertSucceeds(try s.migrate("up"))
    }

    func testThePlansSideBySideWithTheFullScanFlagged() throws {
        let sqlite = try sandbox(.sqlite)
        let postgres = try sandbox(.postgres)
        try prepare(sqlite)
        try prepare(postgres)
        let indexed = try sqlite.meridian(["explain", "-d", sqlite.database, "-d", postgres.database, "SELECT id FROM readings WHERE station = $1", "--arg", "7", "--analyze"])
        XCTAssertSucceeds(indexed)
        XCTAssertMentionsInOrder(indexed.stdout, ["SQLite", "PostgreSQL"])
        XCTAssertEqual(indexed.stdout.components(separatedBy: "readings_station_idx").count - 1, 2, "an index lookup on each side:\n\(indexed.stdout)")
        XCTAssertEqual(indexed.stdout.components(separatedBy: "40 rows returned").count - 1, 2, "\(indexed.stdout)")
        XCTAssertFalse(indexed.stdout.contains("full scan:"), "\(indexed.stdout)")

        let scanned = try sqlite.meridian(["explain", "-d", sqlite.database, "-d", postgres.database, "SELECT id FROM readings WHERE value > $1", "--arg", "-1.5", "--json"])
        XCTAssertSucceeds(scanned)
        let reports = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(scanned.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(reports.map { $0["engine"] as? String }, ["SQLite", "PostgreSQL"])
        XCTAssertEqual(reports.map { ($0["fullScans"] as? [String])?.first }, ["readings (20,000 rows)", "readings (20,000 rows)"])
    }

    func testAStatementTheEngineRefusesIsAnError() throws {
        let s = try sandbox(.sqlite)
        try prepare(s)
        XCTAssertFailsCleanly(try s.meridian(["explain", "-d", s.database, "SELECT nope FROM readings"]), mentioning: ["nope"])
        XCTAssertFailsCleanly(try s.meridian(["explain", "-d", s.database, "-d", s.database, "-d", s.database, "SELECT 1"]), mentioning: ["at most two databases"])
    }
}

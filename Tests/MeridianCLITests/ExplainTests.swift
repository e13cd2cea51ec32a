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

    /// `meridian advise` on both engines: the unindexed filter's index, measured, ranked first;
    /// the files and databases left as they were.
    func testAdviceOnBothEnginesLeavesThemAsTheyWere() throws {
        let sqlite = try sandbox(.sqlite)
        let postgres = try sandbox(.postgres)
        try prepare(sqlite)
        try prepare(postgres)
        try sqlite.write("queries.sql", """
            -- A range of values.
            -- args: 100.0, 110.0
            SELECT id FROM readings WHERE value >= $1 AND value < $2;
            -- args: 7
            SELECT value FROM readings WHERE station = $1;
            """)
        let file = sqlite.folder.appendingPathComponent("db.sqlite")
        let bytes = try Data(contentsOf: file)
        let advice = try sqlite.meridian(["advise", "--queries", "queries.sql", "-d", sqlite.database, "-d", postgres.database])
        XCTAssertSucceeds(advice)
        XCTAssertEqual(advice.stdout.components(separatedBy: #"1. CREATE INDEX "readings_value_idx" ON "readings" ("value")"#).count - 1, 2, "\(advice.stdout)")
        XCTAssertTrue(advice.stdout.contains("helps query 1 (line 3)"), "\(advice.stdout)")
        XCTAssertEqual(try Data(contentsOf: file), bytes, "the SQLite file is byte for byte as it was")
        XCTAssertEqual(try postgres.query("SELECT count(*) AS n FROM pg_indexes WHERE tablename = 'readings'").first?["n"] as? Int, 2)

        let json = try sqlite.meridian(["advise", "--queries", "queries.sql", "-d", sqlite.database, "--json", "--rounds", "1"])
        XCTAssertSucceeds(json)
        let reports = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual((reports.first?["suggestions"] as? [[String: Any]])?.first?["columns"] as? [String], ["value"])
        try sqlite.write("empty.sql", "-- nothing here\n")
        XCTAssertFailsCleanly(try sqlite.meridian(["advise", "--queries", "empty.sql", "-d", sqlite.database]), mentioning: ["empty.sql holds no query"])
        XCTAssertFailsCleanly(try sqlite.meridian(["advise", "--queries", "missing.sql", "-d", sqlite.database]), mentioning: ["missing.sql cannot be read"])
    }
}

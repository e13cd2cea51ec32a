import Foundation
import Meridian
import MeridianTesting
import XCTest

/// The advisor on both engines, on 20,000 rows: an unindexed filter gets its index, measured
/// faster (SQLite) or planned cheaper with a hypothetical index (PostgreSQL) through a plan
/// that uses it; an indexed one gets none; an index no query uses is listed; and the database
/// is left as it was, HypoPG's extension included.
final class IndexAdvisorTests: ParityTestCase {
    func testAdviceIsMeasuredAndLeavesTheDatabaseAlone() {
        parityEqual { db, backend in
            let int = backend.expect(sqlite: "INTEGER", postgres: "bigint")
            try db.execute("CREATE TABLE readings (id \(int) PRIMARY KEY, station \(int) NOT NULL, value DOUBLE PRECISION NOT NULL, note TEXT)")
            try db.execute("CREATE INDEX readings_station_idx ON readings (station)")
            try db.execute("CREATE INDEX readings_note_idx ON readings (note)")
            try db.execute("INSERT INTO readings (id, station, value) WITH RECURSIVE s (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 20000) SELECT i, i % 500, i * 0.5 FROM s")
            try db.executeScript("ANALYZE readings")
            let before = try db.inspectSchema()
            let advisor = IndexAdvisor(queries: [
                .init("SELECT id FROM readings WHERE value >= $1 AND value < $2", [.double(100), .double(110)]),
                .init("SELECT value FROM readings WHERE station = $1", [.int(7)]),
            ])
            let report = try advisor.advise(on: try XCTUnwrap(db as? any IndexTrialing))
            XCTAssertEqual(try db.inspectSchema(), before, "\(backend): the database is left as it was")
            // PostgreSQL plans with HypoPG's hypothetical indexes (installed by scripts/install-deps).
            XCTAssertEqual(report.measure, backend.expect(sqlite: .milliseconds, postgres: .cost), "\(backend)")
            let first = try XCTUnwrap(report.advice.first, "\(backend): \(report)")
            XCTAssertLessThan(first.effects[0].after, first.effects[0].before, "\(backend)")
            return "\(report.advice.map { "\($0.candidate) helps \($0.effects.map(\.query))" }) unused \(report.unused)"
        }
    }
}

import Foundation
import Meridian
import MeridianTesting
import XCTest

/// Both engines' plans read into one vocabulary: an indexed filter is an index lookup, a key
/// a primary-key lookup, an unindexed filter a full scan that is flagged over a size, and an
/// analysed plan counts the rows the query returned.
final class QueryPlanTests: ParityTestCase {
    private func plan(_ db: any DatabaseConnection, _ sql: String, _ arguments: [DatabaseValue], analyze: Bool = false) throws -> QueryPlan {
        let explaining = try XCTUnwrap(db as? any QueryExplaining)
        return try explaining.explain(sql, arguments, analyze: analyze)
    }

    private func summaries(_ plan: QueryPlan) -> [String] {
        plan.flattened.map { "\($0.step.kind.rawValue) \($0.step.table ?? "-") \($0.step.index ?? "-")" }
    }

    func testIndexesKeysAndFullScansAreNamedAlike() {
        parityEqual { db, backend in
            let int = backend.expect(sqlite: "INTEGER", postgres: "bigint")
            try db.execute("CREATE TABLE readings (id \(int) PRIMARY KEY, station \(int) NOT NULL, value DOUBLE PRECISION NOT NULL)")
            try db.execute("CREATE INDEX readings_station_idx ON readings (station)")
            try db.execute("INSERT INTO readings (id, station, value) WITH RECURSIVE s (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 20000) SELECT i, i % 500, i * 0.5 FROM s")
            try db.executeScript("ANALYZE readings")
            var found: [String] = []
            let byStation = try plan(db, "SELECT id FROM readings WHERE station = $1", [.int(7)], analyze: true)
            found.append(contentsOf: summaries(byStation).filter { $0.hasPrefix("index ") })
            XCTAssertEqual(byStation.rowsReturned, 40, "\(backend)")
            XCTAssertEqual(byStation.fullScans(over: 1000), [], "\(backend)")
            let byKey = try plan(db, "SELECT value FROM readings r WHERE r.id = $1", [.int(12)])
            found.append(contentsOf: summaries(byKey).filter { $0.hasPrefix("primary key") }.map { $0.replacingOccurrences(of: " readings_pkey", with: " -") })
            let byValue = try plan(db, "SELECT id FROM readings WHERE value = $1", [.double(3.5)], analyze: true)
            XCTAssertEqual(byValue.rowsReturned, 1, "\(backend)")
            XCTAssertEqual(byValue.fullScans(over: 1000), ["readings"], "\(backend): \(byValue.lines)")
            XCTAssertEqual(byValue.fullScans(over: 50000), [], "\(backend)")
            return found
        }
    }

    func testAnAnalysedWriteIsRolledBack() {
        parity { db, backend in
            let int = backend.expect(sqlite: "INTEGER", postgres: "bigint")
            try db.execute("CREATE TABLE notes (id \(int) PRIMARY KEY)")
            let plan = try plan(db, "INSERT INTO notes (id) VALUES ($1)", [.int(1)], analyze: true)
            XCTAssertNotNil(plan.milliseconds, "\(backend): \(plan)")
            XCTAssertEqual(try db.fetchValue(Int64.self, "SELECT count(*) FROM notes"), 0, "\(backend): the write was rolled back")
        }
    }

    func testAliasesAreTheirTables() {
        XCTAssertEqual(QueryPlan.tableAliases(in: #"SELECT * FROM earthquakes q JOIN "alerts" AS a ON a.id = q.id WHERE q.x = 1"#),
                       ["q": "earthquakes", "earthquakes": "earthquakes", "a": "alerts", "alerts": "alerts"])
        XCTAssertEqual(QueryPlan.tableAliases(in: "SELECT * FROM t WHERE x = 1"), ["t": "t"])
    }
}

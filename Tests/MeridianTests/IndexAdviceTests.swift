import XCTest

@testable import Meridian

/// What a query asks of its tables, the index candidates that follows from it, and the query
/// file `meridian advise` reads.
final class IndexAdviceTests: XCTestCase {
    private let schema = SchemaSnapshot(tables: [
        SchemaSnapshot.Table("quakes", columns: [
            .init("id", .int, nullable: false), .init("kind", .text, nullable: true),
            .init("at", .timestamp, nullable: false), .init("magnitude", .double, nullable: false),
            .init("place", .text, nullable: true),
        ], primaryKey: ["id"], indexes: [.init("quakes_magnitude_idx", ["magnitude"])]),
        SchemaSnapshot.Table("alerts", columns: [
            .init("id", .int, nullable: false), .init("quake_id", .int, nullable: false),
            .init("severity", .text, nullable: false),
        ], primaryKey: ["id"]),
    ])

    func testFiltersJoinsAndOrderingAreReadPerTable() {
        let shape = QueryShape("""
            SELECT q.place, a.severity FROM quakes q JOIN alerts AS a ON a.quake_id = q.id
            WHERE q.kind = $1 AND $2 <= q.at AND lower(q.place) = 'x' AND a.severity IN ('high', 'critical') AND q.magnitude <> 0
            ORDER BY q.at DESC
            """, schema: schema)
        XCTAssertEqual(shape.tables["quakes"], QueryShape.Use(equality: ["id", "kind"], range: ["at"], order: ["at"]))
        XCTAssertEqual(shape.tables["alerts"], QueryShape.Use(equality: ["quake_id", "severity"]))
        let unqualified = QueryShape(#"SELECT * FROM "quakes" WHERE "kind" = 'ml' AND magnitude BETWEEN 4 AND 6 GROUP BY place"#, schema: schema)
        XCTAssertEqual(unqualified.tables["quakes"], QueryShape.Use(equality: ["kind"], range: ["magnitude"], order: ["place"]))
    }

    func testCandidatesPutTheMostDistinctEqualityFirstAndSkipWhatAnIndexServes() {
        let shape = QueryShape("SELECT * FROM quakes WHERE kind = $1 AND place = $2 AND at >= $3", schema: schema)
        let distinct = ["kind": 12.0, "place": 9000.0, "at": 100_000.0]
        let candidates = IndexCandidate.proposals(for: shape, schema: schema) { _, column in distinct[column] ?? 0 }
        XCTAssertEqual(candidates, [IndexCandidate("quakes", ["place", "kind", "at"]), IndexCandidate("quakes", ["place"])])
        let served = QueryShape("SELECT * FROM quakes WHERE magnitude >= $1 AND id = $2", schema: schema)
        XCTAssertEqual(IndexCandidate.proposals(for: served, schema: schema) { _, _ in 1 }, [], "the key and the magnitude index serve it")
        let ordered = QueryShape("SELECT * FROM quakes WHERE kind = $1 ORDER BY at", schema: schema)
        XCTAssertEqual(IndexCandidate.proposals(for: ordered, schema: schema) { _, _ in 1 }.first, IndexCandidate("quakes", ["kind", "at"]))
        XCTAssertEqual(IndexCandidate(String(repeating: "t", count: 40), [String(repeating: "c", count: 40)]).name.utf8.count, 63)
    }

    func testTheQueryFileGivesEachStatementItsSampleValues() throws {
        let queries = try IndexAdvisor.Query.read("""
            -- Strong quakes of a kind.
            -- args: ml, 4.5, 'Fiji, region', null, true
            SELECT * FROM quakes WHERE kind = $1 AND magnitude >= $2 AND place = $3 AND $4 IS NULL AND $5;

            SELECT count(*) FROM alerts;
            """, path: "queries.sql")
        XCTAssertEqual(queries.map(\.line), [3, 5])
        XCTAssertEqual(queries[0].arguments, [.text("ml"), .double(4.5), .text("Fiji, region"), .null, .bool(true)])
        XCTAssertEqual(queries[1].arguments, [])
        XCTAssertThrowsError(try IndexAdvisor.Query.read("SELECT 'open", path: "bad.sql"))
    }
}

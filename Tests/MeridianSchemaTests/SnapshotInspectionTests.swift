import Meridian
import MeridianPostgres
import MeridianSQLite
import XCTest

@testable import MeridianSchema

/// ``Schema/inspecting(_:dialect:)`` on snapshots built by hand: what each engine prints is read
/// into the schema file's terms, and what does not fit is a warning.
final class SnapshotInspectionTests: XCTestCase {
    func testPostgresExpressionsAreReadIntoThePortableSubset() throws {
        var sql = SchemaSQL()
        sql.checks["quakes"] = [
            "quakes_magnitude_check": "((magnitude >= ('-2.0'::numeric)::double precision) AND (magnitude <= (10)::double precision))",
            "quakes_kinds_check": "(substr(kind, 1, 1) = ANY (ARRAY['a'::text, 'b'::text]))",
            "quakes_odd_check": "((id % (2)::bigint) = 1)",
        ]
        sql.generated["quakes"] = ["big": "(magnitude > (6)::double precision)"]
        sql.indexConditions["quakes_live_idx"] = "(NOT big)"
        sql.triggers["quakes"] = ["quakes_set_updated_at", "quakes_audit"]
        let snapshot = SchemaSnapshot(
            tables: [
                SchemaSnapshot.Table(
                    "quakes",
                    columns: [
                        .init("id", .int, nullable: false), .init("kind", .text, nullable: false),
                        .init("magnitude", .double, nullable: false), .init("big", .bool, nullable: false, generated: true),
                        .init("updated_at", .timestamp, nullable: false, default: .currentTimestamp),
                        .init("note", .text, collation: "en_US", width: .characters(20)),
                    ],
                    primaryKey: ["id"], indexes: [.init("quakes_live_idx", ["kind"], partial: true)],
                    checks: ["quakes_kinds_check", "quakes_magnitude_check", "quakes_odd_check"])
            ], sql: sql)
        let inspection = Schema.inspecting(snapshot, dialect: PostgresDialect())
        let quakes = try XCTUnwrap(inspection.schema.table("quakes"))
        XCTAssertEqual(quakes.column("magnitude")?.check, .portable(try SchemaExpression.parse("magnitude >= -2.0 AND magnitude <= 10")))
        XCTAssertEqual(quakes.checks.map(\.name), ["quakes_kinds_check", "quakes_odd_check"])
        XCTAssertEqual(quakes.checks[0].condition, .portable(try SchemaExpression.parse("substr(kind, 1, 1) IN ('a', 'b')")))
        XCTAssertEqual(quakes.checks[1].condition, .perDialect(DialectSQL("((id % (2)::bigint) = 1)")))
        XCTAssertEqual(quakes.column("big")?.generated, try SchemaExpression.parse("magnitude > 6"))
        XCTAssertEqual(quakes.indexes.first?.condition, try SchemaExpression.parse("NOT big"))
        XCTAssertEqual(quakes.column("updated_at")?.setOnUpdate, true)
        XCTAssertEqual(quakes.column("note")?.check, .portable(try SchemaExpression.parse("length(note) <= 20")))
        for expected in ["quakes_odd_check", "trigger quakes_audit", "collation en_US"] {
            XCTAssertTrue(inspection.warnings.contains { $0.contains(expected) }, "\(inspection.warnings)")
        }
        try inspection.schema.validate()
    }

    func testColumnsOutsideTheContractTakeTheirNearestTypeWithAWarning() throws {
        let snapshot = SchemaSnapshot(tables: [
            SchemaSnapshot.Table(
                "t", columns: [
                    .init("id", .unknown("integer"), declaredType: "integer", nearestLogicalType: .int, nullable: false),
                    .init("at", .unknown("DATETIME"), declaredType: "DATETIME", nearestLogicalType: .timestamp, contractFix: nil),
                    .init("x", .unknown("NUMERIC"), declaredType: "NUMERIC", default: .expression("random()")),
                ], primaryKey: ["id"])
        ])
        let inspection = Schema.inspecting(snapshot, dialect: SQLiteDialect())
        let table = try XCTUnwrap(inspection.schema.table("t"))
        XCTAssertEqual(table.columns.map(\.type), [.int, .timestamp, .text])
        XCTAssertEqual(table.column("id")?.identity, false, "an int key the engine does not number says so")
        XCTAssertEqual(table.column("at")?.nullable, true)
        XCTAssertNil(table.column("x")?.default)
        XCTAssertEqual(inspection.warnings, [
            "column t.id is integer, outside the value contract; written as int",
            "column t.at is DATETIME, outside the value contract; written as timestamp",
            "column t.x is NUMERIC, outside the value contract; written as text",
            "column t.x defaults to random(), which a schema file cannot declare; left out",
        ])
    }
}

import XCTest

@testable import Meridian

/// Planning a transfer from two schemas: order, pairing, types, and every problem named.
final class TransferPlanTests: XCTestCase {
    private typealias Table = SchemaSnapshot.Table
    private typealias Column = SchemaSnapshot.Column

    private let stations = Table(
        "stations", columns: [Column("id", .int, nullable: false), Column("code", .text), Column("location", .geometry(.point, srid: 4326))],
        primaryKey: ["id"])
    private let readings = Table(
        "readings", columns: [Column("id", .int, nullable: false), Column("station_id", .int), Column("kind", .enumeration(["a", "b"]))],
        primaryKey: ["id"], foreignKeys: [.init(["station_id"], references: "stations", ["id"])])

    func testTablesComeInForeignKeyOrderWithTheirColumns() throws {
        let schema = SchemaSnapshot(tables: [readings, stations])
        let plan = try TransferPlan(source: schema, target: schema)
        XCTAssertEqual(plan.tables.map(\.name), ["stations", "readings"])
        XCTAssertEqual(plan.tables[0].columns.map(\.type), [.int, .text, .geometry(.point, srid: 4326)])
        XCTAssertEqual(plan.tables[1].columns.map(\.type), [.int, .int, .text], "enumerations move as text")
        XCTAssertEqual(plan.tables[1].primaryKey, ["id"])
        XCTAssertEqual(try TransferPlan(source: schema, target: schema, tables: ["readings"]).tables.map(\.name), ["readings"])
    }

    func testEveryProblemIsNamed() {
        var target = readings
        target.columns = [Column("id", .int, nullable: false), Column("station_id", .text), Column("extra", .int, nullable: false)]
        let source = SchemaSnapshot(tables: [readings, stations, Table("notes", columns: [Column("id", .int)])])
        XCTAssertThrowsError(try TransferPlan(source: source, target: SchemaSnapshot(tables: [target, stations]))) { error in
            guard case .planProblems(let problems) = error as? TransferError else { return XCTFail("\(error)") }
            XCTAssertEqual(problems.sorted(), [
                "table notes is not in the target",
                "table readings: column kind is not in the target",
                "table readings: column station_id is int in the source but text in the target",
                "table readings: the target's column extra is NOT NULL without a default, and the source has no such column",
            ])
            XCTAssertTrue(String(describing: error).contains("--create-schema"))
        }
    }

    func testGeometryMustAgreeOnTypeAndSRID() {
        var target = stations
        target.columns[2] = Column("location", .geometry(.point, srid: 3857))
        XCTAssertThrowsError(try TransferPlan(source: SchemaSnapshot(tables: [stations]), target: SchemaSnapshot(tables: [target]))) { error in
            XCTAssertTrue(String(describing: error).contains("geometry(Point, 4326) in the source but geometry(Point, 3857) in the target"), "\(error)")
        }
    }

    /// A target's generated column is not written but still read from both sides; a type outside
    /// the contract on one side takes the other side's.
    func testGeneratedColumnsComeLastAndUnknownTypesTakeTheOtherSide() throws {
        let source = Table("t", columns: [Column("total", .int), Column("id", .int), Column("at", .unknown("DATETIME")), Column("n", .unknown("INT4"))])
        let target = Table("t", columns: [
            Column("id", .int), Column("total", .int, generated: true), Column("at", .timestamp), Column("n", .unknown("integer")),
        ])
        let plan = try TransferPlan(source: SchemaSnapshot(tables: [source]), target: SchemaSnapshot(tables: [target]))
        XCTAssertEqual(plan.tables[0].columns.map(\.name), ["id", "at", "n", "total"])
        XCTAssertEqual(plan.tables[0].writtenColumnCount, 3)
        XCTAssertEqual(plan.tables[0].columns.map(\.type), [.int, .timestamp, nil, .int])
    }

    func testForeignKeyCyclesAreReported() {
        let a = Table("a", columns: [Column("id", .int), Column("b_id", .int)], foreignKeys: [.init(["b_id"], references: "b", ["id"])])
        let b = Table("b", columns: [Column("id", .int), Column("a_id", .int)], foreignKeys: [.init(["a_id"], references: "a", ["id"])])
        let schema = SchemaSnapshot(tables: [a, b])
        XCTAssertThrowsError(try TransferPlan(source: schema, target: schema)) { error in
            XCTAssertEqual(error as? TransferError, .foreignKeyCycle(["a", "b"]))
        }
    }
}

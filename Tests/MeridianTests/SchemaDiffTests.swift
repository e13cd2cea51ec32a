import Foundation
import Meridian
import XCTest

/// The wording of schema differences, on snapshots built by hand.
final class SchemaDiffTests: XCTestCase {
    private let stations = SchemaSnapshot.Table(
        "stations", columns: [.init("id", .int, nullable: false), .init("code", .text, nullable: false)], primaryKey: ["id"],
        uniqueConstraints: [["code"]])
    private let readings = SchemaSnapshot.Table(
        "readings", columns: [.init("id", .int, nullable: false), .init("station_id", .int, nullable: false)], primaryKey: ["id"],
        foreignKeys: [.init(["station_id"], references: "stations", ["id"], onDelete: .cascade)])
    private let earthquakes = SchemaSnapshot.Table(
        "earthquakes", columns: [.init("id", .int, nullable: false), .init("location", .geometry(.point, srid: 4326))],
        primaryKey: ["id"], indexes: [.init("earthquakes_location_gist", ["location"], spatial: true)])

    private func messages(_ a: SchemaSnapshot, _ b: SchemaSnapshot) -> [String] {
        SchemaDifference.differences(between: a, named: "sqlite", and: b, named: "postgres").map(\.description)
    }

    private func replacing(_ table: SchemaSnapshot.Table, _ change: (inout SchemaSnapshot.Table) -> Void) -> SchemaSnapshot {
        var changed = table
        change(&changed)
        return SchemaSnapshot(tables: [stations, readings, earthquakes].filter { $0.name != table.name } + [changed])
    }

    private var reference: SchemaSnapshot { SchemaSnapshot(tables: [stations, readings, earthquakes]) }

    func testEqualSnapshotsHaveNoDifferences() {
        XCTAssertEqual(messages(reference, reference), [])
    }

    func testMissingTable() {
        let withNotes = SchemaSnapshot(tables: reference.tables + [.init("notes", columns: [.init("id", .int)])])
        XCTAssertEqual(messages(withNotes, reference), ["table notes only on sqlite"])
        XCTAssertEqual(messages(reference, withNotes), ["table notes only on postgres"])
    }

    func testTypeDifference() {
        let changed = replacing(stations) { $0.columns[1].type = .unknown("integer") }
        XCTAssertEqual(messages(reference, changed), ["table stations: column code is text on sqlite but integer (outside the value contract) on postgres"])
    }

    func testNullabilityDifference() {
        let changed = replacing(stations) { $0.columns[1].nullable = true }
        XCTAssertEqual(messages(reference, changed), ["table stations: column code is NOT NULL on sqlite but nullable on postgres"])
    }

    func testForeignKeyActionDifference() {
        let changed = replacing(readings) { $0.foreignKeys[0].onDelete = .noAction }
        XCTAssertEqual(messages(reference, changed), [
            "table readings: foreign key (station_id) → stations(id) ON DELETE CASCADE on sqlite, ON DELETE NO ACTION on postgres",
        ])
    }

    func testMissingSpatialIndex() {
        let withoutIndex = replacing(earthquakes) { $0.indexes = [] }
        XCTAssertEqual(messages(withoutIndex, reference), ["table earthquakes: spatial index earthquakes_location_gist on (location) only on postgres"])
    }

    func testIndexThatIsSpatialOnOneSideOnly() {
        let plain = replacing(earthquakes) { $0.indexes = [.init("earthquakes_location_idx", ["location"])] }
        XCTAssertEqual(messages(plain, reference), [
            "table earthquakes: index on (location) is spatial only on postgres (earthquakes_location_idx on sqlite, earthquakes_location_gist on postgres)",
        ])
    }

    func testIndexNamesDoNotCount() {
        let renamed = replacing(earthquakes) { $0.indexes[0].name = "idx_earthquakes_location" }
        XCTAssertEqual(messages(renamed, reference), [])
        XCTAssertEqual(renamed, reference)
    }

    func testColumnDetails() {
        let changed = replacing(stations) { table in
            table.columns[1].collation = "en_US.utf8"
            table.columns[1].default = .text("x")
            table.columns.append(.init("twice", .int, generated: true))
        }
        XCTAssertEqual(messages(reference, changed), [
            "table stations: column code has no default on sqlite but defaults to 'x' on postgres",
            "table stations: column code sorts by byte order on sqlite but by collation \"en_US.utf8\" on postgres",
            "table stations: column twice only on postgres",
        ])
    }

    func testConstraintsAndViews() {
        var changed = replacing(stations) { table in
            table.uniqueConstraints = []
            table.primaryKey = ["id", "code"]
            table.checks = ["stations_code_check"]
        }
        changed.views = [.init("station_codes", columns: ["id"])]
        var withView = reference
        withView.views = [.init("station_codes", columns: ["id", "code"])]
        XCTAssertEqual(messages(withView, changed), [
            "table stations: primary key (id) on sqlite, (id, code) on postgres",
            "table stations: unique (code) only on sqlite",
            "table stations: check stations_code_check only on postgres",
            "view station_codes: columns (id, code) on sqlite, (id) on postgres",
        ])
    }

    func testDifferencesCarryKindAndObject() {
        let changed = replacing(readings) { $0.foreignKeys = [] }
        XCTAssertEqual(
            SchemaDifference.differences(between: reference, named: "sqlite", and: changed, named: "postgres"),
            [SchemaDifference(.foreignKey, object: "readings", message: "table readings: foreign key (station_id) → stations(id) only on sqlite")])
    }

    /// `check --json` prints snapshots; they read back equal.
    func testSnapshotRoundTripsThroughJSON() throws {
        var snapshot = reference
        snapshot.tables[0].columns += [
            .init("kind", .enumeration(["a", "b"])), .init("legacy", .unknown("character varying(20)")),
        ]
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let data = try encoder.encode(snapshot)
        XCTAssertEqual(try JSONDecoder().decode(SchemaSnapshot.self, from: data), snapshot)
        let text = String(decoding: data, as: UTF8.self)
        XCTAssertTrue(text.contains(#"{"geometry":"POINT","logical":"geometry","srid":4326}"#), text)
        XCTAssertTrue(text.contains(#""declared":"character varying(20)""#), text)
    }
}

import Meridian
import XCTest

@testable import MeridianSchema

final class SchemaFileReaderTests: XCTestCase {
    func testReadsTablesColumnsKeysAndIndexesInTheContractsTypes() throws {
        let schema = try Schema.load(yaml: """
            tables:
              stations:
                description: where readings come from
                columns:
                  id: int
                  code: {type: text, check: "length(code) BETWEEN 3 AND 8", tags: [public]}
                  kind: {type: enum, values: [seismic, tidal], default: seismic}
                  location: {type: geometry, shape: point, srid: 4326}
                  active: {type: bool, default: true}
                  updated_at: {type: timestamp, default: now, on_update: now}
                primary_key: [id]
                unique:
                  - {columns: [code]}
                indexes:
                  - {columns: [location], spatial: true}
                  - {columns: [kind], where: "active"}
              readings:
                columns:
                  id: {type: uuid, default: uuid}
                  station_id: int
                  value: {type: double, nullable: true}
                primary_key: [id]
                foreign_keys:
                  - {columns: [station_id], references: stations, on_delete: cascade}
            """)
        let stations = try XCTUnwrap(schema.table("stations"))
        XCTAssertEqual(stations.columns.map(\.name), ["id", "code", "kind", "location", "active", "updated_at"])
        XCTAssertEqual(stations.column("kind")?.type, .enumeration(["seismic", "tidal"]))
        XCTAssertEqual(stations.column("kind")?.default, .text("seismic"))
        XCTAssertEqual(stations.column("location")?.type, .geometry(.point, srid: 4326))
        XCTAssertEqual(stations.column("active")?.default, .bool(true))
        XCTAssertEqual(stations.column("updated_at")?.default, .currentTimestamp)
        XCTAssertEqual(stations.column("updated_at")?.setOnUpdate, true)
        XCTAssertEqual(stations.column("code")?.tags, ["public"])
        XCTAssertEqual(stations.unique, [Schema.Unique("stations_code_key", ["code"])])
        XCTAssertEqual(stations.indexes.map(\.name), ["stations_location_gist", "stations_kind_idx"])
        XCTAssertEqual(stations.indexes[1].condition, .column("active"))
        XCTAssertTrue(stations.isIdentity(stations.columns[0]))
        let readings = try XCTUnwrap(schema.table("readings"))
        XCTAssertEqual(readings.column("value")?.nullable, true)
        XCTAssertEqual(readings.column("id")?.default, .randomUUID)
        XCTAssertEqual(readings.foreignKeys, [Schema.ForeignKey("readings_station_id_fkey", ["station_id"], references: "stations", ["id"], onDelete: .cascade)])
        try schema.validate()
    }

    func testUnknownKeysAreNamedAtTheirLineAndColumnWithTheNearestKnownKey() {
        let problems = problems(in: """
            tables:
              stations:
                columns:
                  id: {type: int, nulable: true}
                primary_keys: [id]
            """)
        XCTAssertEqual(problems.map(\.location.line), [4, 5])
        XCTAssertEqual(problems.map(\.location.column), [23, 5])
        XCTAssertTrue(problems[0].message.contains("unknown key nulable"), problems[0].description)
        XCTAssertTrue(problems[0].fix.contains("did you mean nullable?"), problems[0].description)
        XCTAssertTrue(problems[1].fix.contains("did you mean primary_key?"), problems[1].description)
    }

    func testDuplicateTablesAndColumnsAreRefusedWhereTheyAreWritten() {
        let columns = problems(in: """
            tables:
              stations:
                columns:
                  id: int
                  id: text
            """)
        XCTAssertEqual(columns.count, 1)
        XCTAssertEqual(columns.first?.location.line, 4)
        XCTAssertTrue(columns.first?.message.contains("id is declared twice") == true, "\(columns)")
        let tables = problems(in: "tables:\n  a: {columns: {id: int}}\n  a: {columns: {id: int}}\n")
        XCTAssertTrue(tables.first?.message.contains("a is declared twice") == true, "\(tables)")
    }

    func testYAMLSyntaxErrorsNameTheirLine() {
        let problems = problems(in: "tables:\n  a: {columns: [\n")
        XCTAssertEqual(problems.count, 1)
        XCTAssertTrue(problems[0].message.hasPrefix("not valid YAML"), problems[0].description)
        XCTAssertEqual(problems[0].location.file, "test.yaml")
    }

    /// A character YAML does not allow (a NUL) is placed where it is, not at 1:1.
    func testAForbiddenCharacterIsPlacedAtItsLineAndColumn() {
        let problems = problems(in: "tables:\n  notes:\n    columns:\n      ti\0tle: {type: text}\n")
        XCTAssertEqual(problems.count, 1)
        XCTAssertEqual(problems.first?.location.line, 4, "\(problems)")
        XCTAssertEqual(problems.first?.location.column, 9, "\(problems)")
    }

    func testUnknownTypesAndBadExpressionsAreProblemsTooAllAtOnce() {
        let problems = problems(in: """
            tables:
              a:
                columns:
                  id: integer
                  x: {type: double, check: "x >> 2"}
                  y: {type: text, check: "regexp_like(y, 'a')"}
            """)
        XCTAssertEqual(problems.count, 3, "\(problems)")
        XCTAssertTrue(problems[0].fix.contains("did you mean int?"), problems[0].description)
        XCTAssertTrue(problems[1].message.contains("unexpected >"), problems[1].description)
        XCTAssertTrue(problems[2].message.contains("regexp_like() is not in the portable subset"), problems[2].description)
    }

    func testWrittenFilesReadBackToTheSameSchema() throws {
        let yaml = """
            tables:
              stations:
                columns:
                  id: int
                  code: {type: text, check: "length(code) BETWEEN 3 AND 8", description: "the code: short"}
                  kind: {type: enum, values: [seismic, tidal], default: seismic}
                  location: {type: geometry, shape: multipolygon, srid: 3857, nullable: true}
                  big: {type: bool, generated: "id > 100"}
                  updated_at: {type: timestamp, default: now, on_update: now}
                primary_key: [id]
                checks:
                  - {name: stations_odd_check, check: {sqlite: "id % 2 = 1", postgres: "id % 2 = 1"}}
                indexes:
                  - {columns: [location], spatial: true}
                  - {name: stations_live, columns: [kind], unique: true, where: "NOT big"}
                partition_by: {strategy: range, column: updated_at, interval: month}
            views:
              v_codes:
                sql: |
                  SELECT code
                  FROM stations
            functions:
              f:
                sql: {postgres: "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1'"}
            roles:
              app: {tables: [SELECT], sequences: [USAGE]}
            """
        let schema = try Schema.load(yaml: yaml)
        let written = try SchemaFileWriter.yaml(schema)
        XCTAssertTrue(written.hasPrefix(SchemaFileWriter.header))
        XCTAssertEqual(try Schema.load(yaml: written), schema, written)
    }

    func testTheReferenceFileIsValidAndReadsBackThroughTheWriter() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../schema.yaml").path
        let schema = try Schema.load(path: path)
        try schema.validate()
        XCTAssertEqual(schema.tables.count, 14)
        XCTAssertEqual(try Schema.load(yaml: try SchemaFileWriter.yaml(schema)), schema)
    }

    private func problems(in yaml: String) -> [SchemaProblem] {
        do {
            _ = try Schema.load(yaml: yaml, file: "test.yaml")
            XCTFail("expected problems")
            return []
        } catch {
            return error.problems
        }
    }
}

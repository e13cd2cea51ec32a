import Meridian
import XCTest

@testable import MeridianSchema

/// Each invalid spec is an error naming the file, line and column, and what to do.
final class SchemaValidationTests: XCTestCase {
    private let parents = """
        tables:
          stations:
            columns:
              id: int
              code: text
            primary_key: [id]

        """

    func testForeignKeyToAnUnknownTableNamesTheNearestTable() {
        let problem = onlyProblem(parents + """
              readings:
                columns: {id: int, station_id: int}
                primary_key: [id]
                foreign_keys:
                  - {columns: [station_id], references: station}
            """)
        XCTAssertEqual(problem?.location.line, 11)
        XCTAssertTrue(problem?.message.contains("references unknown table station") == true, "\(String(describing: problem))")
        XCTAssertEqual(problem?.fix, "did you mean stations?")
    }

    func testForeignKeyToAnUnknownColumn() {
        let problem = onlyProblem(parents + """
              readings:
                columns: {id: int, station_id: int}
                primary_key: [id]
                foreign_keys:
                  - {columns: [station_id], references: stations(ids)}
            """)
        XCTAssertTrue(problem?.message.contains("names unknown column ids") == true, "\(String(describing: problem))")
        XCTAssertEqual(problem?.fix, "did you mean id?")
    }

    func testForeignKeyToAColumnOfAnotherType() {
        let problem = onlyProblem(parents + """
              readings:
                columns: {id: int, station_id: uuid}
                primary_key: [id]
                foreign_keys:
                  - {columns: [station_id], references: stations}
            """)
        XCTAssertTrue(problem?.message.contains("station_id is uuid but references stations.id, which is int") == true, "\(String(describing: problem))")
    }

    func testForeignKeyToColumnsThatAreNeitherKeyNorUnique() {
        let problem = onlyProblem(parents + """
              readings:
                columns: {id: int, code: text}
                primary_key: [id]
                foreign_keys:
                  - {columns: [code], references: stations(code)}
            """)
        XCTAssertTrue(problem?.message.contains("neither its primary key nor unique") == true, "\(String(describing: problem))")
    }

    func testPrimaryKeyOverANullableColumn() {
        let problem = onlyProblem("""
            tables:
              a:
                columns:
                  id: {type: int, nullable: true}
                primary_key: [id]
            """)
        XCTAssertEqual(problem?.location.line, 4)
        XCTAssertEqual(problem?.location.column, 33)
        XCTAssertTrue(problem?.message.contains("primary key column id is nullable") == true, "\(String(describing: problem))")
    }

    func testDuplicateIndexAndConstraintNames() {
        let problems = problems("""
            tables:
              a:
                columns: {id: int, x: int}
                primary_key: [id]
                indexes:
                  - {name: a_x, columns: [x]}
                  - {name: a_x, columns: [x, id]}
                checks:
                  - {name: a_positive, check: "x > 0"}
                  - {name: a_positive, check: "id > 0"}
              b:
                columns: {id: int}
                indexes:
                  - {name: a_pkey, columns: [id]}
            """)
        XCTAssertEqual(problems.map(\.location.line), [7, 10, 14], "\(problems)")
        XCTAssertTrue(problems[0].message.contains("index a_x has the name of the index at test.yaml:6:"), problems[0].description)
        XCTAssertTrue(problems[1].message.contains("check a_positive has the name of"), problems[1].description)
        XCTAssertTrue(problems[2].message.contains("index a_pkey has the name of the primary key"), problems[2].description)
    }

    func testNamesLongerThanPostgresKeeps() {
        let long = String(repeating: "x", count: 64)
        let problem = onlyProblem("tables:\n  \(long):\n    columns: {id: int}\n")
        XCTAssertTrue(problem?.message.contains("is 64 bytes long") == true, "\(String(describing: problem))")
        XCTAssertEqual(problem?.location.line, 2)
    }

    func testDefaultsOfTheWrongTypeAndEnumerationDefaultsOutsideTheirValues() {
        let problems = problems("""
            tables:
              a:
                columns:
                  id: {type: int, default: 1.5}
                  at: {type: timestamp, default: yesterday}
                  on: {type: bool, default: maybe}
                  kind: {type: enum, values: [small, large], default: medium}
                  doc: {type: json, default: "{"}
            """)
        XCTAssertEqual(problems.map(\.location.line), [4, 5, 6, 7, 8], "\(problems)")
        XCTAssertTrue(problems[0].message.contains("is not a whole number"), problems[0].description)
        XCTAssertTrue(problems[1].fix.contains("write now"), problems[1].description)
        XCTAssertTrue(problems[3].message.contains("defaults to medium, which is not one of its values small, large"), problems[3].description)
        XCTAssertTrue(problems[4].message.contains("not a JSON document"), problems[4].description)
    }

    func testGeneratedColumnsThatReadUnknownOrGeneratedColumns() {
        let problems = problems("""
            tables:
              a:
                columns:
                  x: double
                  y: {type: double, generated: "x * 2"}
                  z: {type: double, generated: "y + w"}
            """)
        XCTAssertEqual(problems.count, 2, "\(problems)")
        XCTAssertTrue(problems.contains { $0.message.contains("generated from unknown column w") })
        XCTAssertTrue(problems.contains { $0.message.contains("generated from y, which is generated too") })
    }

    func testChecksNoValueCanSatisfy() {
        let problems = problems("""
            tables:
              a:
                columns:
                  x: {type: int, check: "x > 5 AND x < 3"}
                  y: {type: int, check: "y BETWEEN 10 AND 1"}
                  z: {type: int, check: "z = 1 AND z >= 1 OR z > 7"}
                checks:
                  - {name: a_window, check: "x >= 2 AND 4 < x AND x <= 4"}
            """)
        XCTAssertEqual(problems.map(\.location.line), [4, 5, 8], "\(problems)")
        XCTAssertTrue(problems[0].message.contains("no value of x satisfies check a_x_check (`x > 5 AND x < 3`)"), problems[0].description)
    }

    func testIndexesAndChecksOverUnknownColumns() {
        let problems = problems("""
            tables:
              a:
                columns: {id: int, name: text}
                indexes:
                  - {columns: [nme]}
                  - {columns: [name], where: "nam IS NOT NULL"}
                unique:
                  - {columns: [id, idd]}
            """)
        XCTAssertEqual(problems.count, 3, "\(problems)")
        XCTAssertTrue(problems[0].message.contains("unknown column nme") && problems[0].fix == "did you mean name?", problems[0].description)
    }

    func testUnknownSRIDs() {
        let problem = onlyProblem("""
            tables:
              a:
                columns:
                  id: int
                  g: {type: geometry, shape: point, srid: 4327}
            """)
        XCTAssertEqual(problem?.location.line, 5)
        XCTAssertTrue(problem?.message.contains("SRID 4327") == true, "\(String(describing: problem))")
    }

    func testForeignKeyCyclesAndMisplacedOptions() {
        let problems = problems("""
            tables:
              a:
                columns: {id: int, b_id: int}
                primary_key: [id]
                foreign_keys: [{columns: [b_id], references: b}]
              b:
                columns: {id: int, a_id: int, at: {type: text, on_update: now}}
                primary_key: [id]
                foreign_keys: [{columns: [a_id], references: a, on_delete: set null}]
            """)
        XCTAssertEqual(problems.count, 3, "\(problems)")
        XCTAssertTrue(problems.contains { $0.message.contains("a_id to NULL, but a_id is not nullable") })
        let identity = self.problems("tables:\n  c:\n    columns: {id: int, n: {type: int, identity: true}}\n    primary_key: [id]\n")
        XCTAssertEqual(identity.map(\.location.line), [3], "\(identity)")
        XCTAssertTrue(identity.first?.message.contains("c.n numbers itself but is not an int column that is the whole primary key") == true, "\(identity)")
        XCTAssertTrue(problems.contains { $0.message.contains("form a cycle") })
        XCTAssertTrue(problems.contains { $0.message.contains("kept at the time of the last update but is text") })
    }

    func testEveryProblemPrintsFileLineColumnAndWhatToDo() {
        let problem = onlyProblem("tables:\n  a:\n    columns: {id: {type: int, default: x}}\n")
        XCTAssertEqual(problem?.description, "test.yaml:3:40: column a.id is int and its default 'x' is not a whole number; write a whole number such as 0")
    }

    private func problems(_ yaml: String) -> [SchemaProblem] {
        do {
            try Schema.load(yaml: yaml, file: "test.yaml").validate()
            XCTFail("expected problems")
            return []
        } catch {
            return error.problems
        }
    }

    private func onlyProblem(_ yaml: String, file: StaticString = #filePath, line: UInt = #line) -> SchemaProblem? {
        let found = problems(yaml)
        XCTAssertEqual(found.count, 1, "\(found)", file: file, line: line)
        return found.first
    }
}

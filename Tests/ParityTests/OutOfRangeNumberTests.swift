import Foundation
import Meridian
import MeridianTesting
import XCTest

/// Fixture numbers beyond a double's range. `Double("1e400")` is infinity and a 400-digit
/// integer is too, which both backends would store without a word; `1e-400` would be stored as
/// 0. Fixtures refuse them, naming the file, row and column, and load nothing.
final class OutOfRangeNumberTests: ParityTestCase {
    private func rows(_ json: String) throws -> [JSONObject] {
        guard case .array(let items) = try JSON(parsing: json) else {
            XCTFail("not a JSON array: \(json)")
            return []
        }
        return items.compactMap { if case .object(let row) = $0 { row } else { nil } }
    }

    func testADoubleBeyondItsRangeIsRefusedNamingFileRowAndColumn() {
        parity { db, backend in
            try db.create(Fixtures.stations)
            for literal in ["1e400", "-" + String(repeating: "9", count: 400), "1e-400"] {
                let file = FixtureFile(path: "stations.json", table: "stations", rows: try rows(
                    #"[{"id": 1, "code": "KEV", "kind": "solar", "elevation_m": 12.5}, {"id": 2, "code": "ABK", "kind": "solar", "elevation_m": \#(literal)}]"#))
                XCTAssertThrowsError(try FixtureLoader(db).load([file])) { error in
                    let text = "\(error)"
                    XCTAssertTrue(text.hasPrefix("stations.json: row 2, column elevation_m: "), "\(backend): \(text)")
                    XCTAssertTrue(text.contains("out of range for a double precision number"), "\(backend): \(text)")
                    XCTAssertLessThan(text.count, 200, "\(backend): a long number is shortened: \(text)")
                }
                XCTAssertEqual(try Fixtures.count(db, "stations"), 0, "\(backend) \(literal): nothing is loaded")
            }
            let fine = FixtureFile(path: "stations.json", table: "stations", rows: try rows(
                #"[{"id": 1, "code": "KEV", "kind": "solar", "elevation_m": 1.7976931348623157e308}, {"id": 2, "code": "ABK", "kind": "solar", "elevation_m": 5e-324}]"#))
            XCTAssertEqual(try FixtureLoader(db).load([fine]).first?.inserted, 2, "\(backend): the extremes of the range load")
            XCTAssertEqual(try db.fetchValue(Double.self, "SELECT elevation_m FROM stations WHERE id = 1"), .greatestFiniteMagnitude)
        }
    }

    func testAGeoJSONCoordinateBeyondADoubleIsRefused() {
        parity { db, backend in
            try db.create(Fixtures.shapes(.point))
            let file = FixtureFile(path: "shapes.json", table: "shapes", rows: try rows(
                #"[{"id": 1, "g": {"type": "Point", "coordinates": [1e400, 10]}}]"#))
            XCTAssertThrowsError(try FixtureLoader(db).load([file])) { error in
                XCTAssertTrue("\(error)".hasPrefix("shapes.json: row 1, column g: "), "\(backend): \(error)")
                XCTAssertTrue("\(error)".contains("out of range"), "\(backend): \(error)")
            }
            XCTAssertEqual(try Fixtures.count(db, "shapes"), 0)
        }
    }
}

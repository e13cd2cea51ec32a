import Foundation
import Meridian
import MeridianTesting
import XCTest

/// A fixture geometry of the wrong type for its column is refused before the insert, naming
/// the file, row and column, in the same words on both backends (SpatiaLite's triggers and
/// PostGIS would each refuse it in their own, without the column).
final class FixtureGeometryTests: ParityTestCase {
    func testAGeometryOfAnotherTypeNamesItsColumn() {
        parity { db, backend in
            try db.create(Fixtures.shapes(.point))
            guard case .object(let row) = try JSON(parsing: #"{"id": 1, "g": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}}"#) else {
                return XCTFail("not an object")
            }
            XCTAssertThrowsError(try FixtureLoader(db).load([FixtureFile(path: "shapes.json", table: "shapes", rows: [row])])) { error in
                XCTAssertEqual(
                    error as? FixtureError,
                    .badValue(path: "shapes.json", row: 0, column: "g", reason: "a Polygon, but the column holds Point geometries"),
                    "\(backend): \(error)")
            }
            XCTAssertEqual(try Fixtures.count(db, "shapes"), 0)
        }
    }
}

import Foundation
import Meridian
import MeridianTesting
import XCTest

/// A key given twice in one fixture file is refused, naming both rows, and nothing loads.
final class FixtureDuplicateKeyTests: ParityTestCase {
    private func rows(_ json: String) throws -> [JSONObject] {
        guard case .array(let items) = try JSON(parsing: json) else {
            XCTFail("not a JSON array: \(json)")
            return []
        }
        return items.compactMap { if case .object(let row) = $0 { row } else { nil } }
    }

    /// Two rows of one file with the same key: `ON CONFLICT DO NOTHING` would skip the second
    /// without a word (the bad-input corpus, fixture-duplicate-key-in-file).
    func testAKeyTwiceInOneFileIsRefusedNamingBothRows() {
        parity { db, backend in
            try db.create(Fixtures.stations)
            let file = FixtureFile(path: "stations.json", table: "stations", rows: try rows(
                #"[{"id": 1, "code": "KEV", "kind": "solar"}, {"id": 2, "code": "ABK", "kind": "solar"}, {"id": 1, "code": "SOD", "kind": "solar"}]"#))
            XCTAssertThrowsError(try FixtureLoader(db).load([file])) { error in
                XCTAssertEqual("\(error)", "stations.json: row 3, column id: row 1 has the same key (1): give each row a key of its own", backend.description)
            }
            XCTAssertEqual(try Fixtures.count(db, "stations"), 0, "\(backend): nothing is loaded")
        }
    }

}

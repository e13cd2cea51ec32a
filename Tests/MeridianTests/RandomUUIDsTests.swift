import Foundation
import XCTest
@testable import Meridian

/// Ids drawn in bulk are version 4 UUIDs in canonical form, and distinct.
final class RandomUUIDsTests: XCTestCase {
    func testBulkIdsAreDistinctVersion4UUIDs() {
        let ids = RandomUUIDs.make(10_000)
        XCTAssertEqual(Set(ids).count, 10_000)
        for id in ids.prefix(100) {
            let text = id.uuidString.lowercased()
            XCTAssertEqual(Array(text)[14], "4", text)
            XCTAssertTrue("89ab".contains(Array(text)[19]), text)
        }
        XCTAssertEqual(RandomUUIDs.make(0), [])
    }
}

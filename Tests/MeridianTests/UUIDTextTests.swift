import Foundation
import Meridian
import XCTest

/// The UUID parser the drivers use for text columns agrees with Foundation's.
final class UUIDTextTests: XCTestCase {
    private func parse(_ text: String) -> UUID? {
        Array(text.utf8).withUnsafeBufferPointer { UUID(hyphenatedHex: $0) }
    }

    func testAgreesWithFoundationOnRandomUUIDsInBothCases() {
        for _ in 0..<1_000 {
            let id = UUID()
            XCTAssertEqual(parse(id.uuidString), id)
            XCTAssertEqual(parse(id.uuidString.lowercased()), id)
            XCTAssertEqual(UUID(text: id.uuidString.lowercased()), id)
        }
        XCTAssertEqual(parse("00000000-0000-0000-0000-000000000000"), UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)))
        XCTAssertEqual(parse("FFFFFFFF-ffff-FFFF-ffff-FFFFFFFFFFFF"), UUID(uuidString: "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF"))
    }

    func testRefusesWhatIsNotTheHyphenatedForm() {
        for text in ["", "e621e1f8c36c495a93fc0c247a3e6e5f", "e621e1f8-c36c-495a-93fc-0c247a3e6e5", "e621e1f8-c36c-495a-93fc-0c247a3e6e5f0",
                     "e621e1f8-c36c-495a-93fc_0c247a3e6e5f", "g621e1f8-c36c-495a-93fc-0c247a3e6e5f", "e621e1f8-c36c-495a-93fc-0c247a3e6e5 ",
                     "{621e1f8-c36c-495a-93fc-0c247a3e6e5f"] {
            XCTAssertNil(parse(text), text)
            XCTAssertEqual(UUID(text: text), UUID(uuidString: text), text)
        }
    }
}

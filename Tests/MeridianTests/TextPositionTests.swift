import XCTest
@testable import Meridian

/// `TextPosition`: 1-based lines and columns of a UTF-8 offset, columns in characters.
final class TextPositionTests: XCTestCase {
    func testFirstCharacterIsLineOneColumnOne() {
        XCTAssertEqual(TextPosition(utf8Offset: 0, in: "SELECT".utf8), TextPosition(line: 1, column: 1))
    }

    func testNewlinesStartALineAndColumnsCountFromOne() {
        let text = "SELECT 1;\nDELETE"
        XCTAssertEqual(TextPosition(utf8Offset: 9, in: text.utf8), TextPosition(line: 1, column: 10), "the newline itself")
        XCTAssertEqual(TextPosition(utf8Offset: 13, in: text.utf8), TextPosition(line: 2, column: 4))
        XCTAssertEqual(TextPosition(utf8Offset: 13, in: text.utf8).description, "line 2, column 4")
    }

    /// `é` is two bytes and `🌍` four, yet each is one column, as an editor shows them.
    func testColumnsCountCharactersNotBytes() {
        let text = "-- café 🌍\nx"
        let bytes = Array(text.utf8)
        XCTAssertEqual(TextPosition(utf8Offset: bytes.firstIndex(of: 0x0A)!, in: bytes), TextPosition(line: 1, column: 10))
    }

    /// The first byte that is not UTF-8, whatever the kind of fault; valid text has none.
    func testFirstInvalidUTF8() {
        XCTAssertNil(TextPosition.firstInvalidUTF8(in: Array("-- café 🌍\nx".utf8)))
        let prefix = Array("é\nSELECT '".utf8)
        for fault: [UInt8] in [[0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xE2, 0x82]] {
            XCTAssertEqual(TextPosition.firstInvalidUTF8(in: prefix + fault + Array("';".utf8)), TextPosition(line: 2, column: 9), "\(fault)")
        }
    }

    /// PostgreSQL's positions count characters: `é` is one, and `\r\n` is two (a Swift
    /// `Character` would count it as one and miss the line end).
    func testScalarOffsets() {
        let text = "SELECT 'é',\r\n  nope"
        XCTAssertEqual(TextPosition(scalarOffset: 9, in: text), TextPosition(line: 1, column: 10))
        XCTAssertEqual(TextPosition(scalarOffset: 15, in: text), TextPosition(line: 2, column: 3))
        XCTAssertEqual(TextPosition(scalarOffset: 99, in: text), TextPosition(line: 2, column: 7), "past the end: the end")
    }

    func testFirstNUL() {
        XCTAssertNil(TextPosition.firstNUL(in: "DELETE FROM t WHERE id = 2"))
        XCTAssertEqual(TextPosition.firstNUL(in: "DELETE FROM t\0 WHERE id = 2"), TextPosition(line: 1, column: 14))
        XCTAssertEqual(TextPosition.firstNUL(in: "SELECT 'é';\r\nDELETE\0\0"), TextPosition(line: 2, column: 7))
        XCTAssertEqual(TextPosition.firstNUL(in: "\0"), TextPosition(line: 1, column: 1))
    }

    /// A NUL followed by a combining mark is one `Character`; it is still found.
    func testNULInsideAGraphemeClusterIsFound() {
        XCTAssertEqual(TextPosition.firstNUL(in: "ab\0\u{301}c"), TextPosition(line: 1, column: 3))
    }
}

import XCTest
@testable import Meridian

/// `SQLText.refuseNUL`: the check both drivers make before SQL reaches C, which would stop
/// reading at the NUL; `SQLText.excerpt`: statements as messages and telemetry show them.
final class SQLTextTests: XCTestCase {
    func testTextWithoutNULPasses() throws {
        try SQLText.refuseNUL(in: "DELETE FROM t WHERE id = 2")
        try SQLText.refuseNUL(in: "")
    }

    func testNULIsASyntaxErrorNamingLineAndColumnAndThatNothingRan() {
        XCTAssertThrowsError(try SQLText.refuseNUL(in: "-- tidy\nDELETE FROM t\0 WHERE id = 2")) { error in
            let error = error as? DatabaseError
            XCTAssertEqual(error?.kind, .syntax)
            XCTAssertEqual(
                error?.reason,
                "the SQL holds a NUL byte (U+0000) at line 2, column 14, where the engine would stop reading it; "
                    + "nothing ran: remove the NUL (bind text as a value, never splice it in)")
            XCTAssertEqual(error?.sql, #"-- tidy\#nDELETE FROM t\0 WHERE id = 2"#, "the NUL is shown as \\0")
            XCTAssertFalse(error?.description.unicodeScalars.contains("\0") ?? true, "no raw NUL reaches a terminal or a log")
        }
    }

    func testExcerptHidesPasswordLiterals() {
        XCTAssertEqual(SQLText.excerpt("ALTER ROLE app PASSWORD 'hunter2'"), "ALTER ROLE app PASSWORD '***'")
        XCTAssertEqual(
            SQLText.excerpt("create role app login encrypted password 'it''s secret' valid until 'infinity'"),
            "create role app login encrypted password '***' valid until 'infinity'")
        XCTAssertEqual(SQLText.excerpt("SELECT password FROM users WHERE id = 1"), "SELECT password FROM users WHERE id = 1")
    }

    func testExcerptCutsLongStatementsAndCountsTheRest() {
        let long = "INSERT INTO t VALUES " + String(repeating: "(1),", count: 500)
        let shown = SQLText.excerpt(long, limit: 100)
        XCTAssertTrue(shown.hasPrefix(String(long.prefix(100)) + "… ("), shown)
        XCTAssertTrue(shown.hasSuffix("(\(long.count - 100) more characters)"), shown)
    }

    func testExcerptEscapesControlCharactersButKeepsLines() {
        XCTAssertEqual(SQLText.excerpt("SELECT '\u{1B}[2J'\n\tFROM t"), "SELECT '\\u{1B}[2J'\n\tFROM t")
    }

    func testEscapingControlCharacters() {
        XCTAssertEqual("plain é ☃".escapingControlCharacters(), "plain é ☃")
        XCTAssertEqual("a\nb\tc\r\0".escapingControlCharacters(), #"a\nb\tc\r\0"#)
        XCTAssertEqual("\u{1B}]0;title\u{07}".escapingControlCharacters(), #"\u{1B}]0;title\u{7}"#)
        XCTAssertEqual("\u{9B}31m \u{7F} abc\u{202E}cba".escapingControlCharacters(), #"\u{9B}31m \u{7F} abc\u{202E}cba"#)
        XCTAssertEqual("a\r\nb".escapingControlCharacters(keepingLayout: true), "a\r\nb")
    }
}

import XCTest
@testable import Meridian

/// `SQLText.refuseNUL`: the check both drivers make before SQL reaches C, which would stop
/// reading at the NUL.
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
}

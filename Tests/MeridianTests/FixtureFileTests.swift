import Foundation
import XCTest
@testable import Meridian

/// `FixtureFile.parse`: what cannot be read is refused naming the file, line and column.
final class FixtureFileTests: XCTestCase {
    private var folder = ""

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("meridian-fixtures-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try FileManager.default.removeItem(atPath: folder)
    }

    /// The error reading a file holding `text`.
    private func refusal(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> (path: String, error: FixtureError?) {
        let path = folder + "/stations.json"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        do {
            let parsed = try FixtureFile.parse(path)
            XCTFail("accepted: \(parsed)", file: file, line: line)
            return (path, nil)
        } catch {
            return (path, error)
        }
    }

    func testReadsTableAndRows() throws {
        let path = folder + "/stations.json"
        try Data(#"{"table": "stations", "rows": [{"id": 1, "code": "KEV"}]}"#.utf8).write(to: URL(fileURLWithPath: path))
        let file = try FixtureFile.parse(path)
        XCTAssertEqual(file.table, "stations")
        XCTAssertEqual(file.rows, [["id": 1, "code": "KEV"]])
    }

    /// A raw NUL byte, in a string or between tokens, is named as such.
    func testRawNULIsRefusedNamingLineAndColumn() throws {
        for text in ["{\"table\": \"stations\",\n \"rows\": [{\"code\": \"K\0EV\"}]}", "{\"table\": \"stations\",\n \"rows\": [{\"code\":\0 1}]}"] {
            let (path, error) = try refusal(text)
            let column = text.contains("K\0") ? 22 : 19
            XCTAssertEqual(
                error,
                .unreadable(path: path, reason: "line 2, column \(column) holds a NUL byte (U+0000), which neither database can store: remove it"))
        }
    }

    /// `\u0000` in a string is a NUL too; PostgreSQL text and jsonb refuse it, so the parser does
    /// (its position is just after the escape).
    func testEscapedNULIsRefusedNamingLineAndColumn() throws {
        let (path, error) = try refusal("{\"table\": \"stations\",\n  \"rows\": [\n    {\"id\": 1, \"code\": \"K\\u0000EV\"}]}")
        XCTAssertEqual(error, .unreadable(path: path, reason: "invalid JSON at line 3, column 31: \\u0000 cannot be stored: PostgreSQL text and jsonb reject NUL"))
        XCTAssertTrue(error?.description.hasPrefix(path + ": invalid JSON at line 3") ?? false, "\(String(describing: error))")
    }

    func testOtherInvalidJSONNamesLineAndColumn() throws {
        let (path, error) = try refusal("{\"table\": \"stations\",\n  \"rows\": [1,]}")
        guard case .unreadable(path, let reason)? = error else { return XCTFail("\(String(describing: error))") }
        XCTAssertTrue(reason.hasPrefix("invalid JSON at line 2, column "), reason)
    }

    /// A row naming a column twice is a mistake, not "the last one wins" (the bad-input corpus,
    /// fixture-duplicate-json-key); so is a byte that is not UTF-8, named at its place.
    func testAKeyTwiceInOneObjectAndBytesThatAreNotUTF8AreRefusedAtTheirPlace() throws {
        let (path, error) = try refusal("{\"table\": \"stations\",\n  \"rows\": [{\"id\": 1, \"id\": 2}]}")
        XCTAssertEqual(error, .unreadable(path: path, reason: "invalid JSON at line 2, column 22: the key \"id\" appears twice in one object"))
        try Data([0x7B, 0x0A, 0x22, 0xFF, 0x22]).write(to: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try FixtureFile.parse(path)) { error in
            XCTAssertEqual(error as? FixtureError, .unreadable(path: path, reason: "line 2, column 2 holds a byte that is not UTF-8: save the file as UTF-8"))
        }
    }
}

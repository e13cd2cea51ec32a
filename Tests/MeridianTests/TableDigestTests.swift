import Foundation
import XCTest

@testable import Meridian

/// The order-independent table digest and the canonical encoding it hashes.
final class TableDigestTests: XCTestCase {
    private func digest(_ rows: [[DatabaseValue]]) throws -> TableDigest {
        var digest = TableDigest()
        var hasher = RowHasher()
        for row in rows {
            try Self.streamed(row) { try hasher.add($0, to: &digest) }
        }
        return digest
    }

    /// Lends `row` as streamed values, as a reader does.
    private static func streamed(_ row: [DatabaseValue], _ body: ([StreamedValue]) throws -> Void) throws {
        func lend(_ index: Int, _ lent: [StreamedValue]) throws {
            guard index < row.count else { return try body(lent) }
            try row[index].withStreamedValue { try lend(index + 1, lent + [$0]) }
        }
        try lend(0, [])
    }

    private let rows: [[DatabaseValue]] = [
        [.int(1), .text("KEV"), .double(69.75), .json(["b": 1, "a": [1, 2]]), .geometry(.point(x: 24.1, y: 69.7))],
        [.int(2), .text("ABC"), .null, .json(nil), .null],
        [.int(3), .text(""), .double(-1e-300), .json("x"), .geometry(.lineString([Position(x: 0, y: 0), Position(x: 1, y: 1)], srid: 3857))],
    ]

    func testXXHash64MatchesThePublishedValues() {
        func hash(_ text: String, seed: UInt64 = 0) -> UInt64 { Array(text.utf8).withUnsafeBytes { XXHash64.hash($0, seed: seed) } }
        XCTAssertEqual(hash(""), 0xEF46_DB37_51D8_E999)
        XCTAssertEqual(hash("a"), 0xD24E_C4F1_A98C_6E5B)
        XCTAssertEqual(hash("abc"), 0x44BC_2CF5_AD77_0999)
        XCTAssertEqual(hash("0123456789abcdef0123456789abcdefXYZ"), 0x654F_6A2B_39E4_D8C1)
        XCTAssertEqual(hash("abc", seed: 0x9E37_79B9_7F4A_7C15), 0x2ED0_F59D_6B43_AC8B)
        XCTAssertEqual([UInt8](0..<100).withUnsafeBytes { XXHash64.hash($0, seed: 0) }, 0x6AC1_E580_3216_6597)
    }

    func testOrderDoesNotMatter() throws {
        XCTAssertEqual(try digest(rows), try digest(rows.reversed()))
        XCTAssertEqual(try digest(rows).rows, 3)
    }

    func testAnyChangeChangesTheDigest() throws {
        let original = try digest(rows)
        var changed = rows
        changed[0][2] = .double(69.75000000000001)
        XCTAssertNotEqual(try digest(changed), original, "a double one bit off")
        XCTAssertNotEqual(try digest(rows + [rows[1]]), original, "a duplicated row")
        XCTAssertNotEqual(try digest(Array(rows.dropLast())), original, "a lost row")
        XCTAssertNotEqual(try digest(rows + [rows[1], rows[1]]), try digest(rows), "two copies of a row do not cancel")
        changed = rows
        changed[1][1] = .text("ABD")
        XCTAssertNotEqual(try digest(changed), original)
        changed = rows
        changed[2][4] = .geometry(.lineString([Position(x: 0, y: 0), Position(x: 1, y: 1)], srid: 4326))
        XCTAssertNotEqual(try digest(changed), original, "the SRID counts")
    }

    /// Values that are equal under the value contract digest equally however they are spelled.
    func testEqualValuesDigestEqually() throws {
        var hasher = RowHasher()
        func hash(_ values: [StreamedValue]) throws -> (UInt64, UInt64) { try hasher.hash(values) }
        let sqliteText = Array(#"{"a":[1,2.50],"b":{"y":true,"x":null}}"#.utf8)
        let jsonbText = Array(#"{"a": [1, 2.50], "b": {"x": null, "y": true}}"#.utf8)
        let fromSQLite = try sqliteText.withUnsafeBytes { try hash([.json($0)]) }
        let fromPostgres = try jsonbText.withUnsafeBytes { try hash([.json($0)]) }
        XCTAssertTrue(fromSQLite == fromPostgres)
        XCTAssertTrue(try hash([.double(-0.0)]) == hash([.double(0.0)]), "-0.0 is stored as 0.0")
        XCTAssertFalse(try hash([.int(1)]) == hash([.double(1)]), "an int is not a double")
        XCTAssertFalse(try hash([.text(UnsafeRawBufferPointer(start: nil, count: 0))]) == hash([.null]), "empty text is not NULL")
    }

    func testInvalidJSONIsAnError() {
        var hasher = RowHasher()
        XCTAssertThrowsError(try Array("{oops".utf8).withUnsafeBytes { try hasher.hash([.json($0)]) }) { error in
            XCTAssertEqual((error as? DatabaseError)?.kind, .invalidValue)
        }
    }

    func testDigestRoundTripsThroughJSON() throws {
        let original = try digest(rows)
        let data = try JSONEncoder().encode(original)
        XCTAssertEqual(try JSONDecoder().decode(TableDigest.self, from: data), original)
        XCTAssertEqual(original.hex.count, 32)
        XCTAssertTrue(String(decoding: data, as: UTF8.self).contains(original.hex))
    }
}

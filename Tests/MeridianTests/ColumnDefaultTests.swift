import Foundation
import Meridian
import XCTest

/// The shared form of column defaults, without a database: numbers, expressions, messages, JSON.
final class ColumnDefaultTests: XCTestCase {
    func testNumbersHaveOneSpelling() {
        let cases: [(String, String?)] = [
            ("1", "1"), ("1.0", "1"), ("001.2300", "1.23"), ("-0.50", "-0.5"), ("+3", "3"), ("100", "100"), ("1200.00", "1200"),
            ("1e3", "1000"), ("1.5E-2", "0.015"), ("-1.5e2", "-150"), (".5", "0.5"), ("5.", "5"), ("0.0", "0"), ("-0", "0"),
            (" 7 ", "7"), ("12345678901234567890123", "12345678901234567890123"),
            ("", nil), (".", nil), ("-", nil), ("1e", nil), ("1.2.3", nil), ("0x1F", nil), ("1e401", nil), ("one", nil), ("1 2", nil),
        ]
        for (literal, expected) in cases {
            XCTAssertEqual(ColumnDefault.canonicalNumber(literal), expected, literal)
        }
        XCTAssertEqual(ColumnDefault.numeric("1.0"), ColumnDefault.numeric("1"))
        XCTAssertNil(ColumnDefault.numeric("true"))
    }

    func testEnclosingParenthesesAreDropped() {
        XCTAssertEqual(ColumnDefault.unwrapped(" ((now())) "), "now()")
        XCTAssertEqual(ColumnDefault.unwrapped("(a) + (b)"), "(a) + (b)")
        XCTAssertEqual(ColumnDefault.unwrapped("(')(')"), "')('")
        XCTAssertEqual(ColumnDefault.unwrapped("(unclosed"), "(unclosed")
    }

    func testUnknownExpressionsCompareAfterTrivialNormalisation() {
        XCTAssertEqual(ColumnDefault.normalizedExpression("( Lower( HEX(randomblob(16)) ) )"), "lower(hex(randomblob(16)))")
        XCTAssertEqual(ColumnDefault.normalizedExpression("abs( -2 ,\n 3)"), "abs(-2,3)")
        XCTAssertEqual(ColumnDefault.normalizedExpression("x  IS NOT NULL OR 'A  B' ||  Upper(\"Col\")"), "x is not null or 'A  B'||upper(\"Col\")")
        XCTAssertEqual(ColumnDefault.expression(normalizing: "(X + 1)"), ColumnDefault.expression(normalizing: "x+ 1"))
        XCTAssertNotEqual(ColumnDefault.expression(normalizing: "'A'"), ColumnDefault.expression(normalizing: "'a'"))
    }

    func testMessagesShowDefaultsAsSQL() {
        let cases: [(ColumnDefault, String)] = [
            (.bool(false), "false"), (.number("-1.5"), "-1.5"), (.text("it's"), "'it''s'"), (.currentTimestamp, "CURRENT_TIMESTAMP"),
            (.currentDate, "CURRENT_DATE"), (.randomUUID, "gen_random_uuid()"), (.expression("abs(-2)"), "abs(-2)"),
        ]
        for (value, text) in cases { XCTAssertEqual(value.description, text) }
    }

    func testDefaultsRoundTripThroughJSON() throws {
        let values: [ColumnDefault] = [.bool(true), .number("1.5"), .text(""), .currentTimestamp, .currentDate, .randomUUID, .expression("x")]
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let data = try encoder.encode(values)
        XCTAssertEqual(try JSONDecoder().decode([ColumnDefault].self, from: data), values)
        XCTAssertEqual(
            String(decoding: data, as: UTF8.self),
            #"[{"bool":true},{"number":"1.5"},{"text":""},{"function":"currentTimestamp"},{"function":"currentDate"},{"function":"randomUUID"},{"expression":"x"}]"#)
    }
}

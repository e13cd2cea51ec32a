import Meridian
import XCTest

@testable import MeridianSQLite

/// How the SQLite inspector reads `dflt_value` into the shared form, without a database: as the
/// column stores the value, with its affinity and the contract's 0 and 1 for booleans.
final class SQLiteInspectorDefaultsTests: XCTestCase {
    private func read(_ text: String?, _ declared: String, _ nearest: LogicalType?) -> ColumnDefault? {
        SQLiteInspector.columnDefault(text, declared: declared, nearest: nearest)
    }

    func testLiteralsAreReadAsTheColumnStoresThem() {
        let cases: [(String?, String, LogicalType?, ColumnDefault?)] = [
            ("0", "BOOLEAN", .bool, .bool(false)), ("1", "BOOLEAN", .bool, .bool(true)), ("TRUE", "BOOLEAN", .bool, .bool(true)),
            ("'1'", "BOOLEAN", .bool, .bool(true)), ("'f'", "BOOLEAN", .bool, .text("f")),
            ("'5'", "INTEGER", .int, .number("5")), ("1.0", "INTEGER", .int, .number("1")), ("-1", "INTEGER", .int, .number("-1")),
            ("(-1)", "BIGINT", .int, .number("-1")), ("+2.50", "REAL", .double, .number("2.5")), ("'abc'", "INTEGER", .int, .text("abc")),
            ("0", "TEXT", .text, .text("0")), ("'x'", "TEXT", .text, .text("x")), ("'it''s'", "VARCHAR(9)", .text, .text("it's")),
            ("'{}'", "JSON TEXT", .json, .text("{}")), ("X'00'", "BLOB", .bytes, .expression("x'00'")),
            (nil, "TEXT", .text, nil), ("NULL", "TEXT", .text, nil), ("(null)", "INTEGER", .int, nil),
        ]
        for (text, declared, nearest, expected) in cases {
            XCTAssertEqual(read(text, declared, nearest), expected, "\(text ?? "nil") in \(declared)")
        }
    }

    func testClockAndUUIDFunctions() {
        let cases: [(String, ColumnDefault)] = [
            ("CURRENT_TIMESTAMP", .currentTimestamp), ("current_timestamp", .currentTimestamp), ("(datetime('now'))", .currentTimestamp),
            ("(DATETIME('NOW'))", .currentTimestamp), ("(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))", .currentTimestamp),
            ("(now())", .currentTimestamp), ("(meridian_now())", .currentTimestamp),
            ("CURRENT_DATE", .currentDate), ("(date('now'))", .currentDate), ("(strftime('%Y-%m-%d', 'now'))", .currentDate),
            ("(gen_random_uuid())", .randomUUID),
            ("(datetime('now', '+1 day'))", .expression("datetime('now','+1 day')")),
            ("(strftime('%s', 'now'))", .expression("strftime('%s','now')")),
            ("( lower(hex(randomblob(16))) )", .expression("lower(hex(randomblob(16)))")),
        ]
        for (text, expected) in cases {
            XCTAssertEqual(read(text, "TIMESTAMP TEXT", .timestamp), expected, text)
        }
    }

    /// The default a warning names with the contract's CHECK, when the column's own would fail it.
    func testDefaultsTheContractCheckWouldRefuseGetAReplacement() {
        let cases: [(String?, String, LogicalType, String?)] = [
            ("CURRENT_TIMESTAMP", "DATETIME", .timestamp, "(now())"), ("(datetime('now'))", "TIMESTAMP", .timestamp, "(now())"),
            ("(now())", "TIMESTAMP TEXT", .timestamp, nil), ("(meridian_now())", "TIMESTAMP TEXT", .timestamp, nil),
            (nil, "TIMESTAMP", .timestamp, nil), ("'f'", "BOOLEAN", .bool, "0"), ("'TRUE'", "BOOLEAN", .bool, "1"),
            ("0", "BOOLEAN", .bool, nil), ("'maybe'", "BOOLEAN", .bool, nil), ("'{}'", "JSON", .json, nil),
        ]
        for (text, declared, type, expected) in cases {
            XCTAssertEqual(SQLiteInspector.contractDefault(text, declared: declared, type: type), expected, "\(text ?? "nil") in \(declared)")
        }
    }
}

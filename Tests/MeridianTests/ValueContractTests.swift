import Foundation
import XCTest
@testable import Meridian

/// `ValueContract.checked`: what every bound value passes before either driver sends it, and
/// `DatabaseValueConvertible`: typed reads that accept each backend's storage form.
final class ValueContractTests: XCTestCase {
    private func assertRejected(
        _ value: DatabaseValue, parameter: Int = 1, mentioning needle: String,
        file: StaticString = #filePath, line: UInt = #line
    ) {
        do {
            let stored = try ValueContract.checked(value, parameter: parameter)
            XCTFail("\(value) should be rejected, got \(stored)", file: file, line: line)
        } catch {
            XCTAssertEqual(error.kind, .invalidValue, file: file, line: line)
            XCTAssertTrue(error.reason.hasPrefix("parameter $\(parameter) "), error.reason, file: file, line: line)
            XCTAssertTrue(error.reason.contains(needle), error.reason, file: file, line: line)
        }
    }

    // MARK: - Rejections

    func testNaNIsRejectedNamingTheParameter() {
        assertRejected(.double(.nan), parameter: 3, mentioning: "NaN")
        assertRejected(.double(-Double.nan), parameter: 12, mentioning: "NaN")
        assertRejected(.double(Double(bitPattern: 0x7FF0_0000_0000_0001)), mentioning: "NaN")
    }

    func testNegativeZeroIsStoredAsPositiveZero() throws {
        guard case .double(let stored) = try ValueContract.checked(.double(-0.0), parameter: 1) else {
            return XCTFail("expected a double")
        }
        XCTAssertEqual(stored.bitPattern, 0, "-0.0 must become the +0.0 bit pattern")
        guard case .double(let positive) = try ValueContract.checked(.double(0.0), parameter: 1) else {
            return XCTFail("expected a double")
        }
        XCTAssertEqual(positive.bitPattern, 0)
    }

    func testTextWithNULIsRejected() {
        assertRejected(.text("a\u{0}b"), parameter: 2, mentioning: "NUL")
        assertRejected(.text("\u{0}"), mentioning: "NUL")
    }

    func testJSONWithNULInANestedKeyOrStringIsRejected() {
        assertRejected(.json(["outer": ["in\u{0}ner": 1]]), parameter: 4, mentioning: "NUL")
        assertRejected(.json(["list": [1, ["deep": ["x\u{0}"]]]]), mentioning: "NUL")
        assertRejected(.json(.string("\u{0}")), mentioning: "NUL")
        assertRejected(.json(.array([.null, .object(["\u{0}": .null])])), mentioning: "NUL")
    }

    func testTimestampsOutsideTheContractRangeAreRejected() {
        assertRejected(.timestamp(Timestamp(microsecondsSinceEpoch: Timestamp.max.microsecondsSinceEpoch + 1)), mentioning: "0001")
        assertRejected(.timestamp(Timestamp(microsecondsSinceEpoch: Timestamp.min.microsecondsSinceEpoch - 1)), mentioning: "9999")
        assertRejected(.timestamp(Timestamp(microsecondsSinceEpoch: .min)), parameter: 7, mentioning: "timestamp")
    }

    func testGeometryOutOfGeographicRangeIsRejected() {
        assertRejected(.geometry(.point(x: 10, y: 95)), parameter: 5, mentioning: "not a storable geometry")
        assertRejected(.geometry(.point(x: 181, y: 0)), mentioning: "geometry")
        assertRejected(.geometry(.point(x: .nan, y: 0)), mentioning: "geometry")
        assertRejected(.geometry(.lineString([Position(x: 0, y: 0)])), mentioning: "geometry")
    }

    func testProjectedGeometryIsNotHeldToDegrees() throws {
        let projected = DatabaseValue.geometry(.point(x: 500_000, y: 6_000_000, srid: 3857))
        XCTAssertEqual(try ValueContract.checked(projected, parameter: 1), projected)
    }

    // MARK: - Ordinary values

    func testOrdinaryValuesPassUnchanged() throws {
        let values: [DatabaseValue] = [
            .null, .int(.min), .int(.max), .double(1.5), .double(-2.25), .double(.infinity), .double(.leastNonzeroMagnitude),
            .text(""), .text("é😀 'quoted' \"x\" \n\t"), .bool(true), .bool(false),
            .uuid(UUID(uuidString: "6F9619FF-8B86-D011-B42D-00C04FC964FF")!), .timestamp(.min), .timestamp(.max),
            .timestamp(Timestamp(microsecondsSinceEpoch: 0)), .date(CalendarDate(year: 2024, month: 2, day: 29)!),
            .json(["a": [1, 2.5, true, nil, "s"]]), .json(.string("")), .bytes([]), .bytes([0, 255, 0]),
            .geometry(.point(x: -180, y: 90)), .geometry(.polygon([[.init(x: 0, y: 0), .init(x: 1, y: 0), .init(x: 1, y: 1), .init(x: 0, y: 0)]])),
        ]
        for (index, value) in values.enumerated() {
            XCTAssertEqual(try ValueContract.checked(value, parameter: index + 1), value, "\(value)")
        }
    }

    // MARK: - DatabaseValueConvertible

    private enum Status: String, DatabaseValueConvertible, Equatable {
        case queued, running, done
    }

    func testBoolReadsFromIntegerZeroAndOneOnly() {
        XCTAssertEqual(Bool.fromDatabaseValue(.int(0)), false)
        XCTAssertEqual(Bool.fromDatabaseValue(.int(1)), true)
        XCTAssertEqual(Bool.fromDatabaseValue(.bool(true)), true)
        XCTAssertNil(Bool.fromDatabaseValue(.int(2)))
        XCTAssertNil(Bool.fromDatabaseValue(.int(-1)))
        XCTAssertNil(Bool.fromDatabaseValue(.text("true")))
        XCTAssertEqual(true.databaseValue, .bool(true))
    }

    func testUUIDReadsFromText() {
        let uuid = UUID(uuidString: "6f9619ff-8b86-d011-b42d-00c04fc964ff")!
        XCTAssertEqual(UUID.fromDatabaseValue(.text("6f9619ff-8b86-d011-b42d-00c04fc964ff")), uuid)
        XCTAssertEqual(UUID.fromDatabaseValue(.text("6F9619FF-8B86-D011-B42D-00C04FC964FF")), uuid)
        XCTAssertEqual(UUID.fromDatabaseValue(.uuid(uuid)), uuid)
        XCTAssertNil(UUID.fromDatabaseValue(.text("not-a-uuid")))
        XCTAssertNil(UUID.fromDatabaseValue(.bytes([])))
    }

    func testTimestampAndDateReadFromEitherBackendsText() {
        let noon = Timestamp(year: 2024, month: 5, day: 1, hour: 12)!
        XCTAssertEqual(Timestamp.fromDatabaseValue(.text("2024-05-01T12:00:00.000000Z")), noon)
        XCTAssertEqual(Timestamp.fromDatabaseValue(.text("2024-05-01 12:00:00+00")), noon)
        XCTAssertEqual(Timestamp.fromDatabaseValue(.timestamp(noon)), noon)
        XCTAssertNil(Timestamp.fromDatabaseValue(.text("2024-05-01 12:00:00+02")))
        XCTAssertNil(Timestamp.fromDatabaseValue(.int(0)))
        XCTAssertEqual(CalendarDate.fromDatabaseValue(.text("2024-02-29")), CalendarDate(year: 2024, month: 2, day: 29))
        XCTAssertNil(CalendarDate.fromDatabaseValue(.text("2023-02-29")))
    }

    func testJSONReadsFromText() {
        XCTAssertEqual(JSON.fromDatabaseValue(.text(#"{"b": [1.50], "a": null}"#)), ["a": nil, "b": [.number(JSONNumber(literal: "1.50")!)]])
        XCTAssertNil(JSON.fromDatabaseValue(.text("{,}")))
        XCTAssertEqual(JSON.fromDatabaseValue(.json(true)), true)
    }

    func testOptionalReadsNullAsNone() {
        XCTAssertEqual(Int64?.fromDatabaseValue(.null), .some(nil))
        XCTAssertEqual(Int64?.fromDatabaseValue(.int(3)), .some(3))
        XCTAssertEqual(Int64?.fromDatabaseValue(.text("3")), nil, "a wrong type is a failed read, not NULL")
        XCTAssertEqual(Optional<String>.none.databaseValue, .null)
        XCTAssertEqual(Optional("x").databaseValue, .text("x"))
    }

    func testStringBackedEnumIsTheEnumLogicalType() {
        XCTAssertEqual(Status.running.databaseValue, .text("running"))
        XCTAssertEqual(Status.fromDatabaseValue(.text("done")), .done)
        XCTAssertNil(Status.fromDatabaseValue(.text("DONE")))
        XCTAssertNil(Status.fromDatabaseValue(.int(1)))
        XCTAssertEqual(Status?.fromDatabaseValue(.null), .some(nil))
    }

    func testIntegerAndNumericConversions() {
        XCTAssertEqual(Int.fromDatabaseValue(.int(42)), 42)
        XCTAssertNil(Int32.fromDatabaseValue(.int(Int64(Int32.max) + 1)))
        XCTAssertEqual(Double.fromDatabaseValue(.int(3)), 3.0)
        XCTAssertNil(Int64.fromDatabaseValue(.double(3)))
        XCTAssertEqual(Data.fromDatabaseValue(.bytes([1, 2])), Data([1, 2]))
        XCTAssertEqual([UInt8].fromDatabaseValue(.bytes([1, 2])), [1, 2])
    }
}

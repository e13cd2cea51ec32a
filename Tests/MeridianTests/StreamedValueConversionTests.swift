import Foundation
import XCTest

@testable import Meridian

/// What a stored value may be read as, and the reasons it may not.
final class StreamedValueConversionTests: XCTestCase {
    private func convert(_ value: DatabaseValue, to type: LogicalType?) throws -> DatabaseValue {
        try value.withStreamedValue { try $0.converted(to: type).databaseValue }
    }

    private func reason(_ value: DatabaseValue, _ type: LogicalType) -> String {
        do {
            _ = try convert(value, to: type)
            return "converted"
        } catch {
            return (error as? StreamedValue.ConversionFailure)?.reason ?? "\(error)"
        }
    }

    func testStorageFormsOfOtherToolsAreRead() throws {
        let uuid = UUID(uuidString: "6F1C8F9E-2B7A-4C1E-9F0D-3A5B7C9D1E2F")!
        XCTAssertEqual(try convert(.text("6F1C8F9E-2B7A-4C1E-9F0D-3A5B7C9D1E2F"), to: .uuid), .uuid(uuid))
        XCTAssertEqual(try convert(.text("2024-05-01T12:00:00.5Z"), to: .timestamp), .timestamp(Timestamp(year: 2024, month: 5, day: 1, hour: 12, microsecond: 500_000)!))
        XCTAssertEqual(try convert(.text("2024-05-01 12:00:00"), to: .timestamp), .timestamp(Timestamp(year: 2024, month: 5, day: 1, hour: 12)!), "no zone means UTC")
        XCTAssertEqual(try convert(.text("2024-05-01"), to: .date), .date(CalendarDate(year: 2024, month: 5, day: 1)!))
        XCTAssertEqual(try convert(.int(1), to: .bool), .bool(true))
        XCTAssertEqual(try convert(.int(3), to: .double), .double(3))
        XCTAssertEqual(try convert(.double(3), to: .int), .int(3))
        XCTAssertEqual(try convert(.text("{\"a\": 1}"), to: .json), .json(["a": 1]))
        XCTAssertEqual(try convert(.bytes(Geometry.point(x: 1, y: 2).ewkb()), to: .geometry(.point, srid: 4326)), .geometry(.point(x: 1, y: 2)))
        XCTAssertEqual(try convert(.text("as stored"), to: nil), .text("as stored"))
        XCTAssertEqual(try convert(.null, to: .uuid), .null)
    }

    func testValuesThatDoNotFitAreRefusedWithTheValue() {
        XCTAssertEqual(reason(.text("2024-13-45"), .timestamp), "holds '2024-13-45', which is not a timestamp (YYYY-MM-DDTHH:MM:SS.ffffffZ)")
        XCTAssertEqual(reason(.int(2), .bool), "holds the integer 2, which is not a boolean (0 or 1)")
        XCTAssertEqual(reason(.double(2.5), .int), "holds the number 2.5, which is not an integer")
        XCTAssertEqual(reason(.int(Int64.max), .double), "holds the integer 9223372036854775807, which is not a number")
        XCTAssertEqual(reason(.text("x"), .bytes), "holds 'x', which is not bytes")
        XCTAssertTrue(reason(.geometry(.point(x: 1, y: 2, srid: 3857)), .geometry(.point, srid: 4326)).contains("SRID 3857, but the column's SRID is 4326"))
        XCTAssertTrue(reason(.geometry(.point(x: 1, y: 95)), .geometry(.point, srid: 4326)).contains("outside the value contract"))
        XCTAssertTrue(reason(.geometry(.lineString([Position(x: 0, y: 0), Position(x: 1, y: 1)])), .geometry(.point, srid: 4326)).contains("holds a LineString, but the column holds Point geometries"))
    }
}

import Foundation
import XCTest
@testable import Meridian

/// `CalendarDate` and the proleptic Gregorian arithmetic (`CivilCalendar`) it shares with `Timestamp`.
final class CalendarDateTests: XCTestCase {
    private func date(_ y: Int, _ m: Int, _ d: Int, file: StaticString = #filePath, line: UInt = #line) -> CalendarDate {
        guard let value = CalendarDate(year: y, month: m, day: d) else {
            XCTFail("\(y)-\(m)-\(d) should be valid", file: file, line: line)
            return CalendarDate(year: 1970, month: 1, day: 1)!
        }
        return value
    }

    func testAcceptsValidDates() {
        for (y, m, d) in [(1, 1, 1), (9999, 12, 31), (1970, 1, 1), (2024, 4, 30), (2024, 1, 31), (2023, 2, 28)] {
            XCTAssertNotNil(CalendarDate(year: y, month: m, day: d), "\(y)-\(m)-\(d)")
        }
    }

    func testRejectsInvalidDates() {
        for (y, m, d) in [
            (0, 1, 1), (10_000, 1, 1), (-4, 1, 1), (2024, 0, 1), (2024, 13, 1), (2024, 1, 0), (2024, 1, 32),
            (2024, 4, 31), (2024, 6, 31), (2024, 9, 31), (2024, 11, 31), (2023, 2, 29), (2024, 2, 30),
        ] {
            XCTAssertNil(CalendarDate(year: y, month: m, day: d), "\(y)-\(m)-\(d)")
        }
    }

    func testLeapYearsFollowTheGregorianRule() {
        XCTAssertNil(CalendarDate(year: 1900, month: 2, day: 29), "1900 is divisible by 100, not by 400")
        XCTAssertNotNil(CalendarDate(year: 2000, month: 2, day: 29), "2000 is divisible by 400")
        XCTAssertNotNil(CalendarDate(year: 2024, month: 2, day: 29))
        XCTAssertNil(CalendarDate(year: 2100, month: 2, day: 29))
        XCTAssertNotNil(CalendarDate(year: 4, month: 2, day: 29))
        XCTAssertNil(CalendarDate(year: 100, month: 2, day: 29), "proleptic: no Julian leap day in year 100")
        XCTAssertNotNil(CalendarDate(year: 400, month: 2, day: 29))
    }

    func testParsesAndFormatsYYYYMMDD() {
        XCTAssertEqual(CalendarDate(iso8601: "2024-05-01"), date(2024, 5, 1))
        XCTAssertEqual(CalendarDate(iso8601: "0001-01-01"), date(1, 1, 1))
        XCTAssertEqual(CalendarDate(iso8601: "9999-12-31"), date(9999, 12, 31))
        XCTAssertEqual(date(1, 1, 1).iso8601, "0001-01-01")
        XCTAssertEqual(date(2024, 2, 29).iso8601, "2024-02-29")
        XCTAssertEqual(date(987, 6, 5).description, "0987-06-05")
    }

    func testParsingRejectsOtherShapesAndImpossibleDates() {
        for text in [
            "", "2024-5-1", "2024-05-1", "24-05-01", "2024/05/01", "2024-05-01T00:00:00", "2024-05-01 ",
            " 2024-05-01", "20240501", "2024-02-30", "2023-02-29", "1900-02-29", "0000-01-01", "2024-13-01",
            "2024-00-10", "-001-01-01", "+2024-05-01", "2024-O5-01", "10000-01-01",
        ] {
            XCTAssertNil(CalendarDate(iso8601: text), text)
        }
    }

    func testOrderingIsChronological() {
        let shuffled = [date(2024, 1, 2), date(1, 1, 1), date(2023, 12, 31), date(9999, 12, 31), date(2024, 1, 1), date(2023, 2, 1)]
        XCTAssertEqual(shuffled.sorted().map(\.iso8601), [
            "0001-01-01", "2023-02-01", "2023-12-31", "2024-01-01", "2024-01-02", "9999-12-31",
        ])
        XCTAssertLessThan(date(2024, 1, 31), date(2024, 2, 1))
        XCTAssertLessThan(date(2023, 12, 31), date(2024, 1, 1))
        XCTAssertFalse(date(2024, 1, 1) < date(2024, 1, 1))
    }

    func testTextOrderMatchesDateOrder() {
        let dates = [date(2024, 1, 2), date(1, 1, 1), date(999, 12, 31), date(1000, 1, 1), date(2024, 10, 1), date(2024, 9, 30)]
        XCTAssertEqual(dates.sorted().map(\.iso8601), dates.map(\.iso8601).sorted())
    }

    func testDaysSinceEpochOfKnownDates() {
        XCTAssertEqual(date(1970, 1, 1).daysSinceEpoch, 0)
        XCTAssertEqual(date(1970, 1, 2).daysSinceEpoch, 1)
        XCTAssertEqual(date(1969, 12, 31).daysSinceEpoch, -1)
        XCTAssertEqual(date(2000, 1, 1).daysSinceEpoch, 10957)
        XCTAssertEqual(date(2000, 3, 1).daysSinceEpoch, 11017)
        XCTAssertEqual(date(1, 1, 1).daysSinceEpoch, -719_162)
        XCTAssertEqual(date(9999, 12, 31).daysSinceEpoch, 2_932_896)
        XCTAssertEqual(date(2024, 5, 1).daysSinceEpoch, 19844)
    }

    func testDayCountsAreContinuousAcrossEveryMonthOfTheRange() {
        var previous: (days: Int64, length: Int)?
        for year in 1...9999 {
            for month in 1...12 {
                let days = CivilCalendar.days(year: year, month: month, day: 1)
                if let previous, days - previous.days != Int64(previous.length) {
                    return XCTFail("gap before \(year)-\(month): \(days - previous.days) days, expected \(previous.length)")
                }
                let civil = CivilCalendar.civil(days: days)
                if civil != (year, month, 1) {
                    return XCTFail("civil(\(days)) = \(civil), expected \(year)-\(month)-1")
                }
                previous = (days, CivilCalendar.daysInMonth(year: year, month: month))
            }
        }
        XCTAssertEqual(previous.map { $0.days + Int64($0.length) - 1 }, date(9999, 12, 31).daysSinceEpoch)
    }

    func testAgreesWithFoundationGregorianCalendarAfter1582() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        for (y, m, d) in [(1583, 1, 1), (1900, 3, 1), (1969, 7, 20), (2038, 1, 19), (2400, 2, 29), (9999, 12, 31)] {
            let components = DateComponents(year: y, month: m, day: d)
            let seconds = calendar.date(from: components)!.timeIntervalSince1970
            XCTAssertEqual(date(y, m, d).daysSinceEpoch, Int64(seconds / 86_400), "\(y)-\(m)-\(d)")
        }
    }

    func testCodableRoundTripUsesYYYYMMDD() throws {
        let values = [date(1, 1, 1), date(2024, 2, 29)]
        let data = try JSONEncoder().encode(values)
        XCTAssertEqual(String(decoding: data, as: UTF8.self), #"["0001-01-01","2024-02-29"]"#)
        XCTAssertEqual(try JSONDecoder().decode([CalendarDate].self, from: data), values)
        XCTAssertThrowsError(try JSONDecoder().decode([CalendarDate].self, from: Data(#"["2023-02-29"]"#.utf8)))
    }
}

import Foundation
import XCTest
@testable import Meridian

/// A small deterministic generator (SplitMix64), so random-input tests replay exactly.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// `Timestamp`: the fixed-width SQLite text form, PostgreSQL's UTC output, and the 0001–9999 range.
final class TimestampTests: XCTestCase {
    private func ts(_ y: Int, _ mo: Int, _ d: Int, _ h: Int = 0, _ mi: Int = 0, _ s: Int = 0, _ us: Int = 0,
                    file: StaticString = #filePath, line: UInt = #line) -> Timestamp {
        guard let t = Timestamp(year: y, month: mo, day: d, hour: h, minute: mi, second: s, microsecond: us) else {
            XCTFail("\(y)-\(mo)-\(d) \(h):\(mi):\(s).\(us) should be valid", file: file, line: line)
            return Timestamp(microsecondsSinceEpoch: 0)
        }
        return t
    }

    // MARK: - Formatting

    func testFormatsBoundsEpochAndOneMicrosecondBeforeEpochAtFixedWidth() {
        let cases: [(Timestamp, String)] = [
            (.min, "0001-01-01T00:00:00.000000Z"),
            (.max, "9999-12-31T23:59:59.999999Z"),
            (Timestamp(microsecondsSinceEpoch: 0), "1970-01-01T00:00:00.000000Z"),
            (Timestamp(microsecondsSinceEpoch: -1), "1969-12-31T23:59:59.999999Z"),
            (Timestamp(microsecondsSinceEpoch: 1), "1970-01-01T00:00:00.000001Z"),
            (Timestamp(microsecondsSinceEpoch: -86_400_000_000), "1969-12-31T00:00:00.000000Z"),
        ]
        for (value, expected) in cases {
            XCTAssertEqual(value.iso8601, expected)
            XCTAssertEqual(value.iso8601.utf8.count, 27)
            XCTAssertEqual(value.description, expected)
        }
    }

    func testMinAndMaxAgreeWithCalendarFields() {
        XCTAssertEqual(ts(1, 1, 1), .min)
        XCTAssertEqual(ts(9999, 12, 31, 23, 59, 59, 999_999), .max)
        XCTAssertEqual(Timestamp.min.microsecondsSinceEpoch, -62_135_596_800_000_000)
        XCTAssertEqual(Timestamp.max.microsecondsSinceEpoch, 253_402_300_799_999_999)
    }

    func testFormatsLeapDaysAndEdgeYears() {
        XCTAssertEqual(ts(2000, 2, 29, 12, 34, 56, 789_012).iso8601, "2000-02-29T12:34:56.789012Z")
        XCTAssertEqual(ts(2024, 2, 29).iso8601, "2024-02-29T00:00:00.000000Z")
        XCTAssertEqual(ts(2024, 3, 1).microsecondsSinceEpoch - ts(2024, 2, 28).microsecondsSinceEpoch, 2 * 86_400_000_000)
        XCTAssertEqual(ts(1900, 3, 1).microsecondsSinceEpoch - ts(1900, 2, 28).microsecondsSinceEpoch, 86_400_000_000)
        XCTAssertEqual(ts(1, 12, 31, 23, 59, 59, 1).iso8601, "0001-12-31T23:59:59.000001Z")
        XCTAssertEqual(ts(9999, 1, 1).iso8601, "9999-01-01T00:00:00.000000Z")
        XCTAssertEqual(ts(4, 2, 29).iso8601, "0004-02-29T00:00:00.000000Z")
    }

    func testContractRangeIsInclusiveOfMinAndMax() {
        XCTAssertTrue(Timestamp.min.isInContractRange)
        XCTAssertTrue(Timestamp.max.isInContractRange)
        XCTAssertFalse(Timestamp(microsecondsSinceEpoch: Timestamp.min.microsecondsSinceEpoch - 1).isInContractRange)
        XCTAssertFalse(Timestamp(microsecondsSinceEpoch: Timestamp.max.microsecondsSinceEpoch + 1).isInContractRange)
    }

    // MARK: - Parsing

    func testParsesTheFixedWidthForm() {
        XCTAssertEqual(Timestamp(iso8601: "2024-05-01T12:00:00.000000Z"), ts(2024, 5, 1, 12))
        XCTAssertEqual(Timestamp(iso8601: "0001-01-01T00:00:00.000000Z"), .min)
        XCTAssertEqual(Timestamp(iso8601: "9999-12-31T23:59:59.999999Z"), .max)
        XCTAssertEqual(Timestamp(iso8601: "1969-12-31T23:59:59.999999Z"), Timestamp(microsecondsSinceEpoch: -1))
    }

    func testParsesPostgresUTCOutputForms() {
        let noon = ts(2024, 5, 1, 12)
        XCTAssertEqual(Timestamp(iso8601: "2024-05-01 12:00:00+00"), noon)
        XCTAssertEqual(Timestamp(iso8601: "2024-05-01 12:00:00+00:00"), noon)
        XCTAssertEqual(Timestamp(iso8601: "2024-05-01T12:00:00Z"), noon)
        XCTAssertEqual(Timestamp(iso8601: "2024-05-01 12:00:00.5+00"), ts(2024, 5, 1, 12, 0, 0, 500_000))
        XCTAssertEqual(Timestamp(iso8601: "2024-05-01 12:00:00.000001+00"), ts(2024, 5, 1, 12, 0, 0, 1))
        XCTAssertEqual(Timestamp(iso8601: "2024-05-01 12:00:00.123456+00:00"), ts(2024, 5, 1, 12, 0, 0, 123_456))
        XCTAssertEqual(Timestamp(iso8601: "0099-01-01 00:00:00+00"), ts(99, 1, 1))
    }

    func testRejectsNonUTCOffsetsAndMissingZone() {
        for text in [
            "2024-05-01 12:00:00+01", "2024-05-01 12:00:00-05", "2024-05-01 12:00:00+05:30",
            "2024-05-01 12:00:00+0000", "2024-05-01 12:00:00-00:01", "2024-05-01T12:00:00",
            "2024-05-01T12:00:00z", "2024-05-01T12:00:00 Z", "2024-05-01T12:00:00Z ",
        ] {
            XCTAssertNil(Timestamp(iso8601: text), text)
        }
    }

    func testRejectsSevenFractionalDigitsAndAnEmptyFraction() {
        XCTAssertNil(Timestamp(iso8601: "2024-05-01T12:00:00.1234567Z"))
        XCTAssertNil(Timestamp(iso8601: "2024-05-01 12:00:00.0000000+00"))
        XCTAssertNil(Timestamp(iso8601: "2024-05-01T12:00:00.Z"))
    }

    func testRejectsImpossibleCalendarFields() {
        for text in [
            "2023-02-29T00:00:00.000000Z", "2024-02-30T00:00:00.000000Z", "2024-04-31T00:00:00.000000Z",
            "2024-13-01T00:00:00.000000Z", "2024-00-01T00:00:00.000000Z", "2024-01-00T00:00:00.000000Z",
            "1900-02-29T00:00:00.000000Z", "0000-12-31T23:59:59.999999Z", "2024-05-01T24:00:00.000000Z",
            "2024-05-01T23:60:00.000000Z", "2024-05-01T23:59:60.000000Z",
        ] {
            XCTAssertNil(Timestamp(iso8601: text), text)
        }
    }

    func testRejectsGarbage() {
        for text in [
            "", "garbage", "2024-05-01", "2024-05-01T12:00Z", "2024/05/01 12:00:00+00", "2024-05-01X12:00:00Z",
            "24-05-01T12:00:00Z", "2024-5-1T12:00:00Z", "+2024-05-01T12:00:00Z", "10000-01-01T00:00:00.000000Z",
            "2024-05-01T12:00:00.12a456Z", "2024-05-01T1 :00:00Z", "２０２４-05-01T12:00:00Z",
        ] {
            XCTAssertNil(Timestamp(iso8601: text), text)
        }
    }

    // MARK: - Round trips

    func testTenThousandRandomInstantsRoundTripAndSortAsText() {
        var rng = SeededGenerator(seed: 0x4D45_5249_4449_414E)
        let span = UInt64(Timestamp.max.microsecondsSinceEpoch - Timestamp.min.microsecondsSinceEpoch) + 1
        var previous: (Timestamp, String)?
        for _ in 0..<10_000 {
            let offset = Int64(rng.next(upperBound: span))
            let value = Timestamp(microsecondsSinceEpoch: Timestamp.min.microsecondsSinceEpoch + offset)
            let text = value.iso8601
            XCTAssertEqual(text.utf8.count, 27, text)
            XCTAssertEqual(Timestamp(iso8601: text), value, text)
            let postgres = String(text.dropLast()).replacingOccurrences(of: "T", with: " ") + "+00"
            XCTAssertEqual(Timestamp(iso8601: postgres), value, postgres)
            if let (other, otherText) = previous {
                XCTAssertEqual(value < other, text < otherText, "text order must be time order: \(text) vs \(otherText)")
            }
            previous = (value, text)
        }
    }

    func testCodableRoundTripUsesTheFixedWidthText() throws {
        let values: [Timestamp] = [.min, .max, Timestamp(microsecondsSinceEpoch: -1), ts(2024, 2, 29, 1, 2, 3, 4)]
        let data = try JSONEncoder().encode(values)
        XCTAssertEqual(
            String(decoding: data, as: UTF8.self),
            #"["0001-01-01T00:00:00.000000Z","9999-12-31T23:59:59.999999Z","1969-12-31T23:59:59.999999Z","2024-02-29T01:02:03.000004Z"]"#)
        XCTAssertEqual(try JSONDecoder().decode([Timestamp].self, from: data), values)
    }

    func testDecodingANonUTCTimestampThrows() {
        XCTAssertThrowsError(try JSONDecoder().decode([Timestamp].self, from: Data(#"["2024-05-01 12:00:00+02"]"#.utf8))) {
            guard case DecodingError.dataCorrupted = $0 else { return XCTFail("unexpected \($0)") }
        }
    }

    func testFoundationDateAgreesOnWholeSeconds() {
        XCTAssertEqual(ts(2024, 5, 1, 12).date, Date(timeIntervalSince1970: 1_714_564_800))
    }

    // MARK: - Field validation

    func testFieldInitialiserRejectsOutOfRangeFields() {
        XCTAssertNil(Timestamp(year: 0, month: 1, day: 1))
        XCTAssertNil(Timestamp(year: 10_000, month: 1, day: 1))
        XCTAssertNil(Timestamp(year: -1, month: 1, day: 1))
        XCTAssertNil(Timestamp(year: 2024, month: 0, day: 1))
        XCTAssertNil(Timestamp(year: 2024, month: 13, day: 1))
        XCTAssertNil(Timestamp(year: 2024, month: 1, day: 0))
        XCTAssertNil(Timestamp(year: 2024, month: 1, day: 32))
        XCTAssertNil(Timestamp(year: 2023, month: 2, day: 29))
        XCTAssertNil(Timestamp(year: 2024, month: 2, day: 30))
        XCTAssertNil(Timestamp(year: 2024, month: 1, day: 1, hour: 24))
        XCTAssertNil(Timestamp(year: 2024, month: 1, day: 1, hour: -1))
        XCTAssertNil(Timestamp(year: 2024, month: 1, day: 1, minute: 60))
        XCTAssertNil(Timestamp(year: 2024, month: 1, day: 1, second: 60))
        XCTAssertNil(Timestamp(year: 2024, month: 1, day: 1, microsecond: 1_000_000))
        XCTAssertNil(Timestamp(year: 2024, month: 1, day: 1, microsecond: -1))
        XCTAssertNotNil(Timestamp(year: 2024, month: 2, day: 29, hour: 23, minute: 59, second: 59, microsecond: 999_999))
    }

    func testNowIsInContractRangeAndMicrosecondPrecise() {
        let now = Timestamp.now()
        XCTAssertTrue(now.isInContractRange)
        XCTAssertEqual(Timestamp(iso8601: now.iso8601), now)
    }
}

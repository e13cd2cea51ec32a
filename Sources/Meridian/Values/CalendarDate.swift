/// A day in the proleptic Gregorian calendar, without time or zone: the `date` logical type.
///
/// Stored as `date` on PostgreSQL and as text `YYYY-MM-DD` on SQLite; years 0001–9999.
public struct CalendarDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// A valid date; `nil` for 2023-02-29, month 13 or a year outside 0001–9999.
    public init?(year: Int, month: Int, day: Int) {
        guard CivilCalendar.isValid(year: year, month: month, day: day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`, the form both backends print.
    public init?(iso8601 text: String) {
        var text = text
        guard let (y, m, d) = text.withUTF8(Self.parse) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// Parses `YYYY-MM-DD` from UTF-8 bytes in place, for readers that stream rows.
    public init?(iso8601Bytes bytes: UnsafeRawBufferPointer) {
        guard let (y, m, d) = bytes.withMemoryRebound(to: UInt8.self, Self.parse) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    private static func parse(_ s: UnsafeBufferPointer<UInt8>) -> (Int, Int, Int)? {
        guard s.count == 10, s[4] == UInt8(ascii: "-"), s[7] == UInt8(ascii: "-"),
              let y = FixedDigits.read(s, 0, 4), let m = FixedDigits.read(s, 5, 2),
              let d = FixedDigits.read(s, 8, 2)
        else { return nil }
        return (y, m, d)
    }

    /// Days since 1970-01-01.
    public var daysSinceEpoch: Int64 { CivilCalendar.days(year: year, month: month, day: day) }

    /// The day `days` after 1970-01-01 (before it when negative); `nil` outside 0001–9999.
    public init?(daysSinceEpoch days: Int64) {
        guard (-719_162...2_932_896).contains(days) else { return nil }
        let (year, month, day) = CivilCalendar.civil(days: days)
        self.init(year: year, month: month, day: day)
    }

    public var iso8601: String {
        var bytes = [UInt8]()
        bytes.reserveCapacity(10)
        FixedDigits.write(year, width: 4, into: &bytes)
        bytes.append(UInt8(ascii: "-"))
        FixedDigits.write(month, width: 2, into: &bytes)
        bytes.append(UInt8(ascii: "-"))
        FixedDigits.write(day, width: 2, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    public var description: String { iso8601 }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        guard let value = CalendarDate(iso8601: try container.decode(String.self)) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a date: expected YYYY-MM-DD")
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso8601)
    }
}

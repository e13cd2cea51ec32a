import Foundation

/// An instant in UTC with microsecond precision: Meridian's `timestamp` logical type.
///
/// Stored as `timestamptz` on PostgreSQL (whose precision is the microsecond) and as fixed-width
/// text `YYYY-MM-DDTHH:MM:SS.ffffffZ` on SQLite, so text order is time order there. A `Double`
/// of seconds cannot hold microseconds exactly far from 1970, hence an integer count.
/// The contract covers the years 0001 through 9999, the range the fixed-width text can hold.
public struct Timestamp: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Microseconds since 1970-01-01T00:00:00Z; negative before it.
    public var microsecondsSinceEpoch: Int64

    /// 0001-01-01T00:00:00.000000Z.
    public static let min = Timestamp(microsecondsSinceEpoch: -62_135_596_800_000_000)
    /// 9999-12-31T23:59:59.999999Z.
    public static let max = Timestamp(microsecondsSinceEpoch: 253_402_300_799_999_999)

    public init(microsecondsSinceEpoch: Int64) {
        self.microsecondsSinceEpoch = microsecondsSinceEpoch
    }

    /// The instant given by calendar fields in UTC; `nil` if a field is out of range.
    public init?(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0, microsecond: Int = 0) {
        guard CivilCalendar.isValid(year: year, month: month, day: day),
              (0..<24).contains(hour), (0..<60).contains(minute), (0..<60).contains(second),
              (0..<1_000_000).contains(microsecond)
        else { return nil }
        let days = CivilCalendar.days(year: year, month: month, day: day)
        let seconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        self.init(microsecondsSinceEpoch: seconds * 1_000_000 + Int64(microsecond))
    }

    /// The current time, truncated to the microsecond.
    public static func now() -> Timestamp {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Timestamp(microsecondsSinceEpoch: Int64(spec.tv_sec) * 1_000_000 + Int64(spec.tv_nsec) / 1000)
    }

    /// Whether the instant lies in 0001–9999, the range both backends store identically.
    public var isInContractRange: Bool { self >= .min && self <= .max }

    public var date: Foundation.Date {
        Foundation.Date(timeIntervalSince1970: Double(microsecondsSinceEpoch) / 1_000_000)
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.microsecondsSinceEpoch < rhs.microsecondsSinceEpoch
    }

    public var description: String {
        isInContractRange ? iso8601 : "\(microsecondsSinceEpoch) µs since 1970 (outside 0001–9999)"
    }

    /// The fixed-width form `YYYY-MM-DDTHH:MM:SS.ffffffZ` (27 characters), for instants in the
    /// contract's range.
    public var iso8601: String {
        var bytes = [UInt8]()
        bytes.reserveCapacity(27)
        appendISO8601(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the fixed-width form to `bytes`; the drivers call this on their hot path.
    public func appendISO8601(to bytes: inout [UInt8]) {
        let micros = microsecondsSinceEpoch
        var days = micros / 86_400_000_000
        var rest = micros % 86_400_000_000
        if rest < 0 { rest += 86_400_000_000; days -= 1 }
        let (year, month, day) = CivilCalendar.civil(days: days)
        let secondOfDay = Int(rest / 1_000_000)
        FixedDigits.write(year, width: 4, into: &bytes)
        bytes.append(UInt8(ascii: "-"))
        FixedDigits.write(month, width: 2, into: &bytes)
        bytes.append(UInt8(ascii: "-"))
        FixedDigits.write(day, width: 2, into: &bytes)
        bytes.append(UInt8(ascii: "T"))
        FixedDigits.write(secondOfDay / 3600, width: 2, into: &bytes)
        bytes.append(UInt8(ascii: ":"))
        FixedDigits.write(secondOfDay / 60 % 60, width: 2, into: &bytes)
        bytes.append(UInt8(ascii: ":"))
        FixedDigits.write(secondOfDay % 60, width: 2, into: &bytes)
        bytes.append(UInt8(ascii: "."))
        FixedDigits.write(Int(rest % 1_000_000), width: 6, into: &bytes)
        bytes.append(UInt8(ascii: "Z"))
    }

    /// Parses the fixed-width form, and also PostgreSQL's ISO output in UTC
    /// (`2024-05-01 12:00:00.5+00`), so both backends' text reads back the same.
    public init?(iso8601 text: String) {
        var text = text
        guard let value = text.withUTF8({ Timestamp.parse($0) }) else { return nil }
        self = value
    }

    /// Parses the same forms from UTF-8 bytes in place, for readers that stream rows.
    public init?(iso8601Bytes bytes: UnsafeRawBufferPointer) {
        guard let value = bytes.withMemoryRebound(to: UInt8.self, Timestamp.parse) else { return nil }
        self = value
    }

    private static func parse(_ s: UnsafeBufferPointer<UInt8>) -> Timestamp? {
        guard s.count >= 19,
              let year = FixedDigits.read(s, 0, 4), s[4] == UInt8(ascii: "-"),
              let month = FixedDigits.read(s, 5, 2), s[7] == UInt8(ascii: "-"),
              let day = FixedDigits.read(s, 8, 2),
              s[10] == UInt8(ascii: "T") || s[10] == UInt8(ascii: " "),
              let hour = FixedDigits.read(s, 11, 2), s[13] == UInt8(ascii: ":"),
              let minute = FixedDigits.read(s, 14, 2), s[16] == UInt8(ascii: ":"),
              let second = FixedDigits.read(s, 17, 2)
        else { return nil }
        var i = 19
        var micro = 0
        if i < s.count, s[i] == UInt8(ascii: ".") {
            i += 1
            var digits = 0
            while i < s.count, (48...57).contains(s[i]) {
                guard digits < 6 else { return nil }
                micro = micro * 10 + Int(s[i] - 48)
                digits += 1
                i += 1
            }
            guard digits > 0 else { return nil }
            for _ in digits..<6 { micro *= 10 }
        }
        // The zone must be UTC: `Z`, `+00` or `+00:00`, compared in place (this runs per row).
        let rest = s.count - i
        let isUTC =
            (rest == 1 && s[i] == UInt8(ascii: "Z"))
            || ((rest == 3 || rest == 6) && s[i] == UInt8(ascii: "+") && s[i + 1] == UInt8(ascii: "0") && s[i + 2] == UInt8(ascii: "0")
                && (rest == 3 || (s[i + 3] == UInt8(ascii: ":") && s[i + 4] == UInt8(ascii: "0") && s[i + 5] == UInt8(ascii: "0"))))
        guard isUTC else { return nil }
        return Timestamp(year: year, month: month, day: day, hour: hour, minute: minute, second: second, microsecond: micro)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = Timestamp(iso8601: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a UTC timestamp: expected YYYY-MM-DDTHH:MM:SS.ffffffZ")
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso8601)
    }
}

/// A limit an engine puts on a column's values beyond its logical type: PostgreSQL refuses a
/// 101-character value in `varchar(100)` and 2³¹ in `integer`, where SQLite, which ignores
/// declared widths, stores both.
///
/// ```swift
/// let width = ColumnWidth.characters(100)
/// width.firstRefused          // "a 101-character value"
/// width.check(column: "email") // "length(\"email\") <= 100"
/// ```
///
/// `meridian check` reports a column whose engines hold it to different widths as one width
/// note, not as a difference: the logical type is the same, and values within both widths
/// behave alike. ``check(column:)`` is the CHECK that gives the column the width on an engine
/// whose declared type does not; the inspectors read that CHECK back as the width.
public enum ColumnWidth: Sendable, Hashable, CustomStringConvertible {
    /// At most this many characters (PostgreSQL `varchar(n)`).
    case characters(Int)
    /// At most this many characters, shorter values padded with spaces to it (PostgreSQL
    /// `char(n)`, which also ignores trailing spaces when comparing).
    case paddedCharacters(Int)
    /// A signed integer of this many bits: 32 for PostgreSQL `integer`, 16 for `smallint`,
    /// where the contract's int is 64 bits.
    case integerBits(Int)

    /// `at most 100 characters`, `36 characters, padded with spaces`, `32-bit integers`.
    public var description: String {
        switch self {
        case .characters(let n): "at most \(n) characters"
        case .paddedCharacters(let n): "\(n) characters, padded with spaces"
        case .integerBits(let bits): "\(bits)-bit integers"
        }
    }

    /// The smallest value the width refuses, as a message names it: `a 101-character value`,
    /// `2147483648`.
    public var firstRefused: String {
        switch self {
        case .characters(let n), .paddedCharacters(let n): "a \(n + 1)-character value"
        case .integerBits: "\(range.upperBound + 1)"
        }
    }

    /// Whether shorter values are padded with spaces.
    public var pads: Bool {
        if case .paddedCharacters = self { return true }
        return false
    }

    /// A CHECK expression, in SQL both engines read, that holds `column` to this width:
    /// `length("email") <= 100`, `"id" BETWEEN -2147483648 AND 2147483647`. Padding has no CHECK.
    public func check(column: String) -> String {
        let quoted = "\"" + column.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        switch self {
        case .characters(let n), .paddedCharacters(let n): return "length(\(quoted)) <= \(n)"
        case .integerBits: return "\(quoted) BETWEEN \(range.lowerBound) AND \(range.upperBound)"
        }
    }

    /// The widths whose ``check(column:)`` ends in `limit`, for an inspector to match a CHECK
    /// it reads against: `[.characters(100)]` for 100, `[.integerBits(32)]` for 2147483647.
    public static func candidates(endingIn limit: Int) -> [ColumnWidth] {
        [.characters(limit)] + [8, 16, 32].map(ColumnWidth.integerBits).filter { $0.range.upperBound == limit }
    }

    /// The integers a width of `integerBits` holds; empty for character widths.
    private var range: ClosedRange<Int64> {
        guard case .integerBits(let bits) = self, bits > 0, bits < 64 else { return 0...0 }
        let half = Int64(1) << (bits - 1)
        return -half...(half - 1)
    }
}

/// Encoded for `check --json` as `{"characters": 100}`, `{"paddedCharacters": 36}` or
/// `{"integerBits": 32}`.
extension ColumnWidth: Codable {
    private enum Key: String, CodingKey { case characters, paddedCharacters, integerBits }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        if let n = try container.decodeIfPresent(Int.self, forKey: .characters) {
            self = .characters(n)
        } else if let n = try container.decodeIfPresent(Int.self, forKey: .paddedCharacters) {
            self = .paddedCharacters(n)
        } else {
            self = .integerBits(try container.decode(Int.self, forKey: .integerBits))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        switch self {
        case .characters(let n): try container.encode(n, forKey: .characters)
        case .paddedCharacters(let n): try container.encode(n, forKey: .paddedCharacters)
        case .integerBits(let bits): try container.encode(bits, forKey: .integerBits)
        }
    }
}

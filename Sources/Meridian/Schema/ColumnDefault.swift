/// A column's `DEFAULT`, in a form both engines share, so that defaults that give the same
/// value under the value contract compare equal.
///
/// ```swift
/// // SQLite `active BOOLEAN DEFAULT 0` and PostgreSQL `active boolean DEFAULT false`:
/// ColumnDefault.bool(false) == .bool(false)
/// // `DEFAULT 1.0` and `DEFAULT 1`:
/// ColumnDefault.numeric("1.0") == ColumnDefault.numeric("1")   // both .number("1")
/// ```
///
/// Each inspector reads its engine's spelling of a default into this form, taking the column's
/// type into account the way its engine does (SQLite stores `DEFAULT 0` in a boolean column as
/// `false` under the contract, and `DEFAULT 0` in a TEXT column as the text `'0'`). `DEFAULT
/// NULL` is no default at all: a column without one defaults to NULL too. An expression the
/// inspector does not recognise is kept as ``expression(_:)``, compared as text after
/// ``normalizedExpression(_:)``.
public enum ColumnDefault: Sendable, Hashable, CustomStringConvertible {
    case bool(Bool)
    /// A number in canonical decimal form (``canonicalNumber(_:)``): `1.0` and `1` are both
    /// `1`, `1e3` is `1000`.
    case number(String)
    /// A text value, without quotes or cast: PostgreSQL `'x'::text` and SQLite `'x'` are both `x`.
    case text(String)
    /// The time of the statement or transaction: PostgreSQL `now()` and `CURRENT_TIMESTAMP`,
    /// SQLite `CURRENT_TIMESTAMP`, `datetime('now')` and `strftime('…', 'now')`.
    case currentTimestamp
    /// Today: PostgreSQL and SQLite `CURRENT_DATE`, SQLite `date('now')`.
    case currentDate
    /// A new random UUID: `gen_random_uuid()` on both engines (Meridian registers it on SQLite).
    case randomUUID
    /// Any other expression, after ``normalizedExpression(_:)``.
    case expression(String)

    /// `true`, `1.5`, `'it''s'`, `CURRENT_TIMESTAMP`, `CURRENT_DATE`, `gen_random_uuid()`, or the
    /// expression's text: how messages show a default.
    public var description: String {
        switch self {
        case .bool(let value): "\(value)"
        case .number(let digits): digits
        case .text(let text): "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
        case .currentTimestamp: "CURRENT_TIMESTAMP"
        case .currentDate: "CURRENT_DATE"
        case .randomUUID: "gen_random_uuid()"
        case .expression(let text): text
        }
    }

    /// A numeric literal as ``number(_:)``, or `nil` when `literal` is not one.
    ///
    /// ```swift
    /// ColumnDefault.numeric("-0.50")   // .number("-0.5")
    /// ColumnDefault.numeric("x")       // nil
    /// ```
    public static func numeric(_ literal: some StringProtocol) -> ColumnDefault? {
        canonicalNumber(literal).map(ColumnDefault.number)
    }

    /// An expression as ``expression(_:)``, after ``normalizedExpression(_:)``.
    public static func expression(normalizing text: some StringProtocol) -> ColumnDefault {
        .expression(normalizedExpression(text))
    }

    // MARK: - Numbers

    /// The shortest decimal spelling of a number literal (`[+-]digits[.digits][e[+-]digits]`):
    /// no leading or trailing zeros, no exponent, no `+`, `0` for every zero. `nil` for anything
    /// else, including exponents beyond ±400, which no column type holds exactly.
    ///
    /// ```swift
    /// ColumnDefault.canonicalNumber("001.2300")   // "1.23"
    /// ColumnDefault.canonicalNumber("-1.5e2")     // "-150"
    /// ColumnDefault.canonicalNumber(".5")         // "0.5"
    /// ```
    public static func canonicalNumber(_ literal: some StringProtocol) -> String? {
        var text = Substring(literal.trimmingSpaces)
        let negative = text.first == "-"
        if text.first == "-" || text.first == "+" { text = text.dropFirst() }
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            guard let value = Int(text[text.index(after: e)...]), abs(value) <= 400 else { return nil }
            exponent = value
            text = text[..<e]
        }
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts[0]
        let fraction = parts.count > 1 ? parts[1] : ""
        guard !(whole.isEmpty && fraction.isEmpty), (whole + fraction).allSatisfy(\.isASCIIDigit) else { return nil }
        var digits = Array(whole + fraction)
        var point = whole.count + exponent
        while digits.first == "0" {
            digits.removeFirst()
            point -= 1
        }
        while digits.last == "0", digits.count > max(point, 0) { digits.removeLast() }
        guard !digits.isEmpty else { return "0" }
        let sign = negative ? "-" : ""
        if point <= 0 { return sign + "0." + String(repeating: "0", count: -point) + String(digits) }
        if point >= digits.count { return sign + String(digits) + String(repeating: "0", count: point - digits.count) }
        return sign + String(digits[..<point]) + "." + String(digits[point...])
    }

    // MARK: - Expressions

    /// `text` without the parentheses that enclose all of it, and without surrounding spaces:
    /// `((now()))` is `now()`, `(a) + (b)` stays as it is.
    public static func unwrapped(_ text: some StringProtocol) -> Substring {
        var rest = Substring(text.trimmingSpaces)
        while rest.first == "(", rest.last == ")", closingParenthesis(of: rest) == rest.index(before: rest.endIndex) {
            rest = Substring(rest.dropFirst().dropLast().trimmingSpaces)
        }
        return rest
    }

    /// An expression as it is compared when neither engine's spelling is recognised: without
    /// enclosing parentheses (``unwrapped(_:)``), and outside quotes in lower case, with one
    /// space only where it separates two words or literals.
    ///
    /// ```swift
    /// ColumnDefault.normalizedExpression("( Lower( HEX(randomblob(16)) ) )")   // "lower(hex(randomblob(16)))"
    /// ColumnDefault.normalizedExpression("x  IS NOT NULL OR 'A  B' || y")        // "x is not null or 'A  B'||y"
    /// ```
    public static func normalizedExpression(_ text: some StringProtocol) -> String {
        var result = ""
        var quote: Character?
        var pendingSpace = false
        for c in unwrapped(text) {
            if let open = quote {
                result.append(c)
                if c == open { quote = nil }
                continue
            }
            if c.isWhitespace {
                pendingSpace = true
                continue
            }
            if pendingSpace, result.last?.isWordCharacter == true, c.isWordCharacter { result.append(" ") }
            pendingSpace = false
            if c == "'" || c == "\"" { quote = c }
            result.append(contentsOf: c.lowercased())
        }
        return result
    }

    /// The index of the `)` that closes the `(` at the start of `text`, skipping quoted text;
    /// `nil` when it never closes.
    private static func closingParenthesis(of text: Substring) -> Substring.Index? {
        var depth = 0
        var quote: Character?
        for index in text.indices {
            let c = text[index]
            if let open = quote {
                if c == open { quote = nil }
            } else if c == "'" || c == "\"" {
                quote = c
            } else if c == "(" {
                depth += 1
            } else if c == ")" {
                depth -= 1
                if depth == 0 { return index }
            }
        }
        return nil
    }
}

/// Encoded for `check --json` as one key naming the kind: `{"bool": true}`, `{"number": "1.5"}`,
/// `{"text": "x"}`, `{"expression": "…"}`, or `{"function": "currentTimestamp"}` (also
/// `currentDate`, `randomUUID`).
extension ColumnDefault: Codable {
    private enum Key: String, CodingKey { case bool, number, text, function, expression }
    private static let functions: [(String, ColumnDefault)] = [
        ("currentTimestamp", .currentTimestamp), ("currentDate", .currentDate), ("randomUUID", .randomUUID),
    ]

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        if let value = try container.decodeIfPresent(Bool.self, forKey: .bool) {
            self = .bool(value)
        } else if let value = try container.decodeIfPresent(String.self, forKey: .number) {
            self = .number(value)
        } else if let value = try container.decodeIfPresent(String.self, forKey: .text) {
            self = .text(value)
        } else if let value = try container.decodeIfPresent(String.self, forKey: .expression) {
            self = .expression(value)
        } else {
            let name = try container.decode(String.self, forKey: .function)
            guard let function = Self.functions.first(where: { $0.0 == name })?.1 else {
                throw DecodingError.dataCorruptedError(forKey: .function, in: container, debugDescription: "unknown default function \(name)")
            }
            self = function
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        switch self {
        case .bool(let value): try container.encode(value, forKey: .bool)
        case .number(let value): try container.encode(value, forKey: .number)
        case .text(let value): try container.encode(value, forKey: .text)
        case .expression(let value): try container.encode(value, forKey: .expression)
        case .currentTimestamp, .currentDate, .randomUUID:
            try container.encode(Self.functions.first { $0.1 == self }?.0, forKey: .function)
        }
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces, tabs and line breaks.
    fileprivate var trimmingSpaces: SubSequence {
        let start = firstIndex { !$0.isWhitespace } ?? endIndex
        let end = lastIndex { !$0.isWhitespace }.map(index(after:)) ?? start
        return self[start..<end]
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }

    /// A letter, digit, `_` or quote: what identifiers, keywords, numbers and literals begin
    /// and end with.
    fileprivate var isWordCharacter: Bool { isLetter || isNumber || self == "_" || self == "'" || self == "\"" }
}

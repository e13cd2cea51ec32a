/// A JSON document: Meridian's `json` logical type (`jsonb` on PostgreSQL, checked text on SQLite).
///
/// Objects are unordered and numbers are kept as exact decimals, because `jsonb` reorders keys,
/// keeps the last of duplicate keys and stores numbers as `numeric`: comparing documents as
/// values, not text, is what makes both backends read back the same thing.
///
/// Strings and object keys compare and hash by their UTF-8 bytes, not by Swift `String`
/// equality: `jsonb` compares keys bytewise and stores strings as given, while `String ==` is
/// Unicode canonical equivalence and would merge `"é"` with `"e\u{301}"`, losing a key and
/// hiding a difference between what was written and what reads back. Objects are therefore
/// ``JSONObject``s (keyed by bytes) rather than `[String: JSON]`.
public enum JSON: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(JSONNumber)
    /// A string, compared by its UTF-8 bytes.
    case string(String)
    case array([JSON])
    /// An object, keyed by the exact UTF-8 bytes of its keys.
    case object(JSONObject)

    /// Parses JSON text (RFC 8259), rejecting what PostgreSQL's `jsonb` rejects (`\u0000`,
    /// unpaired surrogates) so a document accepted here is accepted by both backends.
    public init(parsing text: String) throws(JSONError) {
        var parser = JSONParser(text)
        self = try parser.parseDocument()
    }

    /// Compact text with object keys in a fixed order: the form Meridian stores on SQLite.
    public var canonicalText: String {
        var out = ""
        JSONWriter.write(self, into: &out)
        return out
    }
}

extension JSON: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral
{
    public init(nilLiteral: ()) { self = .null }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int64) { self = .number(JSONNumber(value)) }
    public init(floatLiteral value: Double) { self = .number(JSONNumber(value)!) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: JSON...) { self = .array(elements) }
    /// Keys are matched by bytes, so `["é": 1, "e\u{301}": 2]` has two members; of keys with the
    /// same bytes the last wins, as in `jsonb`.
    public init(dictionaryLiteral elements: (String, JSON)...) {
        self = .object(JSONObject(elements))
    }
}

extension JSON {
    /// Byte-exact: strings and keys are equal only if their UTF-8 bytes are, numbers if their
    /// canonical (`numeric`) text is, arrays element by element, objects member by member.
    public static func == (lhs: JSON, rhs: JSON) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case let (.bool(a), .bool(b)): a == b
        case let (.number(a), .number(b)): a.text.utf8.elementsEqual(b.text.utf8)
        case let (.string(a), .string(b)): JSONObject.bytesEqual(a, b)
        case let (.array(a), .array(b)): a == b
        case let (.object(a), .object(b)): a == b
        default: false
        }
    }

    /// Consistent with ``==(_:_:)``: hashes UTF-8 bytes, never `String`'s normalised hash.
    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0 as UInt8)
        case .bool(let b): hasher.combine(1 as UInt8); hasher.combine(b)
        case .number(let n): hasher.combine(2 as UInt8); JSONObject.hashBytes(of: n.text, into: &hasher)
        case .string(let s): hasher.combine(3 as UInt8); JSONObject.hashBytes(of: s, into: &hasher)
        case .array(let a):
            hasher.combine(4 as UInt8)
            hasher.combine(a.count)
            for element in a { element.hash(into: &hasher) }
        case .object(let o): hasher.combine(5 as UInt8); o.hash(into: &hasher)
        }
    }
}

/// An exact JSON number in PostgreSQL `numeric` form: what `jsonb` prints for it.
///
/// `1e2` becomes `100`, `1.50` stays `1.50`, `-0` becomes `0`: the digits and display scale
/// follow `numeric`'s input rules, so equal numbers have equal text on both backends.
public struct JSONNumber: Sendable, Hashable, CustomStringConvertible {
    /// The canonical decimal text.
    public let text: String

    public init(_ value: Int64) { text = String(value) }

    /// A finite double, written with the fewest digits that read back the same; `nil` for NaN
    /// and infinities, which JSON cannot hold.
    public init?(_ value: Double) {
        guard value.isFinite else { return nil }
        guard let number = JSONNumber(literal: "\(value)") else { return nil }
        self = number
    }

    /// Normalises a JSON number literal; `nil` if it is not one or its exponent exceeds
    /// ±1000 (the bound PostgreSQL's `numeric` input accepts).
    public init?(literal: String) {
        let bytes = Array(literal.utf8)
        var i = 0
        var negative = false
        if i < bytes.count, bytes[i] == UInt8(ascii: "-") { negative = true; i += 1 }
        var integer: [UInt8] = []
        while i < bytes.count, (48...57).contains(bytes[i]) { integer.append(bytes[i]); i += 1 }
        guard !integer.isEmpty, integer.count == 1 || integer[0] != UInt8(ascii: "0") else { return nil }
        var fraction: [UInt8] = []
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            while i < bytes.count, (48...57).contains(bytes[i]) { fraction.append(bytes[i]); i += 1 }
            guard !fraction.isEmpty else { return nil }
        }
        var exponent = 0
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            var exponentNegative = false
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") {
                exponentNegative = bytes[i] == UInt8(ascii: "-")
                i += 1
            }
            var digits = 0
            while i < bytes.count, (48...57).contains(bytes[i]) {
                exponent = Swift.min(exponent * 10 + Int(bytes[i] - 48), 100_000)
                digits += 1
                i += 1
            }
            guard digits > 0 else { return nil }
            if exponentNegative { exponent = -exponent }
        }
        guard i == bytes.count, abs(exponent) <= 1000 else { return nil }
        text = JSONNumber.normalise(negative: negative, integer: integer, fraction: fraction, exponent: exponent)
    }

    private static func normalise(negative: Bool, integer: [UInt8], fraction: [UInt8], exponent: Int) -> String {
        let digits = integer + fraction
        let scale = Swift.max(0, fraction.count - exponent)
        let point = integer.count + exponent
        var whole: [UInt8]
        var decimals: [UInt8]
        if point <= 0 {
            whole = []
            decimals = [UInt8](repeating: 48, count: -point) + digits
        } else if point >= digits.count {
            whole = digits + [UInt8](repeating: 48, count: point - digits.count)
            decimals = []
        } else {
            whole = Array(digits[..<point])
            decimals = Array(digits[point...])
        }
        if decimals.count < scale { decimals += [UInt8](repeating: 48, count: scale - decimals.count) }
        decimals = Array(decimals.prefix(scale))
        if let first = whole.firstIndex(where: { $0 != 48 }) { whole = Array(whole[first...]) } else { whole = [48] }
        let isZero = whole == [48] && !decimals.contains(where: { $0 != 48 })
        var out = (negative && !isZero) ? "-" : ""
        out += String(decoding: whole, as: UTF8.self)
        if !decimals.isEmpty { out += "." + String(decoding: decimals, as: UTF8.self) }
        return out
    }

    public var description: String { text }

    /// The nearest double (big integers and long decimals lose digits here, not in storage).
    public var doubleValue: Double { Double(text) ?? .nan }

    /// The value as an integer, if it is one and fits.
    public var int64Value: Int64? { Int64(text) }
}

/// Why a text is not a JSON document Meridian can store.
public struct JSONError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Byte offset into the text where parsing stopped.
    public let offset: Int
    public let reason: String

    public var description: String { "invalid JSON at byte \(offset): \(reason)" }
}

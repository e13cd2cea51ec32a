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

    /// Parses JSON text as ``init(parsing:)`` does, refusing a key given twice in one object
    /// instead of keeping the last: fixture files, where a row naming a column twice is a mistake.
    init(parsingRejectingDuplicateKeys text: String) throws(JSONError) {
        var parser = JSONParser(text, rejectingDuplicateKeys: true)
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
        var normalised: [UInt8] = []
        var literal = literal
        guard literal.withUTF8({ Self.appendNormalised(UnsafeRawBufferPointer($0), to: &normalised) }) else { return nil }
        text = String(decoding: normalised, as: UTF8.self)
    }

    /// Whether `byte` can appear in a number literal.
    static func isLiteralByte(_ byte: UInt8) -> Bool {
        (48...57).contains(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".")
            || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
    }

    /// Appends the normalised form of the literal `bytes` (see ``init(literal:)``) to `out`;
    /// returns `false`, appending nothing, if it is not a number literal.
    ///
    /// `numeric`'s rules: the digits with the decimal point moved by the exponent, the display
    /// scale of the fraction less the exponent (`1.50` stays `1.50`, `1e2` is `100`), leading
    /// zeros dropped, and no sign on zero.
    static func appendNormalised(_ bytes: UnsafeRawBufferPointer, to out: inout [UInt8]) -> Bool {
        var i = 0
        var negative = false
        if i < bytes.count, bytes[i] == UInt8(ascii: "-") { negative = true; i += 1 }
        let integerStart = i
        while i < bytes.count, (48...57).contains(bytes[i]) { i += 1 }
        let integer = integerStart..<i
        guard !integer.isEmpty, integer.count == 1 || bytes[integerStart] != UInt8(ascii: "0") else { return false }
        var fraction = i..<i
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            let fractionStart = i
            while i < bytes.count, (48...57).contains(bytes[i]) { i += 1 }
            fraction = fractionStart..<i
            guard !fraction.isEmpty else { return false }
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
            guard digits > 0 else { return false }
            if exponentNegative { exponent = -exponent }
        }
        guard i == bytes.count, abs(exponent) <= 1000 else { return false }
        // The digits, integer then fraction, with the point `point` digits in; zeros beyond.
        let count = integer.count + fraction.count
        func digit(_ k: Int) -> UInt8 {
            guard k >= 0, k < count else { return 48 }
            return k < integer.count ? bytes[integer.lowerBound + k] : bytes[fraction.lowerBound + k - integer.count]
        }
        let scale = Swift.max(0, fraction.count - exponent)
        let point = integer.count + exponent
        let firstSignificant = (0..<Swift.max(point, 0)).first { digit($0) != 48 }
        let isZero = firstSignificant == nil && !(point..<(point + scale)).contains { digit($0) != 48 }
        if negative && !isZero { out.append(UInt8(ascii: "-")) }
        if let firstSignificant {
            for k in firstSignificant..<point { out.append(digit(k)) }
        } else {
            out.append(48)
        }
        if scale > 0 {
            out.append(UInt8(ascii: "."))
            for k in point..<(point + scale) { out.append(digit(k)) }
        }
        return true
    }

    public var description: String { text }

    /// The nearest double (big integers and long decimals lose digits here, not in storage).
    public var doubleValue: Double { Double(text) ?? .nan }

    /// The nearest double when the number lies within a double's range; `nil` when ``doubleValue``
    /// would not be the number at all: beyond ±1.8e308, which reads as infinity (`1e400`, a
    /// 400-digit integer), or below 4.9e-324 and not zero, which reads as zero (`1e-400`).
    ///
    /// ```swift
    /// JSONNumber(literal: "2.5e3")?.finiteDoubleValue   // 2500.0
    /// JSONNumber(literal: "1e400")?.finiteDoubleValue   // nil
    /// ```
    public var finiteDoubleValue: Double? {
        let value = doubleValue
        guard value.isFinite, value != 0 || !text.contains(where: { ("1"..."9").contains($0) }) else { return nil }
        return value
    }

    /// The text of the number as messages quote it: at most 40 characters, with the digit count
    /// when it is longer.
    public var excerpt: String { text.count > 40 ? "\(text.prefix(24))… (\(text.count) characters)" : text }

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

/// A strict RFC 8259 parser producing ``JSON`` values.
struct JSONParser {
    private let bytes: [UInt8]
    private var i = 0
    private var depth = 0
    /// Whether a key given twice in one object is an error (fixture files) rather than the
    /// last one winning (jsonb's rule, for values).
    private let rejectsDuplicateKeys: Bool

    init(_ text: String, rejectingDuplicateKeys: Bool = false) {
        bytes = Array(text.utf8)
        rejectsDuplicateKeys = rejectingDuplicateKeys
    }

    mutating func parseDocument() throws(JSONError) -> JSON {
        skipWhitespace()
        let value = try parseValue()
        skipWhitespace()
        guard i == bytes.count else { throw fail("unexpected text after the document") }
        return value
    }

    private func fail(_ reason: String) -> JSONError { JSONError(offset: i, reason: reason) }

    private mutating func skipWhitespace() {
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
    }

    private mutating func parseValue() throws(JSONError) -> JSON {
        guard i < bytes.count else { throw fail("unexpected end of text") }
        switch bytes[i] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expect("true"); return .bool(true)
        case UInt8(ascii: "f"): try expect("false"); return .bool(false)
        case UInt8(ascii: "n"): try expect("null"); return .null
        default: return .number(try parseNumber())
        }
    }

    private mutating func expect(_ word: String) throws(JSONError) {
        let w = word.utf8
        guard i + w.count <= bytes.count, bytes[i..<(i + w.count)].elementsEqual(w) else { throw fail("unknown literal") }
        i += w.count
    }

    private mutating func nest() throws(JSONError) {
        depth += 1
        guard depth <= 512 else { throw fail("nesting deeper than 512 levels") }
    }

    private mutating func parseObject() throws(JSONError) -> JSON {
        try nest()
        i += 1
        // Keys are kept as parsed (bytes, not `String ==`): `{"é":1,"e\u0301":2}` has two keys, as in jsonb.
        var members: [(String, JSON)] = []
        skipWhitespace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; depth -= 1; return .object(JSONObject()) }
        while true {
            skipWhitespace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw fail("expected a string key") }
            let keyStart = i
            let key = try parseString()
            if rejectsDuplicateKeys, members.contains(where: { $0.0.utf8.elementsEqual(key.utf8) }) {
                throw JSONError(offset: keyStart, reason: "the key \"\(key)\" appears twice in one object")
            }
            skipWhitespace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw fail("expected ':'") }
            i += 1
            skipWhitespace()
            members.append((key, try parseValue()))
            skipWhitespace()
            guard i < bytes.count else { throw fail("unterminated object") }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            guard bytes[i] == UInt8(ascii: "}") else { throw fail("expected ',' or '}'") }
            i += 1
            depth -= 1
            return .object(JSONObject(members))   // the last duplicate wins, as in jsonb
        }
    }

    private mutating func parseArray() throws(JSONError) -> JSON {
        try nest()
        i += 1
        var elements: [JSON] = []
        skipWhitespace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; depth -= 1; return .array(elements) }
        while true {
            skipWhitespace()
            elements.append(try parseValue())
            skipWhitespace()
            guard i < bytes.count else { throw fail("unterminated array") }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            guard bytes[i] == UInt8(ascii: "]") else { throw fail("expected ',' or ']'") }
            i += 1
            depth -= 1
            return .array(elements)
        }
    }

    private mutating func parseNumber() throws(JSONError) -> JSONNumber {
        let start = i
        while i < bytes.count, "+-0123456789.eE".utf8.contains(bytes[i]) { i += 1 }
        guard i > start, let number = JSONNumber(literal: String(decoding: bytes[start..<i], as: UTF8.self)) else {
            i = start
            throw fail("invalid number")
        }
        return number
    }

    private mutating func parseString() throws(JSONError) -> String {
        i += 1
        var out: [UInt8] = []
        while true {
            guard i < bytes.count else { throw fail("unterminated string") }
            let byte = bytes[i]
            switch byte {
            case UInt8(ascii: "\""):
                i += 1
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                i += 1
                guard i < bytes.count else { throw fail("unterminated escape") }
                let escape = bytes[i]
                i += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"): out.append(contentsOf: try parseUnicodeEscape())
                default: i -= 1; throw fail("unknown escape")
                }
            case 0..<0x20:
                throw fail("control character in string: escape it")
            default:
                out.append(byte)
                i += 1
            }
        }
    }

    private mutating func parseUnicodeEscape() throws(JSONError) -> [UInt8] {
        var index = i
        let scalar: UInt32
        do {
            scalar = try bytes.withUnsafeBytes { try JSONUnicodeEscape.scalar($0, at: &index) }
        } catch let error as JSONError {
            throw error
        } catch {
            throw fail("\(error)")
        }
        i = index
        var out: [UInt8] = []
        JSONUnicodeEscape.appendUTF8(scalar, to: &out)
        return out
    }
}

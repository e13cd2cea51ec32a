import Foundation

/// Rewrites JSON text in one canonical form straight from its bytes, without building a
/// ``JSON`` value: compact, numbers normalised as ``JSONNumber`` normalises them, strings escaped
/// as ``JSON/canonicalText`` escapes them, the last of duplicate keys kept, and object keys in
/// `jsonb`'s order (shorter keys first, then by bytes). Two texts of equal ``JSON`` values give
/// the same bytes.
///
/// A table digest (``TableDigest``) canonicalises every JSON value of millions of rows, read from
/// SQLite as the text Meridian wrote and from PostgreSQL as `jsonb` prints it; parsing each into
/// a tree of strings and arrays cost more than reading the rows. `jsonb`'s key order is the one
/// PostgreSQL's text already has, so the rows read back from the server, which verification
/// waits for, need no reordering. The writer keeps its working storage between documents, so
/// after the first few it allocates nothing. It accepts and rejects what ``JSON/init(parsing:)``
/// does.
struct JSONCanonicalWriter {
    /// The raw (unescaped) bytes of the keys of the objects being written, for sorting.
    private var keys: [UInt8] = []
    /// Members of the objects being written, innermost last.
    private var members: [Member] = []
    /// Where an unsorted object's members are copied while they are written back in order.
    private var scratch: [UInt8] = []
    private var order: [Int] = []

    private struct Member {
        var key: Range<Int>
        /// The member's canonical text (`"key":value`) in the output.
        var text: Range<Int>
    }

    init() {}

    /// Appends the canonical form of the document `text` to `out`.
    mutating func write(_ text: UnsafeRawBufferPointer, into out: inout [UInt8]) throws(JSONError) {
        var reader = Reader(bytes: text)
        reader.skipWhitespace()
        try value(&reader, &out, depth: 0)
        reader.skipWhitespace()
        guard reader.i == text.count else { throw reader.fail("unexpected text after the document") }
    }

    private mutating func value(_ r: inout Reader, _ out: inout [UInt8], depth: Int) throws(JSONError) {
        guard let byte = r.peek else { throw r.fail("unexpected end of text") }
        switch byte {
        case UInt8(ascii: "{"): try object(&r, &out, depth: depth + 1)
        case UInt8(ascii: "["): try array(&r, &out, depth: depth + 1)
        case UInt8(ascii: "\""): try string(&r, &out, rawKey: false)
        case UInt8(ascii: "t"): try r.expect("true"); out += "true".utf8
        case UInt8(ascii: "f"): try r.expect("false"); out += "false".utf8
        case UInt8(ascii: "n"): try r.expect("null"); out += "null".utf8
        default: try number(&r, &out)
        }
    }

    private mutating func array(_ r: inout Reader, _ out: inout [UInt8], depth: Int) throws(JSONError) {
        guard depth <= 512 else { throw r.fail("nesting deeper than 512 levels") }
        r.i += 1
        out.append(UInt8(ascii: "["))
        r.skipWhitespace()
        if r.peek == UInt8(ascii: "]") {
            r.i += 1
            out.append(UInt8(ascii: "]"))
            return
        }
        while true {
            r.skipWhitespace()
            try value(&r, &out, depth: depth)
            r.skipWhitespace()
            guard let next = r.peek else { throw r.fail("unterminated array") }
            r.i += 1
            if next == UInt8(ascii: ",") {
                out.append(UInt8(ascii: ","))
                continue
            }
            guard next == UInt8(ascii: "]") else { r.i -= 1; throw r.fail("expected ',' or ']'") }
            out.append(UInt8(ascii: "]"))
            return
        }
    }

    private mutating func object(_ r: inout Reader, _ out: inout [UInt8], depth: Int) throws(JSONError) {
        guard depth <= 512 else { throw r.fail("nesting deeper than 512 levels") }
        r.i += 1
        out.append(UInt8(ascii: "{"))
        let firstMember = members.count
        let firstKey = keys.count
        defer {
            members.removeSubrange(firstMember...)
            keys.removeSubrange(firstKey...)
        }
        r.skipWhitespace()
        if r.peek == UInt8(ascii: "}") {
            r.i += 1
            out.append(UInt8(ascii: "}"))
            return
        }
        var sorted = true
        while true {
            r.skipWhitespace()
            guard r.peek == UInt8(ascii: "\"") else { throw r.fail("expected a string key") }
            if members.count > firstMember { out.append(UInt8(ascii: ",")) }
            let start = out.count
            let keyStart = keys.count
            try string(&r, &out, rawKey: true)
            let key = keyStart..<keys.count
            if members.count > firstMember, !precedes(members[members.count - 1].key, key) { sorted = false }
            r.skipWhitespace()
            guard r.peek == UInt8(ascii: ":") else { throw r.fail("expected ':'") }
            r.i += 1
            out.append(UInt8(ascii: ":"))
            r.skipWhitespace()
            try value(&r, &out, depth: depth)
            members.append(Member(key: key, text: start..<out.count))
            r.skipWhitespace()
            guard let next = r.peek else { throw r.fail("unterminated object") }
            r.i += 1
            if next == UInt8(ascii: ",") { continue }
            guard next == UInt8(ascii: "}") else { r.i -= 1; throw r.fail("expected ',' or '}'") }
            break
        }
        if !sorted { reorder(&out, members: firstMember..<members.count) }
        out.append(UInt8(ascii: "}"))
    }

    /// Whether key `a` sorts strictly before key `b` in `jsonb`'s order: shorter first, then by
    /// bytes.
    private func precedes(_ a: Range<Int>, _ b: Range<Int>) -> Bool {
        keys.withUnsafeBufferPointer { Self.compare($0, a, b) < 0 }
    }

    /// Rewrites an object's members in key order, keeping the last of equal keys.
    private mutating func reorder(_ out: inout [UInt8], members range: Range<Int>) {
        let base = members[range.lowerBound].text.lowerBound
        scratch.removeAll(keepingCapacity: true)
        scratch += out[base...]
        out.removeSubrange(base...)
        order.removeAll(keepingCapacity: true)
        order += range
        // An insertion sort, stable, comparing keys in place: objects have a handful of keys.
        keys.withUnsafeBufferPointer { keys in
            members.withUnsafeBufferPointer { members in
                func comesBefore(_ a: Int, _ b: Int) -> Bool { Self.compare(keys, members[a].key, members[b].key) < 0 }
                for i in 1..<order.count {
                    let moving = order[i]
                    var j = i
                    while j > 0, comesBefore(moving, order[j - 1]) {
                        order[j] = order[j - 1]
                        j -= 1
                    }
                    order[j] = moving
                }
                var first = true
                for position in order.indices {
                    let index = order[position]
                    // Of equal keys the last given wins; the sort kept them in the order given.
                    if position + 1 < order.count, Self.compare(keys, members[index].key, members[order[position + 1]].key) == 0 { continue }
                    if !first { out.append(UInt8(ascii: ",")) }
                    first = false
                    let text = members[index].text
                    out += scratch[(text.lowerBound - base)..<(text.upperBound - base)]
                }
            }
        }
    }

    /// `jsonb`'s order of two keys: negative when `a` comes first, zero when they are equal.
    private static func compare(_ keys: UnsafeBufferPointer<UInt8>, _ a: Range<Int>, _ b: Range<Int>) -> Int {
        if a.count != b.count { return a.count - b.count }
        guard let base = keys.baseAddress, a.count > 0 else { return 0 }
        return Int(memcmp(base + a.lowerBound, base + b.lowerBound, a.count))
    }

    /// A string, re-escaped as ``JSONWriter`` escapes; a key's raw bytes also go to ``keys``.
    private mutating func string(_ r: inout Reader, _ out: inout [UInt8], rawKey: Bool) throws(JSONError) {
        r.i += 1
        out.append(UInt8(ascii: "\""))
        while true {
            guard let byte = r.peek else { throw r.fail("unterminated string") }
            switch byte {
            case UInt8(ascii: "\""):
                r.i += 1
                out.append(UInt8(ascii: "\""))
                return
            case UInt8(ascii: "\\"):
                r.i += 1
                guard let escape = r.peek else { throw r.fail("unterminated escape") }
                r.i += 1
                let scalar: UInt32
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scalar = UInt32(escape)
                case UInt8(ascii: "b"): scalar = 0x08
                case UInt8(ascii: "f"): scalar = 0x0C
                case UInt8(ascii: "n"): scalar = 0x0A
                case UInt8(ascii: "r"): scalar = 0x0D
                case UInt8(ascii: "t"): scalar = 0x09
                case UInt8(ascii: "u"): scalar = try JSONUnicodeEscape.scalar(r.bytes, at: &r.i)
                default: r.i -= 1; throw r.fail("unknown escape")
                }
                Self.appendEscaped(scalar, to: &out)
                if rawKey { JSONUnicodeEscape.appendUTF8(scalar, to: &keys) }
            case 0..<0x20:
                throw r.fail("control character in string: escape it")
            default:
                // A run of plain bytes is copied as it is, in one append.
                let start = r.i
                while let next = r.peek, next != UInt8(ascii: "\""), next != UInt8(ascii: "\\"), next >= 0x20 { r.i += 1 }
                let run = UnsafeRawBufferPointer(rebasing: r.bytes[start..<r.i])
                out += run
                if rawKey { keys += run }
            }
        }
    }

    /// One character as ``JSONWriter/writeString(_:into:)`` writes it.
    private static func appendEscaped(_ scalar: UInt32, to out: inout [UInt8]) {
        switch scalar {
        case 0x22: out += [0x5C, 0x22]
        case 0x5C: out += [0x5C, 0x5C]
        case 0x0A: out += [0x5C, UInt8(ascii: "n")]
        case 0x0D: out += [0x5C, UInt8(ascii: "r")]
        case 0x09: out += [0x5C, UInt8(ascii: "t")]
        case 0..<0x20:
            let digits = Array("0123456789abcdef".utf8)
            out += [0x5C, UInt8(ascii: "u"), 0x30, 0x30, digits[Int(scalar >> 4)], digits[Int(scalar & 0xF)]]
        default: JSONUnicodeEscape.appendUTF8(scalar, to: &out)
        }
    }

    private mutating func number(_ r: inout Reader, _ out: inout [UInt8]) throws(JSONError) {
        let start = r.i
        while let byte = r.peek, JSONNumber.isLiteralByte(byte) { r.i += 1 }
        guard r.i > start, JSONNumber.appendNormalised(UnsafeRawBufferPointer(rebasing: r.bytes[start..<r.i]), to: &out) else {
            r.i = start
            throw r.fail("invalid number")
        }
    }

    /// A cursor over the document's bytes.
    private struct Reader {
        let bytes: UnsafeRawBufferPointer
        var i = 0

        var peek: UInt8? { i < bytes.count ? bytes[i] : nil }

        func fail(_ reason: String) -> JSONError { JSONError(offset: i, reason: reason) }

        mutating func skipWhitespace() {
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
        }

        mutating func expect(_ word: StaticString) throws(JSONError) {
            let count = word.utf8CodeUnitCount
            guard i + count <= bytes.count,
                  word.withUTF8Buffer({ UnsafeRawBufferPointer($0).elementsEqual(bytes[i..<(i + count)]) })
            else { throw fail("unknown literal") }
            i += count
        }
    }
}

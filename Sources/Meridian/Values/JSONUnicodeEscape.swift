/// The `\uXXXX` escapes of JSON strings, read alike by ``JSONParser`` and
/// ``JSONCanonicalWriter``: surrogate pairs joined, and refused where PostgreSQL refuses them
/// (`\u0000`, a surrogate without its pair).
enum JSONUnicodeEscape {
    /// The scalar of the escape whose four hex digits start at `i` (the `\u` already read);
    /// `i` moves past it, and past the low half of a surrogate pair.
    static func scalar(_ bytes: UnsafeRawBufferPointer, at i: inout Int) throws(JSONError) -> UInt32 {
        let scalar = try hex4(bytes, &i)
        if scalar == 0 { throw JSONError(offset: i, reason: "\\u0000 cannot be stored: PostgreSQL text and jsonb reject NUL") }
        if (0xDC00...0xDFFF).contains(scalar) { throw JSONError(offset: i, reason: "unpaired low surrogate") }
        guard (0xD800...0xDBFF).contains(scalar) else { return scalar }
        guard i + 2 <= bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else {
            throw JSONError(offset: i, reason: "unpaired high surrogate")
        }
        i += 2
        let low = try hex4(bytes, &i)
        guard (0xDC00...0xDFFF).contains(low) else { throw JSONError(offset: i, reason: "unpaired high surrogate") }
        return 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
    }

    private static func hex4(_ bytes: UnsafeRawBufferPointer, _ i: inout Int) throws(JSONError) -> UInt32 {
        guard i + 4 <= bytes.count else { throw JSONError(offset: i, reason: "short \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let c = bytes[i]
            let digit: UInt32
            switch c {
            case 48...57: digit = UInt32(c - 48)
            case 65...70: digit = UInt32(c - 55)
            case 97...102: digit = UInt32(c - 87)
            default: throw JSONError(offset: i, reason: "invalid hex digit in \\u escape")
            }
            value = value << 4 | digit
            i += 1
        }
        return value
    }

    /// Appends the UTF-8 bytes of `scalar`.
    static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            out.append(UInt8(scalar))
        case 0x80..<0x800:
            out += [UInt8(0xC0 | scalar >> 6), UInt8(0x80 | scalar & 0x3F)]
        case 0x800..<0x10000:
            out += [UInt8(0xE0 | scalar >> 12), UInt8(0x80 | scalar >> 6 & 0x3F), UInt8(0x80 | scalar & 0x3F)]
        default:
            out += [UInt8(0xF0 | scalar >> 18), UInt8(0x80 | scalar >> 12 & 0x3F), UInt8(0x80 | scalar >> 6 & 0x3F), UInt8(0x80 | scalar & 0x3F)]
        }
    }
}

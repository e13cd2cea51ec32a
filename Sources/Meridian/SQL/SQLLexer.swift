/// A small SQL lexer that knows just enough of both dialects to find what lies outside
/// literals and comments: placeholders, and the semicolons that end statements.
///
/// It understands `'…'` strings with `''` escapes, `E'…'` strings with backslash escapes,
/// `"…"` identifiers, `--` and nested `/* */` comments, and `$tag$…$tag$` dollar quoting.
public enum SQLLexer {
    public enum Token: Sendable, Equatable {
        /// A `$n` placeholder: its UTF-8 byte range and number.
        case placeholder(Range<Int>, Int)
        /// A `;` outside any literal, comment or body, at this byte offset.
        case semicolon(Int)
    }

    public static func scan(_ sql: String, _ visit: (Token) -> Void) {
        let s = Array(sql.utf8)
        let n = s.count
        var i = 0
        while i < n {
            let c = s[i]
            switch c {
            case UInt8(ascii: "'"):
                let escapes = i > 0 && (s[i - 1] == UInt8(ascii: "E") || s[i - 1] == UInt8(ascii: "e"))
                    && (i < 2 || !isIdentifier(s[i - 2]))
                i = skipQuoted(s, from: i, quote: c, backslashEscapes: escapes)
            case UInt8(ascii: "\""):
                i = skipQuoted(s, from: i, quote: c, backslashEscapes: false)
            case UInt8(ascii: "-") where i + 1 < n && s[i + 1] == UInt8(ascii: "-"):
                while i < n, s[i] != 0x0A { i += 1 }
            case UInt8(ascii: "/") where i + 1 < n && s[i + 1] == UInt8(ascii: "*"):
                var depth = 1
                i += 2
                while i < n, depth > 0 {
                    if s[i] == UInt8(ascii: "/"), i + 1 < n, s[i + 1] == UInt8(ascii: "*") { depth += 1; i += 2 }
                    else if s[i] == UInt8(ascii: "*"), i + 1 < n, s[i + 1] == UInt8(ascii: "/") { depth -= 1; i += 2 }
                    else { i += 1 }
                }
            case UInt8(ascii: "$"):
                if i > 0, isIdentifier(s[i - 1]) { i += 1; continue }
                var j = i + 1
                var number = 0
                while j < n, (48...57).contains(s[j]), number < 100_000 { number = number * 10 + Int(s[j] - 48); j += 1 }
                if j > i + 1 {
                    visit(.placeholder(i..<j, number))
                    i = j
                    continue
                }
                // A dollar quote: `$$` or `$tag$`, closed by the same tag.
                j = i + 1
                while j < n, isIdentifier(s[j]) { j += 1 }
                guard j < n, s[j] == UInt8(ascii: "$") else { i += 1; continue }
                let tag = Array(s[i...j])
                var k = j + 1
                while k < n {
                    if s[k] == UInt8(ascii: "$"), k + tag.count <= n, Array(s[k..<(k + tag.count)]) == tag { break }
                    k += 1
                }
                i = min(n, k + tag.count)
            case UInt8(ascii: ";"):
                visit(.semicolon(i))
                i += 1
            default:
                i += 1
            }
        }
    }

    private static func isIdentifier(_ c: UInt8) -> Bool {
        (48...57).contains(c) || (65...90).contains(c) || (97...122).contains(c) || c == UInt8(ascii: "_") || c >= 0x80
    }

    private static func skipQuoted(_ s: [UInt8], from start: Int, quote: UInt8, backslashEscapes: Bool) -> Int {
        var i = start + 1
        while i < s.count {
            if backslashEscapes, s[i] == UInt8(ascii: "\\") { i += 2; continue }
            if s[i] == quote {
                if i + 1 < s.count, s[i + 1] == quote { i += 2; continue }
                return i + 1
            }
            i += 1
        }
        return s.count
    }
}

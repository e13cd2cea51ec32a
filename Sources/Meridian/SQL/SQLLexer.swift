/// A small SQL lexer that knows just enough of both dialects to find what lies outside
/// literals and comments: placeholders, the semicolons that end statements and, on request,
/// the words (identifiers and keywords) a statement splitter needs to see.
///
/// By default it understands `'…'` strings with `''` escapes, `E'…'` strings with backslash
/// escapes, `"…"` identifiers, `--` and nested `/* */` comments, and `$tag$…$tag$` dollar
/// quoting. With ``Options/sqlite`` it follows SQLite instead.
public enum SQLLexer {
    public enum Token: Sendable, Equatable {
        /// A `$n` placeholder: its UTF-8 byte range and number.
        case placeholder(Range<Int>, Int)
        /// A `;` outside any literal, comment or body, at this byte offset.
        case semicolon(Int)
        /// An identifier or keyword outside literals and comments: its UTF-8 byte range.
        /// Reported only with ``Options/words``; numbers are not words.
        case word(Range<Int>)
        /// A literal or comment still open at the end of the text, and the byte offset where it opens.
        case unterminated(Unterminated, Int)
    }

    /// What was left open at the end of the text.
    public enum Unterminated: Sendable, Equatable {
        case string, quotedIdentifier, blockComment, dollarQuote
    }

    public struct Options: OptionSet, Sendable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }

        /// Report ``Token/word(_:)`` tokens; off by default because placeholder scanning,
        /// which runs on every new statement, has no use for them.
        public static let words = Options(rawValue: 1 << 0)
        /// SQLite's rules: `` `…` `` and `[…]` quote identifiers; there are no `E'…'` strings,
        /// no dollar quotes, and block comments do not nest.
        public static let sqlite = Options(rawValue: 1 << 1)
    }

    public static func scan(_ sql: String, options: Options = [], _ visit: (Token) -> Void) {
        var sql = sql
        sql.withUTF8 { scan($0, options: options, visit) }
    }

    /// Over the string's own UTF-8 storage: no copy, and no bounds checks in release builds.
    private static func scan(_ s: UnsafeBufferPointer<UInt8>, options: Options, _ visit: (Token) -> Void) {
        let n = s.count
        let words = options.contains(.words)
        let sqlite = options.contains(.sqlite)
        var i = 0
        while i < n {
            let c = s[i]
            switch c {
            case UInt8(ascii: "'"):
                let escapes = !sqlite && i > 0 && (s[i - 1] == UInt8(ascii: "E") || s[i - 1] == UInt8(ascii: "e"))
                    && (i < 2 || !isIdentifier(s[i - 2]))
                guard let end = skipQuoted(s, from: i, quote: c, backslashEscapes: escapes) else {
                    return visit(.unterminated(.string, i))
                }
                i = end
            case UInt8(ascii: "\""), UInt8(ascii: "`"):
                guard c == UInt8(ascii: "\"") || sqlite else { i += 1; continue }
                guard let end = skipQuoted(s, from: i, quote: c, backslashEscapes: false) else {
                    return visit(.unterminated(.quotedIdentifier, i))
                }
                i = end
            case UInt8(ascii: "[") where sqlite:
                guard let close = s[i...].firstIndex(of: UInt8(ascii: "]")) else {
                    return visit(.unterminated(.quotedIdentifier, i))
                }
                i = close + 1
            case UInt8(ascii: "-") where i + 1 < n && s[i + 1] == UInt8(ascii: "-"):
                while i < n, s[i] != 0x0A { i += 1 }
            case UInt8(ascii: "/") where i + 1 < n && s[i + 1] == UInt8(ascii: "*"):
                let start = i
                var depth = 1
                i += 2
                while i < n, depth > 0 {
                    if !sqlite, s[i] == UInt8(ascii: "/"), i + 1 < n, s[i + 1] == UInt8(ascii: "*") { depth += 1; i += 2 }
                    else if s[i] == UInt8(ascii: "*"), i + 1 < n, s[i + 1] == UInt8(ascii: "/") { depth -= 1; i += 2 }
                    else { i += 1 }
                }
                if depth > 0 { return visit(.unterminated(.blockComment, start)) }
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
                guard !sqlite, j < n, s[j] == UInt8(ascii: "$") else { i += 1; continue }
                let tag = i...j
                var k = j + 1
                while k < n, !(s[k] == UInt8(ascii: "$") && matches(s, at: k, tag)) { k += 1 }
                if k == n { return visit(.unterminated(.dollarQuote, i)) }
                i = k + tag.count
            case UInt8(ascii: ";"):
                visit(.semicolon(i))
                i += 1
            default:
                // Without words, byte by byte is fastest. With them, a whole identifier or number
                // at once; a `$` right after an identifier character belongs to it (`a$b`), as the
                // `$` case above also decides.
                guard words, isIdentifier(c) else { i += 1; continue }
                let start = i
                i += 1
                while i < n, isIdentifier(s[i]) || (s[i] == UInt8(ascii: "$") && isIdentifier(s[i - 1])) { i += 1 }
                if words, !(48...57).contains(c), start == 0 || s[start - 1] != UInt8(ascii: "$") {
                    visit(.word(start..<i))
                }
            }
        }
    }

    private static func isIdentifier(_ c: UInt8) -> Bool {
        // ASCII letters of either case, digits, `_`, and every byte of a multibyte character.
        (c | 0x20) &- 97 < 26 || c &- 48 < 10 || c == UInt8(ascii: "_") || c >= 0x80
    }

    /// Whether the bytes at `k` repeat those of `tag`.
    private static func matches(_ s: UnsafeBufferPointer<UInt8>, at k: Int, _ tag: ClosedRange<Int>) -> Bool {
        guard k + tag.count <= s.count else { return false }
        for (offset, index) in tag.enumerated() where s[k + offset] != s[index] { return false }
        return true
    }

    /// The offset just past the closing quote, or nil when the text ends first.
    private static func skipQuoted(_ s: UnsafeBufferPointer<UInt8>, from start: Int, quote: UInt8, backslashEscapes: Bool) -> Int? {
        var i = start + 1
        while i < s.count {
            if backslashEscapes, s[i] == UInt8(ascii: "\\") { i += 2; continue }
            if s[i] == quote {
                if i + 1 < s.count, s[i + 1] == quote { i += 2; continue }
                return i + 1
            }
            i += 1
        }
        return nil
    }
}

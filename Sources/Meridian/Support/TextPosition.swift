/// A 1-based line and column in a text, for messages that point at one character.
///
/// ```swift
/// TextPosition(utf8Offset: 13, in: "SELECT 1;\nDELETE".utf8)  // line 2, column 4
/// TextPosition.firstNUL(in: "DELETE FROM t\0 WHERE id = 2")  // line 1, column 14
/// ```
///
/// Lines end at `\n`; columns count Unicode scalars, as editors count characters, so a column
/// is the same whether the text before it is ASCII or not.
public struct TextPosition: Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// The position of the byte at `offset` in UTF-8 text.
    public init<Bytes: Collection<UInt8>>(utf8Offset offset: Int, in bytes: Bytes) {
        var line = 1
        var column = 1
        for byte in bytes.prefix(offset) {
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {  // the first byte of a scalar
                column += 1
            }
        }
        self.init(line: line, column: column)
    }

    /// The position of the Unicode scalar at `offset` (0-based) of `text`: PostgreSQL counts
    /// an error's position in characters, SQLite in bytes.
    public init(scalarOffset offset: Int, in text: String) {
        let scalars = text.unicodeScalars
        let index = scalars.index(scalars.startIndex, offsetBy: offset, limitedBy: scalars.endIndex) ?? scalars.endIndex
        self.init(utf8Offset: text.utf8.distance(from: text.utf8.startIndex, to: index), in: text.utf8)
    }

    /// Where the first NUL (U+0000) of `text` is, or `nil` when it has none.
    public static func firstNUL(in text: String) -> TextPosition? {
        let bytes = text.utf8
        guard let index = bytes.firstIndex(of: 0) else { return nil }
        return TextPosition(utf8Offset: bytes.distance(from: bytes.startIndex, to: index), in: bytes)
    }

    /// Where the first byte that is not UTF-8 is (a stray byte, an overlong form, a surrogate,
    /// a sequence cut short), or `nil` when all of `bytes` is UTF-8.
    ///
    /// ```swift
    /// TextPosition.firstInvalidUTF8(in: Array("SELECT 1;\nSELECT '".utf8) + [0xFF])  // line 2, column 9
    /// ```
    public static func firstInvalidUTF8<Bytes: Collection<UInt8>>(in bytes: Bytes) -> TextPosition? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .emptyInput: return nil
            case .error: return TextPosition(utf8Offset: offset, in: bytes)
            }
        }
    }

    /// `line 3, column 14`.
    public var description: String { "line \(line), column \(column)" }
}

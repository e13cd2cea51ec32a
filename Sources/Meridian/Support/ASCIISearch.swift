/// Case-insensitive searches over UTF-8 text for ASCII words, without Foundation: they run on
/// every migration script, where `lowercased()` and `range(of:options:)` showed in profiles.
enum ASCIISearch {
    /// Whether `text` contains `needle` (ASCII) in any letter case.
    static func contains(_ text: String, _ needle: String) -> Bool {
        firstMatch(Array(text.utf8), Array(needle.utf8.map(lower)), from: 0, wholeWord: false) != nil
    }

    /// Whether `text` contains `word` (ASCII) in any case, not as part of a longer identifier.
    static func containsWord(_ text: String, _ word: String) -> Bool {
        firstMatch(Array(text.utf8), Array(word.utf8.map(lower)), from: 0, wholeWord: true) != nil
    }

    @inline(__always)
    static func lower(_ byte: UInt8) -> UInt8 { (65...90).contains(byte) ? byte + 32 : byte }

    private static func isIdentifier(_ byte: UInt8) -> Bool {
        (48...57).contains(byte) || (65...90).contains(byte) || (97...122).contains(byte) || byte == 95 || byte >= 0x80
    }

    private static func firstMatch(_ text: [UInt8], _ needle: [UInt8], from start: Int, wholeWord: Bool) -> Int? {
        guard !needle.isEmpty, text.count >= needle.count else { return nil }
        var i = start
        while i <= text.count - needle.count {
            var j = 0
            while j < needle.count, lower(text[i + j]) == needle[j] { j += 1 }
            if j == needle.count {
                let before = i == 0 || !isIdentifier(text[i - 1])
                let after = i + j == text.count || !isIdentifier(text[i + j])
                if !wholeWord || (before && after) { return i }
            }
            i += 1
        }
        return nil
    }
}

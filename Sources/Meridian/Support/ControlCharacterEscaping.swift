extension String {
    /// The text with every control character written as an escape, so that printing it cannot
    /// move the cursor, clear the screen, retitle the window or reorder what follows.
    ///
    /// ```swift
    /// "red\u{1B}[31m\nline".escapingControlCharacters()   // #"red\u{1B}[31m\nline"#
    /// ```
    ///
    /// Escaped are the C0 controls, DEL and the C1 controls (`\0`, `\t`, `\n`, `\r`, else
    /// `\u{1B}`), and the bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069),
    /// which make a terminal show text in another order than it holds. A backslash is left as
    /// it is, so `\n` in the data and an escaped line break read alike: this is for eyes, not
    /// for parsing (`--json` is).
    ///
    /// - Parameter keepingLayout: leave line breaks and tabs as they are, for multi-line text
    ///   such as SQL.
    public func escapingControlCharacters(keepingLayout: Bool = false) -> String {
        guard unicodeScalars.contains(where: { $0.needsEscape }) else { return self }
        var out = String.UnicodeScalarView()
        for scalar in unicodeScalars {
            guard scalar.needsEscape, !(keepingLayout && ["\n", "\t", "\r"].contains(scalar)) else {
                out.append(scalar)
                continue
            }
            let escape: String =
                switch scalar {
                case "\0": #"\0"#
                case "\t": #"\t"#
                case "\n": #"\n"#
                case "\r": #"\r"#
                default: #"\u{"# + String(scalar.value, radix: 16, uppercase: true) + "}"
                }
            out.append(contentsOf: escape.unicodeScalars)
        }
        return String(out)
    }
}

extension Unicode.Scalar {
    fileprivate var needsEscape: Bool {
        value < 0x20 || (0x7F...0x9F).contains(value) || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
    }
}

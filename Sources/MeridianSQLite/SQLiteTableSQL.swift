/// What SQLite keeps only in a table's `CREATE TABLE` text: CHECK constraints with their names,
/// column collations, and `WITHOUT ROWID`.
///
/// No pragma reports these, so ``SQLiteInspector`` reads them from `sqlite_master.sql`. The
/// reader knows the shape of a table definition (items split by top-level commas, each a column
/// or a table constraint) and SQLite's tokens, not its whole grammar.
struct SQLiteTableSQL {
    struct Check {
        /// The name after `CONSTRAINT`, if any.
        var name: String?
        /// The expression's tokens, without the surrounding parentheses.
        var expression: [SQLiteToken]
    }

    var checks: [Check] = []
    /// The expressions of generated columns (`GENERATED ALWAYS AS (…)`, `AS (…)`), by column
    /// name as written.
    var generated: [String: [SQLiteToken]] = [:]
    /// Names of UNIQUE and FOREIGN KEY constraints written with `CONSTRAINT name`, by their
    /// columns as written.
    var uniqueNames: [[String]: String] = [:]
    var foreignKeyNames: [[String]: String] = [:]
    /// Collations declared with `COLLATE`, by column name as written.
    var collations: [String: String] = [:]
    var withoutRowID = false

    init(_ sql: String) {
        let tokens = SQLiteToken.scan(sql)
        guard let open = tokens.firstIndex(of: .symbol("(")) else { return }
        var item: [SQLiteToken] = []
        var depth = 0
        var index = open + 1
        while index < tokens.count {
            let token = tokens[index]
            index += 1
            if token == .symbol("(") { depth += 1 }
            if token == .symbol(")") {
                if depth == 0 { break }
                depth -= 1
            }
            if token == .symbol(","), depth == 0 {
                read(item)
                item = []
            } else {
                item.append(token)
            }
        }
        read(item)
        let options = tokens[index...].map(\.keyword)
        withoutRowID = zip(options, options.dropFirst()).contains { $0 == "WITHOUT" && $1 == "ROWID" }
    }

    private static let tableConstraintKeywords: Set<String> = ["CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN"]
    private static let columnConstraintKeywords: Set<String> = ["PRIMARY", "NOT", "NULL", "UNIQUE", "DEFAULT", "REFERENCES", "GENERATED", "AS"]

    /// One column definition or table constraint.
    private mutating func read(_ item: [SQLiteToken]) {
        guard let first = item.first else { return }
        let column = Self.tableConstraintKeywords.contains(first.keyword) ? nil : first.text
        var pendingName: String?
        var index = column == nil ? 0 : 1
        while index < item.count {
            let keyword = item[index].keyword
            index += 1
            if keyword == "CONSTRAINT", index < item.count {
                pendingName = item[index].text
                index += 1
            } else if keyword == "CHECK", index < item.count, item[index] == .symbol("(") {
                let end = Self.closingParenthesis(item, from: index)
                checks.append(Check(name: pendingName, expression: Array(item[(index + 1)..<end])))
                pendingName = nil
                index = end + 1
            } else if ["UNIQUE", "FOREIGN", "REFERENCES"].contains(keyword), let name = pendingName {
                // A table constraint lists its columns; a column constraint is its column's.
                var open = index
                if keyword == "FOREIGN", open < item.count, item[open].keyword == "KEY" { open += 1 }
                var columns = column.map { [$0] } ?? []
                if column == nil, open < item.count, item[open] == .symbol("(") {
                    let end = Self.closingParenthesis(item, from: open)
                    columns = item[(open + 1)..<end].filter { $0 != .symbol(",") }.map(\.text)
                    index = end + 1
                }
                if keyword == "UNIQUE" { uniqueNames[columns] = name } else { foreignKeyNames[columns] = name }
                pendingName = nil
            } else if keyword == "AS", let column, index < item.count, item[index] == .symbol("(") {
                let end = Self.closingParenthesis(item, from: index)
                generated[column] = Array(item[(index + 1)..<end])
                pendingName = nil
                index = end + 1
            } else if keyword == "COLLATE", let column, index < item.count {
                collations[column] = item[index].text
                pendingName = nil
                index += 1
            } else if item[index - 1] == .symbol("(") {
                index = Self.closingParenthesis(item, from: index - 1) + 1
            } else if Self.columnConstraintKeywords.contains(keyword) {
                pendingName = nil
            }
        }
    }

    /// The index of the `)` that closes the `(` at `open`, or the end of `tokens`.
    private static func closingParenthesis(_ tokens: [SQLiteToken], from open: Int) -> Int {
        var depth = 0
        for index in open..<tokens.count {
            if tokens[index] == .symbol("(") { depth += 1 }
            if tokens[index] == .symbol(")") {
                depth -= 1
                if depth == 0 { return index }
            }
        }
        return tokens.count
    }
}

/// A token of SQLite's SQL, with comments and whitespace dropped and quotes taken off.
enum SQLiteToken: Hashable {
    /// A bare word: a keyword or an unquoted identifier.
    case word(String)
    /// A `"…"`, `` `…` `` or `[…]` identifier, unquoted.
    case quoted(String)
    /// A `'…'` literal's value.
    case string(String)
    /// A number, or one character of punctuation or operator.
    case symbol(String)

    /// The text an identifier names: the word or the unquoted name.
    var text: String {
        switch self {
        case .word(let s), .quoted(let s), .string(let s), .symbol(let s): s
        }
    }

    /// The upper-cased word, or `""` for anything that cannot be a keyword.
    var keyword: String {
        if case .word(let word) = self { return word.uppercased() }
        return ""
    }

    /// Tokens back as SQL text, one space between tokens except inside two-character
    /// operators (`>=`, `<>`, `||`): `length ( "code" ) <= 3`.
    static func sql(_ tokens: [SQLiteToken]) -> String {
        var text = ""
        for (offset, token) in tokens.enumerated() {
            let glued = offset > 0 && operatorSymbols.contains(tokens[offset - 1]) && operatorSymbols.contains(token)
            if offset > 0, !glued { text += " " }
            switch token {
            case .word(let word): text += word
            case .quoted(let name): text += "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            case .string(let value): text += "'" + value.replacingOccurrences(of: "'", with: "''") + "'"
            case .symbol(let symbol): text += symbol
            }
        }
        return text
    }

    private static let operatorSymbols: Set<SQLiteToken> = ["<", ">", "=", "!", "|"].map { SQLiteToken.symbol($0) }.reduce(into: []) { $0.insert($1) }

    /// The token as comparisons see it: identifiers without quotes or case, so `"b" IN (0, 1)`
    /// equals `b in (0,1)`.
    var normalized: SQLiteToken {
        switch self {
        case .word(let s), .quoted(let s): .word(s.lowercased())
        case .string, .symbol: self
        }
    }

    static func scan(_ sql: String) -> [SQLiteToken] {
        let s = Array(sql.unicodeScalars)
        var tokens: [SQLiteToken] = []
        var i = 0
        func isWordCharacter(_ c: Unicode.Scalar) -> Bool {
            c.properties.isAlphabetic || c == "_" || c == "$" || ("0"..."9").contains(c) || c.value >= 0x80
        }
        func quoted(until close: Unicode.Scalar, doubling: Bool) -> String {
            var text = ""
            i += 1
            while i < s.count {
                if s[i] == close {
                    if doubling, i + 1 < s.count, s[i + 1] == close { text.unicodeScalars.append(close); i += 2; continue }
                    i += 1
                    break
                }
                text.unicodeScalars.append(s[i])
                i += 1
            }
            return text
        }
        while i < s.count {
            let c = s[i]
            switch c {
            case _ where c.properties.isWhitespace:
                i += 1
            case "-" where i + 1 < s.count && s[i + 1] == "-":
                while i < s.count, s[i] != "\n" { i += 1 }
            case "/" where i + 1 < s.count && s[i + 1] == "*":
                i += 2
                while i < s.count, !(s[i] == "*" && i + 1 < s.count && s[i + 1] == "/") { i += 1 }
                i += 2
            case "'":
                tokens.append(.string(quoted(until: "'", doubling: true)))
            case "\"", "`":
                tokens.append(.quoted(quoted(until: c, doubling: true)))
            case "[":
                tokens.append(.quoted(quoted(until: "]", doubling: false)))
            case _ where ("0"..."9").contains(c) || c == ".":
                let start = i
                while i < s.count, isWordCharacter(s[i]) || s[i] == "." { i += 1 }
                tokens.append(.symbol(String(String.UnicodeScalarView(s[start..<i]))))
            case _ where isWordCharacter(c):
                let start = i
                while i < s.count, isWordCharacter(s[i]) { i += 1 }
                tokens.append(.word(String(String.UnicodeScalarView(s[start..<i]))))
            default:
                tokens.append(.symbol(String(c)))
                i += 1
            }
        }
        return tokens
    }
}

/// What a query asks of each table it reads: the columns it compares for equality, in ranges,
/// or joins on, and those it orders or groups by — where an index could serve it.
///
/// ```swift
/// let shape = QueryShape("SELECT * FROM earthquakes q WHERE q.magnitude_type = $1 AND q.occurred_at >= $2 ORDER BY q.magnitude DESC",
///                        schema: snapshot)
/// shape.tables["earthquakes"]   // equality [magnitude_type], range [occurred_at], order [magnitude]
/// ```
///
/// A light reading of the SQL, not a parser: column references in `WHERE`, `ON`, `HAVING`,
/// `ORDER BY` and `GROUP BY`, qualified by a table or alias or found in the one table of the
/// `FROM` list that has them; an operator next to a column makes a comparison (`=`, `IN`, `IS`
/// for equality; `<`, `>`, `<=`, `>=`, `BETWEEN`, `LIKE` for ranges; `<>` serves no index). A
/// column inside a function call is not one an index on the column serves, and is left out.
public struct QueryShape: Sendable, Equatable {
    /// What the query asks of one table, each list in the order of the query.
    public struct Use: Sendable, Equatable {
        public var equality: [String] = []
        public var range: [String] = []
        public var order: [String] = []

        public init(equality: [String] = [], range: [String] = [], order: [String] = []) {
            self.equality = equality
            self.range = range
            self.order = order
        }
    }

    /// By table name.
    public var tables: [String: Use]

    public init(_ sql: String, schema: SchemaSnapshot) {
        let aliases = QueryPlan.tableAliases(in: sql)
        let tokens = ShapeToken.scan(sql)
        var tables: [String: Use] = [:]
        var clause = Clause.none
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            index += 1
            if case .word(let word) = token, let next = Self.clause(after: word, following: index < tokens.count ? tokens[index] : nil) {
                clause = next
                continue
            }
            guard clause != .none, case .name(let first) = token else { continue }
            var parts = [first]
            while index + 1 < tokens.count, tokens[index] == .dot, case .name(let part) = tokens[index + 1] {
                parts.append(part)
                index += 2
            }
            let following = index < tokens.count ? tokens[index] : nil
            if following == .open { continue }   // a function call
            let preceding = index - parts.count * 2 >= 0 ? tokens[index - parts.count * 2] : nil
            guard let column = parts.last, let table = Self.table(parts, aliases: aliases, schema: schema) else { continue }
            var use = tables[table] ?? Use()
            switch clause {
            case .order:
                if !use.order.contains(column) { use.order.append(column) }
            case .filter:
                switch Self.comparison(following) ?? Self.comparison(preceding) {
                case .equality?: if !use.equality.contains(column) { use.equality.append(column) }
                case .range?: if !use.range.contains(column) { use.range.append(column) }
                case nil: continue
                }
            case .none:
                continue
            }
            tables[table] = use
        }
        self.tables = tables
    }

    private enum Clause { case none, filter, order }
    private enum Comparison { case equality, range }

    /// The clause a keyword starts, or `nil` for a word that starts none.
    private static func clause(after word: String, following: ShapeToken?) -> Clause? {
        switch word {
        case "where", "on", "having": .filter
        case "order", "group": following == .word("by") ? .order : nil
        case "limit", "offset", "union", "except", "intersect", "returning", "from", "join", "select", "set", "values", "window": Clause.none
        default: nil
        }
    }

    private static func comparison(_ token: ShapeToken?) -> Comparison? {
        switch token {
        case .operator("=")?, .word("in")?, .word("is")?: .equality
        case .operator("<")?, .operator(">")?, .operator("<=")?, .operator(">=")?, .word("between")?, .word("like")?: .range
        default: nil
        }
    }

    /// The table a column reference belongs to: its qualifier's table, or the one table of
    /// the statement that has the column.
    private static func table(_ parts: [String], aliases: [String: String], schema: SchemaSnapshot) -> String? {
        if parts.count >= 2 { return aliases[parts[parts.count - 2]] ?? parts[parts.count - 2] }
        let candidates = Set(aliases.values).filter { schema.table($0)?.column(parts[0]) != nil }
        return candidates.count == 1 ? candidates.first : nil
    }
}

/// The pieces of SQL ``QueryShape`` reads: names (bare names are lowercased keywords when they
/// are keywords), operators and punctuation; strings, numbers and placeholders are values.
enum ShapeToken: Sendable, Equatable {
    case name(String)
    /// A keyword, lowercased.
    case word(String)
    case `operator`(String)
    case value
    case dot, open, close, comma

    private static let keywords: Set<String> = [
        "select", "from", "where", "and", "or", "not", "in", "is", "null", "between", "like", "ilike", "join", "left", "right", "inner", "outer",
        "cross", "natural", "on", "using", "group", "order", "by", "having", "limit", "offset", "asc", "desc", "nulls", "first", "last", "as",
        "distinct", "case", "when", "then", "else", "end", "exists", "union", "except", "intersect", "all", "any", "true", "false", "returning",
        "set", "values", "insert", "update", "delete", "into", "with", "recursive", "window", "over", "partition", "escape", "collate",
    ]

    /// The tokens of `sql`.
    static func scan(_ sql: String) -> [ShapeToken] {
        let characters = Array(sql.unicodeScalars)
        var tokens: [ShapeToken] = []
        var index = 0
        func isNameStart(_ c: Unicode.Scalar) -> Bool { c == "_" || c.properties.isAlphabetic }
        func isNamePart(_ c: Unicode.Scalar) -> Bool { isNameStart(c) || ("0"..."9").contains(c) || c == "$" }
        while index < characters.count {
            let c = characters[index]
            switch c {
            case " ", "\t", "\n", "\r":
                index += 1
            case "-" where index + 1 < characters.count && characters[index + 1] == "-":
                while index < characters.count, characters[index] != "\n" { index += 1 }
            case "'":
                index += 1
                while index < characters.count {
                    if characters[index] == "'" {
                        if index + 1 < characters.count, characters[index + 1] == "'" { index += 2; continue }
                        break
                    }
                    index += 1
                }
                index += 1
                tokens.append(.value)
            case "\"":
                var name = ""
                index += 1
                while index < characters.count {
                    if characters[index] == "\"" {
                        if index + 1 < characters.count, characters[index + 1] == "\"" { name.unicodeScalars.append("\""); index += 2; continue }
                        break
                    }
                    name.unicodeScalars.append(characters[index])
                    index += 1
                }
                index += 1
                tokens.append(.name(name))
            case "$", "?":
                index += 1
                while index < characters.count, ("0"..."9").contains(characters[index]) { index += 1 }
                tokens.append(.value)
            case "0"..."9":
                while index < characters.count, isNamePart(characters[index]) || characters[index] == "." { index += 1 }
                tokens.append(.value)
            case ".": index += 1; tokens.append(.dot)
            case "(": index += 1; tokens.append(.open)
            case ")": index += 1; tokens.append(.close)
            case ",": index += 1; tokens.append(.comma)
            case "<", ">", "=", "!":
                var text = String(c)
                index += 1
                if index < characters.count, characters[index] == "=" || (c == "<" && characters[index] == ">") {
                    text.unicodeScalars.append(characters[index])
                    index += 1
                }
                tokens.append(.operator(text))
            default:
                guard isNameStart(c) else {
                    index += 1
                    tokens.append(.operator(String(c)))
                    continue
                }
                var name = ""
                while index < characters.count, isNamePart(characters[index]) {
                    name.unicodeScalars.append(characters[index])
                    index += 1
                }
                tokens.append(keywords.contains(name.lowercased()) ? .word(name.lowercased()) : .name(name))
            }
        }
        return tokens
    }
}

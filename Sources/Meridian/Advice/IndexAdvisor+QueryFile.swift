extension IndexAdvisor.Query {
    /// The queries of a file: statements separated by `;`, each with its sample values on a
    /// comment line `-- args: …` just above it, separated by commas.
    ///
    /// ```sql
    /// -- args: ml, 2024-01-01T00:00:00.000000Z
    /// SELECT * FROM earthquakes WHERE magnitude_type = $1 AND occurred_at >= $2;
    /// -- args: 'Fiji, region', 10
    /// SELECT * FROM earthquakes WHERE place = $1 LIMIT $2;
    /// ```
    ///
    /// A value reads as an integer, a number with a point or exponent, `true`, `false`, `null`,
    /// or text (in single quotes when it holds a comma).
    ///
    /// - Throws: ``MigrationError`` for an unterminated string or comment, naming the line.
    public static func read(_ text: String, path: String) throws(MigrationError) -> [IndexAdvisor.Query] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return try StatementSplitter.split(text, dialect: .sqlite, path: path).map { statement in
            var arguments: [DatabaseValue] = []
            var line = statement.line - 2
            while line >= 0, lines[line].trimmingCharacters(in: .whitespaces).hasPrefix("--") {
                let comment = lines[line].trimmingCharacters(in: .whitespaces)
                if comment.hasPrefix("-- args:") {
                    arguments = values(String(comment.dropFirst("-- args:".count)))
                    break
                }
                line -= 1
            }
            return IndexAdvisor.Query(statement.sql, arguments, line: statement.line)
        }
    }

    /// Comma-separated sample values.
    static func values(_ text: String) -> [DatabaseValue] {
        var values: [String] = []
        var current = ""
        var quoted = false
        for character in text {
            if character == "'" { quoted.toggle(); continue }
            if character == ",", !quoted {
                values.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        values.append(current)
        return values.map { DatabaseValue(sample: $0.trimmingCharacters(in: .whitespaces)) }
    }
}

extension DatabaseValue {
    /// A value written on a command line or in a sample: an integer, a number with a point or
    /// an exponent, `true`, `false`, `null`, else text.
    public init(sample text: String) {
        if let integer = Int64(text) {
            self = .int(integer)
        } else if let number = Double(text), text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) {
            self = .double(number)
        } else if text == "true" || text == "false" {
            self = .bool(text == "true")
        } else if text == "null" {
            self = .null
        } else {
            self = .text(text)
        }
    }
}

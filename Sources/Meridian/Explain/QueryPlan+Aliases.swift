import Foundation

extension QueryPlan {
    /// The tables a statement names in its `FROM` and `JOIN` clauses, by the alias it gives
    /// them (and by their own names): what turns SQLite's `SCAN q` back into `earthquakes`.
    ///
    /// ```swift
    /// QueryPlan.tableAliases(in: #"SELECT * FROM earthquakes q JOIN "alerts" AS a ON …"#)
    /// // ["q": "earthquakes", "earthquakes": "earthquakes", "a": "alerts", "alerts": "alerts"]
    /// ```
    public static func tableAliases(in sql: String) -> [String: String] {
        let keywords: Set<String> = ["where", "join", "on", "left", "right", "inner", "outer", "cross", "natural", "group", "order", "limit", "using", "union", "window"]
        let pattern = #"(?i)\b(?:FROM|JOIN)\s+"?([A-Za-z_][A-Za-z0-9_]*)"?(?:\s+(?:AS\s+)?"?([A-Za-z_][A-Za-z0-9_]*)"?)?"#
        guard let expression = try? NSRegularExpression(pattern: pattern) else { return [:] }
        var aliases: [String: String] = [:]
        let text = sql as NSString
        for match in expression.matches(in: sql, range: NSRange(location: 0, length: text.length)) {
            let table = text.substring(with: match.range(at: 1))
            aliases[table] = table
            if match.range(at: 2).location != NSNotFound {
                let alias = text.substring(with: match.range(at: 2))
                if !keywords.contains(alias.lowercased()) { aliases[alias] = table }
            }
        }
        return aliases
    }
}

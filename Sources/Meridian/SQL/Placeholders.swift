/// Finds the `$1`, `$2`, … placeholders of a statement, skipping string literals, quoted
/// identifiers, comments and PostgreSQL dollar-quoted bodies.
///
/// Callers write one placeholder syntax on both backends, PostgreSQL's `$n`; each dialect
/// rewrites it to its own (SQLite takes `?n`), and both drivers check the number of bound values
/// against it before anything runs.
public struct PlaceholderScan: Sendable, Equatable {
    /// UTF-8 byte ranges of each placeholder and its number, in order of appearance.
    public var occurrences: [(range: Range<Int>, index: Int)]
    /// The highest placeholder number, the count of values the statement expects.
    public var parameterCount: Int

    public static func == (lhs: PlaceholderScan, rhs: PlaceholderScan) -> Bool {
        lhs.parameterCount == rhs.parameterCount && lhs.occurrences.map(\.index) == rhs.occurrences.map(\.index)
            && lhs.occurrences.map(\.range) == rhs.occurrences.map(\.range)
    }

    public init(_ sql: String) {
        var occurrences: [(Range<Int>, Int)] = []
        var maximum = 0
        SQLLexer.scan(sql) { token in
            if case .placeholder(let range, let index) = token {
                occurrences.append((range, index))
                maximum = max(maximum, index)
            }
        }
        self.occurrences = occurrences
        self.parameterCount = maximum
    }

    /// Checks that `count` values fit the statement: one per placeholder number, numbered from
    /// `$1`. Both drivers call this before anything reaches the engine.
    public func check(argumentCount count: Int, sql: String) throws(DatabaseError) {
        if occurrences.contains(where: { $0.index == 0 }) {
            throw DatabaseError(.binding, "placeholders are numbered from $1; $0 has no value", sql: sql)
        }
        guard count == parameterCount else {
            throw DatabaseError(.binding, "the statement has \(parameterCount) parameters but \(count) values were given", sql: sql)
        }
    }

    /// The statement with each `$n` replaced by `render(n)`.
    public func rewrite(_ sql: String, _ render: (Int) -> String) -> String {
        guard !occurrences.isEmpty else { return sql }
        let bytes = Array(sql.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var cursor = 0
        for (range, index) in occurrences {
            out += bytes[cursor..<range.lowerBound]
            out += Array(render(index).utf8)
            cursor = range.upperBound
        }
        out += bytes[cursor...]
        return String(decoding: out, as: UTF8.self)
    }
}

/// Which engine's lexical rules a script follows.
public enum StatementDialect: Sendable, Equatable {
    case sqlite, postgres
}

/// Splits a migration script into the statements it holds, each with the line it starts on,
/// so that a failure can name the file, the line and the statement.
///
/// A `;` ends a statement unless it lies in a string, quoted identifier, comment or
/// PostgreSQL dollar-quoted body, or in a body of `;`-terminated statements closed by `END`:
/// SQLite's `CREATE [TEMP] TRIGGER … BEGIN … END` and PostgreSQL's `BEGIN ATOMIC … END`.
/// Inside such a body, `CASE … END` expressions nest; the body's own `END` is the one that
/// starts a statement.
public enum StatementSplitter {
    /// The statements of `text`, trimmed, without comments before them and without the `;`.
    ///
    /// - Parameter firstLine: the file line `text` starts on, when it is a section of a file.
    public static func split(
        _ text: String, dialect: StatementDialect, path: String, firstLine: Int = 1
    ) throws(MigrationError) -> [SQLStatement] {
        let bytes = Array(text.utf8)
        var ends: [Int] = []
        var tracker = BodyTracker(bytes: bytes, dialect: dialect)
        var open: (offset: Int, what: String)?
        SQLLexer.scan(text, options: dialect == .sqlite ? [.words, .sqlite] : [.words]) { token in
            switch token {
            case .word(let range): tracker.word(range)
            case .semicolon(let offset): if tracker.semicolon() { ends.append(offset) }
            case .unterminated(let kind, let offset): open = (offset, describe(kind, at: offset, in: bytes))
            case .placeholder: break
            }
        }
        if open == nil, let body = tracker.body { open = (body.begin, tracker.bodyName) }
        var lines = LineCounter(bytes: bytes, firstLine: firstLine)
        if let open { throw .unterminated(path: path, line: lines.line(at: open.offset), what: open.what) }

        var statements: [SQLStatement] = []
        var start = 0
        for end in ends + [bytes.count] {
            let code = skipTrivia(bytes, from: start, to: end, nestedComments: dialect == .postgres)
            if code < end {
                let sql = String(decoding: bytes[code..<end], as: UTF8.self)
                statements.append(SQLStatement(sql: trimTrailing(sql), line: lines.line(at: code)))
            }
            start = end + 1
        }
        return statements
    }

    private static func describe(_ kind: SQLLexer.Unterminated, at offset: Int, in bytes: [UInt8]) -> String {
        switch kind {
        case .string: return "a string literal"
        case .quotedIdentifier: return "a quoted identifier"
        case .blockComment: return "a /* comment"
        case .dollarQuote:
            let tag = bytes[offset...].dropFirst().firstIndex(of: UInt8(ascii: "$")).map { bytes[offset...$0] } ?? []
            return "a dollar-quoted string \(String(decoding: tag, as: UTF8.self))"
        }
    }

    /// The offset of the first byte in `start..<end` that is neither whitespace nor comment, or `end`.
    private static func skipTrivia(_ s: [UInt8], from start: Int, to end: Int, nestedComments: Bool) -> Int {
        var i = start
        while i < end {
            switch s[i] {
            case 0x20, 0x09, 0x0A, 0x0D, 0x0B, 0x0C:
                i += 1
            case UInt8(ascii: "-") where i + 1 < end && s[i + 1] == UInt8(ascii: "-"):
                while i < end, s[i] != 0x0A { i += 1 }
            case UInt8(ascii: "/") where i + 1 < end && s[i + 1] == UInt8(ascii: "*"):
                var depth = 1
                i += 2
                while i < end, depth > 0 {
                    if nestedComments, s[i] == UInt8(ascii: "/"), i + 1 < end, s[i + 1] == UInt8(ascii: "*") { depth += 1; i += 2 }
                    else if s[i] == UInt8(ascii: "*"), i + 1 < end, s[i + 1] == UInt8(ascii: "/") { depth -= 1; i += 2 }
                    else { i += 1 }
                }
            default:
                return i
            }
        }
        return end
    }

    private static func trimTrailing(_ sql: String) -> String {
        var end = sql.endIndex
        while end > sql.startIndex, sql[sql.index(before: end)].isWhitespace { end = sql.index(before: end) }
        return String(sql[..<end])
    }
}

/// Turns byte offsets into 1-based line numbers, for offsets visited in increasing order.
private struct LineCounter {
    let bytes: [UInt8]
    var offset = 0
    var current: Int

    init(bytes: [UInt8], firstLine: Int) {
        self.bytes = bytes
        self.current = firstLine
    }

    mutating func line(at target: Int) -> Int {
        while offset < target {
            if bytes[offset] == 0x0A { current += 1 }
            offset += 1
        }
        return current
    }
}

/// Follows the words of one statement at a time to know when a `;` lies inside a
/// `BEGIN … END` body rather than ending the statement.
private struct BodyTracker {
    struct Body {
        /// Offset of the `BEGIN`.
        var begin: Int
        var caseDepth = 0
        /// Whether the next word starts one of the body's statements.
        var atStatementStart = true
    }

    let bytes: [UInt8]
    let dialect: StatementDialect
    /// The statement's first words, enough to recognise `CREATE [TEMP|TEMPORARY] TRIGGER`.
    var leading: [Range<Int>] = []
    var isTrigger = false
    /// The offset of a `BEGIN` that `ATOMIC` may follow (PostgreSQL).
    var pendingBegin: Int?
    var body: Body?

    init(bytes: [UInt8], dialect: StatementDialect) {
        self.bytes = bytes
        self.dialect = dialect
    }

    var bodyName: String { dialect == .sqlite ? "a trigger body (BEGIN … END)" : "a BEGIN ATOMIC body" }

    /// Whether this `;` ends the statement.
    mutating func semicolon() -> Bool {
        pendingBegin = nil
        if body != nil {
            body?.atStatementStart = true
            return false
        }
        leading.removeAll(keepingCapacity: true)
        isTrigger = false
        return true
    }

    mutating func word(_ range: Range<Int>) {
        if var current = body {
            if equals(range, "case") {
                current.caseDepth += 1
            } else if equals(range, "end") {
                if current.caseDepth > 0 { current.caseDepth -= 1 } else if current.atStatementStart { body = nil; return }
            }
            current.atStatementStart = false
            body = current
            return
        }
        switch dialect {
        case .sqlite:
            if leading.count < 3 {
                leading.append(range)
                isTrigger = isTrigger || startsTrigger()
            } else if isTrigger, equals(range, "begin") {
                body = Body(begin: range.lowerBound)
            }
        case .postgres:
            if let begin = pendingBegin, equals(range, "atomic") { body = Body(begin: begin) }
            pendingBegin = equals(range, "begin") ? range.lowerBound : nil
        }
    }

    /// `CREATE TRIGGER` or `CREATE TEMP TRIGGER` / `CREATE TEMPORARY TRIGGER`.
    private func startsTrigger() -> Bool {
        guard leading.count >= 2, equals(leading[0], "create") else { return false }
        if leading.count == 2 { return equals(leading[1], "trigger") }
        return (equals(leading[1], "temp") || equals(leading[1], "temporary")) && equals(leading[2], "trigger")
    }

    /// ASCII case-insensitive comparison with a lowercase keyword.
    private func equals(_ range: Range<Int>, _ keyword: StaticString) -> Bool {
        guard range.count == keyword.utf8CodeUnitCount else { return false }
        let key = keyword.utf8Start
        for k in 0..<range.count where bytes[range.lowerBound + k] | 0x20 != key[k] { return false }
        return true
    }
}

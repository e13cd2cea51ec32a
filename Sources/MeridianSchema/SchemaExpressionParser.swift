/// Reads ``SchemaExpression``s: a tokenizer and a recursive descent in order of precedence
/// (OR, AND, NOT, comparisons and predicates, `+ - ||`, `* /`, unary minus, primaries).
struct SchemaExpressionParser {
    /// Why an expression was refused, and at which character (from 0).
    struct Failure: Error, Equatable {
        var message: String
        var offset: Int
    }

    enum Token: Equatable {
        case word(String)
        case quoted(String)
        case string(String)
        case number(String)
        case symbol(String)
    }

    static let keywords: Set<String> = ["AND", "OR", "NOT", "IN", "BETWEEN", "IS", "NULL", "TRUE", "FALSE"]

    private var tokens: [(token: Token, offset: Int)] = []
    private var position = 0
    private let length: Int

    init(_ text: String) throws(Failure) {
        length = text.count
        tokens = try Self.scan(Array(text))
    }

    mutating func parseAll() throws(Failure) -> SchemaExpression {
        let expression = try parseOr()
        if position < tokens.count { throw Failure(message: "unexpected \(describe(tokens[position].token))", offset: tokens[position].offset) }
        return expression
    }

    // MARK: - Grammar

    private mutating func parseOr() throws(Failure) -> SchemaExpression {
        var left = try parseAnd()
        while take(keyword: "OR") { left = .binary(left, .or, try parseAnd()) }
        return left
    }

    private mutating func parseAnd() throws(Failure) -> SchemaExpression {
        var left = try parseNot()
        while take(keyword: "AND") { left = .binary(left, .and, try parseNot()) }
        return left
    }

    private mutating func parseNot() throws(Failure) -> SchemaExpression {
        if take(keyword: "NOT") { return .not(try parseNot()) }
        return try parsePredicate()
    }

    private mutating func parsePredicate() throws(Failure) -> SchemaExpression {
        let left = try parseSum()
        if take(keyword: "IS") {
            let negated = take(keyword: "NOT")
            guard take(keyword: "NULL") else { throw failure("IS [NOT] must be followed by NULL") }
            return .isNull(left, negated: negated)
        }
        let negated = take(keyword: "NOT")
        if take(keyword: "IN") {
            guard take(symbol: "(") else { throw failure("IN needs a parenthesised list") }
            var list = [try parseSum()]
            while take(symbol: ",") { list.append(try parseSum()) }
            guard take(symbol: ")") else { throw failure("the IN list needs its closing parenthesis") }
            return .inList(left, list, negated: negated)
        }
        if take(keyword: "BETWEEN") {
            let low = try parseSum()
            guard take(keyword: "AND") else { throw failure("BETWEEN needs AND") }
            return .between(left, low, try parseSum(), negated: negated)
        }
        if negated { throw failure("NOT here must be followed by IN or BETWEEN") }
        for op in SchemaExpression.BinaryOperator.allCases where op.isComparison {
            if take(symbol: op.rawValue) { return .binary(left, op, try parseSum()) }
        }
        if take(symbol: "!=") { return .binary(left, .notEqual, try parseSum()) }
        return left
    }

    private mutating func parseSum() throws(Failure) -> SchemaExpression {
        var left = try parseProduct()
        while true {
            if take(symbol: "+") { left = .binary(left, .plus, try parseProduct()) }
            else if take(symbol: "-") { left = .binary(left, .minus, try parseProduct()) }
            else if take(symbol: "||") { left = .binary(left, .concatenate, try parseProduct()) }
            else { return left }
        }
    }

    private mutating func parseProduct() throws(Failure) -> SchemaExpression {
        var left = try parseUnary()
        while true {
            if take(symbol: "*") { left = .binary(left, .times, try parseUnary()) }
            else if take(symbol: "/") { left = .binary(left, .divide, try parseUnary()) }
            else { return left }
        }
    }

    private mutating func parseUnary() throws(Failure) -> SchemaExpression {
        if take(symbol: "-") {
            let operand = try parseUnary()
            if case .number(let digits) = operand, !digits.hasPrefix("-") { return .number("-" + digits) }
            return .negate(operand)
        }
        if take(symbol: "+") { return try parseUnary() }
        return try parsePrimary()
    }

    private mutating func parsePrimary() throws(Failure) -> SchemaExpression {
        guard position < tokens.count else { throw Failure(message: "the expression ends too early", offset: length) }
        let (token, offset) = tokens[position]
        position += 1
        switch token {
        case .number(let digits): return .number(digits)
        case .string(let value): return .text(value)
        case .quoted(let name): return .column(name)
        case .symbol("("):
            let inner = try parseOr()
            guard take(symbol: ")") else { throw failure("a parenthesis is not closed") }
            return inner
        case .word(let word):
            switch word.uppercased() {
            case "NULL": return .null
            case "TRUE": return .bool(true)
            case "FALSE": return .bool(false)
            case let keyword where Self.keywords.contains(keyword):
                throw Failure(message: "unexpected \(keyword)", offset: offset)
            default: break
            }
            guard take(symbol: "(") else { return .column(word) }
            let name = word.lowercased()
            guard SchemaExpression.functions.contains(name) else {
                throw Failure(
                    message: "\(word)() is not in the portable subset (\(SchemaExpression.functions.sorted().joined(separator: ", "))); write this CHECK for each dialect: {sqlite: …, postgres: …}",
                    offset: offset)
            }
            var arguments: [SchemaExpression] = []
            if !take(symbol: ")") {
                arguments.append(try parseOr())
                while take(symbol: ",") { arguments.append(try parseOr()) }
                guard take(symbol: ")") else { throw failure("\(name)( is not closed") }
            }
            return .call(name, arguments)
        case .symbol(let symbol):
            throw Failure(message: "unexpected \(symbol)", offset: offset)
        }
    }

    // MARK: - Tokens

    private mutating func take(keyword: String) -> Bool {
        guard position < tokens.count, case .word(let word) = tokens[position].token, word.uppercased() == keyword else { return false }
        position += 1
        return true
    }

    private mutating func take(symbol: String) -> Bool {
        guard position < tokens.count, tokens[position].token == .symbol(symbol) else { return false }
        position += 1
        return true
    }

    private func failure(_ message: String) -> Failure {
        Failure(message: message, offset: position < tokens.count ? tokens[position].offset : length)
    }

    private func describe(_ token: Token) -> String {
        switch token {
        case .word(let w), .number(let w), .symbol(let w): w
        case .quoted(let q): "\"\(q)\""
        case .string(let s): "'\(s)'"
        }
    }

    private static func scan(_ c: [Character]) throws(Failure) -> [(token: Token, offset: Int)] {
        var tokens: [(token: Token, offset: Int)] = []
        var i = 0
        while i < c.count {
            let start = i
            let ch = c[i]
            if ch.isWhitespace {
                i += 1
            } else if ch == "'" || ch == "\"" {
                var value = ""
                i += 1
                while true {
                    guard i < c.count else { throw Failure(message: "a quote is not closed", offset: start) }
                    if c[i] == ch {
                        if i + 1 < c.count, c[i + 1] == ch { value.append(ch); i += 2; continue }
                        i += 1
                        break
                    }
                    value.append(c[i])
                    i += 1
                }
                tokens.append((ch == "'" ? .string(value) : .quoted(value), start))
            } else if ch.isNumber || (ch == "." && i + 1 < c.count && c[i + 1].isNumber) {
                while i < c.count, c[i].isNumber || c[i] == "." { i += 1 }
                if i < c.count, c[i] == "e" || c[i] == "E" {
                    i += 1
                    if i < c.count, c[i] == "+" || c[i] == "-" { i += 1 }
                    while i < c.count, c[i].isNumber { i += 1 }
                }
                tokens.append((.number(String(c[start..<i])), start))
            } else if ch.isLetter || ch == "_" {
                while i < c.count, c[i].isLetter || c[i].isNumber || c[i] == "_" { i += 1 }
                tokens.append((.word(String(c[start..<i])), start))
            } else {
                let two = i + 1 < c.count ? String(c[i...i + 1]) : ""
                if ["<=", ">=", "<>", "!=", "||"].contains(two) {
                    tokens.append((.symbol(two), start))
                    i += 2
                } else if "=<>+-*/(),".contains(ch) {
                    tokens.append((.symbol(String(ch)), start))
                    i += 1
                } else {
                    throw Failure(message: "unexpected character \(ch)", offset: start)
                }
            }
        }
        return tokens
    }
}

extension SchemaExpression {
    /// Reads an expression of the portable subset.
    ///
    /// ```swift
    /// try SchemaExpression.parse("x > 5 AND x < 10")   // .binary(.binary(.column("x"), .greater, …), .and, …)
    /// ```
    ///
    /// - Throws: ``SchemaExpressionError`` naming what was unexpected and where.
    public static func parse(_ text: String) throws(SchemaExpressionError) -> SchemaExpression {
        do {
            var parser = try SchemaExpressionParser(text)
            return try parser.parseAll()
        } catch {
            throw SchemaExpressionError(message: error.message, offset: error.offset)
        }
    }
}

/// Why a text is not an expression of the portable subset, and at which character (from 0).
public struct SchemaExpressionError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var offset: Int

    public var description: String { "\(message) (at character \(offset + 1))" }
}

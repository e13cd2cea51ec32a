import Meridian

/// An expression in the portable subset of SQL a schema file's CHECKs, generated columns and
/// partial indexes are written in, rendered for each dialect by ``sql(for:)``.
///
/// ```swift
/// let check = try SchemaExpression.parse("magnitude BETWEEN -2 AND 10 AND (depth_km IS NULL OR depth_km >= 0)")
/// check.sql(for: PostgresDialect())
/// // ("magnitude" BETWEEN -2 AND 10) AND ("depth_km" IS NULL OR "depth_km" >= 0)
/// ```
///
/// The subset: column names (bare or in double quotes), numbers, 'text', `TRUE`, `FALSE`,
/// `NULL`; `=`, `<>` (or `!=`), `<`, `<=`, `>`, `>=`; `+ - * /` and `||`; `AND`, `OR`, `NOT`;
/// `[NOT] IN (…)`, `[NOT] BETWEEN … AND …`, `IS [NOT] NULL`; and the functions both engines
/// define alike: `length`, `substr`, `lower`, `upper`, `abs`, `coalesce`, `trim`. Anything
/// else goes in a per-dialect CHECK (`check: {sqlite: …, postgres: …}`).
public indirect enum SchemaExpression: Sendable, Equatable {
    case column(String)
    /// A number as written (`-2.5`, `10`).
    case number(String)
    case text(String)
    case bool(Bool)
    case null
    case not(SchemaExpression)
    case negate(SchemaExpression)
    case binary(SchemaExpression, BinaryOperator, SchemaExpression)
    case isNull(SchemaExpression, negated: Bool)
    case inList(SchemaExpression, [SchemaExpression], negated: Bool)
    case between(SchemaExpression, SchemaExpression, SchemaExpression, negated: Bool)
    case call(String, [SchemaExpression])

    public enum BinaryOperator: String, Sendable, CaseIterable {
        case or = "OR", and = "AND"
        case equal = "=", notEqual = "<>", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
        case plus = "+", minus = "-", times = "*", divide = "/", concatenate = "||"

        /// Binding strength: OR 1, AND 2, comparisons 4, `+ -` and `||` 5, `* /` 6.
        var precedence: Int {
            switch self {
            case .or: 1
            case .and: 2
            case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual: 4
            case .plus, .minus, .concatenate: 5
            case .times, .divide: 6
            }
        }

        var isComparison: Bool { precedence == 4 }
    }

    /// The functions of the portable subset, which both engines define alike.
    public static let functions: Set<String> = ["length", "substr", "lower", "upper", "abs", "coalesce", "trim"]

    /// The columns the expression reads, in order of first mention.
    public var columns: [String] {
        var names: [String] = []
        visit { if case .column(let name) = $0, !names.contains(name) { names.append(name) } }
        return names
    }

    /// Calls `body` on this expression and every expression inside it.
    func visit(_ body: (SchemaExpression) -> Void) {
        body(self)
        switch self {
        case .column, .number, .text, .bool, .null: break
        case .not(let inner), .negate(let inner), .isNull(let inner, _): inner.visit(body)
        case .binary(let a, _, let b): a.visit(body); b.visit(body)
        case .inList(let value, let list, _): value.visit(body); list.forEach { $0.visit(body) }
        case .between(let value, let low, let high, _): value.visit(body); low.visit(body); high.visit(body)
        case .call(_, let arguments): arguments.forEach { $0.visit(body) }
        }
    }

    // MARK: - Rendering

    /// The expression in `dialect`'s SQL: columns quoted, booleans as the dialect writes them
    /// (``SQLDialect/booleanLiteral(_:)``), parentheses only where precedence needs them.
    public func sql(for dialect: any SQLDialect) -> String { render(dialect, context: 0) }

    /// The expression as a schema file writes it: bare names, `TRUE`, minimal parentheses.
    public var text: String { render(nil, context: 0) }

    private var precedence: Int {
        switch self {
        case .binary(_, let op, _): op.precedence
        case .not: 3
        case .isNull, .inList, .between: 4
        default: 9
        }
    }

    private func render(_ dialect: (any SQLDialect)?, context: Int) -> String {
        func inner(_ e: SchemaExpression, _ level: Int) -> String { e.render(dialect, context: level) }
        let sql: String
        switch self {
        case .column(let name):
            sql = dialect?.quote(name) ?? (name.isPlainName ? name : "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"")
        case .number(let digits): sql = digits
        case .text(let value): sql = "'" + value.replacingOccurrences(of: "'", with: "''") + "'"
        case .bool(let value): sql = dialect?.booleanLiteral(value) ?? (value ? "TRUE" : "FALSE")
        case .null: sql = "NULL"
        case .not(let e): sql = "NOT " + inner(e, 4)
        case .negate(let e): sql = "-" + inner(e, 7)
        case .binary(let a, let op, let b):
            // Comparisons do not chain: both sides bind tighter. Left-associative otherwise.
            let left = op.isComparison ? op.precedence + 1 : op.precedence
            sql = inner(a, left) + " \(op.rawValue) " + inner(b, op.precedence + 1)
        case .isNull(let e, let negated): sql = inner(e, 5) + (negated ? " IS NOT NULL" : " IS NULL")
        case .inList(let e, let list, let negated):
            sql = inner(e, 5) + (negated ? " NOT IN (" : " IN (") + list.map { inner($0, 0) }.joined(separator: ", ") + ")"
        case .between(let e, let low, let high, let negated):
            sql = inner(e, 5) + (negated ? " NOT BETWEEN " : " BETWEEN ") + inner(low, 5) + " AND " + inner(high, 5)
        case .call(let name, let arguments): sql = name + "(" + arguments.map { inner($0, 0) }.joined(separator: ", ") + ")"
        }
        return precedence < context ? "(" + sql + ")" : sql
    }
}

extension String {
    /// Whether the name needs no quotes: a lower-case letter or `_`, then those and digits, and
    /// not a word of the expression language.
    var isPlainName: Bool {
        guard let first = unicodeScalars.first, first == "_" || ("a"..."z").contains(first) else { return false }
        return unicodeScalars.allSatisfy { $0 == "_" || ("a"..."z").contains($0) || ("0"..."9").contains($0) }
            && !SchemaExpressionParser.keywords.contains(uppercased())
    }
}

/// The value existing rows get in a column that becomes NOT NULL (a new column without a
/// default, or a nullable one made NOT NULL): `--fill todos.priority=0`.
///
/// The expression is in the portable subset and reads the row's other columns by their new
/// names: `--fill "people.display_name=coalesce(nickname, full_name)"`.
public struct ColumnFill: Sendable, Equatable {
    public var table: String
    public var column: String
    public var expression: SchemaExpression

    public init(table: String, column: String, expression: SchemaExpression) {
        self.table = table
        self.column = column
        self.expression = expression
    }

    /// Reads `TABLE.COLUMN=EXPR`.
    ///
    /// - Throws: ``SchemaPlanError`` naming what is missing or the expression's problem.
    public init(parsing text: String) throws(SchemaPlanError) {
        guard let equals = text.firstIndex(of: "="), let dot = text[..<equals].firstIndex(of: ".") else {
            throw SchemaPlanError(["--fill \(text): write TABLE.COLUMN=EXPR, e.g. --fill todos.priority=0"])
        }
        let expressionText = String(text[text.index(after: equals)...])
        do {
            expression = try SchemaExpression.parse(expressionText)
        } catch {
            throw SchemaPlanError(["--fill \(text): \(error)"])
        }
        table = String(text[..<dot])
        column = String(text[text.index(after: dot)..<equals])
    }
}

/// Why a migration cannot be generated: every reason at once, each naming the table and column
/// and what to do.
public struct SchemaPlanError: Error, Sendable, Equatable, CustomStringConvertible {
    public var problems: [String]

    public init(_ problems: [String]) { self.problems = problems }

    public var description: String {
        problems.count == 1 ? problems[0] : "\(problems.count) problems:\n" + problems.map { "  \($0)" }.joined(separator: "\n")
    }
}

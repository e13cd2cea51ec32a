/// One thing wrong in a schema file: where, what, and what to do about it.
///
/// ```
/// schema.yaml:41:9: table alerts: foreign key (trigger_id) references unknown table data_trigger; name one of the tables of the file (did you mean data_triggers?)
/// ```
public struct SchemaProblem: Sendable, Equatable, CustomStringConvertible {
    public var location: SourceLocation
    /// What is wrong, naming the table and column.
    public var message: String
    /// What to do about it.
    public var fix: String

    public init(_ location: SourceLocation, _ message: String, fix: String) {
        self.location = location
        self.message = message
        self.fix = fix
    }

    public var description: String { "\(location): \(message); \(fix)" }
}

/// Every problem found in a schema file, reported at once: a file is fixed in one pass, not one
/// error per run.
///
/// ```swift
/// do {
///     let schema = try Schema.load(path: "schema.yaml")
///     try schema.validate()
/// } catch let error as SchemaError {
///     for problem in error.problems { print(problem) }
/// }
/// ```
public struct SchemaError: Error, Sendable, CustomStringConvertible {
    public var problems: [SchemaProblem]

    /// The problems in the order of the file.
    public init(_ problems: [SchemaProblem]) {
        self.problems = problems.enumerated().sorted {
            ($0.element.location.line, $0.element.location.column, $0.offset) < ($1.element.location.line, $1.element.location.column, $1.offset)
        }.map(\.element)
    }

    public var description: String {
        let count = problems.count == 1 ? "1 problem" : "\(problems.count) problems"
        return "\(count) in the schema file:\n" + problems.map { "  \($0)" }.joined(separator: "\n")
    }
}

/// Why a valid schema cannot be rendered yet: a part of the file this version of Meridian
/// carries but does not turn into SQL (`partition_by`, `rollups`).
public struct SchemaRenderingError: Error, Sendable, CustomStringConvertible {
    public var location: SourceLocation
    public var message: String

    public var description: String { "\(location): \(message)" }
}

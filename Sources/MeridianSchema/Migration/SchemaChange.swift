import Meridian

/// One difference between the schema the migration folders build and the schema file: what a
/// generated migration does, how much it breaks, and what it can lose.
///
/// ```
/// MAJOR table notes: drop column body (loses the values of notes.body)
/// MINOR table notes: add column due_on (date, nullable)
/// PATCH table notes: add index notes_due_on_idx
/// ```
public struct SchemaChange: Sendable, Equatable, CustomStringConvertible {
    /// What changes; the raw value is the phrase messages and `--json` use.
    public enum Kind: String, Sendable, CaseIterable {
        case addTable = "add table", dropTable = "drop table", renameTable = "rename table"
        case addColumn = "add column", dropColumn = "drop column", renameColumn = "rename column"
        case changeColumnType = "change column type", makeColumnNotNull = "make column not null"
        case makeColumnNullable = "make column nullable", changeColumnDefault = "change column default"
        case changeGeneratedExpression = "change generated expression", changeUpdatedAt = "change on_update"
        case changePrimaryKey = "change primary key"
        case addForeignKey = "add foreign key", dropForeignKey = "drop foreign key"
        case addUnique = "add unique", dropUnique = "drop unique"
        case addCheck = "add check", dropCheck = "drop check"
        case addIndex = "add index", dropIndex = "drop index"
        case addView = "add view", dropView = "drop view", changeView = "change view"
        case addFunction = "add function", dropFunction = "drop function", addRole = "add role"
    }

    public var kind: Kind
    /// The table or view the change is in.
    public var table: String
    /// The column, constraint or index, when the change is to one.
    public var object: String?
    /// How the change moves the schema's version, and why.
    public var level: SchemaVersion.Level
    public var reason: String
    /// What the change can lose (values of a dropped column, of a narrowed type), or `nil`.
    public var dataLoss: String?
    /// The change in a few words: `drop column body`, `change column type of magnitude from int to double`.
    public var summary: String

    /// `table notes: drop column body`.
    public var description: String {
        let relation: String =
            switch kind {
            case .addView, .dropView, .changeView: "view"
            case .addFunction, .dropFunction: "function"
            case .addRole: "role"
            default: "table"
            }
        return "\(relation) \(table): \(summary)"
    }
}

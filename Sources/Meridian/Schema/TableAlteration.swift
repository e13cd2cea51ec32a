/// One change to a table that exists, as a dialect makes it in place with `ALTER TABLE`.
///
/// ```swift
/// let table = TableDefinition("notes", columns: [.init("id", .int, nullable: false), .init("body", .text)])
/// dialect.alterTable(table, .addColumn(.init("body", .text), checks: []))
/// // PostgreSQL: ALTER TABLE "notes" ADD COLUMN "body" text COLLATE "C"
/// dialect.alterTable(table, .setNullable(column: "body", false))
/// // PostgreSQL: ALTER TABLE "notes" ALTER COLUMN "body" SET NOT NULL; SQLite: nil
/// ```
///
/// ``SQLDialect/alterTable(_:_:)`` returns `nil` for what the engine cannot do in place
/// (SQLite changes a column's type, nullability or constraints only by rebuilding the table);
/// the caller then rebuilds the table instead.
public enum TableAlteration: Sendable, Equatable {
    /// A new column, with CHECKs over it alone written on the column.
    case addColumn(ColumnDefinition, checks: [CheckConstraint])
    case dropColumn(String)
    /// A new name for a column, and for the CHECK that holds it to its type.
    case renameColumn(from: String, to: String)
    /// A new name for the table itself; `constraints` renames the constraints named after it.
    case renameTable(from: String, constraints: [Rename])
    /// A new type for `column` (the definition after the change), its values converted by
    /// `using`, an expression in the dialect's SQL over the old column.
    case changeType(ColumnDefinition, using: String)
    case setNullable(column: String, Bool)
    case setDefault(column: String, ColumnDefault?)
    case addPrimaryKey([String])
    case addUnique(UniqueConstraint)
    case addForeignKey(ForeignKey)
    case addCheck(CheckConstraint)
    /// Drops a constraint (primary key, unique, foreign key, check) by name.
    case dropConstraint(String)

    /// An old name and a new one.
    public struct Rename: Sendable, Equatable {
        public var from: String
        public var to: String

        public init(from: String, to: String) {
            self.from = from
            self.to = to
        }
    }
}

/// The kinds of change `generate` makes to its schema, one per table, cycling through them in
/// this order (``GenerateSchema``): table `t001` gets the first, `t020` the twentieth, `t021`
/// the first again, so 100 tables make each change five times.
///
/// Each kind names what `meridian schema diff --json` calls it (``meridianKind``) and what
/// Alembic's autogenerate should write for it (``alembicExpectation``), which is how the
/// benchmark decides whether each tool detected it.
enum GenerateChange: CaseIterable {
    /// The kind every FK-holding table's parent has: adding a nullable column is safe for
    /// every tool, so the parents' rows survive whatever the children's changes do.
    case addNullableColumn
    case addColumnWithDefault
    case dropColumn
    case renameColumn
    case changeColumnType
    case makeNotNull
    case makeNullable
    case changeDefault
    case addForeignKey
    case dropForeignKey
    case addCheck
    case dropCheck
    case addUnique
    case dropUnique
    case addIndex
    case dropIndex
    case addPartialIndex
    case addTable
    case dropTable
    case renameTable

    /// The change made to table number `number` (1-based).
    static func of(table number: Int) -> GenerateChange { allCases[(number - 1) % allCases.count] }

    /// The `kind` of `meridian schema diff --json`.
    var meridianKind: String {
        switch self {
        case .addNullableColumn, .addColumnWithDefault: "add column"
        case .dropColumn: "drop column"
        case .renameColumn: "rename column"
        case .changeColumnType: "change column type"
        case .makeNotNull: "make column not null"
        case .makeNullable: "make column nullable"
        case .changeDefault: "change column default"
        case .addForeignKey: "add foreign key"
        case .dropForeignKey: "drop foreign key"
        case .addCheck: "add check"
        case .dropCheck: "drop check"
        case .addUnique: "add unique"
        case .dropUnique: "drop unique"
        case .addIndex, .addPartialIndex: "add index"
        case .dropIndex: "drop index"
        case .addTable: "add table"
        case .dropTable: "drop table"
        case .renameTable: "rename table"
        }
    }

    /// Other kinds the diff reports for the same edit, not counted as unexpected: a column made
    /// NOT NULL also gets the default existing NULLs are filled with.
    var meridianCompanionKinds: [String] {
        self == .makeNotNull ? ["change column default"] : []
    }

    /// How the benchmark's KIND lines name the change.
    var label: String {
        switch self {
        case .addNullableColumn: "add nullable column"
        case .addColumnWithDefault: "add column with default"
        case .changeColumnType: "change column type int->double"
        case .makeNotNull: "make column not null (default + fill)"
        case .addPartialIndex: "add partial index"
        default: meridianKind
        }
    }

    /// What Alembic's revision should hold for the table to count as detected: the operations
    /// (`add_column`, `alter_column`, …) and, for some, an argument the call must carry.
    /// A rename is never detected as one: Alembic has no rename detection, so it writes a drop
    /// and an add, ``renameSeenAs``.
    var alembicExpectation: (operation: String, argument: String?) {
        switch self {
        case .addNullableColumn: ("add_column", nil)
        case .addColumnWithDefault: ("add_column", "server_default=")
        case .dropColumn: ("drop_column", nil)
        case .renameColumn: ("alter_column", "new_column_name=")
        case .changeColumnType: ("alter_column", "type_=")
        case .makeNotNull: ("alter_column", "nullable=False")
        case .makeNullable: ("alter_column", "nullable=True")
        case .changeDefault: ("alter_column", "server_default=")
        case .addForeignKey: ("create_foreign_key", nil)
        case .dropForeignKey: ("drop_constraint", "type_='foreignkey'")
        case .addCheck: ("create_check_constraint", nil)
        case .dropCheck: ("drop_constraint", "type_='check'")
        case .addUnique: ("create_unique_constraint", nil)
        case .dropUnique: ("drop_constraint", "type_='unique'")
        case .addIndex: ("create_index", nil)
        case .dropIndex: ("drop_index", nil)
        case .addPartialIndex: ("create_index", nil)
        case .addTable: ("create_table", nil)
        case .dropTable: ("drop_table", nil)
        case .renameTable: ("rename_table", nil)
        }
    }

    /// The pair of operations Alembic writes instead of a rename it cannot see.
    var renameSeenAs: (drop: String, add: String)? {
        switch self {
        case .renameColumn: ("drop_column", "add_column")
        case .renameTable: ("drop_table", "create_table")
        default: nil
        }
    }
}

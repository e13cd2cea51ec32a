/// The schema `generate` diffs: 100 tables in the shape of an ordinary application's (an integer
/// key, text, a double, an integer, a timestamp, a bool with a default, nullable columns, a
/// foreign key to an earlier table), once as it is ("before") and once with exactly one
/// ``GenerateChange`` per table ("after").
///
/// The same model is written as a Meridian schema file (``GenerateSchemaYAML``) and as
/// SQLAlchemy models (``GenerateSQLAlchemyModels``), and seeds the rows whose survival is checked
/// (``GenerateDataCheck``). Every constraint and index is named, the same in both, so that
/// neither tool has to guess a name to drop one.
struct GenerateSchema {
    struct Column: Equatable {
        enum Default: Equatable {
            case text(String)
            case bool(Bool)
        }

        var name: String
        /// A logical type of the value contract: int, double, text, timestamp or bool.
        var type: String
        var nullable = false
        var defaultValue: Default?
        /// The column's name before, for a rename.
        var renamedFrom: String?
    }

    struct ForeignKey: Equatable {
        var name: String
        var column: String
        var parent: String
    }

    struct Constraint: Equatable {
        var name: String
        /// The constrained column (unique) or the expression (check).
        var body: String
    }

    struct Index: Equatable {
        var name: String
        var column: String
        /// A partial index's predicate.
        var predicate: String?
    }

    struct Table {
        var number: Int
        var name: String
        var renamedFrom: String?
        var columns: [Column]
        var foreignKey: ForeignKey?
        var unique: Constraint?
        var check: Constraint?
        var indexes: [Index] = []

        var change: GenerateChange { GenerateChange.of(table: number) }

        func column(_ name: String) -> Column? { columns.first { $0.name == name } }
    }

    var tables: [Table]

    /// Tables `t001`…`tNNN` before their changes (those that `addTable` creates are absent).
    static func before(tables count: Int) -> GenerateSchema {
        GenerateSchema(tables: (1...count).compactMap { table($0, after: false) })
    }

    /// The same tables after one change each (those that `dropTable` drops are absent).
    static func after(tables count: Int) -> GenerateSchema {
        GenerateSchema(tables: (1...count).compactMap { table($0, after: true) })
    }

    static func name(_ number: Int) -> String { "t" + String(format: "%03d", number) }

    /// The table every child's `parent_id` references: the first of its block of
    /// `GenerateChange.allCases.count` tables, whose change (a nullable column added) never
    /// endangers its rows. The parents themselves have no foreign key.
    static func parent(of number: Int) -> Int? {
        let first = (number - 1) / GenerateChange.allCases.count * GenerateChange.allCases.count + 1
        return first < number ? first : nil
    }

    private static func table(_ number: Int, after: Bool) -> Table? {
        let name = name(number)
        let change = GenerateChange.of(table: number)
        var table = Table(
            number: number, name: name,
            columns: [
                Column(name: "id", type: "int"),
                Column(name: "label", type: "text"),
                Column(name: "amount", type: "double"),
                Column(name: "quantity", type: "int"),
                Column(name: "created_at", type: "timestamp"),
                Column(name: "active", type: "bool", defaultValue: .bool(true)),
                Column(name: "note", type: "text", nullable: true),
                Column(name: "parent_id", type: "int", nullable: true),
            ])
        if let parent = parent(of: number) {
            table.foreignKey = ForeignKey(name: "\(name)_parent_id_fkey", column: "parent_id", parent: Self.name(parent))
        }
        switch (change, after) {
        case (.addTable, false), (.dropTable, true): return nil
        case (.addNullableColumn, true):
            table.columns.append(Column(name: "extra", type: "text", nullable: true))
        case (.addColumnWithDefault, true):
            table.columns.append(Column(name: "status", type: "text", defaultValue: .text("new")))
        case (.dropColumn, true):
            table.columns.removeAll { $0.name == "note" }
        case (.renameColumn, true):
            table.columns[1] = Column(name: "title", type: "text", renamedFrom: "label")
        case (.changeColumnType, true):
            table.columns[3].type = "double"
        case (.makeNotNull, true):
            table.columns[6] = Column(name: "note", type: "text", defaultValue: .text(notNullFill))
        case (.makeNullable, true):
            table.columns[2].nullable = true
        case (.changeDefault, true):
            table.columns[5].defaultValue = .bool(false)
        case (.addForeignKey, false), (.dropForeignKey, true):
            table.foreignKey = nil
        case (.addCheck, true):
            table.check = Constraint(name: "\(name)_amount_check", body: "amount >= 0")
        case (.dropCheck, false):
            table.check = Constraint(name: "\(name)_quantity_check", body: "quantity >= 0")
        case (.addUnique, true), (.dropUnique, false):
            table.unique = Constraint(name: "\(name)_label_key", body: "label")
        case (.addIndex, true):
            table.indexes.append(Index(name: "\(name)_created_at_idx", column: "created_at"))
        case (.dropIndex, false):
            table.indexes.append(Index(name: "\(name)_amount_idx", column: "amount"))
        case (.addPartialIndex, true):
            table.indexes.append(Index(name: "\(name)_quantity_positive_idx", column: "quantity", predicate: "quantity > 0"))
        case (.renameTable, true):
            table.name = name + "_renamed"
            table.renamedFrom = name
        default: break
        }
        return table
    }

    /// The default, and the value existing NULLs get, when `makeNotNull` makes `note` NOT NULL.
    static let notNullFill = "none"
}

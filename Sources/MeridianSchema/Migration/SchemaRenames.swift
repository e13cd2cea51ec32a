/// The tables and columns a migration renames rather than drops and adds, by their new names.
///
/// Read from a schema file's `renamed_from:` (``declared(in:existing:)``): a rename counts only
/// while the old name still exists and the new one does not, so a file that keeps its
/// `renamed_from:` after the migration ran generates nothing more.
public struct SchemaRenames: Sendable, Equatable {
    /// Old table name by new name.
    public var tables: [String: String] = [:]
    /// Old column name by new name, by the table's new name.
    public var columns: [String: [String: String]] = [:]

    public init(tables: [String: String] = [:], columns: [String: [String: String]] = [:]) {
        self.tables = tables
        self.columns = columns
    }

    /// The renames `schema` declares that apply to a database holding `existing`.
    public static func declared(in schema: Schema, existing: Schema) -> SchemaRenames {
        var renames = SchemaRenames()
        for table in schema.tables {
            var oldName = table.name
            if let from = table.renamedFrom, existing.table(from) != nil, existing.table(table.name) == nil {
                renames.tables[table.name] = from
                oldName = from
            }
            guard let old = existing.table(oldName) else { continue }
            for column in table.columns {
                if let from = column.renamedFrom, old.column(from) != nil, old.column(column.name) == nil {
                    renames.columns[table.name, default: [:]][column.name] = from
                }
            }
        }
        return renames
    }

    /// The same renames undone, keyed by the old names: what a down migration renames back.
    public var inverted: SchemaRenames {
        var result = SchemaRenames(tables: Dictionary(uniqueKeysWithValues: tables.map { ($1, $0) }))
        for (table, renamed) in columns {
            result.columns[tables[table] ?? table] = Dictionary(uniqueKeysWithValues: renamed.map { ($1, $0) })
        }
        return result
    }
}

import Meridian

/// How one table that both schemas hold changes: its edits, each with its ``SchemaChange``.
struct TablePlan: Sendable {
    /// One change to the table, as rendering needs it; columns and constraints are `new`'s.
    enum Edit: Sendable {
        case addColumn(Schema.Column)
        case dropColumn(Schema.Column)
        case renameColumn(from: String, to: String)
        case changeType(from: LogicalType, Schema.Column)
        case setNullable(Schema.Column)
        case setDefault(Schema.Column)
        case changeGenerated(Schema.Column)
        case setOnUpdate(old: String, Schema.Column)
        case changePrimaryKey(old: [String])
        case addForeignKey(Schema.ForeignKey)
        case dropForeignKey(Schema.ForeignKey)
        case addUnique(Schema.Unique)
        case dropUnique(Schema.Unique)
        case addCheck(name: String, Schema.CheckCondition)
        case dropCheck(name: String)
        case addIndex(Schema.Index)
        case dropIndex(Schema.Index)

        /// Whether the edit changes the table itself, not only its indexes.
        var altersTable: Bool {
            switch self {
            case .addIndex, .dropIndex, .setOnUpdate: false
            default: true
            }
        }
    }

    let old: Schema.Table
    let new: Schema.Table
    /// The old name of each column `new` keeps, by its new name.
    private(set) var sources: [String: String] = [:]
    private(set) var edits: [Edit] = []
    private(set) var changes: [SchemaChange] = []

    /// Compares `old` with `normalized` (`new` as a database reads it back), recording edits of `new`.
    init(old: Schema.Table, new: Schema.Table, normalized: Schema.Table, columnRenames: [String: String]) {
        self.old = old
        self.new = new
        for column in new.columns {
            let source = columnRenames[column.name] ?? column.name
            guard let before = old.column(source) else {
                edits.append(.addColumn(column))
                let breaks = !column.nullable && column.default == nil && column.generated == nil
                record(.addColumn, column.name, breaks ? .major : .minor,
                       breaks ? "writers that leave it out fail" : "adds a column writers can leave out",
                       "add column \(column.name) (\(SchemaFileWriter.typeName(column.type))\(column.nullable ? ", nullable" : ""))")
                continue
            }
            sources[column.name] = source
            let after = normalized.column(column.name) ?? column
            compare(before, after, column)
        }
        for column in old.columns where !sources.values.contains(column.name) {
            edits.append(.dropColumn(column))
            record(.dropColumn, column.name, .major, "readers and writers of the column fail", "drop column \(column.name)",
                   loss: "the values of \(old.name).\(column.name)")
        }
        compareKeys(normalized)
        compareChecks(normalized)
        compareIndexes(normalized)
    }

    /// `old`'s column names as `new` calls them.
    func renamed(_ columns: [String]) -> [String] {
        let newNames = Dictionary(uniqueKeysWithValues: sources.map { ($1, $0) })
        return columns.map { newNames[$0] ?? $0 }
    }

    private mutating func record(
        _ kind: SchemaChange.Kind, _ object: String?, _ level: SchemaVersion.Level, _ reason: String, _ summary: String, loss: String? = nil
    ) {
        changes.append(SchemaChange(kind: kind, table: new.name, object: object, level: level, reason: reason, dataLoss: loss, summary: summary))
    }

    private mutating func compare(_ before: Schema.Column, _ after: Schema.Column, _ column: Schema.Column) {
        let name = column.name
        if before.name != name {
            edits.append(.renameColumn(from: before.name, to: name))
            record(.renameColumn, name, .major, "readers and writers of \(before.name) fail", "rename column \(before.name) to \(name)")
        }
        if before.type != after.type {
            edits.append(.changeType(from: before.type, column))
            let conversion = TypeConversion(from: before.type, to: column.type)
            record(.changeColumnType, name, .major, "readers and writers of the old type may fail",
                   "change column type of \(name) from \(SchemaFileWriter.typeName(before.type)) to \(SchemaFileWriter.typeName(column.type))",
                   loss: conversion.isLossless ? nil : "values of \(new.name).\(name) that do not fit \(SchemaFileWriter.typeName(column.type))")
        }
        if before.nullable != after.nullable {
            edits.append(.setNullable(column))
            if after.nullable {
                record(.makeColumnNullable, name, .patch, "loosens a constraint", "make column \(name) nullable")
            } else {
                record(.makeColumnNotNull, name, .major, "writers of NULL fail", "make column \(name) NOT NULL")
            }
        }
        if before.default != after.default {
            edits.append(.setDefault(column))
            record(.changeColumnDefault, name, .minor, "writers that leave it out store another value", "change column default of \(name)")
        }
        if before.generated != after.generated {
            edits.append(.changeGenerated(column))
            record(.changeGeneratedExpression, name, .major, "its values are computed anew", "change generated expression of \(name)")
        }
        if before.setOnUpdate != after.setOnUpdate || (before.setOnUpdate && before.name != name) {
            edits.append(.setOnUpdate(old: before.name, column))
            if before.setOnUpdate != after.setOnUpdate {
                record(.changeUpdatedAt, name, after.setOnUpdate ? .minor : .patch,
                       after.setOnUpdate ? "updates now set the column" : "updates no longer set the column",
                       after.setOnUpdate ? "set \(name) on every update" : "stop setting \(name) on update")
            }
        }
    }

    private mutating func compareKeys(_ normalized: Schema.Table) {
        if renamed(old.primaryKey) != normalized.primaryKey {
            edits.append(.changePrimaryKey(old: old.primaryKey))
            record(.changePrimaryKey, nil, .major, "rows that were distinct may collide, and references change",
                   "change primary key to (\(new.primaryKey.joined(separator: ", ")))")
        }
        func reference(_ key: Schema.ForeignKey, renaming: Bool) -> [String] {
            (renaming ? renamed(key.columns) : key.columns) + ["→", key.referencedTable] + key.referencedColumns + [key.onDelete.rawValue, key.onUpdate.rawValue]
        }
        let oldKeys = old.foreignKeys.map { reference($0, renaming: true) }
        let newKeys = normalized.foreignKeys.map { reference($0, renaming: false) }
        for (offset, key) in old.foreignKeys.enumerated() where !newKeys.contains(oldKeys[offset]) {
            edits.append(.dropForeignKey(key))
            record(.dropForeignKey, key.name, .patch, "loosens a constraint", "drop foreign key \(key.name)")
        }
        for key in new.foreignKeys where !oldKeys.contains(reference(normalizedKey(key, normalized), renaming: false)) {
            edits.append(.addForeignKey(key))
            record(.addForeignKey, key.name, .major, "existing rows or writers can violate it",
                   "add foreign key \(key.name) (\(key.columns.joined(separator: ", "))) → \(key.referencedTable)")
        }
        let oldUnique = old.unique.map { Set(renamed($0.columns)) }
        let newUnique = normalized.unique.map { Set($0.columns) }
        for (offset, unique) in old.unique.enumerated() where !newUnique.contains(oldUnique[offset]) {
            edits.append(.dropUnique(unique))
            record(.dropUnique, unique.name, .patch, "loosens a constraint", "drop unique \(unique.name)")
        }
        for unique in new.unique where !oldUnique.contains(Set(unique.columns)) {
            edits.append(.addUnique(unique))
            record(.addUnique, unique.name, .major, "existing rows or writers can violate it", "add unique \(unique.name) (\(unique.columns.joined(separator: ", ")))")
        }
    }

    /// `key` as the normalized table spells it (the same key, found by its name).
    private func normalizedKey(_ key: Schema.ForeignKey, _ normalized: Schema.Table) -> Schema.ForeignKey {
        normalized.foreignKeys.first { $0.columns == key.columns && $0.referencedTable == key.referencedTable } ?? key
    }

    private mutating func compareChecks(_ normalized: Schema.Table) {
        let before = Self.namedChecks(old)
        let after = Self.namedChecks(normalized)
        let wanted = Self.namedChecks(new)
        for (name, condition) in before where after.first(where: { $0.name == name })?.condition != condition {
            edits.append(.dropCheck(name: name))
            record(.dropCheck, name, .patch, "loosens a constraint", "drop check \(name)")
        }
        for (name, condition) in wanted {
            let compared = after.first { $0.name == name }?.condition ?? condition
            guard before.first(where: { $0.name == name })?.condition != compared else { continue }
            edits.append(.addCheck(name: name, condition))
            record(.addCheck, name, .major, "existing rows or writers can violate it", "add check \(name)")
        }
    }

    /// The table's CHECKs by name: each column's own, then the table's.
    static func namedChecks(_ table: Schema.Table) -> [(name: String, condition: Schema.CheckCondition)] {
        table.columns.compactMap { column in column.check.map { (SchemaRendering.columnCheckName(table: table.name, column: column), $0) } }
            + table.checks.map { ($0.name, $0.condition) }
    }

    private mutating func compareIndexes(_ normalized: Schema.Table) {
        func key(_ index: Schema.Index) -> String { index.spatial ? "spatial \(index.columns.joined(separator: ","))" : index.name }
        let after = Dictionary(normalized.indexes.map { (key($0), $0) }, uniquingKeysWith: { first, _ in first })
        let before = Dictionary(old.indexes.map { (key($0), $0) }, uniquingKeysWith: { first, _ in first })
        for index in old.indexes {
            guard let match = after[key(index)], renamed(index.columns) == match.columns, index.unique == match.unique,
                  index.condition == match.condition else {
                edits.append(.dropIndex(index))
                record(.dropIndex, index.name, .patch, "queries may run slower", "drop index \(index.name)")
                continue
            }
        }
        for index in new.indexes {
            let compared = after[key(index)] ?? index
            if let match = before[key(index)], renamed(match.columns) == compared.columns, match.unique == compared.unique,
               match.condition == compared.condition { continue }
            edits.append(.addIndex(index))
            record(.addIndex, index.name, index.unique ? .major : .patch, index.unique ? "existing rows or writers can violate it" : "queries may run faster",
                   "add \(index.unique ? "unique " : index.spatial ? "spatial " : "")index \(index.name)")
        }
    }
}

import Meridian

/// What turns one schema into another: the changes, classified, and the migration that makes
/// them on each dialect.
///
/// ```swift
/// let built = try Schema.load(path: "old.yaml")      // or what the migration folders build
/// let wanted = try Schema.load(path: "schema.yaml")
/// let plan = try SchemaMigrationPlan(from: built, to: wanted)
/// plan.changes.forEach { print($0.level, $0) }       // MINOR table notes: add column due_on (date, nullable)
/// plan.version(after: SchemaVersion(1, 2, 0))        // 1.3.0
/// let up = try plan.statements(for: SQLiteDialect())  // ALTER TABLE, or the table rebuilt
/// let down = try plan.reversed().statements(for: SQLiteDialect())
/// ```
///
/// Tables, columns, constraints, indexes and views are paired by name (renames by
/// ``SchemaRenames``); a column is compared on its type, nullability, default, generation and
/// `on_update`; unique constraints by their columns, foreign keys by what they reference,
/// CHECKs by name and condition, indexes by name (spatial ones by column). Pass `comparing:`,
/// `to` as a database holding it reads back, so that two spellings of one schema (a CHECK
/// written with other parentheses) compare equal; statements are always rendered from `to`.
public struct SchemaMigrationPlan: Sendable {
    public let from: Schema
    public let to: Schema
    public let renames: SchemaRenames
    /// Every change, tables first in the order of `to`, then views.
    public private(set) var changes: [SchemaChange] = []

    var addedTables: [Schema.Table] = []
    var droppedTables: [Schema.Table] = []
    var alteredTables: [TablePlan] = []
    var droppedViews: [Schema.View] = []
    var addedViews: [Schema.View] = []
    var addedFunctions: [Schema.Function] = []
    var droppedFunctions: [Schema.Function] = []
    var addedRoles: [Schema.Role] = []

    /// Compares `from` with `to` (or with `comparing`, `to` as a database reads it back).
    public init(from: Schema, to: Schema, comparing normalized: Schema? = nil, renames: SchemaRenames? = nil) {
        self.from = from
        self.to = to
        self.renames = renames ?? SchemaRenames.declared(in: to, existing: from)
        let normalized = normalized ?? to
        var oldNamesKept: Set<String> = []
        for table in to.tables {
            let oldName = self.renames.tables[table.name] ?? table.name
            guard let old = from.table(oldName) else {
                addedTables.append(table)
                record(.addTable, table.name, nil, .minor, "adds a table", summary: "add table")
                continue
            }
            oldNamesKept.insert(oldName)
            let plan = TablePlan(old: old, new: table, normalized: normalized.table(table.name) ?? table, columnRenames: self.renames.columns[table.name] ?? [:])
            if oldName != table.name {
                record(.renameTable, table.name, nil, .major, "readers and writers of \(oldName) fail", summary: "rename table \(oldName) to \(table.name)")
            }
            changes += plan.changes
            if !plan.edits.isEmpty || oldName != table.name { alteredTables.append(plan) }
        }
        for table in from.tables where !oldNamesKept.contains(table.name) {
            droppedTables.append(table)
            record(.dropTable, table.name, nil, .major, "readers and writers of the table fail", loss: "the rows of \(table.name)", summary: "drop table")
        }
        compareViews(normalized: normalized)
        compareRoutines()
    }

    /// The version of the schema after this plan, from the version before it: the highest
    /// level of its changes, or `version` unchanged when there are none.
    public func version(after version: SchemaVersion?) -> SchemaVersion {
        guard let level = level else { return version ?? SchemaVersion(1, 0, 0) }
        guard let version, version > SchemaVersion(0, 0, 0) else { return SchemaVersion(1, 0, 0) }
        return version.bumped(level)
    }

    /// The highest level of the changes; `nil` when there are none.
    public var level: SchemaVersion.Level? { changes.map(\.level).max() }

    /// The changes that can lose data (see ``SchemaChange/dataLoss``).
    public var dataLoss: [SchemaChange] { changes.filter { $0.dataLoss != nil } }

    /// The plan that undoes this one: from `to` back to `from`, the renames inverted.
    public func reversed() -> SchemaMigrationPlan {
        SchemaMigrationPlan(from: to, to: from, renames: renames.inverted)
    }

    mutating func record(
        _ kind: SchemaChange.Kind, _ table: String, _ object: String?, _ level: SchemaVersion.Level, _ reason: String,
        loss: String? = nil, summary: String
    ) {
        changes.append(SchemaChange(kind: kind, table: table, object: object, level: level, reason: reason, dataLoss: loss, summary: summary))
    }

    private mutating func compareViews(normalized: Schema) {
        for view in to.views {
            guard let old = from.views.first(where: { $0.name == view.name }) else {
                addedViews.append(view)
                record(.addView, view.name, nil, .minor, "adds a view", summary: "add view")
                continue
            }
            let compared = normalized.views.first { $0.name == view.name } ?? view
            if Self.differ(old, compared) {
                droppedViews.append(old)
                addedViews.append(view)
                record(.changeView, view.name, nil, .major, "readers of the view may see other rows or columns", summary: "change view")
            }
        }
        for view in from.views where !to.views.contains(where: { $0.name == view.name }) {
            droppedViews.append(view)
            record(.dropView, view.name, nil, .major, "readers of the view fail", summary: "drop view")
        }
    }

    /// Functions and roles, which a database of each dialect keeps its own way (SQLite has
    /// neither), go with the migration that creates the schema and the one that empties it;
    /// later changes to them are a migration written by hand.
    private mutating func compareRoutines() {
        let empty = { (schema: Schema) in schema.tables.isEmpty && schema.views.isEmpty && schema.functions.isEmpty }
        if empty(from) {
            addedFunctions = to.functions
            addedRoles = to.roles
            for function in to.functions { record(.addFunction, function.name, nil, .minor, "adds a function", summary: "add function") }
            for role in to.roles { record(.addRole, role.name, nil, .minor, "adds a role", summary: "add role") }
        } else if to.tables.isEmpty && to.views.isEmpty {
            droppedFunctions = from.functions
            for function in from.functions { record(.dropFunction, function.name, nil, .major, "callers of the function fail", summary: "drop function") }
        }
    }

    /// Whether two views' bodies differ in a dialect both give one for, white space aside (a
    /// schema read back from SQLite knows SQLite's body only).
    static func differ(_ a: Schema.View, _ b: Schema.View) -> Bool {
        Set(a.sql.texts.keys).intersection(b.sql.texts.keys).contains { Schema.spaced(a.sql.texts[$0]!) != Schema.spaced(b.sql.texts[$0]!) }
    }
}

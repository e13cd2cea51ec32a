import Meridian

extension Schema {
    /// Checks what the parts of the schema say together, and reports every problem at once.
    ///
    /// ```swift
    /// let schema = try Schema.load(path: "schema.yaml")
    /// try schema.validate()
    /// // SchemaError: 2 problems in the schema file:
    /// //   schema.yaml:14:11: table alerts: foreign key (trigger_id) references unknown table data_trigger; did you mean data_triggers? …
    /// //   schema.yaml:30:18: table quakes: no value of magnitude satisfies `magnitude > 5 AND magnitude < 3` …
    /// ```
    ///
    /// Refused: foreign keys to unknown tables or columns, to columns of another type, or to
    /// columns that are not a primary key or unique; primary keys over nullable columns;
    /// duplicate names of constraints and indexes; names past PostgreSQL's 63 bytes; defaults
    /// of the wrong type, enumeration defaults outside their values; generated columns that
    /// read unknown or generated columns; CHECKs no value can satisfy; indexes, checks and keys
    /// over unknown columns; SRIDs outside ``KnownSRID``; foreign keys that form a cycle;
    /// `renamed_from:` naming a table or column the file still has, or claimed twice.
    ///
    /// - Throws: ``SchemaError`` listing every problem with the file, line and column it was
    ///   written at and what to do.
    public func validate() throws(SchemaError) {
        var validation = SchemaValidation(schema: self)
        validation.run()
        guard validation.problems.isEmpty else { throw SchemaError(validation.problems) }
    }
}

/// The checks behind ``Schema/validate()``, one method per part of a table.
struct SchemaValidation {
    let schema: Schema
    var problems: [SchemaProblem] = []
    /// Names PostgreSQL keeps in one namespace per schema: tables, views, and the indexes behind
    /// primary keys, unique constraints and `CREATE INDEX`; with where each was first declared.
    private var relationNames: [String: String] = [:]

    init(schema: Schema) { self.schema = schema }

    mutating func run() {
        for (index, table) in schema.tables.enumerated() { validate(table, path: "tables.\(table.name)", position: index) }
        for view in schema.views { claimRelation(view.name, kind: "view", path: "views.\(view.name)") }
        for function in schema.functions { checkLength(function.name, path: "functions.\(function.name)") }
        for role in schema.roles { checkLength(role.name, path: "roles.\(role.name)") }
        checkForeignKeyCycles()
        validateRenames()
    }

    mutating func problem(_ path: String, _ message: String, fix: String) {
        problems.append(SchemaProblem(schema.sourceMap.location(path), message, fix: fix))
    }

    // MARK: - Tables

    private mutating func validate(_ table: Schema.Table, path: String, position: Int) {
        claimRelation(table.name, kind: "table", path: path)
        if table.columns.isEmpty { problem(path, "table \(table.name) has no columns", fix: "declare its columns under columns:") }
        if !table.columns.isEmpty, table.columns.allSatisfy({ if case .geometry = $0.type { true } else { false } }) {
            problem(path, "table \(table.name) has only geometry columns", fix: "add an ordinary column, such as an int primary key (SpatiaLite adds geometry after CREATE TABLE, which needs one)")
        }
        var constraintNames: [String: String] = [:]
        for column in table.columns { validate(column, of: table, path: "\(path).columns.\(column.name)", constraintNames: &constraintNames) }
        validatePrimaryKey(table, path: path)
        for (offset, key) in table.foreignKeys.enumerated() {
            let keyPath = "\(path).foreign_keys.\(offset)"
            claim(key.name, kind: "foreign key", in: table, path: keyPath, names: &constraintNames)
            validate(key, of: table, path: keyPath)
        }
        for (offset, unique) in table.unique.enumerated() {
            let uniquePath = "\(path).unique.\(offset)"
            claimRelation(unique.name, kind: "unique constraint", path: uniquePath)
            requireColumns(unique.columns, of: table, path: "\(uniquePath).columns", what: "unique constraint \(unique.name)")
        }
        for (offset, check) in table.checks.enumerated() {
            let checkPath = "\(path).checks.\(offset)"
            claim(check.name, kind: "check", in: table, path: checkPath, names: &constraintNames)
            validate(check.condition, name: check.name, of: table, path: "\(checkPath).check")
        }
        for (offset, index) in table.indexes.enumerated() { validate(index, of: table, path: "\(path).indexes.\(offset)") }
        validatePlanned(table, path: path)
    }

    private mutating func validatePrimaryKey(_ table: Schema.Table, path: String) {
        let keyPath = "\(path).primary_key"
        guard !table.primaryKey.isEmpty else { return }
        claimRelation("\(table.name)_pkey", kind: "primary key", path: keyPath)
        requireColumns(table.primaryKey, of: table, path: keyPath, what: "the primary key")
        for name in table.primaryKey {
            guard let column = table.column(name) else { continue }
            if column.nullable {
                problem(
                    "\(path).columns.\(name).nullable", "table \(table.name): primary key column \(name) is nullable",
                    fix: "remove nullable: true from \(name); a primary key never holds NULL")
            }
        }
    }

    /// Every name of `names` is a column of `table`; reports the others with the nearest column.
    mutating func requireColumns(_ names: [String], of table: Schema.Table, path: String, what: String) {
        for name in names where table.column(name) == nil {
            problem(path, "table \(table.name): \(what) names unknown column \(name)", fix: suggestion(name, among: table.columns.map(\.name), kind: "column"))
        }
        var seen = Set<String>()
        for name in names where !seen.insert(name).inserted {
            problem(path, "table \(table.name): \(what) names column \(name) twice", fix: "list each column once")
        }
    }

    func suggestion(_ name: String, among candidates: [String], kind: String) -> String {
        if let nearest = Suggestion.nearest(to: name, in: candidates) { return "did you mean \(nearest)?" }
        return "name one of the \(kind)s: \(candidates.joined(separator: ", "))"
    }

    // MARK: - Names

    /// Records a name of PostgreSQL's per-schema namespace, reporting a repeat and a long name.
    mutating func claimRelation(_ name: String, kind: String, path: String) {
        checkLength(name, path: path)
        if let first = relationNames[name] {
            problem(path, "\(kind) \(name) has the name of \(first)", fix: "give it a name of its own: PostgreSQL keeps tables, views and indexes in one namespace")
        } else {
            relationNames[name] = "the \(kind) at \(schema.sourceMap.location(path))"
        }
    }

    /// Records a constraint name of one table, reporting a repeat and a long name.
    mutating func claim(_ name: String, kind: String, in table: Schema.Table, path: String, names: inout [String: String]) {
        checkLength(name, path: path)
        if let first = names[name] {
            problem(path, "table \(table.name): \(kind) \(name) has the name of \(first)", fix: "give each constraint of the table a name of its own")
        } else {
            names[name] = "the \(kind) at \(schema.sourceMap.location(path))"
        }
    }

    mutating func checkLength(_ name: String, path: String) {
        let bytes = name.utf8.count
        guard bytes > TableDefinition.maximumNameLength else { return }
        problem(
            path, "the name \(name) is \(bytes) bytes long, and PostgreSQL keeps only \(TableDefinition.maximumNameLength) (it would cut the rest silently)",
            fix: "shorten it to \(TableDefinition.maximumNameLength) bytes or fewer")
    }

    // MARK: - Foreign keys

    private mutating func validate(_ key: Schema.ForeignKey, of table: Schema.Table, path: String) {
        requireColumns(key.columns, of: table, path: "\(path).columns", what: "foreign key \(key.name)")
        let referencesPath = "\(path).references"
        guard let target = schema.table(key.referencedTable) else {
            problem(
                referencesPath, "table \(table.name): foreign key (\(key.columns.joined(separator: ", "))) references unknown table \(key.referencedTable)",
                fix: suggestion(key.referencedTable, among: schema.tables.map(\.name), kind: "table"))
            return
        }
        guard !key.referencedColumns.isEmpty else {
            problem(referencesPath, "table \(table.name): foreign key \(key.name) references \(target.name), which has no primary key", fix: "name the referenced columns: references: \(target.name)(column)")
            return
        }
        let problemCount = problems.count
        requireColumns(key.referencedColumns, of: target, path: referencesPath, what: "foreign key \(table.name).\(key.name)'s reference")
        guard problems.count == problemCount else { return }
        guard key.columns.count == key.referencedColumns.count else {
            problem(referencesPath, "table \(table.name): foreign key \(key.name) has \(key.columns.count) columns but references \(key.referencedColumns.count)", fix: "reference as many columns as the key has")
            return
        }
        for (name, referenced) in zip(key.columns, key.referencedColumns) {
            guard let column = table.column(name), let target = target.column(referenced) else { continue }
            if Self.comparable(column.type) != Self.comparable(target.type) {
                problem(
                    referencesPath,
                    "table \(table.name): foreign key column \(name) is \(SchemaFileWriter.typeName(column.type)) but references \(key.referencedTable).\(referenced), which is \(SchemaFileWriter.typeName(target.type))",
                    fix: "give \(name) the type \(SchemaFileWriter.typeName(target.type))")
            }
            if key.onDelete == .setNull || key.onUpdate == .setNull, !column.nullable {
                problem("\(path)", "table \(table.name): foreign key \(key.name) sets \(name) to NULL, but \(name) is not nullable", fix: "make \(name) nullable: true, or choose another action")
            }
        }
        let keys = [target.primaryKey] + target.unique.map(\.columns) + target.indexes.filter(\.unique).filter { $0.condition == nil }.map(\.columns)
        if !keys.contains(where: { Set($0) == Set(key.referencedColumns) }) {
            problem(
                referencesPath, "table \(table.name): foreign key \(key.name) references \(target.name)(\(key.referencedColumns.joined(separator: ", "))), which is neither its primary key nor unique",
                fix: "reference the primary key, or add a unique constraint on those columns to \(target.name)")
        }
    }

    /// The type foreign keys compare: an enumeration holds text.
    private static func comparable(_ type: LogicalType) -> LogicalType {
        if case .enumeration = type { return .text }
        return type
    }

    private mutating func checkForeignKeyCycles() {
        do {
            _ = try schema.dependencyOrder()
        } catch {
            let first = error.tables.first ?? ""
            problem(
                "tables.\(first)", "the foreign keys of \(error.tables.joined(separator: ", ")) form a cycle, which no order of CREATE TABLE can satisfy",
                fix: "break the cycle: make one of the keys nullable and add it in a later migration")
        }
    }
}

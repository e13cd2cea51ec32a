import Meridian

/// The walk behind ``SchemaMigrationPlan/statements(for:fills:placeholders:)``: one dialect,
/// the problems found on the way.
struct PlanRenderer {
    let plan: SchemaMigrationPlan
    let dialect: any SQLDialect
    let fills: [ColumnFill]
    let placeholders: Bool
    private(set) var problems: [String] = []

    init(plan: SchemaMigrationPlan, dialect: any SQLDialect, fills: [ColumnFill], placeholders: Bool) {
        self.plan = plan
        self.dialect = dialect
        self.fills = fills
        self.placeholders = placeholders
    }

    /// The statements of one table's in-place change, by when they run.
    private struct Phases {
        var before: [SchemaStatement] = []
        var during: [SchemaStatement] = []
        var after: [SchemaStatement] = []
    }

    mutating func render() -> [SchemaStatement] {
        let dependent = plan.dependentViews
        var functions: [SchemaStatement] = []
        var phases = Phases()
        var created: [SchemaStatement] = []
        var dropped: [SchemaStatement] = []

        let views = plan.from.views.filter { dependent.contains($0.name) || plan.droppedViews.contains($0) }
        let droppedViews = views.reversed().map { SchemaStatement.execute("DROP VIEW \(dialect.quote($0.name))") }

        for table in plan.alteredTables {
            if let inPlace = inPlace(table) {
                phases.before += inPlace.before
                phases.during += inPlace.during
                phases.after += inPlace.after
            } else {
                phases.during += rebuild(table)
            }
        }
        let droppedNames = Set(plan.droppedTables.map(\.name))
        let order = (try? plan.from.dependencyOrder()) ?? plan.from.tables.map(\.name)
        for name in order.reversed() where droppedNames.contains(name) {
            if let table = plan.from.table(name) { dropped += dialect.dropTableStatements(Self.shell(table)) }
        }
        let addedNames = Set(plan.addedTables.map(\.name))
        for name in (try? plan.to.dependencyOrder()) ?? plan.to.tables.map(\.name) where addedNames.contains(name) {
            guard let table = plan.to.table(name) else { continue }
            created += rendering(table)
        }
        var onUpdateColumns: [String] = []
        for column in (plan.addedTables + plan.alteredTables.map(\.new)).flatMap(\.columns) where column.setOnUpdate && !onUpdateColumns.contains(column.name) {
            onUpdateColumns.append(column.name)
            if let function = dialect.updatedAtFunction(column: column.name) { functions.append(function) }
        }
        var recreated: [SchemaStatement] = []
        for view in plan.to.views where plan.addedViews.contains(view) || (dependent.contains(view.name) && !plan.droppedViews.contains(where: { $0.name == view.name })) {
            guard let sql = view.sql.text(for: dialect) else {
                problems.append("view \(view.name) has no SQL for \(dialect.name) (a view the migrations built is known by the body the database keeps, in its own dialect)")
                continue
            }
            recreated.append(.execute("CREATE VIEW \(dialect.quote(view.name)) AS\n\(sql)"))
            if let text = view.description, let comment = dialect.comment(on: view.name, kind: .view, column: nil, text: text) { recreated.append(comment) }
        }
        let routines = plan.addedFunctions.compactMap { $0.sql.text(for: dialect).map(SchemaStatement.execute) }
        let droppedRoutines = plan.droppedFunctions.compactMap { function in function.sql.text(for: dialect).flatMap { _ in dialect.dropFunctionStatement(function.name) } }
        let roles = plan.addedRoles.flatMap(dialect.roleStatements)
        return droppedViews + droppedRoutines + functions + phases.before + dropped + phases.during + created + routines + phases.after + recreated + roles
    }

    // MARK: - In place

    /// The table's change made with `ALTER TABLE`, or `nil` when the dialect cannot make one
    /// of its edits in place.
    private mutating func inPlace(_ table: TablePlan) -> Phases? {
        guard let definition = definition(table.new) else { return Phases() }
        var phases = Phases()
        func alter(_ alteration: TableAlteration) -> [SchemaStatement]? { dialect.alterTable(definition, alteration) }
        let quoted = dialect.quote(table.new.name)
        let renamed = table.old.name != table.new.name
        if renamed {
            guard let statements = alter(.renameTable(from: table.old.name, constraints: constraintRenames(table, definition))) else { return nil }
            phases.during += statements
            for column in table.new.columns where column.setOnUpdate && !table.edits.contains(where: { if case .setOnUpdate = $0 { true } else { false } }) {
                guard let source = table.sources[column.name], table.old.column(source)?.setOnUpdate == true else { continue }
                phases.before.append(dialect.dropUpdatedAtTrigger(table: table.old.name, column: source))
                phases.after += dialect.updatedAtTrigger(table: table.new.name, column: column.name, key: table.new.primaryKey)
            }
        }
        var late: [SchemaStatement] = []
        for edit in Self.ordered(table.edits) {
            var statements: [SchemaStatement]?
            switch edit {
            case .addColumn(let column):
                guard let columnDefinition = definition.columns.first(where: { $0.name == column.name }) else { continue }
                let checks = definition.checks.filter { $0.name == SchemaRendering.columnCheckName(table: table.new.name, column: column) }
                if Self.needsFill(column), let fill = fill(table.new.name, column) {
                    var nullable = columnDefinition
                    nullable.nullable = true
                    statements = alter(.addColumn(nullable, checks: checks)).flatMap { added in
                        alter(.setNullable(column: column.name, false)).map { added + [.execute("UPDATE \(quoted) SET \(dialect.quote(column.name)) = \(fill)")] + $0 }
                    }
                } else {
                    statements = alter(.addColumn(columnDefinition, checks: checks))
                }
                if let text = column.description, let comment = dialect.comment(on: table.new.name, kind: .table, column: column.name, text: text) {
                    late.append(comment)
                }
            case .dropColumn(let column):
                statements = alter(.dropColumn(column.name))
            case .renameColumn(let from, let to):
                statements = alter(.renameColumn(from: from, to: to))
            case .changeType(let from, let column):
                guard let columnDefinition = definition.columns.first(where: { $0.name == column.name }) else { continue }
                guard convertible(table.new.name, column, from: from) else { continue }
                var before = columnDefinition
                before.type = from
                let drop = dialect.typeCheck(before, in: definition).map { alter(.dropConstraint($0.name)) } ?? []
                let add = dialect.typeCheck(columnDefinition, in: definition).map { alter(.addCheck($0)) } ?? []
                let using = dialect.convert(dialect.quote(column.name), from: from, to: column.type)
                if let drop, let add, let change = alter(.changeType(columnDefinition, using: using)) { statements = drop + change + add }
            case .setNullable(let column):
                if column.nullable {
                    statements = alter(.setNullable(column: column.name, true))
                } else if let fill = fill(table.new.name, column) {
                    statements = alter(.setNullable(column: column.name, false)).map {
                        [.execute("UPDATE \(quoted) SET \(dialect.quote(column.name)) = \(fill) WHERE \(dialect.quote(column.name)) IS NULL")] + $0
                    }
                } else {
                    continue
                }
            case .setDefault(let column):
                statements = alter(.setDefault(column: column.name, column.default))
            case .changeGenerated(let column):
                guard let columnDefinition = definition.columns.first(where: { $0.name == column.name }) else { continue }
                statements = alter(.dropColumn(column.name)).flatMap { dropped in alter(.addColumn(columnDefinition, checks: [])).map { dropped + $0 } }
            case .setOnUpdate(let old, let column):
                if table.old.column(old)?.setOnUpdate == true { phases.before.append(dialect.dropUpdatedAtTrigger(table: table.old.name, column: old)) }
                if column.setOnUpdate { phases.after += dialect.updatedAtTrigger(table: table.new.name, column: column.name, key: table.new.primaryKey) }
                continue
            case .changePrimaryKey(let old):
                let drop = old.isEmpty ? [] : alter(.dropConstraint(definition.primaryKeyName))
                let add = table.new.primaryKey.isEmpty ? [] : alter(.addPrimaryKey(table.new.primaryKey))
                if let drop, let add { statements = drop + add }
            case .addForeignKey(let key):
                guard let added = alter(.addForeignKey(key)) else { return nil }
                late += added
                continue
            case .dropForeignKey(let key):
                guard let dropped = alter(.dropConstraint(key.name)) else { return nil }
                phases.before += dropped
                continue
            case .addUnique(let unique):
                statements = alter(.addUnique(unique))
            case .dropUnique(let unique):
                guard let dropped = alter(.dropConstraint(unique.name)) else { return nil }
                phases.before += dropped
                continue
            case .addCheck(let name, _):
                guard let check = definition.checks.first(where: { $0.name == name }) else { continue }
                statements = alter(.addCheck(check))
            case .dropCheck(let name):
                guard let dropped = alter(.dropConstraint(name)) else { return nil }
                phases.before += dropped
                continue
            case .addIndex(let index):
                late.append(dialect.createIndexStatement(indexDefinition(index), on: table.new.name))
                continue
            case .dropIndex(let index):
                phases.before += dialect.dropIndexStatements(indexDefinition(index), on: table.old.name)
                continue
            }
            guard let statements else { return nil }
            phases.during += statements
        }
        phases.after = late + phases.after
        return phases
    }

    /// Renames first, so that later edits find columns by their new names; additions before
    /// conversions; constraints last, once their columns are in place.
    private static func ordered(_ edits: [TablePlan.Edit]) -> [TablePlan.Edit] {
        func rank(_ edit: TablePlan.Edit) -> Int {
            switch edit {
            case .dropForeignKey, .dropUnique, .dropCheck, .dropIndex, .setOnUpdate: 0
            case .renameColumn: 1
            case .addColumn: 2
            case .changeType: 3
            case .setDefault: 4
            case .setNullable: 5
            case .changeGenerated: 6
            case .dropColumn: 7
            case .changePrimaryKey: 8
            case .addUnique, .addCheck: 9
            case .addForeignKey, .addIndex: 10
            }
        }
        return edits.enumerated().sorted { (rank($0.element), $0.offset) < (rank($1.element), $1.offset) }.map(\.element)
    }

    /// Constraints named after the table that keep their names through `ALTER TABLE … RENAME`:
    /// each column's type CHECK, and unique constraints and foreign keys the file names anew.
    private func constraintRenames(_ table: TablePlan, _ definition: TableDefinition) -> [TableAlteration.Rename] {
        var renames: [TableAlteration.Rename] = []
        for column in definition.columns {
            guard let source = table.sources[column.name], dialect.typeCheck(column, in: definition) != nil else { continue }
            renames.append(.init(from: "\(table.old.name)_\(source)_check", to: "\(table.new.name)_\(source)_check"))
        }
        for unique in table.old.unique {
            if let match = table.new.unique.first(where: { Set($0.columns) == Set(table.renamed(unique.columns)) }), match.name != unique.name {
                renames.append(.init(from: unique.name, to: match.name))
            }
        }
        for key in table.old.foreignKeys {
            if let match = table.new.foreignKeys.first(where: { $0.columns == table.renamed(key.columns) && $0.referencedTable == key.referencedTable }), match.name != key.name {
                renames.append(.init(from: key.name, to: match.name))
            }
        }
        return renames
    }

    // MARK: - Rebuild

    /// The table copied aside, dropped, created as the file declares it, filled from the copy,
    /// and then given its indexes and triggers: the way SQLite changes what `ALTER TABLE`
    /// cannot. A renamed table is filled from its old self, which is dropped after.
    private mutating func rebuild(_ table: TablePlan) -> [SchemaStatement] {
        let name = table.new.name
        let old = Self.shell(table.old)
        var statements: [SchemaStatement] = []
        let source: String
        if table.old.name == name {
            source = "_meridian_old_\(name)"
            statements.append(.execute("CREATE TEMP TABLE \(dialect.quote(source)) AS SELECT * FROM \(dialect.quote(name))"))
            statements += dialect.dropTableStatements(old)
        } else {
            source = table.old.name
        }
        let parts = tableParts(table.new)
        statements += parts.create
        var columns: [String] = []
        var values: [String] = []
        for column in table.new.columns where column.generated == nil {
            let quoted = dialect.quote(column.name)
            if let from = table.sources[column.name], let before = table.old.column(from) {
                var value = before.type == column.type ? quoted : dialect.convert(quoted, from: before.type, to: column.type)
                if before.type != column.type { _ = convertible(name, column, from: before.type) }
                if before.nullable, !column.nullable, let fill = fill(name, column) { value = "coalesce(\(value), \(fill))" }
                columns.append(quoted)
                values.append(value)
            } else if Self.needsFill(column), let fill = fill(name, column) {
                columns.append(quoted)
                values.append(fill)
            }
        }
        let kept = table.sources.sorted { $0.key < $1.key }.map { "\(dialect.quote($0.value)) AS \(dialect.quote($0.key))" }
        if !columns.isEmpty {
            statements.append(.execute(
                "INSERT INTO \(dialect.quote(name)) (\(columns.joined(separator: ", ")))\nSELECT \(values.joined(separator: ", "))\nFROM (SELECT \(kept.isEmpty ? "1" : kept.joined(separator: ", ")) FROM \(dialect.quote(source))) AS \"old\""))
        }
        statements += parts.complete
        statements += table.old.name == name ? [.execute("DROP TABLE \(dialect.quote(source))")] : dialect.dropTableStatements(old)
        return statements
    }

    // MARK: - Parts

    /// A table's columns only: what dropping it needs to know (its geometry columns).
    static func shell(_ table: Schema.Table) -> TableDefinition {
        TableDefinition(table.name, columns: table.columns.map { ColumnDefinition($0.name, $0.type, nullable: $0.nullable) })
    }

    /// Whether both engines convert `column`'s values from `from` to its type; records the
    /// problem, with the way round, when they do not.
    private mutating func convertible(_ table: String, _ column: Schema.Column, from: LogicalType) -> Bool {
        guard !TypeConversion(from: from, to: column.type).isSupported else { return true }
        problems.append(
            "table \(table): column \(column.name) cannot change from \(SchemaFileWriter.typeName(from)) to \(SchemaFileWriter.typeName(column.type)); add a new column, copy the values in a migration of your own, then drop the old one")
        return false
    }

    /// A column that becomes NOT NULL in rows that exist: the edit's column, or `nil`.
    static func tightened(_ edit: TablePlan.Edit) -> Schema.Column? {
        switch edit {
        case .addColumn(let column) where needsFill(column): column
        case .setNullable(let column) where !column.nullable: column
        default: nil
        }
    }

    /// A new NOT NULL column with neither a default nor an expression computing it.
    static func needsFill(_ column: Schema.Column) -> Bool { !column.nullable && column.default == nil && column.generated == nil }

    /// The SQL of the value existing rows get in `column`: its fill, its default, or a placeholder.
    private mutating func fill(_ table: String, _ column: Schema.Column) -> String? {
        if let fill = fills.first(where: { $0.table == table && $0.column == column.name }) { return fill.expression.sql(for: dialect) }
        if let value = column.default { return dialect.defaultSQL(value) }
        if placeholders, let value = Self.placeholder(column.type) { return dialect.defaultSQL(value) }
        problems.append("table \(table): column \(column.name) becomes NOT NULL and existing rows need a value: give it a default in the schema file, or pass --fill \(table).\(column.name)=EXPR")
        return nil
    }

    /// The zero value of a type, which a down migration writes into a column it restores.
    static func placeholder(_ type: LogicalType) -> ColumnDefault? {
        switch type {
        case .int, .double: .number("0")
        case .bool: .bool(false)
        case .text, .json: type == .json ? .text("null") : .text("")
        case .uuid: .text("00000000-0000-0000-0000-000000000000")
        case .timestamp: .text("1970-01-01T00:00:00.000000Z")
        case .date: .text("1970-01-01")
        case .enumeration(let values): values.first.map { .text($0) }
        case .bytes, .geometry: nil
        }
    }

    private func indexDefinition(_ index: Schema.Index) -> IndexDefinition {
        IndexDefinition(index.name, index.columns, unique: index.unique, spatial: index.spatial, condition: index.condition?.sql(for: dialect))
    }

    private mutating func definition(_ table: Schema.Table) -> TableDefinition? {
        do {
            return try plan.to.tableDefinition(table, for: dialect)
        } catch {
            problems.append(error.description)
            return nil
        }
    }

    /// `table` as the schema file creates it (``Schema/statements(_:for:)``).
    private mutating func rendering(_ table: Schema.Table) -> [SchemaStatement] {
        let parts = tableParts(table)
        return parts.create + parts.complete
    }

    /// `table`'s creation and what completes it (``Schema/tableParts(_:for:)``).
    private mutating func tableParts(_ table: Schema.Table) -> (create: [SchemaStatement], complete: [SchemaStatement]) {
        do {
            return try plan.to.tableParts(table, for: dialect)
        } catch {
            problems.append(error.description)
            return ([], [])
        }
    }
}

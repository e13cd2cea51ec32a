import Meridian

extension Schema {
    /// The DDL that builds the schema on an empty database of `dialect`, in the order it must run.
    ///
    /// ```swift
    /// let schema = try Schema.load(path: "schema.yaml")
    /// try schema.validate()
    /// for statement in try schema.statements(for: PostgresDialect()) { print(statement.sql + ";") }
    /// ```
    ///
    /// The order: the trigger functions `on_update: now` columns need (PostgreSQL); tables, each
    /// after those its foreign keys reference, with the value contract's CHECKs, keys, spatial
    /// columns, indexes, `on_update` triggers and descriptions (PostgreSQL's `COMMENT ON`);
    /// functions and views in the file's order; roles
    /// and their grants (PostgreSQL; SQLite has none). Run them in one transaction, as a
    /// migration does. Validate first: rendering assumes a valid schema.
    ///
    /// - Throws: ``SchemaRenderingError`` for what this version carries but does not render
    ///   (`partition_by`, `rollups`), and for SQL the file gives for other dialects only.
    public func statements(for dialect: any SQLDialect) throws(SchemaRenderingError) -> [SchemaStatement] {
        var statements: [SchemaStatement] = []
        var touched: [String] = []
        for column in tables.flatMap(\.columns) where column.setOnUpdate && !touched.contains(column.name) {
            touched.append(column.name)
            if let function = dialect.updatedAtFunction(column: column.name) { statements.append(function) }
        }
        let order = (try? dependencyOrder()) ?? tables.map(\.name)
        for table in order.compactMap(table) { statements += try self.statements(table, for: dialect) }
        for function in functions {
            if let sql = function.sql.text(for: dialect) { statements.append(.execute(sql)) }
        }
        for view in views {
            guard let sql = view.sql.text(for: dialect) else { throw missingSQL("view \(view.name)", path: "views.\(view.name).sql", dialect) }
            statements.append(.execute("CREATE VIEW \(dialect.quote(view.name)) AS\n\(sql)"))
            if let text = view.description, let comment = dialect.comment(on: view.name, kind: .view, column: nil, text: text) { statements.append(comment) }
        }
        for role in roles { statements += dialect.roleStatements(role) }
        return statements
    }

    /// The table as the core renderer's ``TableDefinition`` for `dialect`: expressions in the
    /// dialect's SQL, a column's own CHECK before the table's.
    public func tableDefinition(_ table: Table, for dialect: any SQLDialect) throws(SchemaRenderingError) -> TableDefinition {
        let path = "tables.\(table.name)"
        var checks: [CheckConstraint] = []
        for column in table.columns {
            guard let check = column.check else { continue }
            let name = SchemaRendering.columnCheckName(table: table.name, column: column)
            checks.append(CheckConstraint(name, try sql(check, for: dialect, what: "check \(name)", path: "\(path).columns.\(column.name).check")))
        }
        for (offset, check) in table.checks.enumerated() {
            checks.append(CheckConstraint(check.name, try sql(check.condition, for: dialect, what: "check \(check.name)", path: "\(path).checks.\(offset).check")))
        }
        return TableDefinition(
            table.name,
            columns: table.columns.map { column in
                ColumnDefinition(
                    column.name, column.type, nullable: column.nullable, spatialIndex: false, default: column.default,
                    generated: column.generated?.sql(for: dialect), identity: table.isIdentity(column))
            },
            primaryKey: table.primaryKey, unique: table.unique, foreignKeys: table.foreignKeys, checks: checks)
    }

    /// Table names in an order where each follows those its foreign keys reference.
    ///
    /// - Throws: ``SchemaSnapshot/DependencyCycle`` when the keys form a cycle.
    public func dependencyOrder() throws(SchemaSnapshot.DependencyCycle) -> [String] {
        let snapshot = SchemaSnapshot(tables: tables.map { table in
            SchemaSnapshot.Table(table.name, columns: [], foreignKeys: table.foreignKeys.map { SchemaSnapshot.ForeignKey($0.columns, references: $0.referencedTable, $0.referencedColumns) })
        })
        return try snapshot.dependencyOrder()
    }

    /// `CREATE TABLE` with its indexes, `on_update` triggers and descriptions: one table as
    /// ``statements(for:)`` renders it, and as a migration creates it.
    func statements(_ table: Table, for dialect: any SQLDialect) throws(SchemaRenderingError) -> [SchemaStatement] {
        let parts = try tableParts(table, for: dialect)
        return parts.create + parts.complete
    }

    /// One table in two parts: `CREATE TABLE` with its geometry columns, and what completes it
    /// (indexes, `on_update` triggers, descriptions), which a rebuild runs after the rows are
    /// back, so that each index is built once rather than row by row.
    func tableParts(_ table: Table, for dialect: any SQLDialect) throws(SchemaRenderingError) -> (create: [SchemaStatement], complete: [SchemaStatement]) {
        let path = "tables.\(table.name)"
        if table.partitionBy != nil {
            throw SchemaRenderingError(
                location: sourceMap.location("\(path).partition_by"),
                message: "table \(table.name) is partitioned, which this version of Meridian validates but does not render yet; remove partition_by to render the schema")
        }
        if !table.rollups.isEmpty {
            throw SchemaRenderingError(
                location: sourceMap.location("\(path).rollups"),
                message: "table \(table.name) has rollups, which this version of Meridian validates but does not render yet; remove rollups to render the schema")
        }
        let create = dialect.createTableStatements(try tableDefinition(table, for: dialect))
        var complete: [SchemaStatement] = []
        for index in table.indexes {
            let definition = IndexDefinition(index.name, index.columns, unique: index.unique, spatial: index.spatial, condition: index.condition?.sql(for: dialect))
            complete.append(dialect.createIndexStatement(definition, on: table.name))
        }
        for column in table.columns where column.setOnUpdate {
            complete += dialect.updatedAtTrigger(table: table.name, column: column.name, key: table.primaryKey)
        }
        if let text = table.description, let comment = dialect.comment(on: table.name, kind: .table, column: nil, text: text) {
            complete.append(comment)
        }
        for column in table.columns {
            if let text = column.description, let comment = dialect.comment(on: table.name, kind: .table, column: column.name, text: text) {
                complete.append(comment)
            }
        }
        return (create, complete)
    }

    private func sql(_ condition: CheckCondition, for dialect: any SQLDialect, what: String, path: String) throws(SchemaRenderingError) -> String {
        switch condition {
        case .portable(let expression): return expression.sql(for: dialect)
        case .perDialect(let sql):
            guard let text = sql.text(for: dialect) else { throw missingSQL(what, path: path, dialect) }
            return text
        }
    }

    private func missingSQL(_ what: String, path: String, _ dialect: any SQLDialect) -> SchemaRenderingError {
        SchemaRenderingError(location: sourceMap.location(path), message: "\(what) has no SQL for \(dialect.name); add \(dialect.schemaFileKey): …")
    }
}

/// Names the renderer and the validator agree on.
enum SchemaRendering {
    /// A column's own CHECK: `<table>_<column>_check`, as PostgreSQL names it, or
    /// `<table>_<column>_check1` when the column's type has a CHECK of that name already (an
    /// enumeration's `IN`, SQLite's contract checks).
    static func columnCheckName(table: String, column: Schema.Column) -> String {
        let base = "\(table)_\(column.name)_check"
        switch column.type {
        case .int, .double, .text, .bytes, .geometry: return base
        case .bool, .uuid, .timestamp, .date, .json, .enumeration: return base + "1"
        }
    }
}

import Meridian

extension PostgresDialect {
    /// PostgreSQL makes every ``TableAlteration`` in place: `ALTER TABLE … ADD COLUMN`,
    /// `ALTER COLUMN … TYPE … USING`, `SET NOT NULL`, `ADD CONSTRAINT`, `RENAME`.
    public func alterTable(_ table: TableDefinition, _ alteration: TableAlteration) -> [SchemaStatement]? {
        let alter = "ALTER TABLE \(quote(table.name))"
        switch alteration {
        case .addColumn(let column, let checks):
            let constraints = checks.map { " " + checkConstraint($0) }.joined()
            return [.execute("\(alter) ADD COLUMN \(columnDefinition(table: table, column))\(constraints)")]
        case .dropColumn(let name):
            return [.execute("\(alter) DROP COLUMN \(quote(name))")]
        case .renameColumn(let from, let to):
            var statements: [SchemaStatement] = [.execute("\(alter) RENAME COLUMN \(quote(from)) TO \(quote(to))")]
            guard let column = table.columns.first(where: { $0.name == to }) else { return statements }
            if typeCheck(column, in: table) != nil {
                statements += renames([.init(from: table.checkName(from), to: table.checkName(to))], alter: alter)
            }
            if column.isGeometry { statements.append(renameSpatialIndex(table: table.name, from, to: table.name, to)) }
            return statements
        case .renameTable(let from, let constraints):
            var statements: [SchemaStatement] = [.execute("ALTER TABLE \(quote(from)) RENAME TO \(quote(table.name))")]
            if !table.primaryKey.isEmpty { statements.append(.execute("\(alter) RENAME CONSTRAINT \(quote("\(from)_pkey")) TO \(quote(table.primaryKeyName))")) }
            for column in table.columns where column.isGeometry {
                statements.append(renameSpatialIndex(table: from, column.name, to: table.name, column.name))
            }
            return statements + renames(constraints, alter: alter)
        case .changeType(let column, let using):
            return [.execute("\(alter) ALTER COLUMN \(quote(column.name)) TYPE \(columnType(column.type)) USING \(using)")]
        case .setNullable(let column, let nullable):
            return [.execute("\(alter) ALTER COLUMN \(quote(column)) \(nullable ? "DROP" : "SET") NOT NULL")]
        case .setDefault(let column, let value?):
            return [.execute("\(alter) ALTER COLUMN \(quote(column)) SET DEFAULT \(defaultSQL(value))")]
        case .setDefault(let column, nil):
            return [.execute("\(alter) ALTER COLUMN \(quote(column)) DROP DEFAULT")]
        case .addPrimaryKey(let columns):
            return [.execute("\(alter) ADD \(primaryKeyConstraint(table.primaryKeyName, columns))")]
        case .addUnique(let unique):
            return [.execute("\(alter) ADD \(uniqueConstraint(unique))")]
        case .addForeignKey(let key):
            return [.execute("\(alter) ADD \(foreignKeyConstraint(key))")]
        case .addCheck(let check):
            return [.execute("\(alter) ADD \(checkConstraint(check))")]
        case .dropConstraint(let name):
            return [.execute("\(alter) DROP CONSTRAINT \(quote(name))")]
        }
    }

    /// PostGIS keeps its metadata in views over the catalogue: `DROP TABLE` is the whole job.
    public func dropTableStatements(_ table: TableDefinition) -> [SchemaStatement] {
        [.execute("DROP TABLE \(quote(table.name))")]
    }

    public func dropIndexStatements(_ index: IndexDefinition, on table: String) -> [SchemaStatement] {
        let name = index.spatial ? TableDefinition.spatialIndexName(table: table, column: index.columns[0]) : index.name
        return [.execute("DROP INDEX \(quote(name))")]
    }

    public func dropUpdatedAtTrigger(table: String, column: String) -> SchemaStatement {
        .execute("DROP TRIGGER \(quote("\(table)_set_\(column)")) ON \(quote(table))")
    }

    /// `DROP FUNCTION "name"`: the schema file declares one function of each name.
    public func dropFunctionStatement(_ name: String) -> SchemaStatement? { .execute("DROP FUNCTION \(quote(name))") }

    /// A cast to the new column type: `"x"::double precision`.
    public func convert(_ expression: String, from: LogicalType, to: LogicalType) -> String {
        switch (from, to) {
        case (.bool, .int): "CASE WHEN \(expression) THEN 1 ELSE 0 END"
        case (.timestamp, .text): "to_char(\(expression) AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"
        default: "\(expression)::\(columnType(to))"
        }
    }

    /// The GiST index of a geometry column keeps its name, `<table>_<column>_gist`, in step
    /// with the table's and column's; `IF EXISTS`, as a column may have none.
    private func renameSpatialIndex(table: String, _ column: String, to newTable: String, _ newColumn: String) -> SchemaStatement {
        let old = TableDefinition.spatialIndexName(table: table, column: column)
        return .execute("ALTER INDEX IF EXISTS \(quote(old)) RENAME TO \(quote(TableDefinition.spatialIndexName(table: newTable, column: newColumn)))")
    }

    private func renames(_ constraints: [TableAlteration.Rename], alter: String) -> [SchemaStatement] {
        constraints.map { .execute("\(alter) RENAME CONSTRAINT \(quote($0.from)) TO \(quote($0.to))") }
    }
}

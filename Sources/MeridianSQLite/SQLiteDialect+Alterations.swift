import Meridian

extension SQLiteDialect {
    /// SQLite's `ALTER TABLE` adds, renames and drops columns, and renames tables; everything
    /// else (a column's type, nullability or default, constraints) needs the table rebuilt,
    /// and so do renames that would leave constraints under the old name.
    ///
    /// A column is added in place only where SQLite accepts it: no primary key or UNIQUE, no
    /// stored generation, a default that is a constant, and a default when it is NOT NULL
    /// (the rules of [`ALTER TABLE ADD COLUMN`](https://sqlite.org/lang_altertable.html#altertabaddcol)).
    /// Geometry columns go through SpatiaLite (`AddGeometryColumn`, `RenameColumn`, `RenameTable`),
    /// which keeps its metadata and spatial index in step.
    public func alterTable(_ table: TableDefinition, _ alteration: TableAlteration) -> [SchemaStatement]? {
        switch alteration {
        case .addColumn(let column, let checks):
            if case .geometry(let type, let srid) = column.type {
                return checks.isEmpty ? addGeometryColumn(table: table.name, column: column, type: type, srid: srid) : nil
            }
            guard column.generated == nil, column.nullable || column.default != nil, !table.primaryKey.contains(column.name),
                  !table.unique.contains(where: { $0.columns.contains(column.name) }) else { return nil }
            switch column.default {
            case .currentTimestamp?, .currentDate?, .randomUUID?, .expression?: return nil
            case .bool?, .number?, .text?, nil: break
            }
            let constraints = checks.map { " " + checkConstraint($0) }.joined()
            return [.execute("ALTER TABLE \(quote(table.name)) ADD COLUMN \(columnDefinition(table: table, column))\(constraints)")]
        case .renameColumn(let from, let to):
            // The CHECK holding the column to its type would keep the old column's name.
            guard let column = table.columns.first(where: { $0.name == to }), typeCheck(column, in: table) == nil else { return nil }
            if column.isGeometry {
                return [.expectTrue(
                    "SELECT RenameColumn('main', \(literal(table.name)), \(literal(from)), \(literal(to)))",
                    failure: "SpatiaLite could not rename geometry column \(table.name).\(from) to \(to)")]
            }
            return [.execute("ALTER TABLE \(quote(table.name)) RENAME COLUMN \(quote(from)) TO \(quote(to))")]
        case .renameTable, .dropColumn, .changeType, .setNullable, .setDefault, .addPrimaryKey, .addUnique, .addForeignKey, .addCheck,
             .dropConstraint:
            // Constraints carry the table's and columns' names, which only a rebuild renames;
            // a dropped column may sit in an index, a constraint or a view, which a rebuild
            // handles and DROP COLUMN refuses.
            return nil
        }
    }

    /// SpatiaLite's `DropTable` for a table with geometry columns, which removes its metadata,
    /// triggers and spatial index tables with it; `DROP TABLE` for the others.
    public func dropTableStatements(_ table: TableDefinition) -> [SchemaStatement] {
        guard table.columns.contains(where: \.isGeometry) else { return [.execute("DROP TABLE \(quote(table.name))")] }
        return [.expectTrue(
            "SELECT DropTable('main', \(literal(table.name)))",
            failure: "SpatiaLite could not drop table \(table.name) with its geometry metadata")]
    }

    /// A spatial index is SpatiaLite's R*Tree: disabled (which drops its triggers and metadata
    /// row), then its `idx_` table dropped.
    public func dropIndexStatements(_ index: IndexDefinition, on table: String) -> [SchemaStatement] {
        guard index.spatial, let column = index.columns.first else { return [.execute("DROP INDEX \(quote(index.name))")] }
        return [
            .expectTrue(
                "SELECT DisableSpatialIndex(\(literal(table)), \(literal(column)))",
                failure: "SpatiaLite could not disable the spatial index on \(table).\(column)"),
            .execute("DROP TABLE IF EXISTS \(quote(Self.spatialIndexTable(table: table, column: column)))"),
        ]
    }

    public func dropUpdatedAtTrigger(table: String, column: String) -> SchemaStatement {
        .execute("DROP TRIGGER \(quote("\(table)_set_\(column)"))")
    }

    public func dropFunctionStatement(_ name: String) -> SchemaStatement? { nil }

    /// A `CAST` to the storage class the contract keeps the new type in; text stays text
    /// (timestamps, dates and UUIDs are text already).
    public func convert(_ expression: String, from: LogicalType, to: LogicalType) -> String {
        switch to {
        case .int: "CAST(\(expression) AS INTEGER)"
        case .double: "CAST(\(expression) AS REAL)"
        case .text, .enumeration: "CAST(\(expression) AS TEXT)"
        default: expression
        }
    }
}

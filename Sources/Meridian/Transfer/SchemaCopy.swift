/// Tables of one database described for creating them in the other (`--create-schema`), for
/// databases Meridian did not make: columns with mapped types, primary and foreign keys, unique
/// constraints, indexes and geometry columns with their spatial indexes.
///
/// ```swift
/// let copy = try SchemaCopy(tables: source.tables, of: source) { SQLiteInspector.nearestLogicalType(declared: $0) }
/// try copy.create(on: postgres)
/// ```
///
/// What cannot be carried over is said, never dropped in silence: a column whose type maps to
/// no logical type stops the copy with its name; CHECK constraints, defaults, generated-column
/// expressions, partial and expression indexes and views are named in ``warnings``.
public struct SchemaCopy: Sendable {
    /// A logical type chosen for a declared type outside the contract, with what the choice
    /// means for the values when that is worth saying.
    public struct Mapping: Sendable, Equatable {
        public var type: LogicalType
        public var note: String?
        public init(_ type: LogicalType, note: String? = nil) {
            self.type = type
            self.note = note
        }
    }

    /// In foreign-key order.
    public var tables: [TableDefinition]
    /// Plain and unique indexes (not spatial ones, which ``tables`` carry).
    public var indexes: [(table: String, index: SchemaSnapshot.Index)]
    public var warnings: [String] = []

    /// - Parameters:
    ///   - tables: the tables to create, from `schema`.
    ///   - mapping: the logical type for a declared type outside the value contract, by the
    ///     source engine's rules; `nil` when there is none.
    /// - Throws: ``TransferError/unmappableColumns(_:)`` naming each column without a type.
    public init(tables: [SchemaSnapshot.Table], of schema: SchemaSnapshot, mapping: (String) -> Mapping?) throws(TransferError) {
        var definitions: [String: TableDefinition] = [:]
        var indexes: [(table: String, index: SchemaSnapshot.Index)] = []
        var problems: [String] = []
        var warnings: [String] = []
        for table in tables {
            var columns: [ColumnDefinition] = []
            let spatial = Set(table.indexes.filter(\.spatial).flatMap(\.columns))
            for column in table.columns {
                let type: LogicalType
                switch column.type {
                case .logical(let logical):
                    type = logical
                case .unknown(let declared):
                    guard let mapped = mapping(declared) else {
                        problems.append("table \(table.name): column \(column.name) is declared \(declared.isEmpty ? "without a type" : declared), which maps to no type of the value contract")
                        continue
                    }
                    type = mapped.type
                    if let note = mapped.note { warnings.append("table \(table.name): column \(column.name) (\(declared)) becomes \(SchemaSnapshot.ColumnType.logical(mapped.type)): \(note)") }
                }
                if column.generated {
                    warnings.append("table \(table.name): column \(column.name) is generated in the source; the target gets a plain column holding the copied values")
                }
                columns.append(ColumnDefinition(column.name, type, nullable: column.nullable, spatialIndex: spatial.contains(column.name)))
            }
            let defaults = table.columns.filter { $0.hasDefault && !$0.generated }.map(\.name)
            if !defaults.isEmpty {
                warnings.append("table \(table.name): the defaults of \(defaults.joined(separator: ", ")) are not copied; the copied rows carry their values")
            }
            if !table.checks.isEmpty {
                warnings.append("table \(table.name): CHECK constraints \(table.checks.joined(separator: ", ")) are not copied")
            }
            for index in table.indexes where !index.spatial {
                if index.partial || index.columns.contains(SchemaSnapshot.Index.expression) {
                    warnings.append("table \(table.name): index \(index.name) is \(index.partial ? "partial" : "on an expression") and is not copied")
                    continue
                }
                indexes.append((table.name, index))
            }
            definitions[table.name] = TableDefinition(
                table.name, columns: columns, primaryKey: table.primaryKey,
                unique: table.uniqueConstraints.map { UniqueConstraint(Self.constraintName(table.name, $0, "key"), $0) },
                foreignKeys: table.foreignKeys.map { key in
                    ForeignKey(
                        Self.constraintName(table.name, key.columns, "fkey"), key.columns, references: key.referencedTable, key.referencedColumns,
                        onDelete: key.onDelete, onUpdate: key.onUpdate)
                })
        }
        guard problems.isEmpty else { throw .unmappableColumns(problems) }
        let order = (try? schema.dependencyOrder(of: tables.map(\.name))) ?? tables.map(\.name)
        self.tables = order.compactMap { definitions[$0] }
        self.indexes = indexes
        self.warnings = warnings
        if !tables.isEmpty, !schema.views.isEmpty {
            self.warnings.append("views are not copied: \(schema.views.map(\.name).joined(separator: ", "))")
        }
    }

    /// Creates the tables and indexes on `connection`.
    public func create(on connection: any DatabaseConnection) throws {
        for table in tables { try connection.create(table) }
        for sql in indexStatements(connection.dialect) { try connection.executeScript(sql) }
    }

    /// The statements that create everything, in `dialect`'s SQL, for a script.
    public func statements(_ dialect: any SQLDialect) -> [SchemaStatement] {
        tables.flatMap { dialect.createTableStatements($0) } + indexStatements(dialect).map { .execute($0) }
    }

    private func indexStatements(_ dialect: any SQLDialect) -> [String] {
        indexes.map { table, index in
            "CREATE \(index.unique ? "UNIQUE " : "")INDEX \(dialect.quote(index.name)) ON \(dialect.quote(table)) (\(index.columns.map(dialect.quote).joined(separator: ", ")))"
        }
    }

    /// `table_column_key`, as PostgreSQL names constraints it names itself.
    private static func constraintName(_ table: String, _ columns: [String], _ suffix: String) -> String {
        ([table] + columns + [suffix]).joined(separator: "_")
    }
}

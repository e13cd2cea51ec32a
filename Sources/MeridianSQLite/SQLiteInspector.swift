import Foundation
import Meridian

/// Reads an SQLite + SpatiaLite schema into a ``SchemaSnapshot``.
///
/// Tables and views come from `sqlite_master`; columns, keys and indexes from the table-valued
/// pragmas (`pragma_table_xinfo`, `pragma_foreign_key_list`, `pragma_index_list`); geometry
/// columns and their R*Tree indexes from SpatiaLite's `geometry_columns`. CHECK constraints and
/// collations exist only in the table's SQL and are read from it (``SQLiteTableSQL``).
///
/// A column's logical type comes from its declared type as the driver reads it (`BOOLEAN`,
/// `UUID TEXT`, `TIMESTAMP TEXT`, …), but only when the declared type's affinity keeps the
/// contract's storage form: `JSON` alone has NUMERIC affinity and turns `'123'` into 123, so it
/// stays unknown, with `json` as its nearest logical type. A TEXT column whose CHECK is exactly
/// `column IN ('a', …)` is an enumeration; the contract checks ``SQLiteDialect`` adds are part
/// of their column's type, and a column written to without the one its logical type needs gets
/// a ``SchemaSnapshot/Column/contractFix`` naming it; `length(x) <= n` and `x BETWEEN …` in the
/// form ``ColumnWidth/check(column:)`` renders are the column's width (SQLite ignores
/// `VARCHAR(n)`); any other CHECK is listed by name, and an unnamed one gets the name
/// PostgreSQL would give it (`table_column_check` when it mentions one column, else
/// `table_check`). Defaults are read as the column stores them (``columnDefault(_:declared:nearest:)``).
public struct SQLiteInspector: SchemaInspector {
    public init() {}

    public func inspect(_ connection: any DatabaseConnection, excluding excluded: Set<String>) throws -> SchemaSnapshot {
        let spatial = try spatialColumns(connection)
        let hidden = Set(excluded.map { $0.lowercased() }).union(spatial.flatMap(\.rtreeTables))
        var tables: [SchemaSnapshot.Table] = []
        var views: [SchemaSnapshot.View] = []
        var text = SchemaSQL()
        for relation in try connection.fetchAll(Relation.self, "SELECT type, name, sql FROM sqlite_master WHERE type IN ('table', 'view')") {
            let name = relation.name.lowercased()
            guard !hidden.contains(name), !Self.isMetadata(name) else { continue }
            if relation.type == "view" {
                let columns = try connection.fetchAll(Name.self, "SELECT name FROM pragma_table_xinfo($1) ORDER BY cid", [.text(relation.name)])
                views.append(SchemaSnapshot.View(relation.name, columns: columns.map(\.name)))
                text.views[relation.name] = relation.sql.flatMap(Self.viewBody)
            } else {
                let geometry = spatial.filter { $0.table == name }
                tables.append(try table(relation.name, sql: relation.sql ?? "", spatial: geometry, connection, text: &text))
            }
        }
        let tableNames = Set(tables.map(\.name))
        // SpatiaLite keeps its geometry columns with triggers of its own (ggi_…, tmu_…).
        let spatialTriggers = Set(spatial.flatMap { column in Self.spatiaLiteTriggerPrefixes.map { "\($0)_\(column.table)_\(column.column)" } })
        for trigger in try connection.fetchAll(Trigger.self, "SELECT name, tbl_name AS \"table\" FROM sqlite_master WHERE type = 'trigger' ORDER BY name")
        where tableNames.contains(trigger.table) && !spatialTriggers.contains(trigger.name.lowercased()) {
            text.triggers[trigger.table, default: []].append(trigger.name)
        }
        return SchemaSnapshot(tables: tables, views: views, sql: text)
    }

    private static let spatiaLiteTriggerPrefixes = ["ggi", "ggu", "gid", "gii", "giu", "gci", "gcu", "gcd", "tmd", "tmi", "tmu"]

    /// The `SELECT` of a `CREATE VIEW` statement, as written.
    static func viewBody(_ sql: String) -> String? {
        let pattern = #"^\s*CREATE\s+(?:TEMP(?:ORARY)?\s+)?VIEW\s+(?:IF\s+NOT\s+EXISTS\s+)?(?:"(?:[^"]|"")*"|`[^`]*`|\[[^\]]*\]|[^\s(]+)\s*(?:\([^)]*\)\s*)?AS\s+"#
        guard let match = sql.range(of: pattern, options: [.regularExpression, .caseInsensitive]) else { return nil }
        return String(sql[match.upperBound...]).trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: ";")))
    }

    /// The column whose logical type the CHECK constraint `name` stands for: one of the checks
    /// ``SQLiteDialect`` adds so that a column holds its type's storage form only (JSON that
    /// parses, canonical UUID and timestamp text, 0 or 1). `nil` for any other check, including
    /// an enumeration's `IN` list, which PostgreSQL enforces with a CHECK too.
    ///
    /// PostgreSQL refuses a value its column's type cannot read before any check runs; the
    /// driver asks this on a failed CHECK so that it can report the same kind of error.
    static func columnTyped(byCheck name: String, _ connection: any DatabaseConnection) throws -> (table: String, column: String)? {
        let candidates = try connection.fetchAll(
            Relation.self, "SELECT type, name, sql FROM sqlite_master WHERE type = 'table' AND instr(sql, $1) > 0", [.text(name)])
        for relation in candidates {
            guard let sql = relation.sql, let check = SQLiteTableSQL(sql).checks.first(where: { $0.name == name }) else { continue }
            var text = SchemaSQL()
            let table = try SQLiteInspector().table(relation.name, sql: sql, spatial: [], connection, text: &text)
            let column = table.columns.first { column in check.expression.contains { $0.normalized == .word(column.name.lowercased()) } }
            guard let column, isContractCheck(check.expression, of: column) else { return nil }
            return (relation.name, column.name)
        }
        return nil
    }

    /// The one table whose definition holds the CHECK SQLite named in an error (a constraint
    /// name, or the expression of an unnamed CHECK); `nil` when none or several do. PostgreSQL
    /// names the table of every failed CHECK, so the driver asks this to do the same.
    static func table(declaringCheck check: String, _ connection: any DatabaseConnection) throws -> String? {
        let tables = try connection.fetchAll(
            Relation.self, "SELECT type, name, sql FROM sqlite_master WHERE type = 'table' AND instr(sql, $1) > 0 LIMIT 2", [.text(check)])
        return tables.count == 1 ? tables[0].name : nil
    }

    // MARK: - Tables

    private func table(
        _ name: String, sql: String, spatial: [SpatialColumn], _ connection: any DatabaseConnection, text: inout SchemaSQL
    ) throws -> SchemaSnapshot.Table {
        let definition = SQLiteTableSQL(sql)
        let rows = try connection.fetchAll(
            ColumnRow.self,
            "SELECT name, type, \"notnull\", dflt_value AS default_text, pk, hidden FROM pragma_table_xinfo($1) WHERE hidden <> 1 ORDER BY cid",
            [.text(name)])
        let primaryKey = rows.filter { $0.pk > 0 }.sorted { $0.pk < $1.pk }.map(\.name)
        let rowIDAlias = !definition.withoutRowID && primaryKey.count == 1
            && rows.first { $0.pk > 0 }?.type.uppercased() == "INTEGER"
        if rowIDAlias { text.identities[name] = primaryKey }
        var columns = rows.map { row in
            let collation = definition.collations.first { $0.key.lowercased() == row.name.lowercased() }?.value
            let geometry = spatial.first { $0.column == row.name.lowercased() }
            let type = Self.columnType(declared: row.type, spatial: geometry)
            let nearest = type.logical ?? (geometry == nil ? Self.nearestLogicalType(declared: row.type)?.type : nil)
            return SchemaSnapshot.Column(
                row.name, type, declaredType: row.type, nearestLogicalType: nearest,
                // SQLite lets NULL into other primary keys, for compatibility with its early versions.
                nullable: !row.notnull && !(row.pk > 0 && (rowIDAlias || definition.withoutRowID)),
                generated: row.hidden == 2 || row.hidden == 3,
                // AddGeometryColumn(…, not null) declares DEFAULT '' because ALTER TABLE needs
                // one for a NOT NULL column; it is not a default a user wrote.
                default: geometry == nil ? Self.columnDefault(row.defaultText, declared: row.type, nearest: nearest) : nil,
                collation: collation?.uppercased() == "BINARY" ? nil : collation)
        }
        let (checks, contractChecked, expressions) = Self.checks(definition.checks, table: name, columns: &columns)
        text.checks[name] = expressions
        text.uniqueNames[name] = definition.uniqueNames
        text.foreignKeyNames[name] = definition.foreignKeyNames
        for (column, tokens) in definition.generated {
            text.generated[name, default: [:]][rows.first { $0.name.lowercased() == column.lowercased() }?.name ?? column] = SQLiteToken.sql(tokens)
        }
        // A generated column takes no values from writers, only from its expression.
        for (index, row) in rows.enumerated() where !contractChecked.contains(index) && !columns[index].generated {
            columns[index].contractFix = Self.contractFix(columns[index], defaultText: row.defaultText)
        }
        let (unique, indexes) = try indexes(name, connection, text: &text)
        let spatialIndexes = spatial.filter(\.indexed).map { geometry in
            SchemaSnapshot.Index(
                geometry.rtreeTables[0], [columns.first { $0.name.lowercased() == geometry.column }?.name ?? geometry.column],
                spatial: true)
        }
        return SchemaSnapshot.Table(
            name, columns: columns, primaryKey: primaryKey, foreignKeys: try foreignKeys(name, connection),
            uniqueConstraints: unique, indexes: indexes + spatialIndexes, checks: checks)
    }

    private func foreignKeys(_ table: String, _ connection: any DatabaseConnection) throws -> [SchemaSnapshot.ForeignKey] {
        let rows = try connection.fetchAll(
            ForeignKeyRow.self,
            "SELECT id, \"table\", \"from\", \"to\", on_update, on_delete FROM pragma_foreign_key_list($1) ORDER BY id, seq",
            [.text(table)])
        return try Dictionary(grouping: rows, by: \.id).values.map { parts in
            let first = parts[0]
            // `REFERENCES stations` without columns means the referenced table's primary key.
            let referenced = parts.allSatisfy { $0.to != nil }
                ? parts.compactMap(\.to)
                : try connection.fetchAll(Name.self, "SELECT name FROM pragma_table_xinfo($1) WHERE pk > 0 ORDER BY pk", [.text(first.table)]).map(\.name)
            return SchemaSnapshot.ForeignKey(
                parts.map(\.from), references: first.table, referenced,
                onDelete: ForeignKey.Action(rawValue: first.onDelete) ?? .noAction,
                onUpdate: ForeignKey.Action(rawValue: first.onUpdate) ?? .noAction)
        }
    }

    /// UNIQUE constraints (origin `u`) and `CREATE INDEX` indexes (origin `c`); the primary
    /// key's own index (origin `pk`) is the primary key.
    private func indexes(_ table: String, _ connection: any DatabaseConnection, text: inout SchemaSQL) throws -> ([[String]], [SchemaSnapshot.Index]) {
        var unique: [[String]] = []
        var indexes: [SchemaSnapshot.Index] = []
        for index in try connection.fetchAll(IndexRow.self, "SELECT name, \"unique\", origin, partial FROM pragma_index_list($1)", [.text(table)]) {
            let columns = try connection.fetchAll(OptionalName.self, "SELECT name FROM pragma_index_info($1) ORDER BY seqno", [.text(index.name)])
                .map { $0.name ?? SchemaSnapshot.Index.expression }
            switch index.origin {
            case "u": unique.append(columns)
            case "c":
                indexes.append(SchemaSnapshot.Index(index.name, columns, unique: index.unique, partial: index.partial))
                if index.partial, let sql = try connection.fetchValue(String.self, "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = $1", [.text(index.name)]) {
                    let tokens = SQLiteToken.scan(sql)
                    if let start = tokens.lastIndex(where: { $0.keyword == "WHERE" }) { text.indexConditions[index.name] = SQLiteToken.sql(Array(tokens[(start + 1)...])) }
                }
            default: continue
            }
        }
        return (unique, indexes)
    }

    // MARK: - Checks

    /// The names of the CHECK constraints that are not part of a column's type or width, and
    /// the indexes of the columns that have their contract check.
    ///
    /// Turns TEXT columns with a simple `IN` list into enumerations, and reads `length(x) <= n`
    /// and `x BETWEEN -2147483648 AND 2147483647` as widths (``ColumnWidth/check(column:)``).
    private static func checks(
        _ checks: [SQLiteTableSQL.Check], table: String, columns: inout [SchemaSnapshot.Column]
    ) -> (names: [String], contractChecked: Set<Int>, expressions: [String: String]) {
        var taken = Set(checks.compactMap(\.name))
        var names: [String] = []
        var expressions: [String: String] = [:]
        var contractChecked = Set<Int>()
        for check in checks {
            let mentioned = columns.indices.filter { index in
                check.expression.contains { $0.normalized == .word(columns[index].name.lowercased()) }
            }
            let single = mentioned.count == 1 ? mentioned[0] : nil
            if let single, isContractCheck(check.expression, of: columns[single]) {
                contractChecked.insert(single)
                continue
            }
            if let single, columns[single].width == nil, let width = width(check.expression, column: columns[single].name) {
                columns[single].width = width
                continue
            }
            let name = check.name ?? Self.postgresName(table: table, column: single.map { columns[$0].name }, taken: &taken)
            if let single, columns[single].type == .logical(.text), let values = enumeration(check.expression, column: columns[single].name) {
                columns[single].type = .logical(.enumeration(values))
            } else {
                names.append(name)
                expressions[name] = SQLiteToken.sql(check.expression)
            }
        }
        return (names, contractChecked, expressions)
    }

    /// Whether `expression` is the CHECK ``SQLiteDialect`` adds to hold `column` to its
    /// logical type, written with or without quotes, in any case.
    private static func isContractCheck(_ expression: [SQLiteToken], of column: SchemaSnapshot.Column) -> Bool {
        guard let type = column.nearestLogicalType, let contract = SQLiteDialect().contractCheck(column: column.name, type: type) else {
            return false
        }
        return SQLiteToken.scan(contract).map(\.normalized) == expression.map(\.normalized)
    }

    /// The width `expression` holds `column` to, if it is a ``ColumnWidth/check(column:)``.
    private static func width(_ expression: [SQLiteToken], column: String) -> ColumnWidth? {
        let tokens = expression.map(\.normalized)
        guard case .symbol(let last)? = tokens.last, let limit = Int(last) else { return nil }
        return ColumnWidth.candidates(endingIn: limit).first { SQLiteToken.scan($0.check(column: column)).map(\.normalized) == tokens }
    }

    /// What a column without its contract check needs: that check, the declared type
    /// ``SQLiteDialect`` gives its logical type when the column's own changes values, and a
    /// default the check accepts when its own (`defaultText`) would fail it; `nil` for a
    /// logical type that needs no check.
    private static func contractFix(_ column: SchemaSnapshot.Column, defaultText: String?) -> ContractFix? {
        let dialect = SQLiteDialect()
        guard let type = column.nearestLogicalType, let check = dialect.contractCheck(column: dialect.quote(column.name), type: type) else {
            return nil
        }
        return ContractFix(
            declaredType: column.type == .logical(type) ? nil : dialect.columnType(type),
            default: contractDefault(defaultText, declared: column.declaredType ?? "", type: type), check: check)
    }

    /// The values of `column IN ('a', 'b', …)`, or `nil` for any other expression.
    private static func enumeration(_ expression: [SQLiteToken], column: String) -> [String]? {
        let tokens = expression.map(\.normalized)
        guard tokens.count >= 5, tokens[0] == .word(column.lowercased()), tokens[1] == .word("in"), tokens[2] == .symbol("("),
              tokens.last == .symbol(")") else { return nil }
        var values: [String] = []
        for (offset, token) in tokens[3..<(tokens.count - 1)].enumerated() {
            switch (offset % 2, token) {
            case (0, .string(let value)): values.append(value)
            case (1, .symbol(",")): continue
            default: return nil
            }
        }
        return values.count * 2 - 1 == tokens.count - 4 ? values : nil
    }

    /// The name PostgreSQL chooses for an unnamed CHECK: `table_column_check`, or `table_check`
    /// when it mentions several columns, with a number added until it is free.
    private static func postgresName(table: String, column: String?, taken: inout Set<String>) -> String {
        let base = [table, column, "check"].compactMap { $0 }.joined(separator: "_")
        var name = base
        var pass = 0
        while taken.contains(name) {
            pass += 1
            name = "\(base)\(pass)"
        }
        taken.insert(name)
        return name
    }

    // MARK: - Types

    /// The column's type: SpatiaLite's registration for geometry columns, else the declared type.
    private static func columnType(declared: String, spatial: SpatialColumn?) -> SchemaSnapshot.ColumnType {
        if let spatial {
            return spatial.type.map { .logical(.geometry($0, srid: spatial.srid)) } ?? .unknown(declared)
        }
        let word = String(declared.uppercased().prefix { $0.isLetter })
        guard let type = declaredTypes[word], affinityKeepsContractForm(type, affinity: affinity(declared)) else {
            return .unknown(declared)
        }
        return .logical(type)
    }

    /// The logical type a column declared outside the value contract is copied as by
    /// `--create-schema`: the type its name says (`DATETIME` is `timestamp`, `JSON` `json`),
    /// else by SQLite's affinity rules: INTEGER affinity is `int`, TEXT `text`,
    /// REAL `double`, a BLOB `bytes`; NUMERIC (`DECIMAL(10,2)`, `NUMERIC`) becomes `double`,
    /// which is what SQLite stores such values as. A column without a declared type holds
    /// anything and maps to nothing.
    public static func nearestLogicalType(declared: String) -> SchemaCopy.Mapping? {
        let type = declared.trimmingCharacters(in: .whitespaces)
        guard !type.isEmpty else { return nil }
        // A name that says what the column holds (DATETIME, JSON, BOOLEAN) counts over its affinity.
        if let named = declaredTypes[String(type.uppercased().prefix { $0.isLetter })] {
            switch named {
            case .timestamp: return SchemaCopy.Mapping(.timestamp, note: "its values are read as ISO 8601 text, and those without a zone as UTC")
            default: return SchemaCopy.Mapping(named)
            }
        }
        switch affinity(type) {
        case .integer: return SchemaCopy.Mapping(.int)
        case .text: return SchemaCopy.Mapping(.text)
        case .real: return SchemaCopy.Mapping(.double)
        case .blob: return SchemaCopy.Mapping(.bytes)
        case .numeric:
            return SchemaCopy.Mapping(.double, note: "SQLite stores NUMERIC values as 64-bit integers or doubles; an integer a double cannot hold exactly stops the export")
        }
    }

    /// The first word of each declared type the driver reads as a logical type.
    private static let declaredTypes: [String: LogicalType] = [
        "BOOLEAN": .bool, "BOOL": .bool, "UUID": .uuid, "TIMESTAMP": .timestamp, "TIMESTAMPTZ": .timestamp,
        "DATETIME": .timestamp, "DATE": .date, "JSON": .json, "JSONB": .json, "INTEGER": .int, "INT": .int,
        "BIGINT": .int, "REAL": .double, "DOUBLE": .double, "FLOAT": .double, "TEXT": .text, "BLOB": .bytes,
    ]

    enum Affinity { case integer, text, blob, real, numeric }

    /// SQLite's rules for a declared type's affinity (https://sqlite.org/datatype3.html#determination_of_column_affinity).
    static func affinity(_ declared: String) -> Affinity {
        let type = declared.uppercased()
        if type.contains("INT") { return .integer }
        if ["CHAR", "CLOB", "TEXT"].contains(where: type.contains) { return .text }
        if type.contains("BLOB") || type.isEmpty { return .blob }
        if ["REAL", "FLOA", "DOUB"].contains(where: type.contains) { return .real }
        return .numeric
    }

    private static func affinityKeepsContractForm(_ type: LogicalType, affinity: Affinity) -> Bool {
        switch type {
        case .int: affinity == .integer
        case .double: affinity == .real
        case .bool: affinity == .numeric || affinity == .integer
        case .bytes: affinity == .blob
        case .text, .uuid, .timestamp, .date, .json, .enumeration, .geometry: affinity == .text
        }
    }

    // MARK: - SpatiaLite

    /// A row of `geometry_columns`: SpatiaLite keeps table and column names in lower case.
    private struct SpatialColumn {
        var table: String
        var column: String
        /// `nil` for anything but the two-dimensional types 1…6.
        var type: GeometryColumnType?
        var srid: Int32
        var indexed: Bool

        /// The R*Tree virtual table and its shadow tables.
        var rtreeTables: [String] {
            ["", "_node", "_parent", "_rowid"].map { "idx_\(table)_\(column)\($0)" }
        }
    }

    private static let geometryTypes: [Int64: GeometryColumnType] = [
        1: .point, 2: .lineString, 3: .polygon, 4: .multiPoint, 5: .multiLineString, 6: .multiPolygon,
    ]

    private func spatialColumns(_ connection: any DatabaseConnection) throws -> [SpatialColumn] {
        guard try connection.fetchValue(Int64.self, "SELECT count(*) FROM sqlite_master WHERE name = 'geometry_columns'") == 1 else { return [] }
        let sql = "SELECT f_table_name, f_geometry_column, geometry_type, srid, spatial_index_enabled FROM geometry_columns"
        return try connection.fetchAll(sql).map { row in
            SpatialColumn(
                table: try row.decode(String.self, at: 0).lowercased(), column: try row.decode(String.self, at: 1).lowercased(),
                type: Self.geometryTypes[try row.decode(Int64.self, at: 2)], srid: try row.decode(Int32.self, at: 3),
                indexed: try row.decode(Int64.self, at: 4) == 1)
        }
    }

    /// SQLite's own tables and SpatiaLite's metadata tables and views.
    static func isMetadata(_ name: String) -> Bool {
        metadataNames.contains(name) || metadataPrefixes.contains { name.hasPrefix($0) }
    }

    private static let metadataNames: Set<String> = [
        "spatial_ref_sys", "spatial_ref_sys_aux", "spatial_ref_sys_all", "spatialite_history", "sql_statements_log",
        "spatialindex", "elementarygeometries", "knn", "knn2", "data_licenses", "geom_cols_ref_sys",
    ]
    private static let metadataPrefixes = ["sqlite_", "geometry_columns", "views_geometry_columns", "virts_geometry_columns", "vector_layers"]

    // MARK: - Rows

    private struct Relation: Decodable { var type: String; var name: String; var sql: String? }
    private struct Name: Decodable { var name: String }
    private struct Trigger: Decodable { var name: String; var table: String }
    private struct OptionalName: Decodable { var name: String? }
    private struct ColumnRow: Decodable { var name: String; var type: String; var notnull: Bool; var defaultText: String?; var pk: Int; var hidden: Int }
    private struct IndexRow: Decodable { var name: String; var unique: Bool; var origin: String; var partial: Bool }
    private struct ForeignKeyRow: Decodable { var id: Int; var table: String; var from: String; var to: String?; var onUpdate: String; var onDelete: String }
}

extension SQLiteConnection {
    public var schemaInspector: any SchemaInspector { SQLiteInspector() }
}

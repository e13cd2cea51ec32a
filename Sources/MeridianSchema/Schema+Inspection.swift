import Foundation
import Meridian

/// A schema read back from a live database, and what of it a schema file cannot say.
public struct SchemaInspection: Sendable {
    public var schema: Schema
    /// Each thing outside the value contract or the schema file, named with what was done
    /// about it (`column notes.body is VARCHAR(100), outside the value contract; written as text`).
    public var warnings: [String]
}

extension Schema {
    /// The schema a database holds, as a schema file would declare it, from its inspector's
    /// snapshot (``DatabaseConnection/inspectSchema(excluding:)``) and the SQL behind it
    /// (``SchemaSQL``); `dialect` is the database's.
    ///
    /// ```swift
    /// let inspection = Schema.inspecting(try connection.inspectSchema(), dialect: connection.dialect)
    /// inspection.warnings.forEach { print("warning:", $0) }
    /// try SchemaFileWriter.yaml(inspection.schema).write(toFile: "schema.yaml", atomically: true, encoding: .utf8)
    /// ```
    ///
    /// Columns outside the value contract take their nearest logical type; CHECKs, generated
    /// columns and partial indexes are read into the portable subset where they fit, and CHECKs
    /// that do not are kept as the engine's SQL for both dialects; triggers named
    /// `<table>_set_<column>` become `on_update: now`; views keep their body for both
    /// dialects; functions (PostgreSQL) keep their statement for their dialect; roles keep the
    /// privileges every table and sequence grants them. Each of these
    /// choices, and anything left out, is a warning: nothing is dropped silently.
    public static func inspecting(_ snapshot: SchemaSnapshot, dialect: any SQLDialect) -> SchemaInspection {
        var inspector = SnapshotReader(snapshot: snapshot, dialect: dialect)
        let tables = snapshot.tables.map { inspector.table($0) }
        let views = snapshot.views.compactMap { inspector.view($0) }
        let touched = Set(tables.flatMap { $0.columns.filter(\.setOnUpdate).map { "set_\($0.name)" } })
        let functions = snapshot.sql.functions.filter { !touched.contains($0.name) }.map { function in
            inspector.warn("function \(function.name) is kept for \(dialect.name) only; add the statement for the other dialect (SQLite has none: Meridian's driver registers its functions)")
            return Schema.Function(function.name, sql: DialectSQL(texts: [dialect.schemaFileKey: function.sql]))
        }
        for role in snapshot.sql.unevenRoles {
            inspector.warn("role \(role) holds different privileges on different tables or sequences; the schema file grants the ones all of them share")
        }
        return SchemaInspection(schema: Schema(tables: tables, views: views, functions: functions, roles: snapshot.sql.roles), warnings: inspector.warnings)
    }
}

extension DialectSQL {
    init(texts: [String: String]) {
        self.init(sqlite: nil, postgres: nil)
        self.texts = texts
    }
}

/// The walk behind ``Schema/inspecting(_:dialect:)``.
private struct SnapshotReader {
    let snapshot: SchemaSnapshot
    let dialect: any SQLDialect
    var warnings: [String] = []

    mutating func warn(_ message: String) { warnings.append(message) }

    mutating func table(_ table: SchemaSnapshot.Table) -> Schema.Table {
        let text = snapshot.sql
        var result = Schema.Table(
            table.name, description: text.descriptions[table.name], columns: table.columns.map { column($0, in: table) }, primaryKey: table.primaryKey)
        result.foreignKeys = table.foreignKeys.map {
            Schema.ForeignKey(
                text.foreignKeyNames[table.name]?[$0.columns] ?? Self.constraintName(table.name, $0.columns, "fkey"), $0.columns, references: $0.referencedTable, $0.referencedColumns,
                onDelete: $0.onDelete, onUpdate: $0.onUpdate)
        }
        result.unique = table.uniqueConstraints.map { Schema.Unique(text.uniqueNames[table.name]?[$0] ?? Self.constraintName(table.name, $0, "key"), $0) }
        for index in table.indexes {
            guard !index.columns.contains(SchemaSnapshot.Index.expression) else {
                warn("index \(index.name) on \(table.name) indexes an expression, which a schema file cannot declare; left out")
                continue
            }
            var condition: SchemaExpression?
            if index.partial {
                condition = text.indexConditions[index.name].flatMap { portable($0) }
                if condition == nil { warn("partial index \(index.name) on \(table.name): its WHERE is outside the portable subset; left out"); continue }
            }
            result.indexes.append(Schema.Index(index.spatial ? "\(table.name)_\(index.columns.joined(separator: "_"))_gist" : index.name, index.columns, unique: index.unique, spatial: index.spatial, condition: condition))
        }
        for name in table.checks {
            guard let sql = text.checks[table.name]?[name] else {
                warn("check \(name) on \(table.name): the inspector did not read its expression; left out")
                continue
            }
            guard let expression = portable(sql) else {
                warn("check \(name) on \(table.name) is outside the portable subset; its \(dialect.name) SQL is kept for both dialects: review the other")
                result.checks.append(Schema.Check(name, .perDialect(DialectSQL(sql))))
                continue
            }
            if expression.columns.count == 1, let index = result.columns.firstIndex(where: { $0.name == expression.columns[0] }),
               result.columns[index].check == nil, SchemaRendering.columnCheckName(table: table.name, column: result.columns[index]) == name {
                result.columns[index].check = .portable(expression)
            } else {
                result.checks.append(Schema.Check(name, .portable(expression)))
            }
        }
        // `identity:` only where the engine's numbering differs from the file's rule.
        for index in result.columns.indices {
            let column = result.columns[index]
            let numbered = text.identities[table.name]?.contains(column.name) ?? false
            guard numbered != result.isIdentity(column) else { continue }
            if numbered, column.type != .int || table.primaryKey != [column.name] {
                warn("column \(table.name).\(column.name) is numbered by the engine but is not an int column that is the whole primary key, which SQLite cannot number; written as an ordinary column")
            } else {
                result.columns[index].identity = numbered
            }
        }
        for trigger in text.triggers[table.name] ?? [] {
            let prefix = "\(table.name)_set_"
            if trigger.hasPrefix(prefix), let index = result.columns.firstIndex(where: { $0.name == trigger.dropFirst(prefix.count) && $0.type == .timestamp }),
               !table.primaryKey.isEmpty {
                result.columns[index].setOnUpdate = true
            } else {
                warn("trigger \(trigger) on \(table.name) is not something a schema file declares; left out")
            }
        }
        return result
    }

    /// A name for a constraint written without one: PostgreSQL's
    /// `<table>_<columns>_<suffix>`, or `<table>_<first column>_<suffix>` cut to 63 bytes when
    /// that is longer.
    static func constraintName(_ table: String, _ columns: [String], _ suffix: String) -> String {
        let full = "\(table)_\(columns.joined(separator: "_"))_\(suffix)"
        guard full.utf8.count > TableDefinition.maximumNameLength else { return full }
        let stem = "\(table)_\(columns[0])"
        return String(decoding: stem.utf8.prefix(TableDefinition.maximumNameLength - suffix.utf8.count - 1), as: UTF8.self) + "_" + suffix
    }

    private mutating func column(_ column: SchemaSnapshot.Column, in table: SchemaSnapshot.Table) -> Schema.Column {
        let what = "column \(table.name).\(column.name)"
        var type = column.type.logical ?? column.nearestLogicalType ?? .text
        if column.type.logical == nil {
            warn("\(what) is \(column.declaredType ?? column.type.description), outside the value contract; written as \(SchemaFileWriter.typeName(type))")
        }
        if case .geometry = type, column.type.logical == nil { type = .text }
        var result = Schema.Column(column.name, type, nullable: column.nullable, description: snapshot.sql.columnDescriptions[table.name]?[column.name])
        switch column.default {
        case .expression(let sql)?: warn("\(what) defaults to \(sql), which a schema file cannot declare; left out")
        case let value?: result.default = value
        case nil: break
        }
        if column.generated {
            if let sql = snapshot.sql.generated[table.name]?[column.name], let expression = portable(sql) {
                result.generated = expression
            } else {
                warn("\(what) is generated by an expression outside the portable subset; written as an ordinary column")
            }
        }
        if let collation = column.collation { warn("\(what) sorts by collation \(collation); the schema file uses the contract's byte order") }
        switch column.width {
        case .characters(let limit)?: result.check = .portable(.binary(.call("length", [.column(column.name)]), .lessOrEqual, .number(String(limit))))
        case let width?: warn("\(what) holds only \(width); the schema file's \(SchemaFileWriter.typeName(type)) does not")
        case nil: break
        }
        if column.contractFix != nil { warn("\(what) accepts values outside its type on \(dialect.name); the schema file adds the contract's CHECK") }
        return result
    }

    mutating func view(_ view: SchemaSnapshot.View) -> Schema.View? {
        guard let body = snapshot.sql.views[view.name] else {
            warn("view \(view.name): the inspector did not read its body; left out")
            return nil
        }
        warn("view \(view.name): its \(dialect.name) body is kept for both dialects; give one per dialect (sql: {sqlite: …, postgres: …}) where they differ")
        return Schema.View(view.name, description: snapshot.sql.descriptions[view.name], sql: DialectSQL(body))
    }

    /// An engine's expression in the portable subset, or `nil`: PostgreSQL's casts of literals
    /// (`(0)::double precision`, `'-2.0'::numeric`) and `= ANY (ARRAY[…])` are read as the
    /// plain literal and `IN (…)`.
    private func portable(_ sql: String) -> SchemaExpression? {
        var text = sql
        let rewrites = [
            (#"'(-?[0-9]+(?:\.[0-9]+)?)'::(?:numeric|integer|bigint|smallint|double precision|real)"#, "$1"),
            (#"<> ALL \(ARRAY\[([^\]]*)\]\)"#, "NOT IN ($1)"),
            (#"= ANY \(ARRAY\[([^\]]*)\]\)"#, "IN ($1)"),
            (#"::(?:[a-z_]+(?: [a-z_]+)*)(?:\([0-9, ]+\))?(?:\[\])?"#, ""),
        ]
        for (pattern, template) in rewrites {
            text = text.replacingOccurrences(of: pattern, with: template, options: .regularExpression)
        }
        return try? SchemaExpression.parse(text)
    }
}

import Foundation

/// ``MigrationCorpus`` written out in one dialect, the way the reference migrations in
/// `migrations-sqlite/` and `migrations-postgres/` are written: the contract's declared types
/// and CHECKs on SQLite (`BOOLEAN` + `IN (0, 1)`, `TIMESTAMP TEXT` + its GLOB, `JSON TEXT` +
/// `json_valid`), `AddGeometryColumn` + `CreateSpatialIndex` for points; `bigint` identity keys,
/// `text COLLATE "C"`, `timestamptz`, `jsonb` and `geography(Point,4326)` + GiST on PostgreSQL.
/// Names follow PostgreSQL's own (`t_pkey`, `t_c_key`, `t_c_fkey`, `t_c_check`), so both
/// folders build the same schema.
struct MigrationCorpusSQL {
    enum Dialect { case sqlite, postgres }
    typealias Column = MigrationCorpus.Column
    typealias Table = MigrationCorpus.Table

    let dialect: Dialect

    /// Writes both folders under `directory`; returns their paths.
    static func write(to directory: String) throws -> (sqlite: String, postgres: String) {
        let folders = (sqlite: directory + "/migrations-sqlite", postgres: directory + "/migrations-postgres")
        for (folder, dialect) in [(folders.sqlite, Dialect.sqlite), (folders.postgres, .postgres)] {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let sql = MigrationCorpusSQL(dialect: dialect)
            for (offset, entry) in MigrationCorpus.entries.enumerated() {
                let name = String(format: "%04d_%@", offset + 1, entry.slug)
                try sql.script(name, "up", entry.steps.flatMap(sql.up)).write(toFile: "\(folder)/\(name).up.sql", atomically: false, encoding: .utf8)
                try sql.script(name, "down", entry.steps.reversed().flatMap(sql.down)).write(toFile: "\(folder)/\(name).down.sql", atomically: false, encoding: .utf8)
            }
        }
        return folders
    }

    private func script(_ name: String, _ direction: String, _ statements: [String]) -> String {
        let engine = dialect == .sqlite ? "SQLite + SpatiaLite" : "PostgreSQL + PostGIS"
        return "-- \(name) (\(direction), \(engine)), written by meridian-bench migrate\n\n"
            + statements.map { $0 + ";\n" }.joined(separator: "\n")
    }

    // MARK: - Steps

    func up(_ step: MigrationCorpus.Step) -> [String] {
        switch step {
        case .table(let table):
            return createTable(table)
        case .addColumns(let table, let columns):
            return columns.map { "ALTER TABLE \(q(table)) ADD COLUMN \(definition($0, table: table))" }
        case .view(let name, let select):
            return ["CREATE VIEW \(q(name)) AS\n\(select)"]
        case .seed(let table, let columns, let rows):
            let values = rows.map { "    (" + $0.map(value).joined(separator: ", ") + ")" }.joined(separator: ",\n")
            var statements = ["INSERT INTO \(q(table)) (\(list(columns))) VALUES\n\(values)"]
            if dialect == .postgres {
                statements.append("SELECT setval(pg_get_serial_sequence('\(q(table))', 'id'), (SELECT max(\"id\") FROM \(q(table))))")
            }
            return statements
        }
    }

    func down(_ step: MigrationCorpus.Step) -> [String] {
        switch step {
        case .table(let table):
            guard dialect == .sqlite, let point = table.point else { return ["DROP TABLE \(q(table.name))"] }
            // DropTable removes the geometry metadata and triggers; the R*Tree goes by name.
            return ["SELECT DropTable(NULL, '\(table.name)')", "DROP TABLE IF EXISTS \(q("idx_\(table.name)_\(point.name)"))"]
        case .addColumns(let table, let columns):
            return columns.reversed().map { "ALTER TABLE \(q(table)) DROP COLUMN \(q($0.name))" }
        case .view(let name, _):
            return ["DROP VIEW \(q(name))"]
        case .seed(let table, let columns, let rows):
            let keys = rows.map { value($0[0]) }.joined(separator: ", ")
            return ["DELETE FROM \(q(table)) WHERE \(q(columns[0])) IN (\(keys))"]
        }
    }

    // MARK: - Tables

    private func createTable(_ table: Table) -> [String] {
        var lines = table.columns.map { definition($0, table: table.name, identity: table.hasIdentity && $0.name == "id") }
        if dialect == .postgres, let point = table.point {
            lines.append("\(q(point.name)) geography(Point,4326)\(point.notNull ? " NOT NULL" : "")")
        }
        lines.append("CONSTRAINT \(q("\(table.name)_pkey")) PRIMARY KEY (\(list(table.primaryKey)))")
        for unique in table.columns.filter(\.unique).map({ [$0.name] }) + table.uniques {
            lines.append("CONSTRAINT \(q("\(table.name)_\(unique.joined(separator: "_"))_key")) UNIQUE (\(list(unique)))")
        }
        for column in table.columns {
            guard case .reference(let target, let action) = column.kind else { continue }
            lines.append("CONSTRAINT \(q("\(table.name)_\(column.name)_fkey")) FOREIGN KEY (\(q(column.name))) REFERENCES \(q(target)) (\"id\") ON DELETE \(action)")
        }
        for check in table.checks {
            lines.append("CONSTRAINT \(q(check.name)) CHECK (\(check.expression))")
        }
        var statements = ["CREATE TABLE \(q(table.name)) (\n    " + lines.joined(separator: ",\n    ") + "\n)"]
        if let point = table.point {
            switch dialect {
            case .sqlite:
                statements.append("SELECT AddGeometryColumn('\(table.name)', '\(point.name)', 4326, 'POINT', 'XY', \(point.notNull ? 1 : 0))")
                statements.append("SELECT CreateSpatialIndex('\(table.name)', '\(point.name)')")
            case .postgres:
                statements.append("CREATE INDEX \(q("\(table.name)_\(point.name)_gist")) ON \(q(table.name)) USING gist (\(q(point.name)))")
            }
        }
        for index in table.indexes {
            statements.append("CREATE INDEX \(q("\(table.name)_\(index.joined(separator: "_"))_idx")) ON \(q(table.name)) (\(list(index)))")
        }
        return statements
    }

    /// A column as `CREATE TABLE` and `ADD COLUMN` declare it.
    private func definition(_ column: Column, table: String, identity: Bool = false) -> String {
        let name = q(column.name)
        if identity && dialect == .postgres { return "\(name) bigint GENERATED BY DEFAULT AS IDENTITY" }
        var text = "\(name) \(type(column.kind))"
        if column.notNull { text += " NOT NULL" }
        if column.defaultFalse { text += dialect == .sqlite ? " DEFAULT 0" : " DEFAULT false" }
        if let check = check(column) { text += " CONSTRAINT \(q("\(table)_\(column.name)_check")) CHECK (\(check))" }
        return text
    }

    private func type(_ kind: Column.Kind) -> String {
        switch (kind, dialect) {
        case (.int, .sqlite), (.reference, .sqlite): "INTEGER"
        case (.double, .sqlite): "REAL"
        case (.text, .sqlite): "TEXT"
        case (.bool, .sqlite): "BOOLEAN"
        case (.timestamp, .sqlite): "TIMESTAMP TEXT"
        case (.json, .sqlite): "JSON TEXT"
        case (.int, .postgres), (.reference, .postgres): "bigint"
        case (.double, .postgres): "double precision"
        case (.text, .postgres): #"text COLLATE "C""#
        case (.bool, .postgres): "boolean"
        case (.timestamp, .postgres): "timestamptz"
        case (.json, .postgres): "jsonb"
        }
    }

    /// An enumeration's CHECK on both dialects; on SQLite also the value contract's CHECK.
    private func check(_ column: Column) -> String? {
        let name = q(column.name)
        if let values = column.values { return "\(name) IN (" + values.map { "'\($0)'" }.joined(separator: ", ") + ")" }
        guard dialect == .sqlite else { return nil }
        switch column.kind {
        case .bool: return "\(name) IN (0, 1)"
        case .timestamp:
            func digits(_ n: Int) -> String { String(repeating: "[0-9]", count: n) }
            return "length(\(name)) = 27 AND \(name) GLOB '\(digits(4))-\(digits(2))-\(digits(2))T\(digits(2)):\(digits(2)):\(digits(2)).\(digits(6))Z'"
        case .json: return "\(name) IS NULL OR json_valid(\(name))"
        case .int, .double, .text, .reference: return nil
        }
    }

    // MARK: - Literals

    private func value(_ value: MigrationCorpus.Value) -> String {
        switch value {
        case .int(let v): "\(v)"
        case .double(let v): "\(v)"
        case .text(let v), .json(let v): "'" + v.replacingOccurrences(of: "'", with: "''") + "'"
        case .bool(let v): dialect == .sqlite ? (v ? "1" : "0") : (v ? "true" : "false")
        case .null: "NULL"
        case .timestamp(let v): dialect == .sqlite ? "'\(v).000000Z'" : "'\(v)Z'"
        case .point(let x, let y):
            dialect == .sqlite ? "MakePoint(\(x), \(y), 4326)" : "ST_SetSRID(ST_MakePoint(\(x), \(y)), 4326)::geography"
        }
    }

    private func q(_ identifier: String) -> String { "\"" + identifier + "\"" }
    private func list(_ names: [String]) -> String { names.map(q).joined(separator: ", ") }
}

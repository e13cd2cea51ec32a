import CMeridianSQLite
import Foundation

/// Whether a tool's generated SQLite migration keeps the data: a copy of the tool's own database
/// at the "before" state gets a few rows in the tables of one ``GenerateChange`` (and in their
/// parents, so the foreign keys point somewhere), the tool applies its migration, and every
/// value that should survive is read back and compared with the one written.
///
/// One kind at a time, so that a migration failing on one kind's tables (Alembic's copy of a
/// table whose column became NOT NULL over existing NULLs, say) is that kind's verdict and not
/// every kind's. The values are the same SQL literals in both tools' databases; each keeps them
/// in its own representation, and only numbers are compared as numbers (an `int` that became a
/// `double` reads `2.0` where `2` was written).
struct GenerateDataCheck {
    let before: GenerateSchema
    let after: GenerateSchema
    static let rowsPerTable = 3

    /// Copies `template` to `file`, seeds the tables of `change`, runs `migrate`, and returns the
    /// verdict: `data-kept`, `data-lost (…)` or `migration-failed (…)`.
    func verdict(_ change: GenerateChange, template: String, file: String, migrate: (String) throws -> Void) throws -> String {
        for suffix in ["", "-wal", "-shm"] {
            try? FileManager.default.removeItem(atPath: file + suffix)
            if FileManager.default.fileExists(atPath: template + suffix) {
                try FileManager.default.copyItem(atPath: template + suffix, toPath: file + suffix)
            }
        }
        let seeded = before.tables.filter { $0.change == change || isParent($0, of: change) }
        try Self.seed(seeded, into: file)
        do {
            try migrate(file)
        } catch let failure as Subprocess.Failure {
            return "migration-failed (\(Self.errorLine(failure.stderr)))"
        }
        let db = try RawSQLite.open(file)
        defer { RawSQLite.close(db) }
        var lost: [String] = []
        for table in seeded where table.change == change {
            lost += try compare(table, in: db)
        }
        if change == .addTable, let table = after.tables.first(where: { $0.change == .addTable }) {
            if try RawSQLite.text(db, "SELECT count(*) FROM sqlite_master WHERE name = '\(table.name)'") != "1" { lost.append("\(table.name) not created") }
        }
        return lost.isEmpty ? "data-kept" : "data-lost (" + lost.prefix(3).joined(separator: "; ") + (lost.count > 3 ? "; …" : "") + ")"
    }

    private func isParent(_ table: GenerateSchema.Table, of change: GenerateChange) -> Bool {
        before.tables.contains { $0.change == change && GenerateSchema.parent(of: $0.number) == table.number }
            || after.tables.contains { $0.change == change && GenerateSchema.parent(of: $0.number) == table.number }
    }

    /// The differences between what `table` held and what its successor in `after` holds: a
    /// line per column whose values changed, or the table gone.
    private func compare(_ table: GenerateSchema.Table, in db: OpaquePointer) throws -> [String] {
        guard let successor = after.tables.first(where: { $0.number == table.number }) else { return [] }  // dropped as asked
        let columns = table.columns.compactMap { column in
            successor.columns.first { $0.name == column.name || $0.renamedFrom == column.name }.map { (column, $0) }
        }
        let sql = "SELECT " + columns.map { "\"\($0.1.name)\"" }.joined(separator: ", ") + " FROM \"\(successor.name)\" ORDER BY id"
        let stmt: OpaquePointer
        do {
            stmt = try RawSQLite.prepare(db, sql)
        } catch {
            return ["\(successor.name): \(error)"]
        }
        defer { sqlite3_finalize(stmt) }
        var rows: [[String?]] = []
        while sqlite3_step(stmt) == SQLITE_ROW {
            rows.append(columns.indices.map { RawSQLite.text(stmt, Int32($0)) })
        }
        guard rows.count == Self.rowsPerTable else { return ["\(successor.name): \(rows.count) of \(Self.rowsPerTable) rows"] }
        var differences: [String] = []
        for (index, (old, new)) in columns.enumerated() {
            let changed = (1...Self.rowsPerTable).filter { row in
                let expected = new.nullable ? Self.value(old.name, row: row, in: table) : Self.value(old.name, row: row, in: table) ?? GenerateSchema.notNullFill
                return !Self.same(rows[row - 1][index], expected)
            }
            if !changed.isEmpty { differences.append("\(successor.name).\(new.name) in \(changed.count) rows") }
        }
        return differences
    }

    private static func seed(_ tables: [GenerateSchema.Table], into file: String) throws {
        let db = try RawSQLite.open(file)
        defer { RawSQLite.close(db) }
        try RawSQLite.exec(db, "BEGIN; " + tables.map(insert).joined(separator: " ") + " COMMIT;")
    }

    /// `INSERT` of the seeded rows of a table in its "before" shape.
    static func insert(_ table: GenerateSchema.Table) -> String {
        let names = table.columns.map { "\"\($0.name)\"" }.joined(separator: ", ")
        return (1...rowsPerTable).map { row in
            let values = table.columns.map { value($0.name, row: row, in: table).map { "'\($0)'" } ?? "NULL" }
            return "INSERT INTO \"\(table.name)\" (\(names)) VALUES (\(values.joined(separator: ", ")));"
        }.joined(separator: " ")
    }

    /// The value seeded in `column` of row `row` (1-based), as text; `nil` for NULL. Labels are
    /// unique (for `addUnique`), amounts and quantities positive (for the checks and the partial
    /// index), the second row's note NULL (for `makeNotNull`), the third row's parent NULL.
    static func value(_ column: String, row: Int, in table: GenerateSchema.Table) -> String? {
        switch column {
        case "id": String(row)
        case "label": "\(table.name)-label-\(row)"
        case "amount": String(Double(row) * 1.5)
        case "quantity": String(row * 2)
        case "created_at": "2024-01-0\(row)T10:00:00.000000Z"
        case "active": String(row % 2)
        case "note": row == 2 ? nil : "note \(row)"
        case "parent_id": table.foreignKey != nil || table.change == .addForeignKey ? (row == 3 ? nil : String(row)) : nil
        default: nil
        }
    }

    /// Equal as text, or as numbers when both are numbers.
    private static func same(_ read: String?, _ written: String?) -> Bool {
        if read == written { return true }
        guard let read, let written, let a = Double(read), let b = Double(written) else { return false }
        return a == b
    }

    /// The error of a failed tool's output: the last line that names one (SQLAlchemy's
    /// `sqlalchemy.exc.IntegrityError: (sqlite3.IntegrityError) NOT NULL constraint failed: …`
    /// comes before the SQL it ran and a link), else the last line.
    static func errorLine(_ text: String) -> String {
        let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let line = lines.last { $0.range(of: "error", options: .caseInsensitive) != nil && !$0.hasPrefix("(Background") } ?? lines.last ?? "no message"
        return String(line.prefix(200))
    }
}

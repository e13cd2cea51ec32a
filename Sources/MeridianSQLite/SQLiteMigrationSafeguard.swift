import Meridian

/// SQLite's ``MigrationSafeguard``: foreign keys off around each migration, and before it
/// commits, no row that points at a missing parent and no geometry column that lost
/// SpatiaLite's triggers or spatial index.
///
/// This is the procedure SQLite documents for schema changes that `ALTER TABLE` cannot make
/// (<https://www.sqlite.org/lang_altertable.html>, "Making Other Kinds Of Table Schema
/// Changes"): with foreign keys enforced, the `DROP TABLE` of a rebuild deletes the table's rows
/// first and so fires `ON DELETE CASCADE` on every child. `PRAGMA foreign_keys` is a no-op
/// inside a transaction, so it is switched outside, and read back to confirm it took effect;
/// `PRAGMA foreign_key_check` then runs inside the transaction, before the commit.
///
/// A table rebuilt by hand keeps its rows but not what SpatiaLite attached to its geometry
/// column: the eight triggers that refuse a wrong SRID or type and keep the R*Tree up to date
/// go with the old table, while `geometry_columns` still lists the column. The check finds
/// that, and a spatial index whose entries no longer match the rows of a table the migration
/// rebuilt or altered (`CheckSpatialIndex`).
///
/// Problems the database had before the run (rows left dangling by another tool, stale
/// SpatiaLite metadata) are remembered when the safeguard is made, and only new ones are
/// reported.
final class SQLiteMigrationSafeguard: MigrationSafeguard {
    private let connection: SQLiteConnection
    /// The keys of the problems the database had before the run.
    private let existing: Set<String>
    /// Each table's root page and SQL when the step began, to tell the tables it rebuilt or
    /// altered.
    private var tablesAtBegin: [String: String] = [:]

    init(_ connection: SQLiteConnection) throws {
        self.connection = connection
        existing = Set(try Self.problems(on: connection, dangling: try Self.foreignKeyCheck(on: connection), changedTables: []).map(\.key))
    }

    // MARK: - MigrationSafeguard

    func run<T>(_ script: MigrationScript, _ step: () throws -> T) throws -> T {
        guard try foreignKeysEnforced() else { return try step() }
        guard connection.isAutocommit else {
            // Inside a transaction the caller opened, the switch cannot be made; a script that
            // drops a table would then delete child rows through their ON DELETE actions.
            guard !script.dropsTable else {
                throw DatabaseError(
                    .misuse,
                    "\(script.path) drops a table, and SQLite cannot switch foreign keys off inside the transaction that is open, so ON DELETE CASCADE would delete child rows: apply this migration on its own (meridian migrate up) before the command that opened the transaction")
            }
            return try step()
        }
        try setForeignKeys(enforced: false)
        let result: T
        do {
            result = try step()
        } catch {
            try? setForeignKeys(enforced: true)
            throw error
        }
        try setForeignKeys(enforced: true)
        return result
    }

    func begin() throws {
        tablesAtBegin = try Self.tables(on: connection)
    }

    func verify() throws {
        let dangling = try cascadeSpatiaLiteMetadata(try Self.foreignKeyCheck(on: connection))
        let now = try Self.tables(on: connection)
        let changed = Set(now.filter { tablesAtBegin[$0.key] != $0.value }.keys)
        let new = try Self.problems(on: connection, dangling: dangling, changedTables: changed).filter { !existing.contains($0.key) }
        guard let first = new.first else { return }
        var error = first.error
        if new.count > 1 {
            error.reason += "; and \(new.count - 1) more: " + new.dropFirst().prefix(5).map(\.error.reason).joined(separator: "; ")
        }
        throw error
    }

    // MARK: - Settings

    private func foreignKeysEnforced() throws -> Bool {
        try connection.fetchValue(Int64.self, "PRAGMA foreign_keys") == 1
    }

    private func setForeignKeys(enforced: Bool) throws {
        try connection.executeScript("PRAGMA foreign_keys = \(enforced ? "ON" : "OFF")")
        guard try foreignKeysEnforced() == enforced else {
            throw DatabaseError(
                .misuse, "SQLite did not switch foreign keys \(enforced ? "on" : "off") (PRAGMA foreign_keys); no migration ran in this state")
        }
    }

    /// Deletes the rows of SpatiaLite's metadata tables that point at a geometry column the
    /// migration removed — SpatiaLite's `DiscardGeometryColumn` and `DropTable` leave them to
    /// `ON DELETE CASCADE`, which does not fire while foreign keys are off — and returns the
    /// other dangling rows.
    private func cascadeSpatiaLiteMetadata(_ dangling: [DanglingRow]) throws -> [DanglingRow] {
        var orphans: [String: [Int64]] = [:]
        var others: [DanglingRow] = []
        for row in dangling {
            if SQLiteInspector.isMetadata(row.table.lowercased()), SQLiteInspector.isMetadata(row.parent.lowercased()), let rowid = row.rowid {
                orphans[row.table, default: []].append(rowid)
            } else {
                others.append(row)
            }
        }
        for (table, rowids) in orphans.sorted(by: { $0.key < $1.key }) {
            try connection.execute("DELETE FROM \(connection.dialect.quote(table)) WHERE rowid IN (SELECT value FROM json_each($1))",
                                   [.text("[" + rowids.map(String.init).joined(separator: ",") + "]")])
        }
        return others
    }

    // MARK: - Checks

    /// Something wrong with the database, with a key that stays the same while it stays wrong.
    private struct Problem {
        var key: String
        var error: DatabaseError
    }

    /// `lower(name)` → root page and SQL of every table.
    private static func tables(on connection: SQLiteConnection) throws -> [String: String] {
        var tables: [String: String] = [:]
        try connection.forEachRow("SELECT lower(name), rootpage || ' ' || coalesce(sql, '') FROM sqlite_master WHERE type = 'table'", []) { row in
            tables[try row.decode(String.self, at: 0)] = try row.decode(String.self, at: 1)
        }
        return tables
    }

    private static func problems(
        on connection: SQLiteConnection, dangling: [DanglingRow], changedTables: Set<String>
    ) throws -> [Problem] {
        try danglingRows(dangling, on: connection) + missingParents(on: connection)
            + spatialColumns(on: connection, changedTables: changedTables)
    }

    /// A row whose foreign key finds no parent row, as `PRAGMA foreign_key_check` reports it.
    private struct DanglingRow {
        var table: String
        /// `nil` for a `WITHOUT ROWID` table.
        var rowid: Int64?
        var parent: String
        /// The foreign key's number in `pragma_foreign_key_list(table)`.
        var key: Int64
    }

    /// Every dangling row of the database; read once per check, as it scans every child table.
    private static func foreignKeyCheck(on connection: SQLiteConnection) throws -> [DanglingRow] {
        var rows: [DanglingRow] = []
        try connection.forEachRow("PRAGMA foreign_key_check", []) { row in
            let rowid: Int64? = if case .int(let id) = row[1] { id } else { nil }
            rows.append(DanglingRow(
                table: try row.decode(String.self, at: 0), rowid: rowid, parent: try row.decode(String.self, at: 2),
                key: try row.decode(Int64.self, at: 3)))
        }
        return rows
    }

    /// One problem per dangling row, described once per foreign key.
    private static func danglingRows(_ rows: [DanglingRow], on connection: SQLiteConnection) throws -> [Problem] {
        guard !rows.isEmpty else { return [] }
        let byKey = Dictionary(grouping: rows) { "\($0.table)\u{1F}\($0.key)" }
        var described: [String: DatabaseError] = [:]
        for (groupKey, group) in byKey {
            let first = group[0]
            let reference = try foreignKey(first.key, of: first.table, on: connection)
            let rowids = group.prefix(3).map { $0.rowid.map(String.init) ?? "?" }.joined(separator: ", ") + (group.count > 3 ? ", …" : "")
            var reason = "\(group.count) row\(group.count == 1 ? "" : "s") of \(first.table) (rowid \(rowids)) would point at no row of \(first.parent) through the foreign key \(reference)"
            if try !tableExists(first.parent, on: connection) {
                reason += ": table \(first.parent) no longer exists. SQLite rewrites the foreign keys of other tables when a table is renamed, so a rebuild that renames the old table away (ALTER TABLE … RENAME TO \(first.parent)) moves them with it; rebuild in SQLite's order instead: create the new table under another name, copy the rows, drop the old table, then rename the new one"
            } else {
                reason += ": the migration deleted or changed their parents (ON DELETE and ON UPDATE actions do not fire while a migration runs on SQLite, as foreign keys are off so that table rebuilds keep their children); delete or update the children in the same migration, or keep the parents"
            }
            described[groupKey] = DatabaseError(.foreignKeyViolation, reason, table: first.table)
        }
        return rows.map { row in
            Problem(key: "row\u{1F}\(row.table)\u{1F}\(row.rowid.map(String.init) ?? "?")\u{1F}\(row.parent)\u{1F}\(row.key)",
                    error: described["\(row.table)\u{1F}\(row.key)"]!)
        }.sorted { $0.error.reason < $1.error.reason }
    }

    /// Foreign keys of empty tables that name a missing table: `foreign_key_check` cannot see
    /// them without rows, and the next insert would fail.
    private static func missingParents(on connection: SQLiteConnection) throws -> [Problem] {
        var problems: [Problem] = []
        try connection.forEachRow("""
            SELECT m.name, f.id, f."table" FROM sqlite_master AS m, pragma_foreign_key_list(m.name) AS f
            WHERE m.type = 'table' AND NOT EXISTS (
                SELECT 1 FROM sqlite_master AS p WHERE p.type = 'table' AND lower(p.name) = lower(f."table"))
            GROUP BY m.name, f.id ORDER BY m.name, f.id
            """, []) { row in
            let (table, parent) = (try row.decode(String.self, at: 0), try row.decode(String.self, at: 2))
            problems.append(Problem(
                key: "parent\u{1F}\(table)\u{1F}\(try row.decode(Int64.self, at: 1))\u{1F}\(parent)",
                error: DatabaseError(
                    .foreignKeyViolation,
                    "a foreign key of \(table) references table \(parent), which does not exist: rebuild \(table) with the foreign key naming the right table (SQLite rewrites references when a table is renamed, so rename the new table into place rather than the old one away)",
                    table: table)))
        }
        return problems
    }

    /// `(a, b) → parent(x, y)` for foreign key number `id` of `table`.
    private static func foreignKey(_ id: Int64, of table: String, on connection: SQLiteConnection) throws -> String {
        var from: [String] = []
        var to: [String] = []
        var parent = ""
        try connection.forEachRow(
            "SELECT \"from\", \"table\", coalesce(\"to\", '') FROM pragma_foreign_key_list($1) WHERE id = $2 ORDER BY seq",
            [.text(table), .int(id)]
        ) { row in
            from.append(try row.decode(String.self, at: 0))
            parent = try row.decode(String.self, at: 1)
            to.append(try row.decode(String.self, at: 2))
        }
        return "(\(from.joined(separator: ", "))) → \(parent)(\(to.joined(separator: ", ")))"
    }

    private static func tableExists(_ name: String, on connection: SQLiteConnection) throws -> Bool {
        try connection.fetchValue(Int64.self, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND lower(name) = lower($1)", [.text(name)]) ?? 0 > 0
    }

    /// Geometry columns in `geometry_columns` whose table, column, triggers or spatial index are
    /// missing; for tables in `changedTables`, also spatial indexes that no longer match.
    private static func spatialColumns(on connection: SQLiteConnection, changedTables: Set<String>) throws -> [Problem] {
        guard try tableExists("geometry_columns", on: connection) else { return [] }
        var objects = Set<String>()
        try connection.forEachRow("SELECT type || ' ' || lower(name) FROM sqlite_master", []) { objects.insert(try $0.decode(String.self, at: 0)) }
        var columns: [SpatiaLiteColumn] = []
        try connection.forEachRow(
            "SELECT f_table_name, f_geometry_column, geometry_type, coord_dimension, srid, spatial_index_enabled FROM geometry_columns ORDER BY 1, 2", []
        ) { row in
            columns.append(SpatiaLiteColumn(
                table: try row.decode(String.self, at: 0), column: try row.decode(String.self, at: 1),
                geometryType: try row.decode(Int64.self, at: 2), srid: try row.decode(Int64.self, at: 4),
                indexed: try row.decode(Int64.self, at: 5) == 1))
        }
        var problems: [Problem] = []
        for column in columns {
            let key = "spatial\u{1F}\(column.table.lowercased())\u{1F}\(column.column.lowercased())"
            let name = "\(column.table).\(column.column)"
            guard objects.contains("table \(column.table.lowercased())") else {
                problems.append(Problem(key: key + "\u{1F}table", error: DatabaseError(
                    .other,
                    "geometry_columns still lists \(name), but table \(column.table) is gone: drop a spatial table with SELECT DropTable(NULL, '\(column.table)') (or DiscardGeometryColumn before DROP TABLE), which removes SpatiaLite's metadata with it",
                    table: column.table)))
                continue
            }
            let hasColumn = try connection.fetchValue(
                Int64.self, "SELECT count(*) FROM pragma_table_info($1) WHERE lower(name) = lower($2)",
                [.text(column.table), .text(column.column)]) ?? 0 > 0
            guard hasColumn else {
                problems.append(Problem(key: key + "\u{1F}column", error: DatabaseError(
                    .other,
                    "geometry_columns still lists \(name), but the table has no column \(column.column): remove a geometry column with SELECT DiscardGeometryColumn('\(column.table)', '\(column.column)') before rebuilding the table without it",
                    table: column.table, column: column.column)))
                continue
            }
            let missing = column.triggers.filter { !objects.contains("trigger \($0)") }
            let indexMissing = column.indexed && !objects.contains("table \(column.indexTable)")
            if !missing.isEmpty || indexMissing {
                let lost = (missing + (indexMissing ? [column.indexTable] : [])).joined(separator: ", ")
                problems.append(Problem(key: key + "\u{1F}triggers", error: DatabaseError(
                    .other,
                    "\(name) lost what SpatiaLite attached to it (\(lost)), so a wrong SRID or geometry type would be accepted and the spatial index would stop following the rows; a table rebuilt with CREATE, INSERT, DROP and RENAME keeps its rows but not these: after the rename, run \(column.repair)",
                    table: column.table, column: column.column)))
                continue
            }
            guard column.indexed, changedTables.contains(column.table.lowercased()) else { continue }
            let consistent = try connection.callReportingSuccess(
                "SELECT CheckSpatialIndex(\(connection.dialect.literal(column.table)), \(connection.dialect.literal(column.column)))")
            if !consistent {
                problems.append(Problem(key: key + "\u{1F}index", error: DatabaseError(
                    .other,
                    "the spatial index of \(name) no longer matches the table's rows (CheckSpatialIndex): rebuild it in the same migration with SELECT RecoverSpatialIndex('\(column.table)', '\(column.column)')",
                    table: column.table, column: column.column)))
            }
        }
        return problems
    }
}

/// A row of SpatiaLite's `geometry_columns`, with the names of what SpatiaLite attaches to it.
private struct SpatiaLiteColumn {
    var table: String
    var column: String
    /// SpatiaLite's code: 1 point … 7 collection, plus 1000 for Z, 2000 for M, 3000 for ZM.
    var geometryType: Int64
    var srid: Int64
    var indexed: Bool

    private var suffix: String { "\(table.lowercased())_\(column.lowercased())" }

    /// The triggers that refuse a wrong SRID or type (`ggi_`, `ggu_`) and, with a spatial
    /// index, keep it up to date (`gii_`, `giu_`, `gid_`).
    var triggers: [String] {
        ["ggi", "ggu"].map { "\($0)_\(suffix)" } + (indexed ? ["gii", "giu", "gid"].map { "\($0)_\(suffix)" } : [])
    }

    var indexTable: String { "idx_\(suffix)" }

    /// The statements that attach them again to a rebuilt table.
    var repair: String {
        let names = ["GEOMETRY", "POINT", "LINESTRING", "POLYGON", "MULTIPOINT", "MULTILINESTRING", "MULTIPOLYGON", "GEOMETRYCOLLECTION"]
        let base = Int(geometryType % 1000)
        let dimension = ["XY", "XYZ", "XYM", "XYZM"][min(3, Int(geometryType / 1000))]
        let recover = "SELECT RecoverGeometryColumn('\(table)', '\(column)', \(srid), '\(names.indices.contains(base) ? names[base] : "GEOMETRY")', '\(dimension)');"
        guard indexed else { return recover }
        // The old R*Tree outlives the old table; CreateSpatialIndex builds a new one from the rows.
        return ["DROP TABLE IF EXISTS \"\(indexTable)\";", recover, "SELECT CreateSpatialIndex('\(table)', '\(column)');"]
            .joined(separator: " ")
    }
}

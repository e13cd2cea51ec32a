import Meridian

/// Writes a transfer into an SQLite or SpatiaLite file (`meridian import`), all tables in one
/// `BEGIN IMMEDIATE` transaction, through the storage layer's own inserts, so each value is
/// checked and stored as the value contract says (JSON canonical, geometry as SpatiaLite blobs).
///
/// Foreign keys are checked at the commit (`PRAGMA defer_foreign_keys`), so tables may be
/// emptied and filled in any order; before committing, `PRAGMA foreign_key_check` names the
/// table and key of a row whose parent is missing (an import filtered with `--where` can leave
/// one). Rows written by ``TransferMode/append`` are remembered by rowid (`RETURNING rowid`) and
/// the keys given to ``TransferMode/upsert`` in a temporary table, so verification reads back
/// exactly them; an upsert leaves a row that holds the same values untouched.
public final class SQLiteTransferTarget: TransferTarget {
    public let connection: SQLiteConnection
    /// Tables whose written rowids are kept in a temporary table, by table name.
    private var remembered: [String: String] = [:]
    /// For upserted tables, the key columns their remembered rows are found by.
    private var rememberedKeys: [String: [String]] = [:]
    private var remember = false
    private let transaction: TransferTransaction

    public init(_ connection: SQLiteConnection) {
        self.connection = connection
        transaction = TransferTransaction(connection)
    }

    private var dialect: any SQLDialect { connection.dialect }

    public func begin() throws { try transaction.begin(settings: "PRAGMA defer_foreign_keys = ON") }

    public func rowCount(of table: String) throws -> Int64 { try transaction.rowCount(of: table) }

    public func prepare(_ plan: TransferPlan, mode: TransferMode, sourceRows: [Int64], targetRows: [Int64]) throws {
        if mode == .replace {
            for table in plan.tables.reversed() { try connection.execute("DELETE FROM \(dialect.quote(table.name))") }
        }
    }

    public func write(_ table: TransferPlan.Table, mode: TransferMode, rows: (([StreamedValue]) throws -> Void) throws -> Void) throws -> Int64 {
        let columns = table.writtenColumns.map { dialect.quote($0.name) }
        var sql = "INSERT INTO \(dialect.quote(table.name)) (\(columns.joined(separator: ", "))) VALUES ("
            + columns.indices.map { "$\($0 + 1)" }.joined(separator: ", ") + ")"
        let keyIndexes = table.primaryKey.compactMap { name in table.writtenColumns.firstIndex { $0.name == name } }
        if mode == .upsert {
            let key = table.primaryKey.map(dialect.quote).joined(separator: ", ")
            let others = table.writtenColumns.map(\.name).filter { !table.primaryKey.contains($0) }.map(dialect.quote)
            sql += " ON CONFLICT (\(key)) "
                + (others.isEmpty
                    ? "DO NOTHING"
                    : "DO UPDATE SET " + others.map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
                        + " WHERE (\(others.joined(separator: ", "))) IS NOT (\(others.map { "excluded.\($0)" }.joined(separator: ", ")))")
        }
        // What verification reads back: the rowids an append inserted, the keys an upsert gave.
        let remembering = remember && (mode == .append || mode == .upsert) ? try rememberTable(for: table, keys: mode == .upsert) : nil
        if remembering != nil, mode == .append { sql += " RETURNING rowid" }
        let rememberSQL = remembering.map { name in
            let arity = mode == .upsert ? keyIndexes.count : 1
            return "INSERT OR IGNORE INTO temp.\(dialect.quote(name)) VALUES (" + (1...arity).map { "$\($0)" }.joined(separator: ", ") + ")"
        }
        var count: Int64 = 0
        var values: [DatabaseValue] = []
        try rows { row in
            count += 1
            values.removeAll(keepingCapacity: true)
            for index in 0..<table.writtenColumnCount { values.append(try row[index].databaseValue) }
            do {
                if let rememberSQL, mode == .append {
                    try connection.forEachRow(sql, values) { inserted in try connection.execute(rememberSQL, [inserted[0]]) }
                } else {
                    try connection.execute(sql, values)
                    if let rememberSQL { try connection.execute(rememberSQL, keyIndexes.map { values[$0] }) }
                }
            } catch var error as DatabaseError {
                error.sql = nil
                throw TransferError.rowRejected(table: table.name, row: count, key: Self.key(of: values, in: table), reason: error.description)
            }
        }
        return count
    }

    /// A temporary table for the rowids written into `table`, or for the keys upserted into it.
    private func rememberTable(for table: TransferPlan.Table, keys: Bool) throws -> String {
        if let existing = remembered[table.name] { return existing }
        let name = "meridian_written_\(remembered.count)"
        let columns = keys ? table.primaryKey.map(dialect.quote).joined(separator: ", ") : "id"
        try connection.executeScript("CREATE TEMP TABLE \(dialect.quote(name)) (\(columns), PRIMARY KEY (\(columns)))")
        remembered[table.name] = name
        rememberedKeys[table.name] = keys ? table.primaryKey : nil
        return name
    }

    /// `id = 42`, from the values being inserted.
    private static func key(of values: [DatabaseValue], in table: TransferPlan.Table) -> String? {
        let parts = table.primaryKey.compactMap { name -> String? in
            guard let index = table.writtenColumns.firstIndex(where: { $0.name == name }), index < values.count else { return nil }
            return "\(name) = \(values[index])"
        }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }

    /// Names a row whose parent is missing, which the commit would refuse without saying where.
    public func finish(_ plan: TransferPlan) throws {
        try SQLiteTransferSource(connection).preflight(plan)
    }

    public func writtenRows(mode: TransferMode) -> (any TransferSource)? {
        guard mode == .append || mode == .upsert else { return SQLiteTransferSource(connection) }
        remember = true
        return SQLiteTransferSource(connection, filter: { [unowned self] table in
            guard let name = remembered[table] else { return "0" }
            guard let keys = rememberedKeys[table] else { return "rowid IN (SELECT id FROM temp.\(dialect.quote(name)))" }
            let columns = keys.map(dialect.quote).joined(separator: ", ")
            return "(\(columns)) IN (SELECT \(columns) FROM temp.\(dialect.quote(name)))"
        })
    }

    public func commit() throws {
        try transaction.commit()
        dropRemembered()
    }

    public func rollback() {
        transaction.rollback()
        dropRemembered()
    }

    private func dropRemembered() {
        for name in remembered.values { try? connection.executeScript("DROP TABLE IF EXISTS temp.\(dialect.quote(name))") }
        remembered = [:]
        rememberedKeys = [:]
    }
}

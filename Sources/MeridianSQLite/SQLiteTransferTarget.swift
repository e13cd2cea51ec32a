import Meridian

/// Writes a transfer into an SQLite or SpatiaLite file (`meridian import`), all tables in one
/// `BEGIN IMMEDIATE` transaction, through the storage layer's own inserts, so each value is
/// checked and stored as the value contract says (JSON canonical, geometry as SpatiaLite blobs).
///
/// Foreign keys are checked at the commit (`PRAGMA defer_foreign_keys`), so tables may be
/// emptied and filled in any order; before committing, `PRAGMA foreign_key_check` names the
/// table and key of a row whose parent is missing (an import filtered with `--where` can leave
/// one). Rows written by ``TransferMode/append`` and ``TransferMode/upsert`` are remembered by
/// rowid (`RETURNING rowid`) so verification reads back exactly them.
public final class SQLiteTransferTarget: TransferTarget {
    public let connection: SQLiteConnection
    /// Tables whose written rowids are kept in a temporary table, by table name.
    private var remembered: [String: String] = [:]
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
        if mode == .upsert {
            let key = table.primaryKey.map(dialect.quote).joined(separator: ", ")
            let updates = table.writtenColumns.map(\.name).filter { !table.primaryKey.contains($0) }
                .map { "\(dialect.quote($0)) = excluded.\(dialect.quote($0))" }
            sql += " ON CONFLICT (\(key)) " + (updates.isEmpty ? "DO NOTHING" : "DO UPDATE SET " + updates.joined(separator: ", "))
        }
        let written = remember && (mode == .append || mode == .upsert) ? try rowidTable(for: table.name) : nil
        if written != nil { sql += " RETURNING rowid" }
        var count: Int64 = 0
        var values: [DatabaseValue] = []
        try rows { row in
            count += 1
            values.removeAll(keepingCapacity: true)
            for index in 0..<table.writtenColumnCount { values.append(try row[index].databaseValue) }
            do {
                if let written {
                    try connection.forEachRow(sql, values) { inserted in
                        try connection.execute("INSERT OR IGNORE INTO temp.\(dialect.quote(written)) (id) VALUES ($1)", [inserted[0]])
                    }
                } else {
                    try connection.execute(sql, values)
                }
            } catch var error as DatabaseError {
                error.sql = nil
                throw TransferError.rowRejected(table: table.name, row: count, key: Self.key(of: values, in: table), reason: error.description)
            }
        }
        return count
    }

    /// A temporary table for the rowids written into `table`.
    private func rowidTable(for table: String) throws -> String {
        if let existing = remembered[table] { return existing }
        let name = "meridian_written_\(remembered.count)"
        try connection.executeScript("CREATE TEMP TABLE \(dialect.quote(name)) (id INTEGER PRIMARY KEY)")
        remembered[table] = name
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
            remembered[table].map { "rowid IN (SELECT id FROM temp.\(dialect.quote($0)))" } ?? "0"
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
    }
}

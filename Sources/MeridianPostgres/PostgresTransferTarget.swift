import Meridian

/// Writes a transfer into PostgreSQL (`meridian export`) with `COPY … FROM STDIN`, all tables in
/// one transaction.
///
/// A table that starts empty and receives at least ``deferIndexesFromRows`` rows is loaded
/// without its indexes and keys, which are built once after the load, in the same transaction:
/// a GiST index kept up to date row by row makes a load about 1.75 times as long as the load and
/// one index build. Its primary key, unique and exclusion constraints and plain indexes are
/// dropped and re-created from their own definitions (`pg_get_constraintdef`,
/// `pg_get_indexdef`), as are the foreign keys that point to or from it; re-adding those checks
/// every row at once. The rest of the database sees none of it until the commit.
///
/// ``TransferMode/upsert`` copies each table into a temporary table and merges it with
/// `INSERT … ON CONFLICT (key) DO UPDATE`, leaving rows that hold the same values untouched (so
/// an `updated_at` trigger does not fire for them); the temporary table stays until the commit
/// and its keys say which rows verification reads back.
public final class PostgresTransferTarget: TransferTarget {
    public let connection: PostgresConnection
    /// The fewest source rows for which a table that starts empty is loaded without its indexes.
    public var deferIndexesFromRows: Int64 = 10_000
    private var deferred = DeferredDefinitions()
    private let transaction: TransferTransaction
    /// The temporary table each upserted table was staged in, by table name.
    private var stages: [String: String] = [:]
    private var primaryKeys: [String: [String]] = [:]

    public init(_ connection: PostgresConnection) {
        self.connection = connection
        transaction = TransferTransaction(connection)
    }

    private var dialect: any SQLDialect { connection.dialect }

    public func begin() throws { try transaction.begin() }

    public func rowCount(of table: String) throws -> Int64 { try transaction.rowCount(of: table) }

    public func prepare(_ plan: TransferPlan, mode: TransferMode, sourceRows: [Int64], targetRows: [Int64]) throws {
        var startsEmpty = targetRows.map { $0 == 0 }
        if mode == .replace, !plan.tables.isEmpty {
            try refuseOutsideReferences(to: plan.tables.map(\.name))
            try connection.executeScript("TRUNCATE " + plan.tables.map { dialect.quote($0.name) }.joined(separator: ", "))
            startsEmpty = plan.tables.map { _ in true }
        }
        guard mode != .upsert else { return }  // ON CONFLICT needs the key's index
        let bulk = zip(plan.tables, zip(sourceRows, startsEmpty)).filter { $1.1 && $1.0 >= deferIndexesFromRows }.map(\.0.name)
        guard !bulk.isEmpty else { return }
        deferred = try DeferredDefinitions.setAside(tables: bulk, on: connection)
    }

    /// `TRUNCATE` of a table that another table outside the transfer references fails; say which.
    private func refuseOutsideReferences(to tables: [String]) throws {
        let names = Set(tables)
        for table in tables {
            let referencing = try connection.fetchAll(
                "SELECT DISTINCT conrelid::regclass::text FROM pg_constraint WHERE contype = 'f' AND confrelid = $1::regclass AND conrelid <> confrelid",
                [.text(dialect.quote(table))]
            ).map { $0[0].description }
            if let outside = referencing.first(where: { !names.contains($0) && !names.contains($0.replacingOccurrences(of: "\"", with: "")) }) {
                throw DatabaseError(
                    .foreignKeyViolation,
                    "--replace would empty \(table), which \(outside) references, and \(outside) is not part of the transfer: transfer \(outside) too, or empty it yourself first",
                    table: table)
            }
        }
    }

    public func write(_ table: TransferPlan.Table, mode: TransferMode, rows: (([StreamedValue]) throws -> Void) throws -> Void) throws -> Int64 {
        let columns = table.writtenColumns.map(\.name)
        let count = table.writtenColumnCount
        guard mode == .upsert else {
            let format = try connection.copyFormat(table: table.name, columns: columns)
            return Int64(try connection.copy(into: table.name, columns: columns, format: format) { writer in
                try rows { row in try writer.writeStreamedRow(row, count: count) }
            })
        }
        let stage = "meridian_stage_\(stages.count)"
        let quoted = columns.map(dialect.quote).joined(separator: ", ")
        try connection.executeScript(
            "CREATE TEMP TABLE \(stage) ON COMMIT DROP AS SELECT \(quoted) FROM \(dialect.quote(table.name)) WITH NO DATA")
        stages[table.name] = stage
        primaryKeys[table.name] = table.primaryKey
        let format = try connection.copyFormat(table: stage, columns: columns)
        try connection.copy(into: stage, columns: columns, format: format) { writer in
            try rows { row in try writer.writeStreamedRow(row, count: count) }
        }
        return Int64(try connection.execute(Self.merge(table, from: stage, dialect: dialect)))
    }

    /// `INSERT … SELECT … ON CONFLICT (key) DO UPDATE`, for rows whose values differ only.
    static func merge(_ table: TransferPlan.Table, from stage: String, dialect: any SQLDialect) -> String {
        let columns = table.writtenColumns.map(\.name)
        let quoted = columns.map(dialect.quote).joined(separator: ", ")
        let key = table.primaryKey.map(dialect.quote).joined(separator: ", ")
        let others = columns.filter { !table.primaryKey.contains($0) }.map(dialect.quote)
        let action = others.isEmpty
            ? "DO NOTHING"
            : "DO UPDATE SET " + others.map { "\($0) = EXCLUDED.\($0)" }.joined(separator: ", ")
                + " WHERE (\(others.map { "target.\($0)" }.joined(separator: ", "))) IS DISTINCT FROM (\(others.map { "EXCLUDED.\($0)" }.joined(separator: ", ")))"
        return "INSERT INTO \(dialect.quote(table.name)) AS target (\(quoted)) OVERRIDING SYSTEM VALUE SELECT \(quoted) FROM \(stage) ON CONFLICT (\(key)) \(action)"
    }

    public func finish(_ plan: TransferPlan) throws {
        try deferred.restore(on: connection)
        deferred = DeferredDefinitions()
        for table in plan.tables {
            let quoted = dialect.quote(table.name)
            let generated = try connection.fetchAll(
                "SELECT attname::text FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped AND pg_get_serial_sequence($1, attname::text) IS NOT NULL",
                [.text(quoted)])
            for column in generated.map({ $0[0].description }) {
                if let reset = dialect.sequenceResetSQL(table: table.name, column: column) {
                    try connection.execute(reset, [.text(quoted), .text(column)])
                }
            }
        }
    }

    /// All rows of a table that started empty; the rows this transaction inserted for an
    /// append (`xmin` is its id); the rows with the staged keys for an upsert, changed or not.
    public func writtenRows(mode: TransferMode) -> (any TransferSource)? {
        switch mode {
        case .refuse, .replace:
            return PostgresTransferSource(connection)
        case .append:
            return PostgresTransferSource(connection, condition: { _ in "xmin = pg_current_xact_id()::xid" })
        case .upsert:
            return PostgresTransferSource(connection, condition: { [unowned self] table in
                guard let stage = stages[table] else { return "false" }
                let key = primaryKeys[table] ?? []
                let columns = key.map(dialect.quote).joined(separator: ", ")
                return "(\(columns)) IN (SELECT \(columns) FROM \(stage))"
            })
        }
    }

    public func commit() throws {
        try transaction.commit()
        stages = [:]
    }

    public func rollback() {
        transaction.rollback()
        stages = [:]
    }
}

/// The keys and indexes of tables loaded without them, and the statements that put them back.
struct DeferredDefinitions {
    /// In the order they are restored: primary keys and unique constraints, indexes, then the
    /// foreign keys that may reference them.
    private(set) var restore: [String] = []

    /// Drops the keys and indexes of `tables` and of the foreign keys touching them; returns how
    /// to rebuild them.
    static func setAside(tables: [String], on connection: PostgresConnection) throws -> DeferredDefinitions {
        let dialect = connection.dialect
        var keys: [String] = []
        var indexes: [String] = []
        var foreignKeys: [String: String] = [:]
        var drops: [String] = []
        var dropsOfForeignKeys: [String: String] = [:]
        for table in tables {
            let relation = DatabaseValue.text(dialect.quote(table))
            for row in try connection.fetchAll(
                "SELECT conname::text, conrelid::regclass::text, pg_get_constraintdef(oid) FROM pg_constraint WHERE contype = 'f' AND (conrelid = $1::regclass OR confrelid = $1::regclass)",
                [relation])
            {
                let (name, owner, definition) = (row[0].description, row[1].description, row[2].description)
                let id = owner + "." + name
                foreignKeys[id] = "ALTER TABLE \(owner) ADD CONSTRAINT \(dialect.quote(name)) \(definition)"
                dropsOfForeignKeys[id] = "ALTER TABLE \(owner) DROP CONSTRAINT \(dialect.quote(name))"
            }
            for row in try connection.fetchAll(
                "SELECT conname::text, pg_get_constraintdef(oid) FROM pg_constraint WHERE contype IN ('p', 'u', 'x') AND conrelid = $1::regclass ORDER BY contype, conname",
                [relation])
            {
                keys.append("ALTER TABLE \(dialect.quote(table)) ADD CONSTRAINT \(dialect.quote(row[0].description)) \(row[1].description)")
                drops.append("ALTER TABLE \(dialect.quote(table)) DROP CONSTRAINT \(dialect.quote(row[0].description))")
            }
            for row in try connection.fetchAll(
                """
                SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i
                WHERE i.indrelid = $1::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid)
                ORDER BY 1
                """,
                [relation])
            {
                indexes.append(row[1].description)
                drops.append("DROP INDEX \(row[0].description)")
            }
        }
        let foreignKeyIDs = foreignKeys.keys.sorted()
        for statement in foreignKeyIDs.map({ dropsOfForeignKeys[$0]! }) + drops {
            try connection.executeScript(statement)
        }
        return DeferredDefinitions(restore: keys + indexes + foreignKeyIDs.map { foreignKeys[$0]! })
    }

    /// Builds everything ``setAside(tables:on:)`` dropped.
    func restore(on connection: PostgresConnection) throws {
        for statement in restore { try connection.executeScript(statement) }
    }
}

import Foundation

/// Typed writes: rows inserted, upserted and updated from ``TableRecord`` values, the same SQL
/// on both backends (`$n` placeholders, `ON CONFLICT … DO UPDATE`, `RETURNING *`).
extension DatabaseConnection {
    /// Inserts `record` as a new row.
    ///
    /// Properties that are `nil` are left out of the statement, so the column gets its default
    /// (`gen_random_uuid()`, `now()`) or NULL.
    ///
    /// - Throws: ``DatabaseError`` with the engine's kind: `.uniqueViolation`,
    ///   `.foreignKeyViolation`, `.checkViolation`, `.notNullViolation`, …
    public func insert<Record: TableRecord>(_ record: Record) throws {
        let (sql, arguments) = try insertStatement(record, onConflict: nil)
        try execute(sql, arguments)
    }

    /// Inserts `record` and returns the row as stored, defaults and generated columns filled.
    public func insertAndFetch<Record: TableRecord & Decodable>(_ record: Record) throws -> Record {
        let (sql, arguments) = try insertStatement(record, onConflict: nil)
        return try returning(Record.self, sql, arguments)
    }

    /// Inserts `record`, or, when a row with its primary key exists, sets that row's other
    /// columns to the record's values (`INSERT … ON CONFLICT (key) DO UPDATE`).
    public func upsert<Record: TableRecord>(_ record: Record) throws {
        let (sql, arguments) = try insertStatement(record, onConflict: Record.primaryKey)
        try execute(sql, arguments)
    }

    /// ``upsert(_:)`` returning the row as stored.
    public func upsertAndFetch<Record: TableRecord & Decodable>(_ record: Record) throws -> Record {
        let (sql, arguments) = try insertStatement(record, onConflict: Record.primaryKey)
        return try returning(Record.self, sql, arguments)
    }

    /// Sets every column of the row with `record`'s primary key to the record's values (`nil`
    /// properties to NULL); returns the number of rows changed, 0 when there is none.
    @discardableResult
    public func update<Record: TableRecord>(_ record: Record) throws -> Int {
        let columns = try RowEncoder.columns(of: record).filter { !Record.computedColumns.contains($0.name) }
        let key = try keyColumns(Record.self, in: columns)
        var arguments: [DatabaseValue] = []
        let assignments = columns.filter { !Record.primaryKey.contains($0.name) }.map { column -> String in
            arguments.append(column.value)
            return "\(dialect.quote(column.name)) = $\(arguments.count)"
        }
        guard !assignments.isEmpty else {
            throw DatabaseError(.misuse, "\(Record.self) has no column besides its primary key to update", table: Record.tableName)
        }
        let conditions = key.map { column -> String in
            arguments.append(column.value)
            return "\(dialect.quote(column.name)) = $\(arguments.count)"
        }
        return try execute(
            "UPDATE \(dialect.quote(Record.tableName)) SET \(assignments.joined(separator: ", ")) WHERE \(conditions.joined(separator: " AND "))",
            arguments)
    }

    private func insertStatement<Record: TableRecord>(_ record: Record, onConflict key: [String]?) throws -> (String, [DatabaseValue]) {
        let columns = try RowEncoder.columns(of: record).filter { !$0.value.isNull && !Record.computedColumns.contains($0.name) }
        if key != nil { _ = try keyColumns(Record.self, in: columns) }
        let sql = InsertSQLCache.shared.sql(InsertSQLCache.Key(record: ObjectIdentifier(Record.self), columns: columns.map(\.name), conflict: key)) {
            insertSQL(Record.self, columns: columns, onConflict: key)
        }
        return (sql, columns.map(\.value))
    }

    private func insertSQL<Record: TableRecord>(
        _ type: Record.Type, columns: [(name: String, value: DatabaseValue)], onConflict key: [String]?
    ) -> String {
        let names = columns.map { dialect.quote($0.name) }.joined(separator: ", ")
        let placeholders = columns.indices.map { "$\($0 + 1)" }.joined(separator: ", ")
        var sql = "INSERT INTO \(dialect.quote(Record.tableName)) (\(names)) VALUES (\(placeholders))"
        if let key {
            let updates = columns.filter { !key.contains($0.name) }.map { "\(dialect.quote($0.name)) = excluded.\(dialect.quote($0.name))" }
            sql += " ON CONFLICT (\(key.map(dialect.quote).joined(separator: ", "))) "
            sql += updates.isEmpty ? "DO NOTHING" : "DO UPDATE SET " + updates.joined(separator: ", ")
        }
        return sql
    }

    /// The record's primary key columns, which must all hold values.
    private func keyColumns<Record: TableRecord>(
        _ type: Record.Type, in columns: [(name: String, value: DatabaseValue)]
    ) throws -> [(name: String, value: DatabaseValue)] {
        try Record.primaryKey.map { name in
            guard let column = columns.first(where: { $0.name == name }), !column.value.isNull else {
                throw DatabaseError(
                    .misuse, "\(Record.self) has no value for its primary key column \(name): set it before updating or upserting",
                    table: Record.tableName, column: name)
            }
            return column
        }
    }

    private func returning<Record: Decodable>(_ type: Record.Type, _ sql: String, _ arguments: [DatabaseValue]) throws -> Record {
        guard let row = try fetchOne(sql + " RETURNING *", arguments) else {
            throw DatabaseError(.misuse, "the statement returned no row", sql: sql)
        }
        return try row.decode(Record.self)
    }
}

/// The `INSERT` text of each record type and set of columns, made once: a loop of inserts
/// otherwise spent a tenth of its time quoting and joining the same names (`meridian-app-bench`).
///
/// The text depends only on these (every dialect quotes identifiers the same way, and writes
/// `$n` placeholders), so one cache serves every connection. `@unchecked Sendable`: `texts`
/// is read and written only under `lock`.
private final class InsertSQLCache: @unchecked Sendable {
    static let shared = InsertSQLCache()
    /// Past this many statements the cache starts again, so a program inserting ever-changing
    /// column sets does not grow it without end.
    private static let limit = 1_024

    struct Key: Hashable {
        var record: ObjectIdentifier
        var columns: [String]
        var conflict: [String]?
    }

    private let lock = NSLock()
    private var texts: [Key: String] = [:]

    func sql(_ key: Key, make: () -> String) -> String {
        lock.lock()
        if let known = texts[key] {
            lock.unlock()
            return known
        }
        lock.unlock()
        let text = make()
        lock.lock()
        if texts.count >= Self.limit { texts.removeAll() }
        texts[key] = text
        lock.unlock()
        return text
    }
}

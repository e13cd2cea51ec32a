import Meridian

/// Where ``SyntheticDataWriter`` puts each batch of generated rows.
///
/// Either way a row whose key or natural key is already in the table is left as it is and not
/// counted: that is what makes generating twice harmless.
public protocol SyntheticBatchSink {
    /// Stores `rows` (values in `columns` order) in `table`, skipping those that collide with a
    /// unique key already present, and returns how many were new. Runs inside the batch's
    /// transaction.
    func insert(_ rows: ArraySlice<[DatabaseValue]>, into table: String, columns: [String]) throws -> Int
}

/// The portable sink: multi-row `INSERT … VALUES (…), (…) ON CONFLICT DO NOTHING` statements,
/// which SQLite (3.24 and later) and PostgreSQL read alike, through the connection's cached
/// prepared statements.
///
/// A statement carries up to ``rowsPerStatement`` rows, and never more than ``maximumParameters``
/// values, below both engines' limits on bound parameters (SQLite 32,766, PostgreSQL 65,535).
public struct InsertStatementSink: SyntheticBatchSink {
    public let connection: any DatabaseConnection
    public var rowsPerStatement: Int

    public static let maximumParameters = 30_000

    public init(_ connection: any DatabaseConnection, rowsPerStatement: Int = 250) {
        self.connection = connection
        self.rowsPerStatement = rowsPerStatement
    }

    public func insert(_ rows: ArraySlice<[DatabaseValue]>, into table: String, columns: [String]) throws -> Int {
        let perStatement = max(1, min(rowsPerStatement, Self.maximumParameters / max(1, columns.count)))
        var inserted = 0
        var start = rows.startIndex
        var arguments: [DatabaseValue] = []
        arguments.reserveCapacity(perStatement * columns.count)
        while start < rows.endIndex {
            let end = min(start + perStatement, rows.endIndex)
            arguments.removeAll(keepingCapacity: true)
            for row in rows[start..<end] { arguments += row }
            inserted += try connection.execute(Self.statement(connection.dialect, table: table, columns: columns, rows: end - start), arguments)
            start = end
        }
        return inserted
    }

    /// `INSERT INTO "t" ("a", "b") VALUES ($1, $2), ($3, $4) ON CONFLICT DO NOTHING`.
    static func statement(_ dialect: any SQLDialect, table: String, columns: [String], rows: Int) -> String {
        var sql = "INSERT INTO \(dialect.quote(table)) (\(columns.map(dialect.quote).joined(separator: ", "))) VALUES "
        var parameter = 0
        for row in 0..<rows {
            sql += row == 0 ? "(" : ", ("
            for column in columns.indices {
                parameter += 1
                sql += column == 0 ? "$\(parameter)" : ", $\(parameter)"
            }
            sql += ")"
        }
        return sql + " ON CONFLICT DO NOTHING"
    }
}

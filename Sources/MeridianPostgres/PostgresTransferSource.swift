import Foundation
import Meridian

/// Reads tables of a PostgreSQL database for a transfer (`meridian import`, and the read-back
/// that verifies an export) with binary `COPY (SELECT …) TO STDOUT`, one row at a time.
///
/// Each value is converted to the plan's logical type (``StreamedValue/converted(to:)``), so a
/// column the two sides type differently (text holding timestamps) still digests the same.
public final class PostgresTransferSource: TransferSource {
    public let connection: PostgresConnection
    /// The SQL condition limiting each table's rows, by table name; `nil` for all rows.
    private let condition: (String) -> String?

    /// - Parameter filters: SQL conditions by table name (`--where`).
    public convenience init(_ connection: PostgresConnection, filters: [String: String] = [:]) {
        self.init(connection, condition: { filters[$0] })
    }

    /// - Parameter condition: a `WHERE` condition for each table's rows, or `nil` for all rows.
    public init(_ connection: PostgresConnection, condition: @escaping (String) -> String?) {
        self.connection = connection
        self.condition = condition
    }

    /// PostgreSQL enforces its foreign keys; there is nothing to check beforehand.
    public func preflight(_ plan: TransferPlan) throws {}

    public func rowCount(of table: TransferPlan.Table) throws -> Int64 {
        try connection.fetchValue(Int64.self, "SELECT count(*) FROM \(connection.dialect.quote(table.name))\(condition(table))") ?? 0
    }

    public func readRows(of table: TransferPlan.Table, _ body: ([StreamedValue]) throws -> Void) throws {
        var converter = RowConverter(table: table)
        try connection.copyRows(of: query(table)) { try body(try converter.values(of: $0)) }
    }

    /// Fetches the rows into a file in the temporary folder, as they are (COPY's binary rows),
    /// to be converted and read from another thread.
    public func spool(_ table: TransferPlan.Table) throws -> (any SpooledRows)? {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("meridian-readback-\(UUID().uuidString).copy").path
        return SpooledTable(try connection.spoolRows(of: query(table), to: path), table: table)
    }

    private func query(_ table: TransferPlan.Table) -> String {
        let dialect = connection.dialect
        return "SELECT \(table.columns.map { dialect.quote($0.name) }.joined(separator: ", ")) FROM \(dialect.quote(table.name))\(condition(table))"
    }

    /// COPY gives rows in no fixed order; the writer names the row it refused by itself.
    public func describeRow(_ row: Int64, of table: TransferPlan.Table) -> String? { nil }

    private func condition(_ table: TransferPlan.Table) -> String {
        condition(table.name).map { " WHERE \($0)" } ?? ""
    }
}

/// A copied row's values as the plan's logical types, in one reused array.
private struct RowConverter {
    let table: TransferPlan.Table
    private var values: [StreamedValue] = []
    private var row: Int64 = 0

    init(table: TransferPlan.Table) {
        self.table = table
        values.reserveCapacity(table.columns.count)
    }

    mutating func values(of copied: PostgresCopyRow) throws -> [StreamedValue] {
        row += 1
        values.removeAll(keepingCapacity: true)
        for (index, column) in table.columns.enumerated() {
            do {
                values.append(try copied.streamedValue(at: index).converted(to: column.type))
            } catch let failure as StreamedValue.ConversionFailure {
                throw TransferError.badValue(table: table.name, row: row, key: nil, column: column.name, reason: failure.reason)
            }
        }
        return values
    }
}

/// A table's rows spooled by ``PostgresTransferSource/spool(_:)``.
private final class SpooledTable: SpooledRows {
    let spool: PostgresCopySpool
    let table: TransferPlan.Table

    init(_ spool: PostgresCopySpool, table: TransferPlan.Table) {
        self.spool = spool
        self.table = table
    }

    func readRows(_ body: ([StreamedValue]) throws -> Void) throws {
        var converter = RowConverter(table: table)
        try spool.forEachRow { try body(try converter.values(of: $0)) }
    }

    func remove() { spool.remove() }
}

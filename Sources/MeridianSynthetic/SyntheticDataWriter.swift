import Foundation
import Meridian

/// Writes a ``SyntheticDataset`` into a migrated reference database, streaming: rows are made
/// a batch at a time and dropped once stored, so memory stays flat at any count.
///
/// ```swift
/// let writer = SyntheticDataWriter(connection, database: "sqlite:celestial.sqlite")
/// let report = try writer.write(SyntheticDataset(seed: 42, scale: .small))
/// print(report.inserted, report.rowsPerSecond)
/// ```
///
/// **Order.** Rows with a location are written in a batch's ``SpatialOrder``, so that nearby
/// rows share pages and radius searches read fewer of them; the others in index order.
///
/// **Transactions.** Each batch (``batchSize`` rows of one table) is one transaction. A batch
/// is stored whole or not at all: a crash, a killed process or a lost connection rolls back
/// the batch in flight and keeps those before it. ``write(_:progress:shouldStop:)`` checks
/// `shouldStop` between batches, so a Ctrl-C handled by the caller ends after a commit.
///
/// **Running twice.** Event rows have name-based UUID keys (``NameBasedUUID``) and ephemerides
/// a natural key (body, epoch), and every insert leaves alone a row that collides with a unique
/// key already present (`ON CONFLICT DO NOTHING`, or its equivalent in the sink). Generating
/// the same seed and counts again therefore adds nothing; a larger count adds only the rows
/// beyond the earlier ones; an interrupted run, repeated, finishes the job. A different seed
/// adds a different dataset beside the first; a row that happens to share a natural key with
/// one already present (a USGS id, one chance in millions) is skipped and counted as present.
public struct SyntheticDataWriter {
    public let connection: any DatabaseConnection
    /// The database as shown in messages (a URL without its password).
    public let database: String
    public var sink: any SyntheticBatchSink
    /// Rows per transaction.
    public var batchSize = 10_000

    public init(_ connection: any DatabaseConnection, database: String, sink: (any SyntheticBatchSink)? = nil) {
        self.connection = connection
        self.database = database
        self.sink = sink ?? InsertStatementSink(connection)
    }

    /// Where a run stands, after each batch.
    public struct Progress: Sendable {
        public var table: SyntheticTable
        public var rowsDone: Int
        public var rowsInTable: Int
        /// Rows done in every table so far, and asked for in all.
        public var totalDone: Int
        public var total: Int
        public var elapsedSeconds: Double
    }

    /// Checks the schema, then generates and stores each table's rows in batches.
    ///
    /// - Throws: ``SyntheticDataError`` for a bad count, a missing table or column (naming the
    ///   migrations to apply) or an interruption; ``DatabaseError`` from the database, after
    ///   which the batches committed before it stay.
    @discardableResult
    public func write(
        _ dataset: SyntheticDataset, progress: (Progress) -> Void = { _ in }, shouldStop: () -> Bool = { false }
    ) throws -> SyntheticReport {
        try dataset.validate()
        let generators = dataset.plan.map { ($0.table, $0.table.generator(seed: dataset.seed), $0.rows) }
        try checkSchema(generators.map(\.1))
        let started = Date()
        var report = SyntheticReport(seed: dataset.seed, tables: [])
        var totalDone = 0
        var batch: [[DatabaseValue]] = []
        batch.reserveCapacity(batchSize)
        for (table, generator, count) in generators {
            let tableStarted = Date()
            var inserted = 0
            var done = 0
            while done < count {
                if shouldStop() { throw SyntheticDataError.interrupted(rowsWritten: totalDone) }
                let end = min(done + batchSize, count)
                batch.removeAll(keepingCapacity: true)
                for index in done..<end { batch.append(generator.row(index)) }
                if let column = generator.locationColumn.flatMap(generator.columns.firstIndex(of:)) {
                    SpatialOrder.sort(&batch, byPointIn: column)
                }
                inserted += try connection.transaction {
                    try sink.insert(batch[...], into: generator.table, columns: generator.columns)
                }
                totalDone += end - done
                done = end
                progress(Progress(
                    table: table, rowsDone: done, rowsInTable: count, totalDone: totalDone, total: dataset.totalRows,
                    elapsedSeconds: Date().timeIntervalSince(started)))
            }
            report.tables.append(.init(table: table, rows: count, inserted: inserted, seconds: Date().timeIntervalSince(tableStarted)))
        }
        return report
    }

    /// Refuses a database that lacks a table or column the generators fill.
    private func checkSchema(_ generators: [any SyntheticTableGenerator]) throws {
        guard !generators.isEmpty else { return }
        let schema = try connection.inspectSchema()
        for generator in generators {
            guard let table = schema.table(generator.table) else {
                throw SyntheticDataError.schemaMissing(table: generator.table, column: nil, database: database)
            }
            if let missing = generator.columns.first(where: { table.column($0) == nil }) {
                throw SyntheticDataError.schemaMissing(table: generator.table, column: missing, database: database)
            }
        }
    }
}

/// What a run of ``SyntheticDataWriter`` did, per table.
public struct SyntheticReport: Sendable, Equatable, Codable {
    public struct Table: Sendable, Equatable, Codable {
        public var table: String
        /// Rows generated.
        public var rows: Int
        /// Rows that were new; the others were present already.
        public var inserted: Int
        public var seconds: Double

        init(table: SyntheticTable, rows: Int, inserted: Int, seconds: Double) {
            self.table = table.name
            self.rows = rows
            self.inserted = inserted
            self.seconds = seconds
        }

        public var present: Int { rows - inserted }
    }

    public var seed: UInt64
    public var tables: [Table]

    public var rows: Int { tables.reduce(0) { $0 + $1.rows } }
    public var inserted: Int { tables.reduce(0) { $0 + $1.inserted } }
    public var seconds: Double { tables.reduce(0) { $0 + $1.seconds } }
    /// Rows generated and stored (or found present) per second of the whole run.
    public var rowsPerSecond: Double { seconds > 0 ? Double(rows) / seconds : 0 }
}

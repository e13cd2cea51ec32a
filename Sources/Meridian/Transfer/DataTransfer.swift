import Foundation

/// Moves the rows of a ``TransferPlan`` from a source to a target in one transaction, and
/// proves they arrived: the engine behind `meridian export` and `meridian import`.
///
/// ```swift
/// let target = PostgresTransferTarget(postgres)
/// let report = try DataTransfer().run(from: SQLiteTransferSource(sqlite), to: target) {
///     try TransferPlan(source: try sqlite.inspectSchema(), target: try postgres.inspectSchema())
/// }
/// ```
///
/// In order: the target's transaction, in which `planning` runs (so schema changes it makes,
/// migrations or created tables, commit with the rows or not at all); the source's own check
/// (``TransferSource/preflight(_:)``) and row counts; the refusal of a non-empty target
/// (``TransferMode/refuse``); then each table in foreign-key order, streamed row by row. With
/// ``verify`` each source row is digested as it passes (``TableDigest``), and before committing
/// the target reads back what it wrote and digests it the same way; any difference rolls
/// everything back. Any error, and a killed process or a dropped connection, leaves the target
/// as it was.
public struct DataTransfer {
    public var mode: TransferMode
    /// Digest both sides and compare before committing.
    public var verify: Bool
    public var progress: (any TransferProgress)?

    /// How often ``TransferProgress/rowsMoved(_:)`` is called.
    static let progressInterval: Int64 = 8_192

    public init(mode: TransferMode = .refuse, verify: Bool = true, progress: (any TransferProgress)? = nil) {
        self.mode = mode
        self.verify = verify
        self.progress = progress
    }

    /// Runs the transfer; `planning` runs first inside the target's transaction and returns
    /// what to move.
    public func run(from source: any TransferSource, to target: any TransferTarget, planning: () throws -> TransferPlan) throws -> TransferReport {
        let started = DispatchTime.now()
        defer { progress?.finished() }
        let readBack = verify ? target.writtenRows(mode: mode) : nil
        try target.begin()
        do {
            let plan = try planning()
            if mode == .upsert, let table = plan.tables.first(where: { $0.primaryKey.isEmpty }) {
                throw TransferError.noPrimaryKey(table: table.name)
            }
            try source.preflight(plan)
            let sourceRows = try plan.tables.map { try source.rowCount(of: $0) }
            let targetRows = try plan.tables.map { try target.rowCount(of: $0.name) }
            if mode == .refuse {
                let occupied = zip(plan.tables, targetRows).filter { $1 > 0 }.map { TransferError.TableCount(table: $0.name, rows: $1) }
                guard occupied.isEmpty else { throw TransferError.targetNotEmpty(occupied) }
            }
            try target.prepare(plan, mode: mode, sourceRows: sourceRows, targetRows: targetRows)
            var tables: [TransferReport.Table] = []
            for (table, rows) in zip(plan.tables, sourceRows) {
                tables.append(try copy(table, expecting: rows, from: source, to: target, digesting: readBack != nil))
            }
            let spooled = try readBack.map { try spool(plan, from: $0) } ?? nil
            let digesting = spooled.map { BackgroundDigests(spooled: $0) }
            defer {
                _ = try? digesting?.wait()
                spooled?.forEach { $0.remove() }
            }
            progress?.phase("building indexes")
            try rejected(in: nil, source: source) { try target.finish(plan) }
            if let digesting {
                progress?.phase("verifying")
                try compare(plan, &tables, with: try digesting.wait())
            } else if let readBack {
                try compare(plan, &tables, with: try plan.tables.map { table in
                    progress?.phase("verifying \(table.name)")
                    return try Self.digest { try readBack.readRows(of: table, $0) }
                })
            }
            progress?.phase("committing")
            try target.commit()
            return TransferReport(mode: mode, verified: readBack != nil, tables: tables, milliseconds: Self.milliseconds(since: started))
        } catch {
            target.rollback()
            throw error
        }
    }

    private func copy(
        _ table: TransferPlan.Table, expecting rows: Int64, from source: any TransferSource, to target: any TransferTarget, digesting: Bool
    ) throws -> TransferReport.Table {
        let started = DispatchTime.now()
        progress?.tableStarted(table.name, rows: rows)
        var digest = TableDigest()
        var hasher = RowHasher()
        var read: Int64 = 0
        let written = try rejected(in: table, source: source) {
            try target.write(table, mode: mode) { write in
                try source.readRows(of: table) { row in
                    if digesting { try hasher.add(row, to: &digest) }
                    try write(row)
                    read += 1
                    if read % Self.progressInterval == 0 { progress?.rowsMoved(read) }
                }
            }
        }
        progress?.rowsMoved(read)
        return TransferReport.Table(
            table: table.name, sourceRows: read, writtenRows: written, sourceDigest: digesting ? digest : nil, targetDigest: nil,
            milliseconds: Self.milliseconds(since: started))
    }

    /// The target's rows of every table read into files now, before the indexes are built, so
    /// that digesting them overlaps with building; `nil` when the target does not spool.
    private func spool(_ plan: TransferPlan, from target: any TransferSource) throws -> [any SpooledRows]? {
        var spooled: [any SpooledRows] = []
        do {
            for table in plan.tables {
                progress?.phase("reading back \(table.name)")
                guard let rows = try target.spool(table) else {
                    spooled.forEach { $0.remove() }
                    return nil
                }
                spooled.append(rows)
            }
        } catch {
            spooled.forEach { $0.remove() }
            throw error
        }
        return spooled
    }

    /// The digest of the rows `read` gives.
    static func digest(_ read: (([StreamedValue]) throws -> Void) throws -> Void) throws -> TableDigest {
        var digest = TableDigest()
        var hasher = RowHasher()
        try read { row in try hasher.add(row, to: &digest) }
        return digest
    }

    /// Puts the target's digests in the report and throws if any differs from the source's.
    private func compare(_ plan: TransferPlan, _ tables: inout [TransferReport.Table], with digests: [TableDigest]) throws {
        var differences: [String] = []
        for (index, table) in plan.tables.enumerated() {
            tables[index].targetDigest = digests[index]
            if tables[index].matches == false, let source = tables[index].sourceDigest {
                differences.append("table \(table.name): the source has \(source), the target \(digests[index])")
            }
        }
        guard differences.isEmpty else { throw TransferError.verificationFailed(differences) }
    }

    /// Runs a target step, turning a database error into a ``TransferError/rowRejected(table:row:key:reason:)``
    /// that names the table and, for a row of a COPY, the source row by its key.
    private func rejected<T>(in table: TransferPlan.Table?, source: any TransferSource, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch var error as DatabaseError {
            guard let name = table?.name ?? error.table else { throw error }
            if error.kind == .connection { throw TransferError.connectionLost(table: name, reason: error.reason) }
            let row = table != nil ? error.line.map(Int64.init) : nil
            let key = row.flatMap { row in table.flatMap { source.describeRow(row, of: $0) } }
            error.sql = nil
            error.line = nil
            throw TransferError.rowRejected(table: name, row: row, key: key, reason: error.description)
        }
    }

    static func milliseconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1_000_000
    }
}

/// Digests spooled rows on a thread of their own, while the caller goes on (building indexes).
private final class BackgroundDigests: @unchecked Sendable {
    private let spooled: [any SpooledRows]
    private let done = DispatchSemaphore(value: 0)
    private var result: Result<[TableDigest], any Error> = .success([])

    init(spooled: [any SpooledRows]) {
        self.spooled = spooled
        let thread = Thread { [self] in
            result = Result { try spooled.map { rows in try DataTransfer.digest { try rows.readRows($0) } } }
            done.signal()
        }
        thread.stackSize = 1 << 20
        thread.start()
    }

    /// The digests, in the order of the spooled tables, once the thread is done; may be
    /// called again.
    func wait() throws -> [TableDigest] {
        done.wait()
        done.signal()
        return try result.get()
    }
}

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
/// (``TransferMode/refuse``); then each table in foreign-key order, streamed row by row; then
/// the target's indexes and sequences (``TransferTarget/finish(_:)``). With ``verify`` both sides
/// are digested the same way (``TableDigest``) before the commit: the target's rows read back
/// inside the transaction, the source's through a second session. Where the endpoints allow
/// (``TransferSource/spool(_:)``, ``TransferSource/anotherReader()``) the digests are computed
/// on a thread of their own while the target builds its indexes; otherwise as the rows pass.
/// Any difference rolls everything back. Any error, and a killed process or a dropped
/// connection, leaves the target as it was.
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
            // The source is digested later, on another session, when it can be; else as it is read.
            let laterSource = readBack != nil ? try source.anotherReader() : nil
            var tables: [TransferReport.Table] = []
            for (table, rows) in zip(plan.tables, sourceRows) {
                tables.append(try copy(table, expecting: rows, from: source, to: target, digesting: readBack != nil && laterSource == nil))
            }
            let spooled = try readBack.map { try spool(plan, from: $0) } ?? nil
            var jobs: [() throws -> TableDigest] = []
            if let laterSource {
                jobs += plan.tables.map { table in { try Self.digest { try laterSource.readRows(of: table, $0) } } }
            }
            if let spooled {
                jobs += spooled.map { rows in { try Self.digest { try rows.readRows($0) } } }
            }
            let background = jobs.isEmpty ? nil : BackgroundDigests(jobs)
            defer {
                _ = try? background?.wait()
                spooled?.forEach { $0.remove() }
            }
            progress?.phase("building indexes")
            try rejected(in: nil, source: source) { try target.finish(plan) }
            if let readBack {
                progress?.phase("verifying")
                var digests = try background?.wait() ?? []
                if laterSource != nil {
                    for index in tables.indices { tables[index].sourceDigest = digests.removeFirst() }
                }
                if spooled == nil {
                    digests = try plan.tables.map { table in try Self.digest { try readBack.readRows(of: table, $0) } }
                }
                try compare(plan, &tables, with: digests)
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
                // The target's refusals pass through the source's reading loop: marked on the
                // way out, so that what is left is the source's own failure.
                do {
                    try source.readRows(of: table) { row in
                        if digesting { try hasher.add(row, to: &digest) }
                        do { try write(row) } catch { throw TargetFailure(error: error) }
                        read += 1
                        if read % Self.progressInterval == 0 { progress?.rowsMoved(read) }
                    }
                } catch let failure as TargetFailure {
                    throw failure.error
                } catch let error as DatabaseError {
                    throw TransferError.sourceUnreadable(table: table.name, reason: error.description)
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

/// An error the target raised while a row was handed to it inside the source's reading loop.
private struct TargetFailure: Error {
    let error: any Error
}

/// Digests tables on a thread of their own, one job after another, while the caller goes on
/// (building indexes). Each job reads through a session no other thread uses.
///
/// `@unchecked Sendable`: the thread writes `result` once and then signals `done`; callers read
/// it only after waiting on `done`, and the jobs' sessions are used by that thread alone.
private final class BackgroundDigests: @unchecked Sendable {
    private let jobs: [() throws -> TableDigest]
    private let done = DispatchSemaphore(value: 0)
    private var result: Result<[TableDigest], any Error> = .success([])

    init(_ jobs: [() throws -> TableDigest]) {
        self.jobs = jobs
        let thread = Thread { [self] in
            result = Result { try self.jobs.map { try $0() } }
            done.signal()
        }
        thread.stackSize = 1 << 20
        thread.start()
    }

    /// The digests, in the order of the jobs, once the thread is done; may be called again.
    func wait() throws -> [TableDigest] {
        done.wait()
        done.signal()
        return try result.get()
    }
}

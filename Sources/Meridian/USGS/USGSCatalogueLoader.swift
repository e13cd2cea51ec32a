/// Loads the USGS FDSN event CSV format into the reference schema's `earthquakes` table.
///
/// ```swift
/// var reader = CSVReader(fileDescriptor: file.fileDescriptor)
/// let report = try USGSCatalogueLoader(connection: db, onError: .skip).load(&reader)
/// print(report.inserted, report.updated, report.unchanged, report.rejected)
/// ```
///
/// The whole load is one transaction. Events are upserted by `usgs_id`: a revision with a later
/// `updated` replaces the stored event, the same or an earlier one leaves it as it is, so
/// loading a file twice changes nothing. By default only events of type `earthquake` are loaded
/// (``types``); the others (`quarry blast`, `explosion`, `ice quake`, …) are counted as ignored,
/// and a row with an empty `type` is a bad row.
///
/// A record that cannot be loaded (bad quoting, a wrong number of fields, an empty id, a time
/// that is not one, a latitude of 95, a magnitude outside the table's −2…10, …) is reported
/// with its line. With ``ErrorPolicy/reject`` (the default) the load then writes nothing and
/// throws ``USGSCatalogueError/rejected(_:)`` once the whole input has been checked; with
/// ``ErrorPolicy/skip`` the good records are loaded and the report lists the bad ones.
///
/// Memory stays flat however long the input: records are read one at a time and written in
/// batches of ``batchSize``.
public struct USGSCatalogueLoader {
    /// What to do with records that cannot be loaded.
    public enum ErrorPolicy: String, Sendable, CaseIterable {
        /// Load nothing if any record is bad.
        case reject
        /// Load the good records and report the bad ones.
        case skip
    }

    public var connection: any DatabaseConnection
    public var onError: ErrorPolicy
    /// The event types to load; `nil` loads every type.
    public var types: Set<String>?
    /// Events per upsert statement.
    public var batchSize: Int
    /// Called every ``progressInterval`` records.
    public var progress: ((USGSLoadProgress) -> Void)?
    public var progressInterval = 10_000

    public init(
        connection: any DatabaseConnection, onError: ErrorPolicy = .reject, types: Set<String>? = ["earthquake"], batchSize: Int = 250,
        progress: ((USGSLoadProgress) -> Void)? = nil
    ) {
        self.connection = connection
        self.onError = onError
        self.types = types
        self.batchSize = Swift.max(batchSize, 1)
        self.progress = progress
    }

    /// Reads every record of `reader` and loads the events; returns what was done.
    ///
    /// - Throws: ``USGSCatalogueError`` (no `earthquakes` table, a header without the required
    ///   columns, bad rows under ``ErrorPolicy/reject``, a batch the database refused),
    ///   ``CSVError`` for an unreadable input. The database is left as it was.
    public func load(_ reader: inout CSVReader) throws -> USGSLoadReport {
        try checkTable()
        guard let header = try reader.next() else { throw USGSCatalogueError.emptyInput }
        let columns = try USGSCatalogueColumns(header: header)
        if types != nil, columns.type == nil { throw USGSCatalogueError.noTypeColumn }

        var report = USGSLoadReport()
        var batch = EarthquakeBatch()
        var writing = true
        func write() throws {
            let counts = try batch.write(to: connection)
            report.inserted += counts.inserted
            report.updated += counts.updated
            report.unchanged += counts.unchanged
        }
        do {
            try connection.transaction {
                while let record = try reader.next() {
                    report.rows += 1
                    if let progress, report.rows % progressInterval == 0 {
                        progress(USGSLoadProgress(rows: report.rows, bytesRead: reader.bytesRead))
                    }
                    // Only a row that names another type is ignored; one that names none is a bad
                    // row, not quietly counted among the quarry blasts.
                    let type = USGSEvent.type(of: record, columns: columns) ?? ""
                    if let types, record.problem == nil, record.count == columns.count, !type.isEmpty, !types.contains(type) {
                        report.ignored += 1
                        continue
                    }
                    let event: USGSEvent
                    do throws(USGSRowError) {
                        event = try USGSEvent(record, columns: columns)
                        if types != nil, type.isEmpty {
                            throw USGSRowError("type is empty, so the row is neither an earthquake nor another kind of event: fill it in, or load rows of every type with --type all")
                        }
                    } catch {
                        report.reject(line: record.line, reason: error.reason)
                        if onError == .reject {
                            writing = false
                            batch.removeAll()
                        }
                        continue
                    }
                    guard writing else { continue }
                    if !batch.canAdd(event) || batch.count == batchSize { try write() }
                    batch.add(event, line: record.line)
                }
                if writing { try write() }
                if !writing { throw RolledBack() }
            }
        } catch is RolledBack {
            report.inserted = 0
            report.updated = 0
            report.unchanged = 0
            throw USGSCatalogueError.rejected(report)
        }
        return report
    }

    /// Thrown inside the transaction to roll it back after bad rows under ``ErrorPolicy/reject``.
    private struct RolledBack: Error {}

    /// Fails early, before reading the input, when the table is missing or not the reference one.
    private func checkTable() throws {
        let dialect = connection.dialect
        guard try connection.fetchValue(Int64.self, dialect.tableExistsSQL, [.text("earthquakes")]) == 1 else {
            throw USGSCatalogueError.notMigrated
        }
        let columns = EarthquakeBatch.columns.map(dialect.quote).joined(separator: ", ")
        do {
            _ = try connection.fetchAll("SELECT \(columns) FROM \(dialect.quote("earthquakes")) WHERE 1 = 0")
        } catch let error as DatabaseError {
            throw USGSCatalogueError.incompatibleTable(reason: error.reason)
        }
    }
}

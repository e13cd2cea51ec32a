import CMeridianLibPQ
import Foundation
import Meridian

/// Bulk rows in and out with `COPY … FROM STDIN` and `COPY … TO STDOUT`, streamed through libpq
/// (`PQputCopyData`, `PQgetCopyData`) so neither side holds a table in memory.
extension PostgresConnection {
    /// Streams rows into `table` with `COPY … FROM STDIN`; returns the number of rows the server
    /// stored.
    ///
    /// ```swift
    /// let format = try db.copyFormat(table: "stations", columns: ["id", "code"])
    /// try db.copy(into: "stations", columns: ["id", "code"], format: format) { writer in
    ///     try writer.writeRow([.int(1), .text("KEV")])
    /// }
    /// ```
    ///
    /// When `body` throws, the COPY is cancelled (`PQputCopyEnd` with a message) and nothing it
    /// sent is stored; the error from `body` is rethrown. A server error (a constraint, a value
    /// the column refuses, a dropped connection) is thrown as a ``DatabaseError`` naming the
    /// table and, where the server says, the column and the 1-based row of the COPY data
    /// (``DatabaseError/line``).
    @discardableResult
    public func copy(
        into table: String, columns: [String], format: PostgresCopyEncoder.Format,
        _ body: (PostgresCopyWriter) throws -> Void
    ) throws -> Int {
        let sql = "COPY \(dialect.quote(table)) (\(columns.map(dialect.quote).joined(separator: ", "))) FROM STDIN"
            + (format == .binary ? " WITH (FORMAT binary)" : "")
        let start = try exec(sql)
        let status = start.map(PQresultStatus) ?? PGRES_FATAL_ERROR
        defer { PQclear(start) }
        guard status == PGRES_COPY_IN else {
            throw PostgresError.make(result: start, connection: handle, sql: sql)
        }
        let writer = PostgresCopyWriter(connection: self, format: format, table: table, sql: sql)
        do {
            try body(writer)
            try writer.flush(final: true)
        } catch {
            _ = PQputCopyEnd(handle, "meridian cancelled the COPY")
            drainResults()
            throw error
        }
        guard PQputCopyEnd(handle, nil) == 1 else { throw copyFailure(sql: sql, table: table) }
        return try finishCopy(sql: sql, table: table)
    }

    /// Streams the rows of a query with `COPY (query) TO STDOUT` in the binary format, one row
    /// at a time, and returns how many there were.
    ///
    /// ```swift
    /// try db.copyRows(of: "SELECT id, location FROM stations") { row in
    ///     let id = try row.value(at: 0)
    /// }
    /// ```
    ///
    /// Memory stays flat however large the result: libpq hands over one row per call and the
    /// row is read in place. Columns of types without a binary reader (`numeric`, `interval`,
    /// arrays, …) are sent as their text output and read as ``PostgresConnection/fetchAll(_:_:)``
    /// reads them. The query takes no parameters (COPY has none).
    @discardableResult
    public func copyRows(of query: String, _ body: (PostgresCopyRow) throws -> Void) throws -> Int {
        let row = try describeCopyRow(query)
        var rows = 0
        try copyOut(query, describedAs: row) { message in
            var offset = 0
            while offset < message.count, let next = try row.read(message, at: offset) {
                try body(row)
                rows += 1
                offset = next
            }
        }
        return rows
    }

    /// Runs `COPY (query) TO STDOUT` in the binary format and hands each message of rows to
    /// `body`, the header taken off the first; reads on to the end after a failure, then throws it.
    private func copyOut(_ query: String, describedAs row: PostgresCopyRow, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        let selected = row.fields.contains(where: \.needsTextOutput)
            ? "SELECT " + zip(row.columnNames, row.fields).map { name, field in
                "q.\(dialect.quote(name))" + (field.needsTextOutput ? "::text" : "")
            }.joined(separator: ", ") + " FROM (\(query)) AS q"
            : query
        let sql = "COPY (\(selected)) TO STDOUT WITH (FORMAT binary)"
        let start = try exec(sql)
        defer { PQclear(start) }
        guard start.map(PQresultStatus) == PGRES_COPY_OUT else {
            throw PostgresError.make(result: start, connection: handle, sql: sql)
        }
        var headerRead = false
        var failure: (any Error)?
        while true {
            var buffer: UnsafeMutablePointer<CChar>?
            let length = PQgetCopyData(handle, &buffer, 0)
            guard length > 0, let buffer else {
                if length == -2 { failure = failure ?? PostgresError.make(result: nil, connection: handle, sql: sql) }
                break
            }
            defer { PQfreemem(buffer) }
            guard failure == nil else { continue }  // drain the rest, then report
            do {
                var message = UnsafeRawBufferPointer(start: buffer, count: Int(length))
                if !headerRead {
                    message = UnsafeRawBufferPointer(rebasing: message[try Self.skipCopyHeader(message)...])
                    headerRead = true
                }
                try body(message)
            } catch {
                failure = error
            }
        }
        while let result = PQgetResult(handle) {
            defer { PQclear(result) }
            if failure == nil, PQresultStatus(result) != PGRES_COMMAND_OK {
                failure = PostgresError.make(result: result, connection: handle, sql: sql)
            }
        }
        if let failure { throw failure }
    }

    /// Reads the rows of `query` with binary `COPY` into a file at `path`, to be read again with
    /// ``PostgresCopySpool/forEachRow(_:)``, from any thread, while this connection goes on.
    public func spoolRows(of query: String, to path: String) throws -> PostgresCopySpool {
        let row = try describeCopyRow(query)
        let writer = try PostgresCopySpool.Writer(path: path)
        do {
            try copyOut(query, describedAs: row) { try writer.append($0) }
            try writer.close()
        } catch {
            writer.abandon()
            throw error
        }
        return PostgresCopySpool(path: path, columnNames: row.columnNames, fields: row.fields)
    }

    /// The columns `query` returns and how to read each, from the server's description of it.
    private func describeCopyRow(_ query: String) throws -> PostgresCopyRow {
        let prepared = try prepare("", query, types: [])
        defer { PQclear(prepared) }
        guard prepared.map(PQresultStatus) == PGRES_COMMAND_OK else {
            throw PostgresError.make(result: prepared, connection: handle, sql: query)
        }
        let description = PQdescribePrepared(handle, "")
        defer { PQclear(description) }
        guard let description, PQresultStatus(description) == PGRES_COMMAND_OK else {
            throw PostgresError.make(result: description, connection: handle, sql: query)
        }
        var names: [String] = []
        var fields: [PostgresCopyRow.Field] = []
        for column in 0..<PQnfields(description) {
            let oid = PQftype(description, column)
            names.append(String(cString: PQfname(description, column)))
            if PostgresValues.kind(ofBuiltIn: oid) != nil {
                fields.append(PostgresCopyRow.Field(builtIn: oid))
            } else {
                fields.append(try kind(ofType: oid, sql: query) == .geometry ? .geometry : .textOutput(.text))
            }
        }
        return PostgresCopyRow(columnNames: names, fields: fields)
    }

    /// The offset after the binary COPY header (signature, flags, extension) at the start of
    /// the first message.
    private static func skipCopyHeader(_ message: UnsafeRawBufferPointer) throws(DatabaseError) -> Int {
        let signature = PostgresCopyEncoder.binarySignature
        guard message.count >= 19, message.prefix(signature.count).elementsEqual(signature) else {
            throw DatabaseError(.decoding, "the binary COPY data from PostgreSQL does not start with its signature")
        }
        let extensionLength = Int(message.loadUnaligned(fromByteOffset: 15, as: UInt32.self).bigEndian)
        guard message.count >= 19 + extensionLength else {
            throw DatabaseError(.decoding, "the binary COPY header from PostgreSQL is cut short")
        }
        return 19 + extensionLength
    }

    /// The format ``copy(into:columns:format:_:)`` should use for these columns: binary when
    /// each has the PostgreSQL type of a logical type (what binary fields Meridian writes),
    /// text when any has another type (`integer`, `numeric`, `json`, …), which the server then
    /// parses with that type's own input function.
    public func copyFormat(table: String, columns: [String]) throws -> PostgresCopyEncoder.Format {
        let types = try fetchAll(
            "SELECT a.attname::text, t.typname::text FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped",
            [.text(dialect.quote(table))])
        let byName = Dictionary(types.map { (($0[0].description), $0[1].description) }, uniquingKeysWith: { a, _ in a })
        let binary = columns.allSatisfy { byName[$0].map(Self.binaryCopyTypes.contains) ?? false }
        return binary ? .binary : .text
    }

    /// Types whose binary input reads exactly the fields ``PostgresCopyEncoder`` writes.
    static let binaryCopyTypes: Set<String> = [
        "int8", "float8", "text", "varchar", "bool", "uuid", "timestamptz", "date", "jsonb", "bytea", "geometry", "geography",
    ]

    /// Sends the writer's buffer.
    ///
    /// libpq leaves the server's messages unread during a COPY IN, so an error the server raised
    /// for an early row surfaces when the COPY ends; the server discards the rows sent after it.
    func putCopyData(_ bytes: [UInt8], sql: String, table: String) throws {
        let sent = bytes.withUnsafeBytes { raw in
            PQputCopyData(handle, raw.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(raw.count))
        }
        guard sent == 1 else { throw copyFailure(sql: sql, table: table) }
    }

    /// The COPY's final result: rows stored, or the server's error.
    private func finishCopy(sql: String, table: String) throws -> Int {
        var rows = 0
        var failure: DatabaseError?
        while let result = PQgetResult(handle) {
            defer { PQclear(result) }
            if PQresultStatus(result) == PGRES_COMMAND_OK {
                rows = Int(String(cString: PQcmdTuples(result))) ?? 0
            } else if failure == nil {
                failure = Self.copyError(PostgresError.make(result: result, connection: handle, sql: sql), result: result, table: table)
            }
        }
        if let failure { throw failure }
        return rows
    }

    /// The error that ended a COPY whose data could not be sent: the server's, if it sent one.
    private func copyFailure(sql: String, table: String) -> DatabaseError {
        let message = String(cString: PQerrorMessage(handle))
        if PQstatus(handle) != CONNECTION_OK {
            return DatabaseError(
                .connection, "the connection to PostgreSQL broke during the COPY into \(table): \(message.split(separator: "\n").first ?? "")",
                table: table, nativeMessage: message, sql: sql)
        }
        do {
            _ = try finishCopy(sql: sql, table: table)
        } catch let error as DatabaseError {
            return error
        } catch {}
        return DatabaseError(.connection, "the COPY into \(table) failed: \(message)", table: table, nativeMessage: message, sql: sql)
    }

    private func drainResults() {
        while let result = PQgetResult(handle) { PQclear(result) }
    }

    /// Adds where in the COPY the server stopped (`COPY t, line 12, column at`), without the
    /// value it may quote: the column, and the 1-based row of the COPY data as ``DatabaseError/line``.
    static func copyError(_ error: DatabaseError, result: OpaquePointer, table: String) -> DatabaseError {
        var error = error
        if error.table == nil { error.table = table }
        guard let context = PQresultErrorField(result, Int32(UInt8(ascii: "W"))).map({ String(cString: $0) }),
              let copyLine = context.split(separator: "\n").first(where: { $0.hasPrefix("COPY ") })
        else { return error }
        let parts = copyLine.split(separator: ",", maxSplits: 2).map { $0.trimmingCharacters(in: .whitespaces) }
        if parts.count > 1, parts[1].hasPrefix("line "), let row = Int(parts[1].dropFirst(5).prefix { $0.isNumber }) {
            error.line = row
        }
        if parts.count > 2, parts[2].hasPrefix("column ") {
            let column = parts[2].dropFirst(7)
            error.column = String(column.prefix { $0 != ":" })
        }
        return error
    }
}

/// Rows going into a `COPY … FROM STDIN`, handed to the body of
/// ``PostgresConnection/copy(into:columns:format:_:)``.
///
/// Rows are encoded into one reused buffer and sent a megabyte at a time, so memory stays flat
/// however many rows go through.
public final class PostgresCopyWriter {
    private unowned let connection: PostgresConnection
    private var encoder: PostgresCopyEncoder
    private let table: String
    private let sql: String
    /// Rows written so far.
    public private(set) var rows = 0
    private static let flushSize = 1 << 20

    init(connection: PostgresConnection, format: PostgresCopyEncoder.Format, table: String, sql: String) {
        self.connection = connection
        self.table = table
        self.sql = sql
        encoder = PostgresCopyEncoder(format: format, capacity: Self.flushSize + (64 << 10))
    }

    public var format: PostgresCopyEncoder.Format { encoder.format }

    /// Appends one row of borrowed values (a transfer's hot path), the first `count` of
    /// `values` (all by default), in the column order given to `copy`.
    @inline(__always)
    public func writeStreamedRow(_ values: [StreamedValue], count: Int? = nil) throws {
        rows += 1
        if Self.encode(values, count: count ?? values.count, into: &encoder) { try flush(final: false) }
    }

    /// Encodes a row in one access to the encoder (a class property, so each access is checked
    /// for exclusivity at run time); returns whether the buffer is due to be sent.
    @inline(__always)
    private static func encode(_ values: [StreamedValue], count: Int, into encoder: inout PostgresCopyEncoder) -> Bool {
        encoder.beginRow(fieldCount: count)
        for index in 0..<count { encoder.append(values[index]) }
        encoder.endRow()
        return encoder.bytes.count >= flushSize
    }

    /// Appends one row, in the column order given to `copy`. Each value passes ``ValueContract``
    /// first, as a bound statement parameter does (NaN and NUL refused, −0.0 stored as 0.0), so a
    /// COPY stores what an INSERT of the same values would.
    public func writeRow(_ values: [DatabaseValue]) throws {
        var checked: [DatabaseValue] = []
        checked.reserveCapacity(values.count)
        for (index, value) in values.enumerated() {
            do {
                checked.append(try ValueContract.checked(value, naming: "COPY column \(index + 1)"))
            } catch {
                var refused = error
                refused.table = table
                throw refused
            }
        }
        encoder.beginRow(fieldCount: checked.count)
        for value in checked { value.withStreamedValue { encoder.append($0) } }
        encoder.endRow()
        rows += 1
        if encoder.bytes.count >= Self.flushSize { try flush(final: false) }
    }

    func flush(final: Bool) throws {
        if final { encoder.appendTrailer() }
        guard !encoder.bytes.isEmpty else { return }
        try connection.putCopyData(encoder.bytes, sql: sql, table: table)
        encoder.removeAll()
    }
}

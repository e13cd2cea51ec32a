import Foundation
import Meridian

/// Writes a transfer as an SQL script for psql (`meridian export --to FILE.sql`), for servers
/// the machine holding the data cannot reach.
///
/// ```
/// psql -X -f export.sql "postgres://app@db.example.com/events"
/// ```
///
/// The script stops at its first error (`\set ON_ERROR_STOP on`) and runs in one transaction.
/// Before any row it checks what a live export checks: the target's migrations are the
/// source's, and under ``TransferMode/refuse`` the tables are empty; after each table it checks
/// the row count. Rows are `COPY … FROM stdin` blocks in the text format, which psql reads
/// inline. The file appears under its name only when complete (it is written beside it and
/// renamed), so a failed export leaves no half script.
public final class PostgresScriptTarget: TransferTarget {
    public let path: String
    private let partialPath: String
    private let sourceName: String
    private let migrations: [AppliedMigration]
    private var handle: FileHandle?
    private var encoder = PostgresCopyEncoder(format: .text, capacity: 1 << 20)
    private let dialect = PostgresDialect()
    private var mode = TransferMode.refuse

    /// - Parameter migrations: the source's applied migrations, which the target must match.
    public init(path: String, sourceName: String, migrations: [AppliedMigration]) throws {
        self.path = path
        partialPath = path + ".partial"
        self.sourceName = sourceName
        self.migrations = migrations
        guard FileManager.default.createFile(atPath: partialPath, contents: nil), let handle = FileHandle(forWritingAtPath: partialPath) else {
            throw DatabaseError(.other, "cannot write \(partialPath): check that its folder exists and is writable")
        }
        self.handle = handle
    }

    private func emit(_ text: String) {
        encoder.append(raw: text)
        flushIfFull()
    }

    private func flushIfFull(force: Bool = false) {
        guard force || encoder.bytes.count >= 1 << 20 else { return }
        handle?.write(Data(encoder.bytes))
        encoder.removeAll()
    }

    /// Adds the statements of `--create-schema` (PostGIS first when a table has geometry).
    public func create(_ copy: SchemaCopy) {
        if copy.tables.contains(where: { $0.columns.contains(where: \.isGeometry) }) {
            emit("CREATE EXTENSION IF NOT EXISTS postgis;\n")
        }
        for statement in copy.statements(dialect) { emit(statement.sql + ";\n") }
    }

    public func begin() throws {
        emit("""
            -- Rows of \(sourceName), written by meridian export at \(Timestamp.now().iso8601).
            -- Load with: psql -X -f \((path as NSString).lastPathComponent) "postgres://user@host/dbname"
            \\set ON_ERROR_STOP on
            SET client_encoding = 'UTF8';
            SET standard_conforming_strings = on;
            BEGIN;

            """)
        guard let last = migrations.last else { return }
        // Compared as text in byte order on both sides, whatever order the layout gives versions.
        let expected = migrations.map { "\($0.version.id) \($0.slug)" }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            .joined(separator: ", ")
        let version = last.version.description
        let table = MigrationHistory.tableName
        emit("""
            DO $meridian$
            BEGIN
              IF to_regclass('\(table)') IS NULL THEN
                RAISE EXCEPTION 'the target has no \(table) table; migrate it to version \(version) first (meridian migrate up)';
              END IF;
              IF (SELECT string_agg(version::text || ' ' || slug, ', ' ORDER BY version::text || ' ' || slug COLLATE "C") FROM \(table)) IS DISTINCT FROM \(dialect.literal(expected)) THEN
                RAISE EXCEPTION 'the target is not at migration version \(version), as \(sourceName.replacingOccurrences(of: "'", with: "''")) is: migrate it to the same version first';
              END IF;
            END
            $meridian$;

            """)
    }

    /// Unknown until psql runs the script, which checks it then.
    public func rowCount(of table: String) throws -> Int64 { 0 }

    public func prepare(_ plan: TransferPlan, mode: TransferMode, sourceRows: [Int64], targetRows: [Int64]) throws {
        self.mode = mode
        let tables = plan.tables.map { dialect.quote($0.name) }
        switch mode {
        case .refuse:
            let checks = plan.tables.map { table in
                "  IF EXISTS (SELECT 1 FROM \(dialect.quote(table.name))) THEN RAISE EXCEPTION \(dialect.literal("table \(table.name) already holds rows; the script loads into empty tables (export again with --replace, --append or --upsert)")); END IF;"
            }
            if !checks.isEmpty { emit("DO $meridian$\nBEGIN\n" + checks.joined(separator: "\n") + "\nEND\n$meridian$;\n\n") }
        case .replace:
            if !tables.isEmpty { emit("TRUNCATE \(tables.joined(separator: ", "));\n\n") }
        case .append, .upsert:
            break
        }
    }

    public func write(_ table: TransferPlan.Table, mode: TransferMode, rows: (([StreamedValue]) throws -> Void) throws -> Void) throws -> Int64 {
        let columns = table.writtenColumns.map { dialect.quote($0.name) }.joined(separator: ", ")
        let into = mode == .upsert ? "meridian_stage" : dialect.quote(table.name)
        if mode == .upsert {
            emit("CREATE TEMP TABLE meridian_stage ON COMMIT DROP AS SELECT \(columns) FROM \(dialect.quote(table.name)) WITH NO DATA;\n")
        }
        emit("COPY \(into) (\(columns)) FROM stdin;\n")
        var count: Int64 = 0
        try rows { row in
            encoder.beginRow(fieldCount: table.writtenColumnCount)
            for index in 0..<table.writtenColumnCount { encoder.append(row[index]) }
            encoder.endRow()
            count += 1
            flushIfFull()
        }
        emit("\\.\n")
        if mode == .upsert {
            emit(PostgresTransferTarget.merge(table, from: "meridian_stage", dialect: dialect) + ";\nDROP TABLE meridian_stage;\n")
        }
        if mode == .refuse || mode == .replace {
            let quoted = dialect.quote(table.name)
            emit("""
                DO $meridian$
                BEGIN
                  IF (SELECT count(*) FROM \(quoted)) <> \(count) THEN
                    RAISE EXCEPTION \(dialect.literal("table \(table.name) holds a different number of rows than the \(count) the script copied")); 
                  END IF;
                END
                $meridian$;

                """)
        }
        return count
    }

    /// Moves every integer column's sequence, if it has one, past the largest key.
    public func finish(_ plan: TransferPlan) throws {
        for table in plan.tables {
            for column in table.writtenColumns where column.type == .int {
                guard let reset = dialect.sequenceResetSQL(table: table.name, column: column.name) else { continue }
                let arguments = [dialect.literal(dialect.quote(table.name)), dialect.literal(column.name)]
                emit(PlaceholderScan(reset).rewrite(reset) { arguments[$0 - 1] } + ";\n")
            }
        }
    }

    /// A script cannot be read back; psql checks the row counts when it runs it.
    public func writtenRows(mode: TransferMode) -> (any TransferSource)? { nil }

    public func commit() throws {
        emit("COMMIT;\n")
        flushIfFull(force: true)
        try handle?.close()
        handle = nil
        if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
        try FileManager.default.moveItem(atPath: partialPath, toPath: path)
    }

    public func rollback() {
        try? handle?.close()
        handle = nil
        try? FileManager.default.removeItem(atPath: partialPath)
    }
}

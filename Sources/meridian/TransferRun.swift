import ArgumentParser
import Foundation
import Meridian

/// The steps `export` and `import` share once both ends are open: the version check (and
/// `--migrate`), `--create-schema`, the plan, the transfer itself, and the report.
struct TransferRun {
    var options: TransferOptions
    /// Printed names of both ends, passwords hidden.
    var sourceName: String
    var targetName: String
    var source: any DatabaseConnection
    /// `nil` when the target is a script.
    var target: (any DatabaseConnection)?
    var reader: any TransferSource
    var writer: any TransferTarget
    /// The target dialect's migrations, for `--migrate`.
    var migrations: MigrationDirectory
    var migrationDialect: StatementDialect
    /// Creates the tables the target lacks (`--create-schema`); returns warnings.
    var createTables: (SchemaCopy) throws -> Void
    /// The nearest logical type for a source column type outside the value contract.
    var mapType: (String) -> SchemaCopy.Mapping?
    /// `exported`, `imported`, `wrote`.
    var verb: String
    /// Tables `--where` filters, which must be among those moved.
    var filteredTables: Set<String> = []

    struct Output: Encodable {
        var source: String
        var target: String
        var warnings: [String]
        var report: TransferReport
    }

    func run() throws {
        var warnings: [String] = []
        let transfer = DataTransfer(mode: options.mode, verify: options.verify && writer.writtenRows(mode: options.mode) != nil, progress: TerminalProgress.ifTerminal())
        let report = try transfer.run(from: reader, to: writer) {
            try checkVersions()
            let sourceSchema = try source.inspectSchema()
            let wanted = options.tables.isEmpty ? nil : options.tables
            var targetSchema = try target?.inspectSchema() ?? sourceSchema
            if options.createSchema {
                let missing = sourceSchema.tables.filter { table in
                    targetSchema.table(table.name) == nil && (wanted?.contains(table.name) ?? true)
                }
                let copy = try SchemaCopy(tables: missing, of: sourceSchema, mapping: mapType)
                warnings += copy.warnings
                try createTables(copy)
                targetSchema = try target?.inspectSchema() ?? targetSchema
            }
            let plan = try TransferPlan(source: sourceSchema, target: targetSchema, tables: wanted)
            let unknown = filteredTables.subtracting(plan.tables.map(\.name))
            guard unknown.isEmpty else {
                throw ValidationError("--where names \(unknown.sorted().joined(separator: ", ")), which is not among the tables moved: \(plan.tables.map(\.name).joined(separator: ", "))")
            }
            return plan
        }
        if options.output.json {
            try options.output.printJSON(Output(source: sourceName, target: targetName, warnings: warnings, report: report))
            return
        }
        for warning in warnings { Console.progress("warning: \(warning)") }
        print(TransferSummary(verb: verb, source: sourceName, target: targetName, report: report).text)
    }

    /// Both ends at the same migration version, or `--migrate` to bring the target level, in
    /// the transfer's transaction.
    private func checkVersions() throws {
        guard let target else { return }
        let sourceApplied = try MigrationHistory(source).load()
        if sourceApplied.isEmpty {
            if options.migrate {
                throw ValidationError("--migrate brings the target to the source's migration version, but \(sourceName) has no migrations applied (no meridian_migrations table): use --create-schema for a database not made by Meridian")
            }
            return
        }
        let targetApplied = try MigrationHistory(target).load()
        guard case .targetBehind(let version) = try MigrationVersionCheck.compare(
            source: sourceApplied, target: targetApplied, sourceName: sourceName, targetName: targetName)
        else { return }
        let at = targetApplied.last.map { "version \($0.version)" } ?? "no migrations applied"
        guard options.migrate else {
            throw TransferError.versionMismatch(
                "\(targetName) has \(at), \(sourceName) is at version \(version): pass --migrate to apply the missing migrations first (from \(migrations.path)), or run meridian migrate up on the target")
        }
        let files = try migrations.load(dialect: migrationDialect)
        guard files.contains(where: { $0.version == version }) else {
            throw TransferError.versionMismatch(
                "\(sourceName) is at version \(version), and \(migrations.path) has no migration with that version: point --migrations at the target dialect's folder")
        }
        try Migrator(connection: target, migrations: files).up(to: version)
        _ = try MigrationVersionCheck.compare(
            source: sourceApplied, target: try MigrationHistory(target).load(), sourceName: sourceName, targetName: targetName)
    }
}

/// The report as a table for people.
struct TransferSummary {
    var verb: String
    var source: String
    var target: String
    var report: TransferReport

    var text: String {
        var lines = ["\(verb) \(source) to \(target) (\(report.mode == .refuse ? "into empty tables" : report.mode.rawValue), one transaction)"]
        let upsert = report.mode == .upsert
        var header = ["table", "rows"]
        if upsert { header.append("inserted or changed") }
        if report.verified { header += ["content digest", "source = target"] }
        header.append("ms")
        let numeric: Set<Int> = upsert ? [1, 2, header.count - 1] : [1, header.count - 1]
        let rows = report.tables.map { table in
            var row = [table.table, TerminalProgress.grouped(table.sourceRows)]
            if upsert { row.append(TerminalProgress.grouped(table.writtenRows)) }
            if report.verified { row += [table.sourceDigest?.hex ?? "", table.matches.map { $0 ? "match" : "DIFFERS" } ?? ""] }
            row.append(String(format: "%.0f", table.milliseconds))
            return row
        }
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        for row in [header] + rows {
            let cells = row.indices.map { column in
                numeric.contains(column)
                    ? String(repeating: " ", count: widths[column] - row[column].count) + row[column]
                    : row[column].padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }
            lines.append("  " + cells.joined(separator: "  ").trimmingCharacters(in: .whitespaces))
        }
        let read = report.tables.reduce(0) { $0 + $1.sourceRows }
        let seconds = report.milliseconds / 1000
        let rate = seconds > 0 ? " (\(TerminalProgress.grouped(Int64(Double(read) / seconds))) rows/s)" : ""
        lines.append("\(TerminalProgress.grouped(read)) rows in \(plural(report.tables.count, "table")), \(String(format: "%.2f", seconds)) s\(rate)")
        lines.append(
            report.verified
                ? "verified: every table's row count and content digest are the same in both databases"
                : "not verified (--no-verify, or a script): row counts only")
        return lines.joined(separator: "\n")
    }
}

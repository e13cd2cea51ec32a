import ArgumentParser
import Meridian

struct MigrateStatus: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "List every migration: applied (when, by whom, how long), pending, or in trouble.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var migrations: MigrationOptions
    @OptionGroup var output: OutputOptions

    struct Entry: Encodable {
        /// As the file name spells it.
        var version: String
        var name: String
        var state: String
        var appliedAt: String?
        var appliedBy: String?
        var durationMs: Double?
        /// Whether the down script has statements; `false` marks a migration `down` stops at.
        var reversible: Bool
        /// The schema version the migration leads to (recorded when applied, else its file's).
        var schemaVersion: String?
    }

    struct Report: Encodable {
        var database: String
        /// The schema version of the last applied migration that records one.
        var schemaVersion: String?
        var migrations: [Entry]
        var problems: [String]
    }

    func run() throws {
        let url = try database.url()
        let files = try migrations.load(for: url)
        let migrator = Migrator(connection: try DatabaseOptions.connect(url, for: .read, spatiaLite: false), migrations: files)
        let applied = try migrator.applied()
        let byVersion = Dictionary(applied.map { ($0.version, $0) }, uniquingKeysWith: { first, _ in first })
        var rows = files.map { file -> (MigrationVersion, Entry) in
            guard let row = byVersion[file.version] else {
                return (file.version, Entry(version: file.version.description, name: file.name, state: "pending", reversible: file.isReversible, schemaVersion: file.schemaVersion))
            }
            let state = row.dirty ? "dirty" : (row.checksum == file.checksum ? "applied" : "edited")
            return (file.version, Entry(
                version: file.version.description, name: file.name, state: state, appliedAt: row.appliedAt.iso8601, appliedBy: row.appliedBy,
                durationMs: row.durationMilliseconds, reversible: file.isReversible, schemaVersion: row.schemaVersion))
        }
        let known = Set(files.map(\.version))
        for row in applied where !known.contains(row.version) {
            rows.append((row.version, Entry(
                version: row.version.description, name: row.name, state: "missing file", appliedAt: row.appliedAt.iso8601, appliedBy: row.appliedBy,
                durationMs: row.durationMilliseconds, reversible: false, schemaVersion: row.schemaVersion)))
        }
        let entries = rows.sorted { $0.0 < $1.0 }.map(\.1)
        let report = Report(
            database: url.description, schemaVersion: applied.last(where: { $0.schemaVersion != nil })?.schemaVersion, migrations: entries,
            problems: try migrator.problems().map(\.description))
        if output.json { return try output.printJSON(report) }
        print(report.database + (report.schemaVersion.map { "  (schema version \($0))" } ?? ""))
        for entry in entries {
            let detail = entry.appliedAt.map { "  \($0)  \(entry.appliedBy ?? "")  \(String(format: "%.1f ms", entry.durationMs ?? 0))" } ?? ""
            let irreversible = entry.reversible || entry.state == "missing file" ? "" : "  (irreversible: no down statements)"
            let version = entry.schemaVersion.map { "  schema \($0)" } ?? ""
            print("  \(entry.state.padding(toLength: 12, withPad: " ", startingAt: 0)) \(entry.name)\(detail)\(version)\(irreversible)")
        }
        for problem in report.problems { print("problem: \(problem)") }
    }
}

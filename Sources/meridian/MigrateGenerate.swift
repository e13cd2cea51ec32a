import ArgumentParser
import Foundation
import Meridian
import MeridianPostgres
import MeridianSQLite
import MeridianSchema

/// `meridian migrate generate NAME`: the next migration pair, in both folders, from the schema file.
struct MigrateGenerate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write the next migration, up and down, in both folders, from what separates the schema file from them.",
        discussion: """
            The changes are those of `meridian schema diff`. SQLite changes that ALTER TABLE \
            cannot make rebuild the table (copied aside, created anew with its indexes, triggers \
            and spatial index, filled again; views that read it are dropped and created again). \
            Renames happen only where the file says renamed_from:. A change that can lose data \
            (a dropped table or column, a narrowed type) is refused unless --allow-data-loss; a \
            column that becomes NOT NULL needs a default or --fill TABLE.COLUMN=EXPR. The up \
            script's header carries the new schema version (-- meridian:schema-version) and each \
            change's class and reason; the down script restores the schema, and says in its \
            header when it cannot restore the data. Nothing is written when the schema is up to \
            date. Never prompts.
            """)

    @Argument(help: "What the migration does, e.g. \"add due dates\".")
    var name: String

    @OptionGroup var project: SchemaProjectOptions

    @Flag(help: "Generate changes that can lose data (dropped tables or columns, narrowed types).")
    var allowDataLoss = false

    @Flag(help: "Print the scripts instead of writing them.")
    var dryRun = false

    func run() throws {
        let generated = try project.generated()
        guard !generated.isEmpty else {
            print("schema is up to date: nothing to generate")
            return
        }
        try refuseUnsafe(generated)
        let slug = MigrationDirectory.slugify(name)
        let folders = [(project.sqliteFolder, SQLiteDialect() as any SQLDialect), (project.postgresFolder, PostgresDialect())]
        let directories = folders.map { MigrationDirectory(path: $0.0) }
        let layout = try directories.lazy.compactMap { try $0.layout() }.first ?? .meridian
        let version = layout.nextVersion(after: try directories.flatMap { try $0.versions() })
        let stem = "\(version.spelling)_\(slug)"
        let source = (project.schemaPath as NSString).lastPathComponent
        var scripts: [(up: String, down: String)] = []
        var problems: [String] = []
        for (_, dialect) in folders {
            do {
                scripts.append((try generated.upScript(for: dialect, name: stem, source: source), generated.downScript(for: dialect, name: stem)))
            } catch {
                problems += error.problems.map { "\(dialect.name): \($0)" }
            }
        }
        if !problems.isEmpty { throw ReportedProblems(problems) }
        print("\(plural(generated.plan.changes.count, "change")), schema version \(generated.previousVersion?.description ?? "(none)") → \(generated.version):")
        for change in generated.plan.changes { print("  " + SchemaChangeReport.line(change)) }
        for (index, directory) in directories.enumerated() {
            if dryRun {
                print("\n-- \(directory.path)/\(stem) up\n\(scripts[index].up)\n-- \(directory.path)/\(stem) down\n\(scripts[index].down)")
                continue
            }
            for path in try directory.scaffold(slug: slug, version: version, layout: layout, scripts: scripts[index]) { print("created \(path)") }
        }
    }

    /// Data loss without `--allow-data-loss`, columns that need a fill, and a `--fill` for a
    /// column the schema does not have, each named.
    private func refuseUnsafe(_ generated: GeneratedMigration) throws {
        let losses = allowDataLoss ? [] : generated.plan.dataLoss.map { change in
            "\(change) would lose \(change.dataLoss ?? "data")" + (renameHint(change, in: generated.plan) ?? "")
        }
        let fills = generated.plan.columnsNeedingFill(generated.fills).map { column in
            "column \(column) becomes NOT NULL and existing rows need a value: give it a default in \(project.schemaPath), or pass --fill \(column)=EXPR"
        }
        // A --fill naming a table or column the schema does not have would be ignored: a typo.
        let strays = generated.fills.filter { generated.plan.to.table($0.table)?.column($0.column) == nil }.map { fill in
            "--fill \(fill.table).\(fill.column)=…: " + (generated.plan.to.table(fill.table) == nil
                ? "\(project.schemaPath) has no table \(fill.table)" : "table \(fill.table) has no column \(fill.column)")
                + "; name a column of the schema file"
        }
        guard !losses.isEmpty || !fills.isEmpty || !strays.isEmpty else { return }
        throw ReportedProblems(strays + losses + fills, hint: (losses.isEmpty ? "" : "to generate changes that lose data anyway, pass --allow-data-loss; ") + "nothing was written")
    }

    /// For a dropped column or table with an added one of the same shape: the `renamed_from:`
    /// that would make it a rename.
    private func renameHint(_ change: SchemaChange, in plan: SchemaMigrationPlan) -> String? {
        switch change.kind {
        case .dropColumn:
            guard let dropped = plan.from.table(change.table)?.column(change.object ?? ""),
                  let added = plan.changes.first(where: { $0.kind == .addColumn && $0.table == change.table && plan.to.table($0.table)?.column($0.object ?? "")?.type == dropped.type })
            else { return nil }
            return "; if \(added.object ?? "") is \(dropped.name) renamed, add `renamed_from: \(dropped.name)` to column \(change.table).\(added.object ?? "")"
        case .dropTable:
            guard let dropped = plan.from.table(change.table),
                  let added = plan.changes.first(where: { $0.kind == .addTable && Set(plan.to.table($0.table)?.columns.map(\.name) ?? []) == Set(dropped.columns.map(\.name)) })
            else { return nil }
            return "; if \(added.table) is \(dropped.name) renamed, add `renamed_from: \(dropped.name)` to table \(added.table)"
        default:
            return nil
        }
    }
}

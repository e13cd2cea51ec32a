import ArgumentParser
import Foundation
import Meridian
import MeridianPostgres
import MeridianSQLite
import MeridianSchema

/// `meridian schema diff`: what separates the schema file from what the migration folders build.
struct SchemaDiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show what separates the schema file from what the migration folders build, and the SQL each dialect would run.",
        discussion: """
            Replays migrations-sqlite/ on a scratch SpatiaLite file and builds the schema file on \
            another, reads both back, and lists the changes from the first to the second, each \
            with its semantic-version class (MAJOR, MINOR, PATCH) and what it can lose; then the \
            statements `meridian migrate generate` would write for SQLite and for PostgreSQL. \
            Nothing is written. No server is needed.
            """)

    @OptionGroup var project: SchemaProjectOptions
    @OptionGroup var output: OutputOptions

    struct Report: Encodable {
        var schema: String
        var previousVersion: String?
        var version: String?
        var changes: [SchemaChangeReport]
        var sqlite: [String]
        var postgres: [String]
        var problems: [String]
    }

    func run() throws {
        let generated = try project.generated()
        var problems: [String] = []
        func statements(_ dialect: any SQLDialect) -> [String] {
            do {
                return try generated.plan.statements(for: dialect, fills: generated.fills).map(\.sql)
            } catch {
                // The same problem on both dialects is said once.
                problems += error.problems.filter { !problems.contains($0) }
                return []
            }
        }
        let report = Report(
            schema: project.schemaPath, previousVersion: generated.previousVersion?.description,
            version: generated.isEmpty ? nil : generated.version.description, changes: generated.plan.changes.map(SchemaChangeReport.init),
            sqlite: statements(SQLiteDialect()), postgres: statements(PostgresDialect()), problems: problems)
        if output.json { return try output.printJSON(report) }
        guard !generated.isEmpty else {
            print("schema is up to date: \(project.schemaPath) declares what the migration folders build")
            return
        }
        print("\(plural(generated.plan.changes.count, "change")) from \(generated.previousVersion?.description ?? "the folders' schema") to \(generated.version):")
        for change in generated.plan.changes { print("  " + SchemaChangeReport.line(change)) }
        for (name, sql) in [("SQLite", report.sqlite), ("PostgreSQL", report.postgres)] where !sql.isEmpty {
            print("\n-- \(name)")
            for statement in sql { print(statement + ";") }
        }
        if !problems.isEmpty { throw ReportedProblems(problems) }
    }
}

import ArgumentParser
import Meridian

/// `meridian check`: the two folders in lockstep, and the schemas they build equal under the
/// value contract; with `--schema-only`, the schemas alone, whatever the folders' histories.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Prove migrations-sqlite/ and migrations-postgres/ build the same schema.",
        discussion: """
            Checks that both folders hold the same versions and names, each with a down script; \
            then applies each folder to a scratch database of its dialect (a temporary SpatiaLite \
            file, and a database created and dropped on the --postgres server), reads both \
            schemas back, and compares them under the value contract: tables, columns with their \
            logical types, nullability and defaults, primary and foreign keys with their actions, \
            unique constraints, indexes (spatial too), checks, views and generated columns. \
            Spellings that behave alike are no difference (DATETIME and timestamp, CHAR(36) and \
            character(36), DEFAULT 0 and DEFAULT false on a boolean, DEFAULT NULL and none).

            With --schema-only the folders' histories may differ (different counts, one change \
            under two versions, missing down scripts): only the schemas they build are \
            compared, and how the histories differ is information, not a failure.

            Besides differences, check prints two kinds of notes. A width note is a column with \
            a width only one engine enforces (varchar(100), PostgreSQL's 32-bit integer), with \
            the CHECK that makes SQLite refuse what PostgreSQL refuses. A portability warning \
            is a column that SQLite lets values into that PostgreSQL refuses, because the \
            contract's CHECK is missing (a hand-written created_at TIMESTAMP stores \
            'not a time'), with the CHECK to add.

            Exit status: 1 when the schemas differ (or, without --schema-only, the folders are \
            not in lockstep); width notes and portability warnings fail only with --strict.
            """)

    @OptionGroup var scratch: ScratchOptions
    @OptionGroup var output: OutputOptions

    @Flag(help: "Compare only the schemas the folders build, whatever their histories (versions, names, counts).")
    var schemaOnly = false

    @Flag(help: "Fail on width notes and portability warnings too, not only on differences.")
    var strict = false

    struct Report: Encodable {
        struct Counts: Encodable { var sqlite: Int; var postgres: Int }
        var migrations: Counts
        /// How the folders' histories differ; empty unless --schema-only.
        var lockstep: [String]
        var differences: [SchemaDifference]
        var widthNotes: [ColumnNote]
        var portabilityWarnings: [ColumnNote]
        var sqlite: SchemaSnapshot
        var postgres: SchemaSnapshot
    }

    func run() throws {
        let (sqliteFiles, postgresFiles, lockstep) = try scratch.loadFolders(requireDown: !schemaOnly)
        if !schemaOnly, !lockstep.isEmpty {
            throw ReportedProblems(
                lockstep,
                hint: "To compare only the schemas the two folders build, whatever their histories, run `meridian check --schema-only`.")
        }
        let sqlite = try ScratchOptions.withScratchSQLite { db in
            try Migrator(connection: db, migrations: sqliteFiles).up()
            return try db.inspectSchema()
        }
        let postgres = try scratch.withScratchPostgres(purpose: "check") { db in
            try Migrator(connection: db, migrations: postgresFiles).up()
            return try db.inspectSchema()
        }
        let findings = SchemaFindings(between: sqlite, named: "sqlite", and: postgres, named: "postgres")
        if output.json {
            try output.printJSON(Report(
                migrations: .init(sqlite: sqliteFiles.count, postgres: postgresFiles.count), lockstep: lockstep,
                differences: findings.differences, widthNotes: findings.widthNotes, portabilityWarnings: findings.portabilityWarnings,
                sqlite: sqlite, postgres: postgres))
        } else {
            printReport(findings, sqlite: sqlite, migrations: (sqliteFiles.count, postgresFiles.count), lockstep: lockstep)
        }
        try fail(findings)
    }

    /// The notes, then one line on what was compared and what was found; differences go to
    /// stderr with the failure.
    private func printReport(_ findings: SchemaFindings, sqlite: SchemaSnapshot, migrations: (sqlite: Int, postgres: Int), lockstep: [String]) {
        let sections = [
            ("width notes (a width PostgreSQL enforces and SQLite does not, or the other way round)", findings.widthNotes),
            ("portability warnings (values SQLite stores where PostgreSQL refuses them)", findings.portabilityWarnings),
        ]
        for (heading, notes) in sections where !notes.isEmpty {
            print("\(heading):")
            for note in notes { print("  - \(note)") }
        }
        let history =
            if !schemaOnly {
                "\(plural(migrations.sqlite, "migration")) in lockstep"
            } else if lockstep.isEmpty {
                "\(plural(migrations.sqlite, "migration")) in lockstep (not required with --schema-only)"
            } else {
                "\(plural(migrations.sqlite, "sqlite migration")) and \(plural(migrations.postgres, "postgres migration")), "
                    + "not in lockstep (\(plural(lockstep.count, "difference")) in versions or names, listed by --json; not compared)"
            }
        let verdict =
            findings.differences.isEmpty
            ? "both build the same schema (\(plural(sqlite.tables.count, "table")), \(plural(sqlite.views.count, "view")))"
            : "the schemas differ in \(plural(findings.differences.count, "way"))"
        let notes = [plural(findings.widthNotes.count, "width note"), plural(findings.portabilityWarnings.count, "portability warning")]
        let noted = findings.widthNotes.isEmpty && findings.portabilityWarnings.isEmpty ? "" : "; \(notes.joined(separator: ", "))"
        print("\(history); \(verdict)\(noted)")
    }

    /// Exit status 1 for differences, and with `--strict` for notes and warnings too.
    private func fail(_ findings: SchemaFindings) throws {
        let notes = findings.widthNotes.count + findings.portabilityWarnings.count
        let strictFailure = strict && notes > 0
        guard !findings.differences.isEmpty || strictFailure else { return }
        let hint =
            strictFailure
            ? "--strict: \(plural(findings.widthNotes.count, "width note")) and \(plural(findings.portabilityWarnings.count, "portability warning")) (listed \(output.json ? "in the JSON" : "above")) fail the check too."
            : nil
        throw ReportedProblems(findings.differences.map(\.description), hint: hint)
    }
}

import Foundation
import MeridianTesting
import XCTest

/// `meridian migrate generate` and `schema diff` from the built binary: both folders written
/// from one schema file, nothing written twice, data loss and missing fills refused with the
/// fix, versions recorded; and the reference schema file generating what the hand-written
/// folders build.
final class MigrateGenerateTests: CLITestCase {
    private static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    private static let notes = """
        tables:
          notes:
            columns:
              id: int
              title: text
              body: {type: text, nullable: true}
              created_at: {type: timestamp, default: now}
            primary_key: [id]

        """

    /// Every migration file of both folders, by relative path.
    private func files(_ s: CLISandbox) throws -> [String] {
        try ["migrations-sqlite", "migrations-postgres"].flatMap { folder in
            guard s.exists(folder) else { return [String]() }
            return try FileManager.default.contentsOfDirectory(atPath: s.path(folder)).sorted().map { "\(folder)/\($0)" }
        }
    }

    func testGenerateWritesBothFoldersOnceAndRecordsTheVersion() throws {
        let s = try sandbox(.sqlite)
        try s.write("schema.yaml", Self.notes)
        let first = try s.meridian(["migrate", "generate", "create notes"])
        XCTAssertSucceeds(first)
        XCTAssertMentionsInOrder(first.stdout, ["1 change, schema version (none) → 1.0.0", "MINOR table notes: add table",
                                                "created ./migrations-sqlite/0001_create_notes.up.sql", "created ./migrations-postgres/0001_create_notes.down.sql"])
        let written = try files(s)
        XCTAssertEqual(written.count, 4)
        XCTAssertTrue(try s.read("migrations-postgres/0001_create_notes.up.sql").contains("-- meridian:schema-version 1.0.0"))

        let again = try s.meridian(["migrate", "generate", "again"])
        XCTAssertSucceeds(again)
        XCTAssertTrue(again.stdout.contains("schema is up to date"), "\(again)")
        XCTAssertEqual(try files(s), written, "nothing is written the second time")
        XCTAssertTrue(try s.meridian(["schema", "diff"]).stdout.contains("schema is up to date"))

        try s.write("schema.yaml", Self.notes + "    indexes:\n      - {name: notes_title_idx, columns: [title]}\n")
        let diff = try s.meridian(["schema", "diff", "--json"])
        XCTAssertSucceeds(diff)
        let report = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(diff.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(report["version"] as? String, "1.0.1")
        XCTAssertEqual((report["changes"] as? [[String: Any]])?.map { $0["kind"] as? String }, ["add index"])
        XCTAssertEqual(report["sqlite"] as? [String], [#"CREATE INDEX "notes_title_idx" ON "notes" ("title")"#])
        XCTAssertSucceeds(try s.meridian(["migrate", "generate", "index titles"]))

        XCTAssertSucceeds(try s.migrate("up", "--migrations", "migrations-sqlite"))
        let status = try s.migrate("status", "--migrations", "migrations-sqlite")
        XCTAssertMentionsInOrder(status.stdout, ["(schema version 1.0.1)", "0001_create_notes", "schema 1.0.0", "0002_index_titles", "schema 1.0.1"])
        XCTAssertEqual(try s.meridian(["schema", "version", "--database", s.database]).stdout, "1.0.1\n")
        XCTAssertEqual(try s.meridian(["schema", "version"]).stdout, "1.0.1\n")
    }

    func testDataLossIsRefusedNamingTheRenameThatWouldKeepIt() throws {
        let s = try sandbox(.sqlite)
        try s.write("schema.yaml", Self.notes)
        XCTAssertSucceeds(try s.meridian(["migrate", "generate", "create notes"]))
        let before = try files(s)
        try s.write("schema.yaml", Self.notes.replacingOccurrences(of: "      body: {type: text, nullable: true}\n", with: "      text: {type: text, nullable: true}\n"))
        let refused = try s.meridian(["migrate", "generate", "rename body"])
        XCTAssertFailsCleanly(refused, mentioning: [
            "table notes: drop column body would lose the values of notes.body",
            "add `renamed_from: body` to column notes.text", "--allow-data-loss", "nothing was written",
        ])
        XCTAssertEqual(try files(s), before)

        try s.write("schema.yaml", Self.notes.replacingOccurrences(of: "      body: {type: text, nullable: true}\n", with: "      text: {type: text, nullable: true, renamed_from: body}\n"))
        let renamed = try s.meridian(["migrate", "generate", "rename body"])
        XCTAssertSucceeds(renamed)
        XCTAssertTrue(renamed.stdout.contains("MAJOR table notes: rename column body to text"), "\(renamed)")
        XCTAssertTrue(try s.read("migrations-sqlite/0002_rename_body.up.sql").contains(#"ALTER TABLE "notes" RENAME COLUMN "body" TO "text""#))

        try s.write("schema.yaml", Self.notes.replacingOccurrences(of: "      body: {type: text, nullable: true}\n", with: ""))
        XCTAssertFailsCleanly(try s.meridian(["migrate", "generate", "drop text"]), mentioning: ["drop column text would lose the values of notes.text"])
        let allowed = try s.meridian(["migrate", "generate", "drop text", "--allow-data-loss"])
        XCTAssertSucceeds(allowed)
        let down = try s.read("migrations-postgres/0003_drop_text.down.sql")
        XCTAssertTrue(down.contains("Irreversible for data: this script restores the schema, not the values of notes.text"), down)
    }

    func testANewNotNullColumnNeedsADefaultOrAFill() throws {
        let s = try sandbox(.sqlite)
        try s.write("schema.yaml", Self.notes)
        XCTAssertSucceeds(try s.meridian(["migrate", "generate", "create notes"]))
        XCTAssertSucceeds(try s.migrate("up", "--migrations", "migrations-sqlite"))
        XCTAssertSucceeds(try s.meridian(["query", "--database", s.database, "INSERT INTO notes (id, title) VALUES (1, 'first')"]))
        try s.write("schema.yaml", Self.notes.replacingOccurrences(of: "      title: text\n", with: "      title: text\n      slug: text\n"))
        XCTAssertFailsCleanly(try s.meridian(["migrate", "generate", "add slug"]), mentioning: ["column notes.slug becomes NOT NULL", "--fill notes.slug=EXPR"])
        XCTAssertFailsCleanly(try s.meridian(["migrate", "generate", "add slug", "--fill", "notes.slug"]), mentioning: ["TABLE.COLUMN=EXPR"])
        XCTAssertFailsCleanly(try s.meridian(["migrate", "generate", "add slug", "--fill", "notes.slug=lower(("]), mentioning: ["notes.slug=lower(("])
        XCTAssertSucceeds(try s.meridian(["migrate", "generate", "add slug", "--fill", "notes.slug=lower(title)"]))
        XCTAssertSucceeds(try s.migrate("up", "--migrations", "migrations-sqlite"))
        XCTAssertEqual(try s.query("SELECT slug FROM notes").first?["slug"] as? String, "first")
    }

    func testATypeTheEnginesCannotConvertIsRefused() throws {
        let s = try sandbox(.sqlite)
        try s.write("schema.yaml", Self.notes)
        XCTAssertSucceeds(try s.meridian(["migrate", "generate", "create notes"]))
        try s.write("schema.yaml", Self.notes.replacingOccurrences(of: "      body: {type: text, nullable: true}\n", with: "      body: {type: bytes, nullable: true}\n"))
        XCTAssertFailsCleanly(try s.meridian(["migrate", "generate", "bytes", "--allow-data-loss"]), mentioning: ["column body cannot change from text to bytes", "add a new column"])
    }

    /// The reference database, seeded, takes a generated migration on top of its hand-written
    /// folders: a column renamed under a view that differs per dialect, a column made NOT NULL
    /// with a fill, a foreign key's action changed (SQLite rebuilds `alerts`, which other rows
    /// reference). Every row stays; SQLite's down restores the schema; PostgreSQL's down, which
    /// would need the view's earlier PostgreSQL body that no SQLite database keeps, is marked
    /// irreversible instead of running SQLite's SQL.
    func testTheSeededReferenceDatabaseTakesAGeneratedMigration() throws {
        let sqlite = try sandbox(.sqlite)
        let postgres = try sandbox(.postgres)
        var schema = try String(contentsOf: Self.root.appendingPathComponent("schema.yaml"), encoding: .utf8)
        schema = schema.replacingOccurrences(of: "      magnitude_type: {type: text, nullable: true}\n", with: "      magnitude_kind: {type: text, nullable: true, renamed_from: magnitude_type}\n")
        schema = schema.replacingOccurrences(of: "\"magnitude\", \"magnitude_type\", \"depth_km\"", with: "\"magnitude\", \"magnitude_kind\", \"depth_km\"")
        schema = schema.replacingOccurrences(of: "      place: {type: text, nullable: true}\n", with: "      place: text\n")
        schema = schema.replacingOccurrences(of: "references: data_triggers(id), on_delete: set null}", with: "references: data_triggers(id), on_delete: cascade}")
        for s in [sqlite, postgres] {
            for folder in ["migrations-sqlite", "migrations-postgres"] {
                try FileManager.default.copyItem(at: Self.root.appendingPathComponent(folder), to: s.folder.appendingPathComponent(folder))
            }
            try s.write("schema.yaml", schema)
            XCTAssertSucceeds(try s.migrate("up"))
            XCTAssertSucceeds(try s.meridian(["seed", "--database", s.database, "--fixtures", Self.root.appendingPathComponent("fixtures").path]))
            XCTAssertSucceeds(try s.meridian(["migrate", "generate", "evolve", "--fill", "earthquakes.place=coalesce(usgs_id, 'unknown')"]))
            XCTAssertSucceeds(try s.migrate("up"))
            let counts = "SELECT (SELECT count(*) FROM earthquakes) AS quakes, (SELECT count(magnitude_kind) FROM earthquakes) AS kinds, (SELECT count(*) FROM alerts) AS alerts"
            XCTAssertEqual(try s.query(counts).first?.mapValues { "\($0)" }, ["quakes": "34", "kinds": "34", "alerts": "26"], "[\(s.backend)]")
        }
        XCTAssertSucceeds(try sqlite.migrate("down"))
        XCTAssertEqual(try sqlite.query("SELECT count(magnitude_type) AS kinds FROM earthquakes").first?["kinds"] as? Int, 34)
        XCTAssertTrue(try postgres.read("migrations-postgres/0004_evolve.down.sql").contains("-- Irreversible: view v_recent_significant_quakes has no SQL for PostgreSQL"))
        XCTAssertFailsCleanly(try postgres.migrate("down"), mentioning: ["has no SQL statements"])
    }

    /// The committed schema files declare what their hand-written folders build: the
    /// reference's and the todo example's.
    func testTheCommittedSchemaFilesAreUpToDateWithTheirFolders() throws {
        let s = try sandbox(.sqlite)
        for root in [Self.root.path, Self.root.appendingPathComponent("examples/todo").path] {
            let diff = try s.meridian(["schema", "diff", "--root", root])
            XCTAssertSucceeds(diff, root)
            XCTAssertTrue(diff.stdout.contains("schema is up to date"), "\(diff)")
        }
    }

    /// Generated from the committed schema file on an empty project, the folders build on each
    /// backend the schema the hand-written reference folders build.
    func testTheReferenceSchemaFileGeneratesTheReferenceSchema() throws {
        let s = try sandbox(.postgres)
        try s.write("schema.yaml", String(contentsOf: Self.root.appendingPathComponent("schema.yaml"), encoding: .utf8))
        XCTAssertSucceeds(try s.meridian(["migrate", "generate", "reference"]))
        XCTAssertTrue(try s.meridian(["migrate", "generate", "again"]).stdout.contains("schema is up to date"))
        let server = try Self.postgresServer()
        for (sqlite, postgres) in [("migrations-sqlite", Self.root.appendingPathComponent("migrations-postgres").path),
                                   (Self.root.appendingPathComponent("migrations-sqlite").path, "migrations-postgres"),
                                   ("migrations-sqlite", "migrations-postgres")] {
            let check = try s.meridian(["check", "--sqlite-migrations", sqlite, "--postgres-migrations", postgres, "--postgres", server, "--schema-only", "--strict"])
            XCTAssertSucceeds(check, "\(sqlite) against \(postgres)")
            XCTAssertTrue(check.stdout.contains("both build the same schema (14 tables, 3 views)"), "\(check)")
        }
        XCTAssertSucceeds(try s.migrate("up", "--migrations", "migrations-postgres"))
        XCTAssertSucceeds(try s.migrate("down", "--migrations", "migrations-postgres"))
        XCTAssertSucceeds(try s.migrate("up", "--migrations", "migrations-postgres"))
    }

    /// The README's worked example, run as it is written: its schema file, its edits, and the
    /// changes `schema diff` lists.
    func testTheReadmeWorkedExample() throws {
        let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try XCTUnwrap(readme.range(of: "### Generating migrations from the schema file"))
        let yamlStart = try XCTUnwrap(readme.range(of: "```yaml\n# schema.yaml\n", range: section.upperBound..<readme.endIndex))
        let yamlEnd = try XCTUnwrap(readme.range(of: "```", range: yamlStart.upperBound..<readme.endIndex))
        let schema = String(readme[yamlStart.upperBound..<yamlEnd.lowerBound])
        let diffStart = try XCTUnwrap(readme.range(of: "$ meridian schema diff\n", range: yamlEnd.upperBound..<readme.endIndex))
        let diffEnd = try XCTUnwrap(readme.range(of: "…the SQL", range: diffStart.upperBound..<readme.endIndex))
        let listed = readme[diffStart.upperBound..<diffEnd.lowerBound].split(separator: "\n").map(String.init)

        let s = try sandbox(.sqlite)
        try s.write("schema.yaml", schema)
        XCTAssertSucceeds(try s.meridian(["migrate", "generate", "create stations"]))
        XCTAssertSucceeds(try s.migrate("up"))
        XCTAssertSucceeds(try s.meridian(["query", "--database", s.database, "INSERT INTO stations (id, code, name, location) VALUES (1, 'BRK', 'Berkeley', MakePoint(-122.26, 37.87, 4326))"]))
        XCTAssertSucceeds(try s.meridian(["query", "--database", s.database, "INSERT INTO readings (id, station_id, value) VALUES (1, 1, 0.25), (2, 1, NULL)"]))
        var edited = schema.replacingOccurrences(of: "      name: text\n", with: "      title: {type: text, renamed_from: name}\n      elevation_m: {type: double, nullable: true}\n")
        edited = edited.replacingOccurrences(of: "      value: {type: double, nullable: true}\n", with: "      value: double\n")
        edited += "    indexes:\n      - {columns: [station_id, taken_at]}\n"
        try s.write("schema.yaml", edited)
        XCTAssertMentionsInOrder(try s.meridian(["schema", "diff"]).stdout, listed)
        XCTAssertFailsCleanly(try s.meridian(["migrate", "generate", "rename and tighten"]), mentioning: ["--fill readings.value=EXPR", "nothing was written"])
        XCTAssertSucceeds(try s.meridian(["migrate", "generate", "rename and tighten", "--fill", "readings.value=0"]))
        XCTAssertSucceeds(try s.migrate("up"))
        XCTAssertEqual(try s.query("SELECT value FROM readings ORDER BY id").map { $0["value"] as? Double }, [0.25, 0])
        XCTAssertEqual(try s.query("SELECT title FROM stations").first?["title"] as? String, "Berkeley")
        XCTAssertEqual(try s.meridian(["schema", "version", "--database", s.database]).stdout, "2.0.0\n")
    }
}

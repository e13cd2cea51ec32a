import Foundation
import MeridianTesting
import XCTest

/// Diesel and dbmate folders with the quirks of real projects, run as those tools run them:
/// versions ordered as text (`2024-03-13_170000` after `2020-…`), an up of comments only, an
/// empty down, and a rebuild of a parent table whose children must all survive.
final class ForeignLayoutTests: CLITestCase {
    func testDieselQuirksOnSQLite() throws { try dieselQuirks(sandbox(.sqlite)) }
    func testDieselQuirksOnPostgres() throws { try dieselQuirks(sandbox(.postgres)) }
    func testDbmateQuirksOnSQLite() throws { try dbmateQuirks(sandbox(.sqlite)) }
    func testDbmateQuirksOnPostgres() throws { try dbmateQuirks(sandbox(.postgres)) }

    func testNewMigrationsFollowTheFolderLayoutOnSQLite() throws { try newFollowsTheLayout(sandbox(.sqlite)) }

    private let folder = "migrations"

    /// The project's four migrations as (name, up, down), in the order their tools run them.
    private func project(_ s: CLISandbox, versions: [String]) -> [(name: String, up: String, down: String)] {
        let int = s.integer
        return [
            ("\(versions[0])_create_parent", """
                CREATE TABLE parent (id \(int) PRIMARY KEY, name TEXT);
                CREATE TABLE child (id \(int) PRIMARY KEY, parent_id \(int) NOT NULL REFERENCES parent (id) ON DELETE CASCADE);

                """, "DROP TABLE child;\nDROP TABLE parent;\n"),
            ("\(versions[1])_nothing_yet", "-- This file should undo anything in `up.sql`\n", ""),
            ("\(versions[2])_seed", """
                ALTER TABLE parent ADD COLUMN code TEXT;
                INSERT INTO parent (id, name, code) VALUES (1, 'one', 'a'), (2, NULL, 'b');
                INSERT INTO child (id, parent_id) VALUES (1, 1), (2, 1), (3, 2);

                """, "DELETE FROM child;\nDELETE FROM parent;\nALTER TABLE parent DROP COLUMN code;\n"),
            // The tools read this version as text (`20240313`, `2024031317`): it sorts after 2020's.
            ("\(versions[3])_name_not_null", s.backend.expect(
                sqlite: """
                    CREATE TABLE parent_new (id INTEGER PRIMARY KEY, name TEXT NOT NULL DEFAULT '', code TEXT);
                    INSERT INTO parent_new (id, name, code) SELECT id, coalesce(name, ''), code FROM parent;
                    DROP TABLE parent;
                    ALTER TABLE parent_new RENAME TO parent;

                    """,
                postgres: "UPDATE parent SET name = '' WHERE name IS NULL;\nALTER TABLE parent ALTER COLUMN name SET NOT NULL, ALTER COLUMN name SET DEFAULT '';\n"),
             s.backend.expect(
                sqlite: """
                    CREATE TABLE parent_new (id INTEGER PRIMARY KEY, name TEXT, code TEXT);
                    INSERT INTO parent_new (id, name, code) SELECT id, name, code FROM parent;
                    DROP TABLE parent;
                    ALTER TABLE parent_new RENAME TO parent;

                    """,
                postgres: "ALTER TABLE parent ALTER COLUMN name DROP NOT NULL, ALTER COLUMN name DROP DEFAULT;\n")),
        ]
    }

    private func writeDieselProject(_ s: CLISandbox) throws {
        for migration in project(s, versions: ["2018-01-01-000000", "2019-01-01-000000", "2020-01-01-000000", "2024-03-13_170000"]) {
            try s.write("\(folder)/\(migration.name)/up.sql", migration.up)
            try s.write("\(folder)/\(migration.name)/down.sql", migration.down)
        }
    }

    private func writeDbmateProject(_ s: CLISandbox) throws {
        for migration in project(s, versions: ["20180101000000", "20190101000000", "20200101000000", "2024031317"]) {
            try s.write("db/migrations/\(migration.name).sql", "-- migrate:up\n\(migration.up)\n-- migrate:down\n\(migration.down)")
        }
    }

    private func children(_ s: CLISandbox) throws -> Int? {
        try s.query("SELECT count(*) AS n FROM child").first?["n"] as? Int
    }

    private func dieselQuirks(_ s: CLISandbox) throws {
        try writeDieselProject(s)
        try quirks(
            s, folder: folder,
            names: ["2018-01-01-000000_create_parent", "2019-01-01-000000_nothing_yet", "2020-01-01-000000_seed", "2024-03-13_170000_name_not_null"],
            versions: ["2018-01-01-000000", "2019-01-01-000000", "2020-01-01-000000", "2024-03-13"],
            emptyDown: "\(folder)/2019-01-01-000000_nothing_yet/down.sql", numbers: [20180101000000, 20190101000000, 20240313])
    }

    private func dbmateQuirks(_ s: CLISandbox) throws {
        try writeDbmateProject(s)
        try quirks(
            s, folder: "db/migrations",
            names: ["20180101000000_create_parent", "20190101000000_nothing_yet", "20200101000000_seed", "2024031317_name_not_null"],
            versions: ["20180101000000", "20190101000000", "20200101000000", "2024031317"],
            emptyDown: "db/migrations/20190101000000_nothing_yet.sql", numbers: [20180101000000, 20190101000000, 2024031317])
    }

    /// Applies, marks, rolls back in the user's spelling, stops at the empty down, forces.
    /// `numbers`: the first two versions and the last, as digits.
    private func quirks(
        _ s: CLISandbox, folder: String, names: [String], versions: [String], emptyDown: String, numbers: [Int64]
    ) throws {
        try s.createDatabase()
        let status = try s.status("--migrations", folder)
        XCTAssertEqual(status.migrations.map(\.name), names, "[\(s.backend)] the tool's order: versions as text")
        XCTAssertEqual(status.migrations.map(\.version), versions)

        let up = try s.migrate("up", "--migrations", folder)
        XCTAssertSucceeds(up)
        XCTAssertMentionsInOrder(up.stdout, names.map { "applied \($0)" } + ["at version \(versions[3])"])
        XCTAssertTrue(up.stderr.contains("warning: \(folder): the versions have different widths"), "[\(s.backend)] \(up)")
        XCTAssertEqual(try children(s), 3, "[\(s.backend)] the rebuild of parent kept every child")
        XCTAssertEqual(try s.query("SELECT name FROM parent WHERE id = 2").first?["name"] as? String, "")

        let text = try s.migrate("status", "--migrations", folder)
        XCTAssertTrue(text.stdout.split(separator: "\n").contains { $0.contains(names[1]) && $0.contains("irreversible") }, "\(text)")

        XCTAssertSucceeds(try s.migrate("down", "--to", versions[2], "--migrations", folder), "versions in the user's spelling")
        XCTAssertEqual(try s.status("--migrations", folder).pending, [numbers[2]])
        XCTAssertEqual(try children(s), 3, "[\(s.backend)] the rollback's rebuild kept every child")

        let stopped = try s.migrate("down", "--all", "--migrations", folder)
        XCTAssertFailsCleanly(stopped, mentioning: [emptyDown, "--allow-empty-down"])
        XCTAssertEqual(try s.status("--migrations", folder).applied.count, 3, "[\(s.backend)] nothing was rolled back")

        XCTAssertSucceeds(try s.migrate("down", "--all", "--allow-empty-down", "--migrations", folder))
        XCTAssertEqual(try s.tables(), ["meridian_migrations"])

        XCTAssertSucceeds(try s.migrate("force", versions[1], "--migrations", folder))
        XCTAssertEqual(try s.status("--migrations", folder).applied, Array(numbers.prefix(2)))
        XCTAssertFailsCleanly(try s.migrate("up", "--to", "2019-13-01", "--migrations", folder), mentioning: ["no migration has version 2019-13-01"])
    }

    private func newFollowsTheLayout(_ s: CLISandbox) throws {
        try writeDieselProject(s)
        let created = try s.meridian(["migrate", "new", "add tags", "--migrations", folder])
        XCTAssertSucceeds(created)
        let made = created.stdout.split(separator: "\n").map { String($0.dropFirst("created ".count)) }
        XCTAssertEqual(made.count, 2, "\(created)")
        XCTAssertTrue(made.allSatisfy { $0.hasPrefix("\(folder)/") && $0.contains("_add_tags/") }, "\(made)")
        XCTAssertEqual(made.map { ($0 as NSString).lastPathComponent }, ["up.sql", "down.sql"])
        let version = String(made[0].dropFirst(folder.count + 1).prefix { $0 != "_" })
        XCTAssertEqual(version.count, 17, "a dashed UTC timestamp such as 2026-12-07-120000: \(version)")
        XCTAssertGreaterThan(version.filter(\.isNumber), "20240313", "after the newest version, as text")

        try s.write("db/migrations/20240101000000_first.sql", "-- migrate:up\nSELECT 1;\n-- migrate:down\nSELECT 1;\n")
        let dbmate = try s.meridian(["migrate", "new", "second", "--migrations", "db/migrations"])
        XCTAssertSucceeds(dbmate)
        XCTAssertTrue(dbmate.stdout.hasPrefix("created db/migrations/2"), "\(dbmate)")
        XCTAssertTrue(dbmate.stdout.contains("_second.sql"), "\(dbmate)")
        XCTAssertTrue(try s.read(String(dbmate.stdout.dropFirst("created ".count)).trimmingCharacters(in: .whitespacesAndNewlines)).hasPrefix("-- migrate:up\n"))
    }
}

import Foundation
import MeridianTesting
import XCTest

/// A Diesel folder with the quirks of real projects, run as Diesel runs it: versions ordered as
/// text (`2024-03-13_170000` after `2020-…`), an up of comments only, an empty down, and a
/// rebuild of a parent table whose children must all survive.
final class ForeignLayoutTests: CLITestCase {
    func testDieselQuirksOnSQLite() throws { try dieselQuirks(sandbox(.sqlite)) }
    func testDieselQuirksOnPostgres() throws { try dieselQuirks(sandbox(.postgres)) }

    func testNewMigrationsFollowTheFolderLayoutOnSQLite() throws { try newFollowsTheLayout(sandbox(.sqlite)) }

    private let folder = "migrations"

    private func writeDieselProject(_ s: CLISandbox) throws {
        let int = s.integer
        try s.write("\(folder)/2018-01-01-000000_create_parent/up.sql", """
            CREATE TABLE parent (id \(int) PRIMARY KEY, name TEXT);
            CREATE TABLE child (id \(int) PRIMARY KEY, parent_id \(int) NOT NULL REFERENCES parent (id) ON DELETE CASCADE);
            """)
        try s.write("\(folder)/2018-01-01-000000_create_parent/down.sql", "DROP TABLE child;\nDROP TABLE parent;\n")
        try s.write("\(folder)/2019-01-01-000000_nothing_yet/up.sql", "-- This file should undo anything in `up.sql`\n")
        try s.write("\(folder)/2019-01-01-000000_nothing_yet/down.sql", "")
        try s.write("\(folder)/2020-01-01-000000_seed/up.sql", """
            ALTER TABLE parent ADD COLUMN code TEXT;
            INSERT INTO parent (id, name, code) VALUES (1, 'one', 'a'), (2, NULL, 'b');
            INSERT INTO child (id, parent_id) VALUES (1, 1), (2, 1), (3, 2);
            """)
        try s.write("\(folder)/2020-01-01-000000_seed/down.sql", "DELETE FROM child;\nDELETE FROM parent;\nALTER TABLE parent DROP COLUMN code;\n")
        // Diesel reads this folder's version as `20240313`: as text it sorts after 2020's.
        try s.write("\(folder)/2024-03-13_170000_name_not_null/up.sql", s.backend.expect(
            sqlite: """
                CREATE TABLE parent_new (id INTEGER PRIMARY KEY, name TEXT NOT NULL DEFAULT '', code TEXT);
                INSERT INTO parent_new (id, name, code) SELECT id, coalesce(name, ''), code FROM parent;
                DROP TABLE parent;
                ALTER TABLE parent_new RENAME TO parent;
                """,
            postgres: "UPDATE parent SET name = '' WHERE name IS NULL;\nALTER TABLE parent ALTER COLUMN name SET NOT NULL, ALTER COLUMN name SET DEFAULT '';\n"))
        try s.write("\(folder)/2024-03-13_170000_name_not_null/down.sql", s.backend.expect(
            sqlite: """
                CREATE TABLE parent_new (id INTEGER PRIMARY KEY, name TEXT, code TEXT);
                INSERT INTO parent_new (id, name, code) SELECT id, name, code FROM parent;
                DROP TABLE parent;
                ALTER TABLE parent_new RENAME TO parent;
                """,
            postgres: "ALTER TABLE parent ALTER COLUMN name DROP NOT NULL, ALTER COLUMN name DROP DEFAULT;\n"))
    }

    private func children(_ s: CLISandbox) throws -> Int? {
        try s.query("SELECT count(*) AS n FROM child").first?["n"] as? Int
    }

    private func dieselQuirks(_ s: CLISandbox) throws {
        try writeDieselProject(s)
        let names = ["2018-01-01-000000_create_parent", "2019-01-01-000000_nothing_yet", "2020-01-01-000000_seed", "2024-03-13_170000_name_not_null"]
        let status = try s.status("--migrations", folder)
        XCTAssertEqual(status.migrations.map(\.name), names, "[\(s.backend)] Diesel's order: versions as text")
        XCTAssertEqual(status.migrations.map(\.version), ["2018-01-01-000000", "2019-01-01-000000", "2020-01-01-000000", "2024-03-13"])

        let up = try s.migrate("up", "--migrations", folder)
        XCTAssertSucceeds(up)
        XCTAssertMentionsInOrder(up.stdout, names.map { "applied \($0)" })
        XCTAssertTrue(up.stderr.contains("warning: \(folder): the versions have different widths"), "[\(s.backend)] \(up)")
        XCTAssertEqual(try children(s), 3, "[\(s.backend)] the rebuild of parent kept every child")
        XCTAssertEqual(try s.query("SELECT name FROM parent WHERE id = 2").first?["name"] as? String, "")

        let text = try s.migrate("status", "--migrations", folder)
        XCTAssertTrue(text.stdout.split(separator: "\n").contains { $0.contains("2019-01-01-000000_nothing_yet") && $0.contains("irreversible") }, "\(text)")

        XCTAssertSucceeds(try s.migrate("down", "--to", "2020-01-01-000000", "--migrations", folder), "versions in the user's spelling")
        XCTAssertEqual(try s.status("--migrations", folder).pending, [20240313])
        XCTAssertEqual(try children(s), 3, "[\(s.backend)] the rollback's rebuild kept every child")

        let stopped = try s.migrate("down", "--all", "--migrations", folder)
        XCTAssertFailsCleanly(stopped, mentioning: ["\(folder)/2019-01-01-000000_nothing_yet/down.sql", "--allow-empty-down"])
        XCTAssertEqual(try s.status("--migrations", folder).applied.count, 3, "[\(s.backend)] nothing was rolled back")

        XCTAssertSucceeds(try s.migrate("down", "--all", "--allow-empty-down", "--migrations", folder))
        XCTAssertEqual(try s.tables(), ["meridian_migrations"])

        XCTAssertSucceeds(try s.migrate("force", "2019-01-01-000000", "--migrations", folder))
        XCTAssertEqual(try s.status("--migrations", folder).applied, [20180101000000, 20190101000000])
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

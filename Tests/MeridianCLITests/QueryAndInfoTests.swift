import Foundation
import MeridianTesting
import XCTest

/// `meridian query`, `meridian` with no subcommand, `DATABASE_URL`, and `--help`.
final class QueryAndInfoTests: CLITestCase {
    func testQueryJSONAndTableOnSQLite() throws { try queryJSONAndTable(sandbox(.sqlite)) }
    func testQueryJSONAndTableOnPostgres() throws { try queryJSONAndTable(sandbox(.postgres)) }

    func testDatabaseURLIsHonouredOnSQLite() throws { try databaseURLIsHonoured(sandbox(.sqlite)) }
    func testDatabaseURLIsHonouredOnPostgres() throws { try databaseURLIsHonoured(sandbox(.postgres)) }

    func testInfoOnSQLite() throws { try info(sandbox(.sqlite)) }
    func testInfoOnPostgres() throws { try info(sandbox(.postgres)) }

    /// The same rows print the same JSON on both backends.
    private func queryJSONAndTable(_ s: CLISandbox) throws {
        try s.writeMigration(
            1, "stations",
            up: """
                CREATE TABLE stations (id \(s.integer) PRIMARY KEY, code TEXT NOT NULL, note TEXT);
                INSERT INTO stations (id, code, note) VALUES (1, 'KEV', 'Kevo'), (2, 'OUL', NULL);

                """,
            down: "DROP TABLE stations;\n")
        XCTAssertSucceeds(try s.migrate("up"))

        let json = try s.meridian(["query", "SELECT id, code, note FROM stations ORDER BY id", "--database", s.database, "--json"])
        XCTAssertSucceeds(json)
        let rows = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]], json.stdout)
        XCTAssertEqual(rows.count, 2)
        XCTAssertEqual(rows.first?["id"] as? Int, 1)
        XCTAssertEqual(rows.first?["code"] as? String, "KEV")
        XCTAssertTrue(rows.last?["note"] is NSNull, "NULL is JSON null: \(json.stdout)")
        XCTAssertEqual(json.stdout.trimmingCharacters(in: .whitespacesAndNewlines),
                       #"[{"code":"KEV","id":1,"note":"Kevo"},{"code":"OUL","id":2,"note":null}]"#,
                       "[\(s.backend)] the JSON (canonical: keys sorted) is byte-identical on both backends")

        let table = try s.meridian(["query", "SELECT id, code FROM stations ORDER BY id", "--database", s.database])
        XCTAssertSucceeds(table)
        XCTAssertMentionsInOrder(table.stdout, ["id", "|", "code", "---", "1", "KEV", "2", "OUL", "(2 rows)"])

        let bound = try s.meridian(["query", "SELECT code FROM stations WHERE note = $1", "--arg", "Kevo", "--database", s.database, "--json"])
        XCTAssertSucceeds(bound)
        XCTAssertEqual(bound.stdout.trimmingCharacters(in: .whitespacesAndNewlines), #"[{"code":"KEV"}]"#)

        let none = try s.meridian(["query", "SELECT code FROM stations WHERE id = 99", "--database", s.database])
        XCTAssertSucceeds(none)
        XCTAssertTrue(none.stdout.contains("(no rows)"), "\(none)")

        let broken = try s.meridian(["query", "SELEC 1", "--database", s.database])
        XCTAssertFailsCleanly(broken, mentioning: ["SELEC"], "a syntax error names the text")

        // Values that would drive a terminal: clear the screen, retitle the window, colour,
        // reverse the text; the table shows them escaped, --json as JSON escapes.
        let hostile = "a\u{1B}[2J\u{1B}]0;owned\u{07}b\nc\u{202E}d\u{9B}31m"
        _ = try s.query("UPDATE stations SET note = '\(hostile)' WHERE id = 2")
        let escaped = try s.meridian(["query", "SELECT note AS \"n\u{1B}[1m\" FROM stations WHERE id = 2", "--database", s.database])
        XCTAssertSucceeds(escaped)
        XCTAssertFalse(escaped.stdout.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || $0.value == 0x9B || $0.value == 0x202E },
                       "[\(s.backend)] no control character reaches the terminal: \(escaped.stdout.debugDescription)")
        XCTAssertTrue(escaped.stdout.contains(#"n\u{1B}[1m"#), "[\(s.backend)] the column name too: \(escaped.stdout)")
        XCTAssertTrue(escaped.stdout.contains(#"a\u{1B}[2J\u{1B}]0;owned\u{7}b\nc\u{202E}d\u{9B}31m"#), "[\(s.backend)] \(escaped.stdout)")
        XCTAssertMentionsInOrder(escaped.stdout, ["(1 row)"], "one line per row")
    }

    /// `DATABASE_URL` picks the database when there is no `--database`, and `--database` wins.
    private func databaseURLIsHonoured(_ s: CLISandbox) throws {
        try s.writeTableMigration(1, "t1")
        let up = try s.meridian(["migrate", "up"], environment: ["DATABASE_URL": s.database])
        XCTAssertSucceeds(up)
        XCTAssertTrue(up.stdout.contains("applied 0001_create_t1"), "\(up)")
        XCTAssertEqual(try s.status().applied, [1], "[\(s.backend)] DATABASE_URL was used")
        XCTAssertFalse(s.exists("meridian.sqlite"), "the default file was not created")

        let overridden = try s.meridian(
            ["query", "SELECT count(*) AS n FROM t1", "--database", s.database, "--json"],
            environment: ["DATABASE_URL": "sqlite:elsewhere.sqlite"])
        XCTAssertSucceeds(overridden, "--database wins over DATABASE_URL")
        XCTAssertFalse(s.exists("elsewhere.sqlite"))

        let status = try s.meridian(["migrate", "status", "--json"], environment: ["DATABASE_URL": s.database])
        XCTAssertSucceeds(status)
        XCTAssertTrue(status.stdout.contains("\"applied\""), "\(status)")
    }

    /// With no subcommand, meridian opens the database and prints the library versions; with
    /// no database either, it creates meridian.sqlite in the working folder.
    private func info(_ s: CLISandbox) throws {
        switch s.backend {
        case .sqlite:
            let result = try s.meridian([])
            XCTAssertSucceeds(result)
            XCTAssertTrue(s.exists("meridian.sqlite"), "meridian.sqlite is created in the working folder\n\(result)")
            XCTAssertMentionsInOrder(result.stdout, ["meridian.sqlite", "created", "SQLite:", "SpatiaLite:", "libpq:"])
            let again = try s.meridian([])
            XCTAssertSucceeds(again)
            XCTAssertTrue(again.stdout.contains("opened"), "the second run opens the file it made\n\(again)")
        case .postgres:
            let result = try s.meridian(["--database", s.database])
            XCTAssertSucceeds(result)
            XCTAssertMentionsInOrder(result.stdout, ["PostgreSQL:", "PostGIS:", "libpq:", "SQLite:"])
            if let password = URLComponents(string: s.database)?.password, !password.isEmpty {
                XCTAssertFalse(result.output.contains(":\(password)@"), "the password is not printed\n\(result)")
            }
            XCTAssertFalse(s.exists("meridian.sqlite"))
        }
    }

    /// `--arg` takes the next word whole: a negative number is a value, not an unknown option.
    func testNegativeNumbersAreValues() throws {
        let s = try sandbox(.sqlite)
        try s.writeTableMigration(1, "t1")
        XCTAssertSucceeds(try s.migrate("up"))
        let result = try s.meridian([
            "query", "SELECT CAST($1 AS REAL) AS lon, CAST($2 AS REAL) AS lat, $3 AS flag", "--arg", "-149.9", "--arg", "-61.2", "--arg", "--json",
            "--database", s.database, "--json",
        ])
        XCTAssertSucceeds(result)
        XCTAssertEqual(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines), #"[{"flag":"--json","lat":-61.2,"lon":-149.9}]"#)
    }

    func testHelpTeachesForceAndNoTransaction() throws {
        let runner = try runner()
        let help = try runner.run(["migrate", "--help"])
        XCTAssertSucceeds(help)
        XCTAssertTrue(help.stdout.contains("force"), "\(help)")
        XCTAssertTrue(help.stdout.contains("no-transaction"), "\(help)")
        for subcommand in ["up", "down", "redo", "status", "validate", "force", "new"] {
            XCTAssertTrue(help.stdout.contains(subcommand), "migrate --help lists \(subcommand)")
        }
        let top = try runner.run(["--help"])
        XCTAssertSucceeds(top)
        XCTAssertTrue(top.stdout.contains("DATABASE_URL"), "\(top)")
        let unknown = try runner.run(["migrate", "sideways"])
        XCTAssertFailsCleanly(unknown, mentioning: ["sideways"])
        XCTAssertEqual(unknown.status, 64, "a usage error exits 64")
    }
}

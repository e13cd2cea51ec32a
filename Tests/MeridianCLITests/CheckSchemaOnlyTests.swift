import Foundation
import MeridianTesting
import XCTest

/// `check` on folders as real projects keep them: histories that differ, spellings that behave
/// alike, planted differences, widths and hand-written SQLite columns outside the value contract.
final class CheckSchemaOnlyTests: CLITestCase {
    /// The contract's CHECK for a timestamp column named `created_at`, as `check` names it.
    private static let timestampCheck =
        #"length("created_at") = 27 AND "created_at" GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'"#

    /// Writes each migration as `folder/NAME.up.sql` with a down script that does nothing harmful.
    private func write(_ s: CLISandbox, _ folder: String, _ migrations: [(name: String, up: String)]) throws {
        for migration in migrations {
            try s.write("\(folder)/\(migration.name).up.sql", migration.up + "\n")
            try s.write("\(folder)/\(migration.name).down.sql", "SELECT 1;\n")
        }
    }

    private func check(_ s: CLISandbox, _ options: String...) throws -> CLIResult {
        try s.meridian(["check", "--sqlite-migrations", "sqlite", "--postgres-migrations", "postgres", "--postgres", try Self.postgresServer()] + options)
    }

    /// Posts with an author, on SQLite in three steps and on PostgreSQL in two others.
    private func writePosts(_ s: CLISandbox) throws {
        try write(s, "sqlite", [
            ("0001_users", "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL);"),
            ("0002_posts", """
                CREATE TABLE posts (id INTEGER PRIMARY KEY, author_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
                  title TEXT NOT NULL, published BOOLEAN NOT NULL DEFAULT 0 CHECK (published IN (0, 1)));
                """),
            ("0003_posts_index", "CREATE INDEX posts_author_idx ON posts (author_id);"),
        ])
        try write(s, "postgres", [
            ("20240101000000_create_users", "CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL);"),
            ("20240301000000_create_posts", """
                CREATE TABLE posts (id bigint PRIMARY KEY, author_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
                  title text NOT NULL, published boolean NOT NULL DEFAULT false);
                CREATE INDEX posts_author_idx ON posts (author_id);
                """),
        ])
    }

    func testSchemaOnlyComparesFoldersWhoseHistoriesDiffer() throws {
        let s = try sandbox(.sqlite)
        try writePosts(s)
        let result = try check(s, "--schema-only")
        XCTAssertSucceeds(result)
        XCTAssertTrue(result.stdout.contains("3 sqlite migrations and 2 postgres migrations, not in lockstep"), "\(result)")
        XCTAssertTrue(result.stdout.contains("both build the same schema (2 tables, 0 views)"), "\(result)")
        XCTAssertFalse(result.output.contains("width note") || result.output.contains("portability"), "\(result)")

        let json = try check(s, "--schema-only", "--json")
        XCTAssertSucceeds(json)
        let report = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        XCTAssertEqual((report["lockstep"] as? [String])?.count, 5, "\(json)")
        XCTAssertEqual((report["differences"] as? [Any])?.count, 0)
        XCTAssertEqual((report["migrations"] as? [String: Int]), ["sqlite": 3, "postgres": 2])
    }

    func testWithoutSchemaOnlyHistoriesMustMatchAndTheMessageSaysSo() throws {
        let s = try sandbox(.sqlite)
        try writePosts(s)
        let result = try check(s)
        XCTAssertFailsCleanly(result, mentioning: ["0001_users is only in sqlite", "--schema-only"])
        XCTAssertEqual(result.status, 1)
    }

    /// A foreign key, a NOT NULL, a default, a CHECK and an index, planted one each: each is
    /// named once, by table, column or constraint name.
    func testEachPlantedDifferenceIsNamedOnce() throws {
        let s = try sandbox(.sqlite)
        try write(s, "sqlite", [
            ("0001_users", "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL);"),
            ("0002_posts", """
                CREATE TABLE posts (id INTEGER PRIMARY KEY, author_id INTEGER NOT NULL REFERENCES users (id),
                  title TEXT NOT NULL, published BOOLEAN NOT NULL DEFAULT 1 CHECK (published IN (0, 1)));
                """),
            ("0003_posts_index", "CREATE INDEX posts_title_idx ON posts (title);"),
        ])
        try write(s, "postgres", [
            ("20240101000000_create_users", "CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL);"),
            ("20240301000000_create_posts", """
                CREATE TABLE posts (id bigint PRIMARY KEY, author_id bigint NOT NULL,
                  title text, published boolean NOT NULL DEFAULT false,
                  CONSTRAINT posts_name_length CHECK (length(title) < 200));
                """),
        ])
        let result = try check(s, "--schema-only")
        XCTAssertFailsCleanly(result, mentioning: ["5 problems"])
        XCTAssertEqual(result.status, 1)
        let planted = [
            "table posts: foreign key (author_id) → users(id) only on sqlite",
            "table posts: column title is NOT NULL on sqlite but nullable on postgres",
            "table posts: column published defaults to true on sqlite but to false on postgres",
            "table posts: check posts_name_length only on postgres",
            "table posts: index posts_title_idx on (title) only on sqlite",
        ]
        for line in planted {
            XCTAssertEqual(result.stderr.components(separatedBy: line).count - 1, 1, "“\(line)” once in:\n\(result)")
        }
        XCTAssertEqual(result.stderr.components(separatedBy: "  - ").count - 1, planted.count, "\(result)")
        XCTAssertTrue(result.stdout.contains("the schemas differ in 5 ways"), "\(result)")
    }

    /// What real projects write on each side: the server's default collation, DATETIME and
    /// TIMESTAMP against timestamp, CHAR(36) against character(36), DEFAULT NULL against none.
    /// None is a difference; each width only PostgreSQL enforces is one line with its CHECK.
    func testSpellingsThatBehaveAlikeAreNoDifferenceAndWidthsAreOneLineEach() throws {
        let s = try sandbox(.sqlite)
        try write(s, "sqlite", [
            ("0001_accounts", """
                CREATE TABLE accounts (id INTEGER PRIMARY KEY, token CHAR(36) NOT NULL, email VARCHAR(100), note TEXT DEFAULT NULL,
                  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, seen_at TIMESTAMP,
                  CHECK (length(created_at) = 27 AND created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
                  CHECK (length(seen_at) = 27 AND seen_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'));
                """),
        ])
        try write(s, "postgres", [
            ("0001_accounts", """
                CREATE TABLE accounts (id serial PRIMARY KEY, token character(36) NOT NULL, email varchar(100), note text,
                  created_at timestamp NOT NULL DEFAULT now(), seen_at timestamp);
                """),
        ])
        let result = try check(s, "--schema-only")
        XCTAssertSucceeds(result)
        XCTAssertTrue(result.stdout.contains("both build the same schema (1 table, 0 views); 3 width notes, 0 portability warnings"), "\(result)")
        let notes = result.stdout.split(separator: "\n").filter { $0.hasPrefix("  - ") }
        XCTAssertEqual(notes.count, 3, "\(result)")
        XCTAssertMentionsInOrder(result.stdout, [
            #"table accounts: column id is integer on postgres, INTEGER on sqlite: postgres rejects 2147483648; sqlite accepts it (declare it a 64-bit integer on postgres, or add CHECK ("id" BETWEEN -2147483648 AND 2147483647) on sqlite)"#,
            #"table accounts: column token is character(36) on postgres, CHAR(36) on sqlite: postgres rejects a 37-character value; sqlite accepts it, and postgres pads shorter values with spaces"#,
            #"table accounts: column email is character varying(100) on postgres, VARCHAR(100) on sqlite: postgres rejects a 101-character value; sqlite accepts it (add CHECK (length("email") <= 100) on sqlite to refuse it there too)"#,
        ])
        XCTAssertFalse(result.output.contains("differ in"), "\(result)")

        let strict = try check(s, "--schema-only", "--strict")
        XCTAssertFailsCleanly(strict, mentioning: ["--strict", "3 width notes"])
    }

    /// A hand-written SQLite `created_at TIMESTAMP` without the contract's CHECK stores
    /// `'not a time'`: a warning names the table, the column and the CHECK; with it, no warning.
    func testHandWrittenTimestampWithoutItsCheckIsAPortabilityWarning() throws {
        let s = try sandbox(.sqlite)
        try write(s, "sqlite", [("0001_events", "CREATE TABLE events (id INTEGER PRIMARY KEY, created_at TIMESTAMP NOT NULL);")])
        try write(s, "postgres", [("0001_events", "CREATE TABLE events (id bigint PRIMARY KEY, created_at timestamptz NOT NULL);")])
        let result = try check(s)
        XCTAssertSucceeds(result)
        XCTAssertMentionsInOrder(result.stdout, [
            "portability warnings",
            "table events: column created_at is TIMESTAMP on sqlite, which stores 'not a time' where postgres refuses it: declare it TIMESTAMP TEXT and add CHECK (\(Self.timestampCheck)) on sqlite",
            "1 migration in lockstep; both build the same schema (1 table, 0 views); 0 width notes, 1 portability warning",
        ])

        let strict = try check(s, "--strict")
        XCTAssertFailsCleanly(strict, mentioning: ["--strict", "1 portability warning"])
        XCTAssertEqual(strict.status, 1)

        let json = try check(s, "--json")
        XCTAssertSucceeds(json)
        let report = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let warnings = try XCTUnwrap(report["portabilityWarnings"] as? [[String: Any]])
        XCTAssertEqual(warnings.count, 1)
        XCTAssertEqual(warnings.first?["table"] as? String, "events")
        XCTAssertEqual(warnings.first?["column"] as? String, "created_at")
        XCTAssertEqual(warnings.first?["side"] as? String, "sqlite")
        XCTAssertEqual(warnings.first?["check"] as? String, Self.timestampCheck)
        XCTAssertEqual(warnings.first?["declaredType"] as? String, "TIMESTAMP TEXT")
        XCTAssertEqual((report["widthNotes"] as? [Any])?.count, 0)
        XCTAssertEqual((report["differences"] as? [Any])?.count, 0)

        try write(s, "sqlite", [("0001_events", "CREATE TABLE events (id INTEGER PRIMARY KEY, created_at TIMESTAMP TEXT NOT NULL CHECK (\(Self.timestampCheck)));")])
        let fixed = try check(s, "--strict")
        XCTAssertSucceeds(fixed)
        XCTAssertFalse(fixed.stdout.contains("portability"), "\(fixed)")
    }
}

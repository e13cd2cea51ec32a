import Foundation
import MeridianTesting
import XCTest

/// `check`, `smoke` and `seed` on the reference database, and the failures they report.
final class CheckSmokeSeedTests: CLITestCase {
    private static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    private static func reference(_ folder: String) -> String { root.appendingPathComponent(folder).path }

    func testCheckProvesTheReferenceFoldersBuildTheSameSchema() throws {
        let s = try sandbox(.sqlite)
        let result = try s.meridian([
            "check", "--sqlite-migrations", Self.reference("migrations-sqlite"),
            "--postgres-migrations", Self.reference("migrations-postgres"), "--postgres", try Self.postgresServer(),
        ])
        XCTAssertSucceeds(result)
        XCTAssertTrue(result.stdout.contains("9 migrations in lockstep; both build the same schema (14 tables, 1 view)"), "\(result)")
    }

    func testCheckNamesEveryDifference() throws {
        let s = try sandbox(.sqlite)
        try s.write("a/0001_counters.up.sql", "CREATE TABLE counters (id INTEGER PRIMARY KEY, hits INTEGER NOT NULL);\n")
        try s.write("a/0001_counters.down.sql", "DROP TABLE counters;\n")
        try s.write("b/0001_counters.up.sql", "CREATE TABLE counters (id bigint PRIMARY KEY, hits integer);\n")
        try s.write("b/0001_counters.down.sql", "DROP TABLE counters;\n")
        let result = try s.meridian(["check", "--sqlite-migrations", "a", "--postgres-migrations", "b", "--postgres", try Self.postgresServer()])
        XCTAssertFailsCleanly(result, mentioning: ["table counters: column hits", "integer", "null"])
        XCTAssertEqual(result.status, 1)
    }

    func testCheckRefusesFoldersOutOfLockstep() throws {
        let s = try sandbox(.sqlite)
        try s.write("a/0001_one.up.sql", "CREATE TABLE one (id INTEGER);\n")
        try s.write("a/0001_one.down.sql", "DROP TABLE one;\n")
        try s.write("a/0002_two.up.sql", "CREATE TABLE two (id INTEGER);\n")
        try s.write("a/0002_two.down.sql", "DROP TABLE two;\n")
        try s.write("b/0001_uno.up.sql", "CREATE TABLE one (id bigint);\n")
        try s.write("b/0001_uno.down.sql", "DROP TABLE one;\n")
        let result = try s.meridian(["check", "--sqlite-migrations", "a", "--postgres-migrations", "b", "--postgres", try Self.postgresServer()])
        XCTAssertFailsCleanly(result, mentioning: ["0002_two is only in a", "version 0001 is 0001_one in a but 0001_uno in b"])
    }

    func testCheckWithoutAServerSaysHowToNameOne() throws {
        let s = try sandbox(.sqlite)
        let result = try s.meridian(
            ["check", "--sqlite-migrations", Self.reference("migrations-sqlite"), "--postgres-migrations", Self.reference("migrations-postgres")],
            environment: ["MERIDIAN_POSTGRES_URL": ""])
        XCTAssertFailsCleanly(result, mentioning: ["--postgres", "MERIDIAN_POSTGRES_URL"])
    }

    func testSmokeOnTheReferenceDatabase() throws {
        let s = try sandbox(.sqlite)
        let result = try s.meridian([
            "smoke", "--sqlite-migrations", Self.reference("migrations-sqlite"), "--postgres-migrations", Self.reference("migrations-postgres"),
            "--fixtures", Self.reference("fixtures"), "--postgres", try Self.postgresServer(),
        ])
        XCTAssertSucceeds(result)
        XCTAssertMentionsInOrder(result.stdout, ["sqlite: 9 migrations, 300 fixture rows", "ok", "postgres: 9 migrations, 300 fixture rows", "ok"])
    }

    func testSeedOnSQLite() throws { try seed(sandbox(.sqlite)) }
    func testSeedOnPostgres() throws { try seed(sandbox(.postgres)) }

    /// Seeding loads every row in one transaction; a second seed fails on the first duplicate,
    /// names the file and row, and leaves the data as it was.
    private func seed(_ s: CLISandbox) throws {
        let migrations = Self.reference(s.migrations)
        XCTAssertSucceeds(try s.meridian(["migrate", "up", "--database", s.database, "--migrations", migrations]))
        let first = try s.meridian(["seed", "--database", s.database, "--fixtures", Self.reference("fixtures")])
        XCTAssertSucceeds(first)
        XCTAssertTrue(first.stdout.contains("loaded 300 rows into 14 tables"), "\(first)")
        let before = try s.query("SELECT count(*) AS n FROM earthquakes").first?["n"] as? NSNumber
        let again = try s.meridian(["seed", "--database", s.database, "--fixtures", Self.reference("fixtures")])
        XCTAssertFailsCleanly(again, mentioning: ["01_observatories.json", "row 1", "already exists"], "[\(s.backend)]")
        XCTAssertEqual(try s.query("SELECT count(*) AS n FROM earthquakes").first?["n"] as? NSNumber, before, "[\(s.backend)]")
    }
}

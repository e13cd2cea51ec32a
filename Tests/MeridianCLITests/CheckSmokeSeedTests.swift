import Foundation
import Meridian
import MeridianTesting
import XCTest

/// `check`, `smoke` and `seed` on the reference database and the todo example, and the
/// failures they report.
final class CheckSmokeSeedTests: CLITestCase {
    private static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    private static func reference(_ folder: String) -> String { root.appendingPathComponent(folder).path }

    /// How many migrations the reference folder holds.
    private static var referenceMigrations: Int {
        get throws { try FileManager.default.contentsOfDirectory(atPath: reference("migrations-sqlite")).filter { $0.hasSuffix(".up.sql") }.count }
    }

    /// How many rows the reference fixtures hold, and in how many tables.
    private static var referenceFixtures: (rows: Int, tables: Int) {
        get throws {
            let files = try FixtureFile.load(directory: reference("fixtures"))
            return (files.reduce(0) { $0 + $1.rows.count }, Set(files.map(\.table)).count)
        }
    }

    func testCheckProvesTheReferenceFoldersBuildTheSameSchema() throws {
        let s = try sandbox(.sqlite)
        let result = try s.meridian([
            "check", "--sqlite-migrations", Self.reference("migrations-sqlite"),
            "--postgres-migrations", Self.reference("migrations-postgres"), "--postgres", try Self.postgresServer(),
        ])
        XCTAssertSucceeds(result)
        XCTAssertTrue(result.stdout.contains("\(try Self.referenceMigrations) migrations in lockstep; both build the same schema (14 tables, 3 views)"), "\(result)")
    }

    func testCheckNamesEveryDifference() throws {
        let s = try sandbox(.sqlite)
        try s.write("a/0001_counters.up.sql", "CREATE TABLE counters (id INTEGER PRIMARY KEY, hits INTEGER NOT NULL);\n")
        try s.write("a/0001_counters.down.sql", "DROP TABLE counters;\n")
        try s.write("b/0001_counters.up.sql", "CREATE TABLE counters (id bigint PRIMARY KEY, hits integer);\n")
        try s.write("b/0001_counters.down.sql", "DROP TABLE counters;\n")
        let result = try s.meridian(["check", "--sqlite-migrations", "a", "--postgres-migrations", "b", "--postgres", try Self.postgresServer()])
        XCTAssertFailsCleanly(result, mentioning: ["table counters: column hits", "null"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stdout.contains("table counters: column hits is integer on postgres, INTEGER on sqlite"), "\(result)")
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
        XCTAssertFailsCleanly(result, mentioning: ["0002_two is only in a", "version 0001 is 0001_one in a but 0001_uno in b", "--schema-only"])
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
        let summary = "\(try Self.referenceMigrations) migrations, \(try Self.referenceFixtures.rows) fixture rows"
        XCTAssertMentionsInOrder(result.stdout, ["sqlite: \(summary)", "ok", "postgres: \(summary)", "ok"])
    }

    /// The todo example's folders are in lockstep, build the same schema with no note or
    /// warning, and pass the smoke test with their fixtures.
    func testCheckAndSmokeOnTheTodoExample() throws {
        let s = try sandbox(.sqlite)
        let todo = { (folder: String) in Self.reference("examples/todo/\(folder)") }
        let folders = [
            "--sqlite-migrations", todo("migrations-sqlite"), "--postgres-migrations", todo("migrations-postgres"),
            "--postgres", try Self.postgresServer(),
        ]
        let check = try s.meridian(["check", "--strict"] + folders)
        XCTAssertSucceeds(check)
        XCTAssertTrue(check.stdout.contains("2 migrations in lockstep; both build the same schema (4 tables, 0 views)"), "\(check)")
        let smoke = try s.meridian(["smoke", "--fixtures", todo("fixtures")] + folders)
        XCTAssertSucceeds(smoke)
        XCTAssertMentionsInOrder(smoke.stdout, ["sqlite: 2 migrations, 15 fixture rows", "ok", "postgres: 2 migrations, 15 fixture rows", "ok"])
    }

    func testSeedOnSQLite() throws { try seed(sandbox(.sqlite)) }
    func testSeedOnPostgres() throws { try seed(sandbox(.postgres)) }

    /// Seeding loads every row in one transaction; a second seed finds every row present and
    /// changes nothing.
    private func seed(_ s: CLISandbox) throws {
        let migrations = Self.reference(s.migrations)
        let fixtures = try Self.referenceFixtures
        XCTAssertSucceeds(try s.meridian(["migrate", "up", "--database", s.database, "--migrations", migrations]))
        let first = try s.meridian(["seed", "--database", s.database, "--fixtures", Self.reference("fixtures")])
        XCTAssertSucceeds(first)
        XCTAssertTrue(first.stdout.contains("\(fixtures.rows) new rows in \(fixtures.tables) tables, 0 already present"), "\(first)")
        let before = try s.query("SELECT count(*) AS n FROM prophecy_sign_links").first?["n"] as? NSNumber
        let again = try s.meridian(["seed", "--database", s.database, "--fixtures", Self.reference("fixtures")])
        XCTAssertSucceeds(again)
        XCTAssertTrue(again.stdout.contains("0 new rows in \(fixtures.tables) tables, \(fixtures.rows) already present"), "\(again)")
        XCTAssertEqual(try s.query("SELECT count(*) AS n FROM prophecy_sign_links").first?["n"] as? NSNumber, before, "[\(s.backend)]")
    }

    func testSeedRefusesBadFixturesAndLoadsNothing() throws {
        for backend in Backend.allCases {
            let s = try sandbox(backend)
            XCTAssertSucceeds(try s.meridian(["migrate", "up", "--database", s.database, "--migrations", Self.reference(s.migrations)]))
            try s.write("good/signs.json", #"{"table": "celestial_signs", "rows": [{"id": 1, "name": "Blood moon", "sign_type": "blood_moon", "description": "d"}]}"#)
            let cases: [(file: String, text: String, mentioning: [String])] = [
                ("bad/signs.json", #"{"table": "celestial_signs", "rows": [{"id": 2, "name": "Comet", "sign_type": "comet", "description": 7}]}"#,
                 ["signs.json", "row 1", "column description"]),
                ("bad/signs.json", #"{"table": "celestial_signs", "rows": [{"name": "No key", "sign_type": "comet", "description": "d"}]}"#,
                 ["signs.json", "row 1", "column id", "primary key"]),
                ("bad/orbits.json", #"{"table": "orbital_elements", "rows": [{"id": 1, "object_designation": "1I", "epoch": "2017-11-23T00:00:00.000000Z", "eccentricity": 1.2, "perihelion_distance_au": 0.25, "inclination_deg": 122.7, "source": "t", "is_interstellar": true}]}"#,
                 ["orbits.json", "is_interstellar", "computes"]),
                ("bad/links.json", #"{"table": "prophecy_sign_links", "rows": [{"prophecy_id": 99, "sign_id": 1}]}"#,
                 ["links.json", "row 1", "foreign key"]),
                ("bad/signs.json", #"{"table": "celestial_signs", "rows": [{"id": 2, "name": "Comet", "sign_type": "comet""#,
                 ["signs.json"]),
            ]
            for bad in cases {
                try? FileManager.default.removeItem(atPath: s.path("bad"))
                try s.write(bad.file, bad.text)
                try s.write("bad/signs_good.json", #"{"table": "celestial_signs", "rows": [{"id": 3, "name": "Aurora", "sign_type": "aurora", "description": "d"}]}"#)
                let result = try s.meridian(["seed", "--database", s.database, "--fixtures", "bad"])
                XCTAssertFailsCleanly(result, mentioning: bad.mentioning, "[\(backend)] \(bad.file)")
                XCTAssertEqual(try s.query("SELECT count(*) AS n FROM celestial_signs").first?["n"] as? NSNumber, 0, "[\(backend)] \(bad.file)")
            }
        }
    }
}

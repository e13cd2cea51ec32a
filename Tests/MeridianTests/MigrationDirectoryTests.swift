import Foundation
import XCTest
@testable import Meridian

/// `MigrationDirectory`: each layout read from a real folder, every bad input as its own
/// error naming the file, and scaffolding of new pairs.
final class MigrationDirectoryTests: XCTestCase {
    private var root = ""

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("meridian-migrations-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try FileManager.default.removeItem(atPath: root)
    }

    private var folders = 0

    /// A new folder holding `files` (names may include one subfolder), as a directory.
    private func folder(_ files: [String: String], name: String? = nil) throws -> MigrationDirectory {
        folders += 1
        let path = root + "/" + (name ?? "migrations\(folders)")
        for (file, text) in files {
            let url = URL(fileURLWithPath: path + "/" + file)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return MigrationDirectory(path: path)
    }

    private func assertError(
        _ files: [String: String], requireDown: Bool = true, _ expected: (String) -> MigrationError,
        mentioning needles: String..., file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let directory = try folder(files)
        do {
            let migrations = try directory.load(dialect: .postgres, requireDown: requireDown)
            XCTFail("should fail, loaded \(migrations.map(\.name))", file: file, line: line)
        } catch {
            XCTAssertEqual(error, expected(directory.path), file: file, line: line)
            for needle in needles {
                XCTAssertTrue(error.description.contains(needle), "\(needle) in: \(error.description)", file: file, line: line)
            }
        }
    }

    // MARK: - Layouts

    func testMeridianPairsSortedByVersionWithDirectiveAndChecksum() throws {
        let up2 = "  --  Meridian: No-Transaction  \nCREATE INDEX CONCURRENTLY b_x ON b (x);\n"
        let directory = try folder([
            "0002_add-b.up.sql": up2,
            "0002_add-b.down.sql": "",
            "0001_create_a.up.sql": "-- the first table\nCREATE TABLE a (x int);\n\nINSERT INTO a VALUES (1);\n",
            "0001_create_a.down.sql": "DROP TABLE a;\n",
            "README.md": "# migrations", "readme": "", ".DS_Store": "", "notes.txt": "", ".hidden.sql": "garbage",
        ])
        let migrations = try directory.load(dialect: .postgres)
        XCTAssertEqual(migrations.map(\.name), ["0001_create_a", "0002_add-b"])
        let first = migrations[0]
        XCTAssertEqual(first.up.path, directory.path + "/0001_create_a.up.sql")
        XCTAssertEqual(first.up.statements, [
            SQLStatement(sql: "CREATE TABLE a (x int)", line: 2), SQLStatement(sql: "INSERT INTO a VALUES (1)", line: 4),
        ])
        XCTAssertTrue(first.up.transactional)
        XCTAssertEqual(first.down?.statements.map(\.sql), ["DROP TABLE a"])
        XCTAssertEqual(migrations[1].checksum, SHA256.hex(up2))
        XCTAssertFalse(migrations[1].up.transactional)
        XCTAssertEqual(migrations[1].down?.statements, [], "an empty down script is allowed")
        XCTAssertTrue(try XCTUnwrap(migrations[1].down).transactional)
    }

    func testGolangMigrateNamesWithLongVersions() throws {
        let directory = try folder([
            "20240501120000_Create_Users.up.sql": "CREATE TABLE users (id int);",
            "20240501120000_Create_Users.down.sql": "DROP TABLE users;",
            "000003_x.up.sql": "SELECT 1;", "000003_x.down.sql": "",
        ])
        let migrations = try directory.load(dialect: .sqlite)
        XCTAssertEqual(migrations.map(\.version), [3, 20_240_501_120_000])
        XCTAssertEqual(migrations.map(\.slug), ["x", "Create_Users"], "golang-migrate titles are kept as written")
    }

    func testDbmateSectionsWithFileLineNumbers() throws {
        let text = """
            -- a header comment is fine
            -- migrate:up transaction:false
            CREATE INDEX CONCURRENTLY a_x ON a (x);

            CREATE INDEX CONCURRENTLY a_y ON a (y);
            -- migrate:down
            DROP INDEX a_x;
            DROP INDEX a_y;
            """
        let directory = try folder(["20240102030405_indexes.sql": text, "20240101000000_a.sql": "-- migrate:up\nCREATE TABLE a (x int, y int);\n-- migrate:down\nDROP TABLE a;\n"])
        let migrations = try directory.load(dialect: .postgres)
        XCTAssertEqual(migrations.map(\.name), ["20240101000000_a", "20240102030405_indexes"])
        let indexes = migrations[1]
        XCTAssertEqual(indexes.up.statements.map(\.line), [3, 5])
        XCTAssertEqual(indexes.down?.statements.map(\.line), [7, 8])
        XCTAssertFalse(indexes.up.transactional)
        XCTAssertEqual(indexes.down?.transactional, true)
        XCTAssertEqual(indexes.up.path, directory.path + "/20240102030405_indexes.sql")
        XCTAssertEqual(indexes.up.text, "CREATE INDEX CONCURRENTLY a_x ON a (x);\n\nCREATE INDEX CONCURRENTLY a_y ON a (y);")
        XCTAssertEqual(indexes.checksum, SHA256.hex(indexes.up.text))
    }

    func testDbmateWithoutDownIsMissingDownUnlessDownsAreOptional() throws {
        try assertError(["0001_a.sql": "-- migrate:up\nSELECT 1;\n"], { .missingDown(path: $0 + "/0001_a.sql") }, mentioning: "migrate:down")
        let migrations = try folder(["0001_a.sql": "-- migrate:up\nSELECT 1;\n"]).load(dialect: .sqlite, requireDown: false)
        XCTAssertNil(migrations.first?.down)
    }

    func testDieselFolders() throws {
        let directory = try folder([
            "00000000000000_diesel_initial_setup/up.sql": "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;",
            "00000000000000_diesel_initial_setup/down.sql": "DROP FUNCTION f();",
            "2024-05-01-120000_create_users/up.sql": "CREATE TABLE users (id int);\nCREATE INDEX CONCURRENTLY u ON users (id);",
            "2024-05-01-120000_create_users/down.sql": "DROP TABLE users;",
            "2024-05-01-120000_create_users/metadata.toml": "# options\nrun_in_transaction = false\n",
            ".keep": "", "fixtures/data.csv": "1,2",
        ])
        let migrations = try directory.load(dialect: .postgres)
        XCTAssertEqual(migrations.map(\.version.id), ["00000000000000", "20240501120000"])
        XCTAssertEqual(migrations.map(\.name), ["00000000000000_diesel_initial_setup", "2024-05-01-120000_create_users"])
        XCTAssertEqual(migrations.map(\.slug), ["diesel_initial_setup", "create_users"])
        XCTAssertEqual(migrations[0].up.statements.count, 1)
        XCTAssertTrue(migrations[0].up.transactional)
        XCTAssertEqual(migrations[1].up.path, directory.path + "/2024-05-01-120000_create_users/up.sql")
        XCTAssertEqual(migrations[1].up.statements.map(\.line), [1, 2])
        XCTAssertEqual([migrations[1].up.transactional, migrations[1].down?.transactional], [false, false])
    }

    func testByteOrderMarkIsDropped() throws {
        let directory = try folder(["0001_a.up.sql": "\u{FEFF}SELECT 1;", "0001_a.down.sql": ""])
        XCTAssertEqual(try directory.load(dialect: .sqlite).first?.up.statements.first?.sql, "SELECT 1")
    }

    // MARK: - Bad input

    func testMalformedFileNames() throws {
        for name in ["1-init.up.sql", "V1__init.sql", "0001_add alerts.up.sql", "0001_.up.sql", "init.up.sql", "0001_a.b.up.sql"] {
            try assertError([name: "SELECT 1;"], { .malformedName(path: $0 + "/" + name, reason: MigrationEntry.fileNamePattern) },
                            mentioning: name, "NNNN_slug.up.sql")
        }
    }

    /// Names other tools would skip are refused rather than skipped without a word.
    func testCapitalSuffixesAndFoldersNamedLikeFilesAreRefused() throws {
        let good = ["0001_a.up.sql": "SELECT 1;", "0001_a.down.sql": "SELECT 1;"]
        for (name, rename) in [("0002_b.UP.SQL", "0002_b.up.sql"), ("0002_b.down.SQL", "0002_b.down.sql"), ("0002_b.Up.sql", "0002_b.up.sql"), ("0002_b.SQL", "0002_b.sql")] {
            XCTAssertThrowsError(try folder(good.merging([name: "SELECT 1;"]) { $1 }).load(dialect: .sqlite)) { error in
                XCTAssertTrue("\(error)".contains("\(name): the suffix is not in lower case") && "\(error)".contains("rename it \(rename)"), "\(error)")
            }
        }
        XCTAssertThrowsError(try folder(good.merging(["0002_b.up.sql/notes.txt": "x"]) { $1 }).load(dialect: .sqlite)) { error in
            XCTAssertTrue("\(error)".contains("0002_b.up.sql: this is a folder named like a migration file"), "\(error)")
        }
        let diesel = ["2024-01-01-000000_a/UP.sql": "SELECT 1;", "2024-01-01-000000_a/down.sql": "SELECT 1;"]
        XCTAssertThrowsError(try folder(diesel).load(dialect: .sqlite)) { error in
            XCTAssertTrue("\(error)".contains("UP.sql: a Diesel migration folder holds only up.sql and down.sql"), "\(error)")
        }
    }

    /// Diesel runs each migration in a transaction too, unless `run_in_transaction = false`.
    func testDieselFoldersWithTheirOwnTransaction() throws {
        let files = [
            "2024-05-01-120000_a/up.sql": "BEGIN;\nCREATE TABLE a (x int);\nCOMMIT;\n",
            "2024-05-01-120000_a/down.sql": "DROP TABLE a;\n",
        ]
        XCTAssertThrowsError(try folder(files).load(dialect: .postgres)) { error in
            XCTAssertTrue("\(error)".contains("2024-05-01-120000_a/up.sql:1: `BEGIN`"), "\(error)")
        }
        var optedOut = files
        optedOut["2024-05-01-120000_a/metadata.toml"] = "run_in_transaction = false\n"
        let migrations = try folder(optedOut).load(dialect: .postgres)
        XCTAssertEqual(migrations.map(\.up.transactional), [false])
        XCTAssertEqual(migrations.first?.up.statements.count, 3)
    }

    func testMalformedDieselFolderAndVersionTooLarge() throws {
        try assertError(["create_users/up.sql": "SELECT 1;"], { .malformedName(path: $0 + "/create_users", reason: MigrationEntry.folderPattern) },
                        mentioning: "2024-05-01-120000_create_alerts")
        try assertError(["2024--05_a/up.sql": "SELECT 1;"], { .malformedName(path: $0 + "/2024--05_a", reason: MigrationEntry.folderPattern) })
        let huge = String(repeating: "9", count: 41) + "_a.up.sql"
        try assertError([huge: "SELECT 1;"], { .malformedName(path: $0 + "/" + huge, reason: "the version \(String(repeating: "9", count: 41)) is too long: at most 40 digits") })
    }

    func testUpWithoutDownNamesTheExpectedFile() throws {
        try assertError(["0001_a.up.sql": "SELECT 1;"], { .missingDown(path: $0 + "/0001_a.up.sql") }, mentioning: "/0001_a.down.sql")
        try assertError(["0001_a/up.sql": "SELECT 1;"], { .missingDown(path: $0 + "/0001_a/up.sql") }, mentioning: "/0001_a/down.sql")
        let migrations = try folder(["0001_a.up.sql": "SELECT 1;"]).load(dialect: .sqlite, requireDown: false)
        XCTAssertNil(migrations.first?.down)
    }

    func testDownWithoutUp() throws {
        try assertError(["0001_a.up.sql": "SELECT 1;", "0001_a.down.sql": "", "0002_b.down.sql": ""],
                        { .missingUp(path: $0 + "/0002_b.down.sql") }, mentioning: "/0002_b.up.sql")
        try assertError(["0001_a/down.sql": ""], { .missingUp(path: $0 + "/0001_a/down.sql") }, mentioning: "/0001_a/up.sql")
    }

    /// A Meridian folder refuses up scripts without statements, naming every one of them.
    func testEmptyUpScripts() throws {
        try assertError(["0001_a.up.sql": "", "0001_a.down.sql": ""], { .emptyScripts(paths: [$0 + "/0001_a.up.sql"]) })
        try assertError(["0001_a.up.sql": "  \n-- just a comment;\n/* ; */\n;\n", "0001_a.down.sql": "DROP TABLE a;"],
                        { .emptyScripts(paths: [$0 + "/0001_a.up.sql"]) }, mentioning: "no SQL statements")
        try assertError(
            ["0001_a.up.sql": "-- a", "0001_a.down.sql": "", "0002_b.up.sql": "SELECT 1;", "0002_b.down.sql": "", "0003_c.up.sql": "", "0003_c.down.sql": ""],
            { .emptyScripts(paths: [$0 + "/0001_a.up.sql", $0 + "/0003_c.up.sql"]) }, mentioning: "2 up scripts")
    }

    /// dbmate and Diesel run an up script of comments only as a migration that does nothing.
    func testEmptyUpScriptsAreMigrationsThatDoNothingInForeignLayouts() throws {
        let dbmate = try folder(["20240101000000_a.sql": "-- migrate:up\n-- nothing\n-- migrate:down\nSELECT 1;"]).load(dialect: .sqlite)
        XCTAssertEqual(dbmate.map(\.up.statements.count), [0])
        let diesel = try folder(["2024-01-01-000000_a/up.sql": "-- Your SQL goes here\n", "2024-01-01-000000_a/down.sql": "-- undo\n"]).load(dialect: .sqlite)
        XCTAssertEqual(diesel.map(\.up.statements.count), [0])
        XCTAssertFalse(diesel[0].isReversible)
    }

    /// Diesel's versions are text with dashes removed, ordered as strings: an 8-digit version
    /// runs after every 14-digit one of an earlier year, and the folder gets a warning.
    func testDieselVersionsAreOrderedAsText() throws {
        let migrations = try folder([
            "2024-03-13_170000_late/up.sql": "SELECT 1;", "2024-03-13_170000_late/down.sql": "SELECT 1;",
            "2018-01-01-000000_early/up.sql": "SELECT 1;", "2018-01-01-000000_early/down.sql": "SELECT 1;",
            "2019-06-01-120000_middle/up.sql": "SELECT 1;", "2019-06-01-120000_middle/down.sql": "SELECT 1;",
        ]).load(dialect: .sqlite)
        XCTAssertEqual(migrations.map(\.version.id), ["20180101000000", "20190601120000", "20240313"])
        XCTAssertEqual(migrations.map(\.name), ["2018-01-01-000000_early", "2019-06-01-120000_middle", "2024-03-13_170000_late"])
        XCTAssertEqual(migrations.last?.slug, "170000_late")
        let warnings = MigrationDirectory.warnings(migrations)
        XCTAssertEqual(warnings.count, 1)
        XCTAssertTrue(warnings[0].contains("8 digits (2024-03-13_170000_late)"), warnings[0])
        XCTAssertTrue(warnings[0].contains("as text"), warnings[0])
    }

    /// Meridian and golang-migrate versions are numbers: `0010` after `9`, `0003` equal to `3`.
    func testMeridianVersionsAreNumbers() throws {
        let migrations = try folder([
            "9_nine.up.sql": "SELECT 1;", "9_nine.down.sql": "SELECT 1;",
            "0010_ten.up.sql": "SELECT 1;", "0010_ten.down.sql": "SELECT 1;",
        ]).load(dialect: .sqlite)
        XCTAssertEqual(migrations.map(\.version.id), ["9", "10"])
        XCTAssertEqual(migrations.map(\.name), ["9_nine", "0010_ten"])
        XCTAssertEqual(MigrationVersion(spelling: "0003", ordering: .numeric), 3)
        try assertError(["0003_a.up.sql": "SELECT 1;", "0003_a.down.sql": "", "3_b.up.sql": "SELECT 1;", "3_b.down.sql": ""],
                        { .duplicateVersion(version: 3, paths: [$0 + "/0003_a.up.sql", $0 + "/3_b.up.sql"]) })
    }

    func testDuplicateVersions() throws {
        try assertError([
            "0001_a.up.sql": "SELECT 1;", "0001_a.down.sql": "",
            "001_b.up.sql": "SELECT 2;", "001_b.down.sql": "",
            "0002_c.up.sql": "SELECT 3;", "0002_c.down.sql": "",
        ], { .duplicateVersion(version: 1, paths: [$0 + "/0001_a.up.sql", $0 + "/001_b.up.sql"]) }, mentioning: "version 1", "0001_a.up.sql")
    }

    func testMixedLayouts() throws {
        try assertError(["0001_a.up.sql": "SELECT 1;", "0001_a.down.sql": "", "0002_b.sql": "-- migrate:up\nSELECT 2;"], { path in
            .malformedName(path: path + "/0002_b.sql", reason: "this folder mixes layouts: 0001_a.down.sql is one of the "
                + MigrationLayout.meridian.summary + ", and this is one of the " + MigrationLayout.dbmate.summary + "; keep one layout per folder")
        }, mentioning: "mixes layouts")
        try assertError(["0001_a/up.sql": "SELECT 1;", "0002_b.up.sql": "SELECT 2;"], { path in
            .malformedName(path: path + "/0002_b.up.sql", reason: "this folder mixes layouts: 0001_a is one of the "
                + MigrationLayout.diesel.summary + ", and this is one of the " + MigrationLayout.meridian.summary + "; keep one layout per folder")
        })
    }

    func testUnterminatedStringNamesFileAndLine() throws {
        try assertError(["0001_a.up.sql": "CREATE TABLE a (x text);\nINSERT INTO a VALUES ('oops);\nSELECT 1;\n", "0001_a.down.sql": ""],
                        { .unterminated(path: $0 + "/0001_a.up.sql", line: 2, what: "a string literal") }, mentioning: "0001_a.up.sql:2:")
    }

    func testUnterminatedTriggerBody() throws {
        let directory = try folder(["0001_t.up.sql": "CREATE TRIGGER t AFTER INSERT ON a\nBEGIN\n  DELETE FROM b;\n", "0001_t.down.sql": ""])
        XCTAssertThrowsError(try directory.load(dialect: .sqlite)) { error in
            XCTAssertEqual(error as? MigrationError,
                           .unterminated(path: directory.path + "/0001_t.up.sql", line: 2, what: "a trigger body (BEGIN … END)"))
        }
    }

    func testMissingFolderFileInsteadOfFolderAndEmptyFolder() throws {
        let missing = MigrationDirectory(path: root + "/not-there")
        XCTAssertThrowsError(try missing.load(dialect: .sqlite)) { error in
            XCTAssertEqual(error as? MigrationError, .notADirectory(path: root + "/not-there"))
            XCTAssertTrue("\(error)".contains("not-there"))
        }
        let file = root + "/0001_a.up.sql"
        try Data("SELECT 1;".utf8).write(to: URL(fileURLWithPath: file))
        XCTAssertThrowsError(try MigrationDirectory(path: file).load(dialect: .sqlite)) { error in
            XCTAssertEqual(error as? MigrationError, .notADirectory(path: file))
        }
        try assertError(["README.md": "nothing yet"], { .noMigrations(directory: $0) }, mentioning: "meridian migrate new")
    }

    /// A byte that is not UTF-8 is refused naming its line and column (the Meridian
    /// bad-input corpus: a stray byte, an overlong form, a surrogate, a sequence cut short).
    func testFileThatIsNotUTF8IsRefusedAtItsLineAndColumn() throws {
        let directory = try folder(["0001_a.down.sql": ""])
        try Data([0x53, 0x45, 0x0A, 0x53, 0xFF, 0xFE, 0x3B]).write(to: URL(fileURLWithPath: directory.path + "/0001_a.up.sql"))
        XCTAssertThrowsError(try directory.load(dialect: .sqlite)) { error in
            XCTAssertEqual(error as? MigrationError, .malformedScript(
                path: directory.path + "/0001_a.up.sql", line: 2, reason: "column 2 holds a byte that is not UTF-8: save the file as UTF-8"))
        }
    }

    /// A NUL would end the statement for the engine (`DELETE FROM t` instead of `DELETE FROM t
    /// WHERE …`): the file is refused, naming the line and column, in every layout.
    func testNULIsRefusedNamingLineAndColumn() throws {
        let reason = { (column: Int) in
            "column \(column) holds a NUL byte (U+0000), where the engine would stop reading the statement and run only "
                + "what comes before it: remove it"
        }
        try assertError(["0001_a.up.sql": "\u{FEFF}-- café\nDELETE FROM t\0 WHERE id = 2;\n", "0001_a.down.sql": ""],
                        { .malformedScript(path: $0 + "/0001_a.up.sql", line: 2, reason: reason(14)) },
                        mentioning: "0001_a.up.sql:2:", "column 14", "NUL")
        try assertError(["0001_a.up.sql": "SELECT 1;\n", "0001_a.down.sql": "DROP TABLE t;\0"],
                        { .malformedScript(path: $0 + "/0001_a.down.sql", line: 1, reason: reason(14)) })
        try assertError(["0001_a.sql": "-- migrate:up\nSELECT 'é\0';\n-- migrate:down\n"],
                        { .malformedScript(path: $0 + "/0001_a.sql", line: 2, reason: reason(10)) })
        try assertError(["2024-05-01-120000_a/up.sql": "SELECT 1;\n\0", "2024-05-01-120000_a/down.sql": ""],
                        { .malformedScript(path: $0 + "/2024-05-01-120000_a/up.sql", line: 2, reason: reason(1)) })
    }

    func testDbmateContentErrors() throws {
        try assertError(["0001_a.sql": "CREATE TABLE a (x int);"], { path in
            .malformedName(path: path + "/0001_a.sql", reason: "a single-file migration needs a `-- migrate:up` line (dbmate); "
                + "or rename it 0001_a.up.sql and add 0001_a.down.sql")
        })
        try assertError(["0001_a.sql": "-- header\nCREATE TABLE a (x int);\n-- migrate:up\nSELECT 1;"], { path in
            .malformedScript(path: path + "/0001_a.sql", line: 2, reason: "SQL before `-- migrate:up` belongs to no section: move it below the marker")
        })
        try assertError(["0001_a.sql": "-- migrate:down\nSELECT 1;\n-- migrate:up\nSELECT 2;"], { path in
            .malformedScript(path: path + "/0001_a.sql", line: 1,
                             reason: "a dbmate file has one `-- migrate:up` section, then at most one `-- migrate:down` section")
        })
        try assertError(["0001_a.sql": "-- migrate:up transaction:maybe\nSELECT 1;"], { path in
            .malformedScript(path: path + "/0001_a.sql", line: 1, reason: "unknown dbmate option `transaction:maybe`; the only one is transaction:false")
        })
    }

    func testNoTransactionDirectiveAfterOtherLinesIsAnError() throws {
        try assertError(["0001_a.up.sql": "-- header\n-- meridian:no-transaction\nSELECT 1;", "0001_a.down.sql": ""], { path in
            .malformedScript(path: path + "/0001_a.up.sql", line: 2,
                             reason: "`-- meridian:no-transaction` only counts as the first line of a script: move it there")
        }, mentioning: "0001_a.up.sql:2:")
    }

    func testStraySQLInDieselFolder() throws {
        try assertError(["0001_a/up.sql": "SELECT 1;", "0001_a/down.sql": "", "0001_a/seed.sql": ""], { path in
            .malformedName(path: path + "/0001_a/seed.sql", reason: "a Diesel migration folder holds only up.sql and down.sql")
        })
    }

    // MARK: - New migrations

    func testVersionsReadNamesOnlySoAnEmptyNewMigrationCounts() throws {
        XCTAssertEqual(try MigrationDirectory(path: "/no/such/folder").versions(), [])
        let directory = try folder(["0007_a.up.sql": "", "0007_a.down.sql": "", "0003_b.up.sql": "SELECT 1;", "0003_b.down.sql": ""])
        XCTAssertEqual(try directory.versions().sorted(), [3, 7])
    }

    func testSlugify() {
        XCTAssertEqual(MigrationDirectory.slugify("Add alerts table"), "add_alerts_table")
        XCTAssertEqual(MigrationDirectory.slugify("  add -- alerts, v2!  "), "add_alerts_v2")
        XCTAssertEqual(MigrationDirectory.slugify("AddAlertsTable"), "add_alerts_table")
        XCTAssertEqual(MigrationDirectory.slugify("add_HTTPS_v2Table"), "add_https_v2_table")
        XCTAssertEqual(MigrationDirectory.slugify("Café crème"), "cafe_creme")
        XCTAssertEqual(MigrationDirectory.slugify("日本"), "")
    }

    func testScaffoldWritesAPairThatLoadAsksToFillIn() throws {
        let directory = MigrationDirectory(path: root + "/new/migrations")
        let created = try directory.scaffold(slug: "add_alerts", version: 3)
        XCTAssertEqual(created, [directory.path + "/0003_add_alerts.up.sql", directory.path + "/0003_add_alerts.down.sql"])
        let up = try String(contentsOfFile: created[0], encoding: .utf8)
        XCTAssertTrue(up.hasPrefix("-- 0003_add_alerts: up\n"), up)
        XCTAssertTrue(up.contains("-- meridian:no-transaction"))
        XCTAssertTrue(try String(contentsOfFile: created[1], encoding: .utf8).hasPrefix("-- 0003_add_alerts: down\n"))
        XCTAssertThrowsError(try directory.load(dialect: .sqlite)) { error in
            XCTAssertEqual(error as? MigrationError, .emptyScripts(paths: [created[0]]))
        }
        try Data("CREATE TABLE alerts (id int);".utf8).write(to: URL(fileURLWithPath: created[0]))
        XCTAssertEqual(try directory.load(dialect: .sqlite).map(\.name), ["0003_add_alerts"])
    }

    func testScaffoldRefusesToOverwriteOrReuseAVersion() throws {
        let directory = try folder(["0003_a.up.sql": "SELECT 1;", "0003_a.down.sql": ""])
        XCTAssertThrowsError(try directory.scaffold(slug: "a", version: 3)) { error in
            XCTAssertEqual(error as? MigrationError,
                           .duplicateVersion(version: 3, paths: [directory.path + "/0003_a.down.sql", directory.path + "/0003_a.up.sql"]))
        }
        XCTAssertThrowsError(try directory.scaffold(slug: "b", version: 3))
        XCTAssertEqual(try String(contentsOfFile: directory.path + "/0003_a.up.sql", encoding: .utf8), "SELECT 1;")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path).count, 2)
    }

    /// New migrations follow the folder: Meridian numbers keep the folder's width; dbmate and
    /// Diesel get UTC timestamps in their spelling, after the newest version.
    func testScaffoldWritesEachLayoutInItsOwnForm() throws {
        let sixDigits = try folder(["000001_a.up.sql": "SELECT 1;", "000001_a.down.sql": ""])
        let next = MigrationLayout.meridian.nextVersion(after: try sixDigits.versions())
        XCTAssertEqual(next.spelling, "000002")
        XCTAssertEqual(try sixDigits.scaffold(slug: "b", version: next).first, sixDigits.path + "/000002_b.up.sql")

        let noon = Date(timeIntervalSince1970: 1_714_564_800)  // 2024-05-01 12:00:00 UTC
        let dbmate = try folder(["20240501120000_a.sql": "-- migrate:up\nSELECT 1;\n-- migrate:down\nSELECT 1;"], name: "dbmate")
        let dbmateNext = MigrationLayout.dbmate.nextVersion(after: try dbmate.versions(), now: noon)
        XCTAssertEqual(dbmateNext.spelling, "20240501120001", "a second after the newest, which holds the current second")
        XCTAssertEqual(try dbmate.scaffold(slug: "b", version: dbmateNext), [dbmate.path + "/20240501120001_b.sql"])
        XCTAssertEqual(try dbmate.load(dialect: .sqlite).map(\.name), ["20240501120000_a", "20240501120001_b"])

        let diesel = try folder(["2024-04-01-000000_a/up.sql": "SELECT 1;", "2024-04-01-000000_a/down.sql": "SELECT 1;"], name: "diesel")
        let dieselNext = MigrationLayout.diesel.nextVersion(after: try diesel.versions(), now: noon)
        XCTAssertEqual(dieselNext.spelling, "2024-05-01-120000")
        XCTAssertEqual(try diesel.scaffold(slug: "b", version: dieselNext),
                       [diesel.path + "/2024-05-01-120000_b/up.sql", diesel.path + "/2024-05-01-120000_b/down.sql"])
        XCTAssertEqual(try diesel.load(dialect: .sqlite).map(\.name), ["2024-04-01-000000_a", "2024-05-01-120000_b"])
    }

    func testScaffoldRejectsBadSlugsWithASuggestion() throws {
        let directory = try folder([:])
        XCTAssertThrowsError(try directory.scaffold(slug: "Add Alerts", version: 1)) { error in
            XCTAssertEqual(error as? MigrationError, .malformedName(
                path: directory.path + "/0001_Add Alerts.up.sql",
                reason: "a slug is lowercase letters, digits and underscores, such as add_alerts"))
        }
        XCTAssertThrowsError(try directory.scaffold(slug: "", version: 1)) { error in
            XCTAssertTrue("\(error)".contains("such as add_alerts_table"), "\(error)")
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path), [])
    }
}

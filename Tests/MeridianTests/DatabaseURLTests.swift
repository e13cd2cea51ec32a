import XCTest
@testable import Meridian

/// `DatabaseURL`: the spellings a user of sqlite3 and libpq expects, and passwords never shown.
final class DatabaseURLTests: XCTestCase {
    private func parse(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> DatabaseURL? {
        do { return try DatabaseURL(parsing: text) } catch {
            XCTFail("\(text) should parse: \(error)", file: file, line: line)
            return nil
        }
    }

    private func assertMisuse(_ text: String, mentioning needle: String, file: StaticString = #filePath, line: UInt = #line) {
        do {
            let url = try DatabaseURL(parsing: text)
            XCTFail("\(text) should be rejected, got \(url)", file: file, line: line)
        } catch {
            XCTAssertEqual(error.kind, .misuse, file: file, line: line)
            XCTAssertTrue(error.description.contains(needle), error.description, file: file, line: line)
        }
    }

    // MARK: - SQLite

    func testSQLiteSchemeWithRelativeAndAbsolutePaths() {
        XCTAssertEqual(parse("sqlite:events.sqlite"), .sqlite(path: "events.sqlite"))
        XCTAssertEqual(parse("sqlite:/var/data/events.sqlite"), .sqlite(path: "/var/data/events.sqlite"))
        XCTAssertEqual(parse("sqlite:data/dev"), .sqlite(path: "data/dev"), "the scheme needs no known suffix")
    }

    func testSQLiteDoubleSlashForm() {
        XCTAssertEqual(parse("sqlite://events.sqlite"), .sqlite(path: "events.sqlite"))
        XCTAssertEqual(parse("sqlite:///tmp/x.sqlite"), .sqlite(path: "/tmp/x.sqlite"))
    }

    func testSQLiteInMemory() {
        XCTAssertEqual(parse("sqlite::memory:"), .sqlite(path: ":memory:"))
    }

    func testBarePathsWithADatabaseSuffixMeanSQLite() {
        for path in ["dev.sqlite", "data/dev.sqlite3", "/tmp/app.db", "../fixtures/world.spatialite"] {
            XCTAssertEqual(parse(path), .sqlite(path: path), path)
        }
    }

    func testSurroundingWhitespaceIsIgnored() {
        XCTAssertEqual(parse("  sqlite:a.sqlite  "), .sqlite(path: "a.sqlite"))
        XCTAssertEqual(parse(" postgres://h/db "), .postgres("postgres://h/db"))
    }

    func testDefaultIsASpatiaLiteFileInTheWorkingDirectory() {
        XCTAssertEqual(DatabaseURL.defaultSQLite, .sqlite(path: "meridian.sqlite"))
        XCTAssertEqual(DatabaseURL.defaultSQLite.description, "sqlite:meridian.sqlite")
    }

    // MARK: - PostgreSQL

    func testPostgresURIsAreKeptVerbatim() {
        for text in [
            "postgres://alice@db.example.com:5432/app?sslmode=verify-full",
            "postgresql://localhost/app", "postgres:///app?host=/var/run/postgresql", "postgresql://",
        ] {
            XCTAssertEqual(parse(text), .postgres(text), text)
        }
    }

    func testLibpqKeywordFormMeansPostgres() {
        XCTAssertEqual(parse("host=localhost dbname=app"), .postgres("host=localhost dbname=app"))
        XCTAssertEqual(parse("dbname=app"), .postgres("dbname=app"))
    }

    // MARK: - Errors

    func testGarbageIsRejectedWithAHint() {
        assertMisuse("hello", mentioning: "sqlite:path/to/file.sqlite")
        assertMisuse("", mentioning: "is not a database URL")
        assertMisuse("events.csv", mentioning: "'events.csv' is not a database URL")
        assertMisuse("mysql://h/db", mentioning: "is not a database URL")
    }

    func testLongGarbageIsTruncatedInTheMessage() {
        let text = String(repeating: "x", count: 200)
        do {
            _ = try DatabaseURL(parsing: text)
            XCTFail("should be rejected")
        } catch {
            XCTAssertTrue(error.reason.contains(String(repeating: "x", count: 80) + "…"), error.reason)
            XCTAssertFalse(error.reason.contains(String(repeating: "x", count: 81)), error.reason)
        }
    }

    func testSQLiteSchemeWithoutAPathIsRejected() {
        assertMisuse("sqlite:", mentioning: "needs a file path")
        assertMisuse("sqlite://", mentioning: "needs a file path")
        assertMisuse("  sqlite:  ", mentioning: "needs a file path")
    }

    // MARK: - Redaction

    func testDescriptionRedactsThePasswordInURIUserinfo() {
        let url = parse("postgres://alice:s3cr%40t@db.example.com:5432/app?sslmode=require")
        let text = url?.description ?? ""
        XCTAssertFalse(text.contains("s3cr"), text)
        XCTAssertTrue(text.contains("alice:***@db.example.com:5432/app"), text)
        XCTAssertTrue(text.contains("sslmode=require"), text)
    }

    func testDescriptionRedactsAPasswordHoldingAnUnencodedAtOrSlashWhole() {
        XCTAssertEqual(parse("postgres://alice:S3c@ret!@db/app")?.description, "postgres://alice:***@db/app")
        XCTAssertEqual(parse("postgres://alice:S3c/ret!@db/app")?.description, "postgres://alice:***@db/app")
    }

    func testDescriptionRedactsPasswordQueryItems() {
        let text = parse("postgresql://alice@db/app?sslmode=require&password=hunter2&application_name=x")?.description ?? ""
        XCTAssertFalse(text.contains("hunter2"), text)
        XCTAssertTrue(text.contains("password=***"), text)
        XCTAssertTrue(text.contains("sslmode=require") && text.contains("application_name=x"), text)
    }

    func testDescriptionRedactsKeywordPasswords() {
        XCTAssertEqual(parse("host=h password=secret dbname=app")?.description, "host=h password=*** dbname=app")
        XCTAssertEqual(parse("host=h password='a b' dbname=app")?.description, "host=h password=*** dbname=app")
        XCTAssertEqual(parse("host=h password = secret")?.description, "host=h password=***")
        XCTAssertEqual(parse(#"password='it\'s x' user=u"#)?.description, "password=*** user=u")
    }

    func testDescriptionWithoutAPasswordIsUnchanged() {
        XCTAssertEqual(parse("postgres://alice@h:5432/app")?.description, "postgres://alice@h:5432/app")
        XCTAssertEqual(parse("host=h dbname=app")?.description, "host=h dbname=app")
        XCTAssertEqual(parse("sqlite:x.sqlite")?.description, "sqlite:x.sqlite")
    }
}

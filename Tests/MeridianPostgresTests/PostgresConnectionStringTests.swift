import Meridian
import XCTest

@testable import MeridianPostgres

/// Connection strings checked before libpq connects: the malformed ones are refused without a
/// piece of their password, and a parsed password is scrubbed from later messages. No server
/// is needed.
final class PostgresConnectionStringTests: XCTestCase {
    private func refusal(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> String {
        do {
            _ = try PostgresConnectionString(text)
            XCTFail("\(text) should be refused", file: file, line: line)
            return ""
        } catch {
            XCTAssertEqual(error.kind, .connection, file: file, line: line)
            return error.description
        }
    }

    func testLibpqParseErrorsLoseTheirQuotedParts() {
        let cases = [
            ("postgresql://user:S3cret!@[::1/db", "looking for matching \"]\" in IPv6 host address in URI"),
            ("postgresql://user:S3cret!@[]/db", "IPv6 host address may not be empty in URI"),
            ("postgresql://user:S3cret!%zz@host/db", "invalid percent-encoded token"),
            ("postgresql://user:S3cret!%00@host/db", "forbidden value %00 in percent-encoded value"),
            ("host=h password=S3c ret!", "missing \"=\" after … in connection info string"),
        ]
        for (text, reason) in cases {
            let message = refusal(text)
            XCTAssertTrue(message.contains("the connection string is malformed: "), message)
            XCTAssertTrue(message.contains(reason), "\(message) should hold \(reason)")
            for piece in ["S3c", "ret!"] { XCTAssertFalse(message.contains(piece), message) }
        }
    }

    /// A misspelt query parameter is named, unless the name is part of the user name or
    /// password (decoded or not).
    func testAnUnknownQueryParameterIsNamedUnlessItIsPartOfTheCredentials() {
        XCTAssertTrue(refusal("postgresql://u:S3cret!@host/db?colour=red").contains("invalid URI query parameter: \"colour\""))
        for text in ["postgresql://u:S3cret@host/db?S3cret=1", "postgresql://u:S3%63ret@host/db?S3cret=1"] {
            let message = refusal(text)
            XCTAssertTrue(message.contains("invalid URI query parameter ("), message)
            XCTAssertFalse(message.contains("S3cret"), message)
        }
    }

    func testAnUnencodedAtOrSlashInThePasswordIsRefusedInMeridiansWords() {
        XCTAssertTrue(refusal("postgresql://user:S3c@ret!@host/db").contains("more than one '@'"))
        XCTAssertTrue(refusal("postgres://user:S3c/ret!@host/db").contains("percent-encode a '/'"))
        XCTAssertTrue(refusal("postgres://user:123/ret@host/db").contains("%2F"), "a password that starts like a port")
    }

    func testWellFormedStringsPassAndKeepTheirPassword() throws {
        XCTAssertEqual(try PostgresConnectionString("postgres://alice:s3cr%40t@db:5432/app?sslmode=require").password, "s3cr@t")
        XCTAssertEqual(try PostgresConnectionString("host=db password='a b' dbname=app").password, "a b")
        XCTAssertNil(try PostgresConnectionString("postgres://alice@db/app").password)
        XCTAssertNil(try PostgresConnectionString("").password, "the PG* variables are read by libpq at connect time")
        XCTAssertEqual(try PostgresConnectionString("postgres://db/app?user=me%40corp").text, "postgres://db/app?user=me%40corp")
    }

    func testScrubHidesTheParsedPassword() throws {
        let conninfo = try PostgresConnectionString("postgres://alice:hunter22@db/app")
        XCTAssertEqual(conninfo.scrub("failed for hunter22 at db"), "failed for *** at db")
        XCTAssertEqual(try PostgresConnectionString("postgres://alice:on@db/app").scrub("connection"), "connection", "short passwords are left alone")
    }

    func testQuotedPartsAreRemovedWhateverTheirPlace() {
        XCTAssertEqual(PostgresConnectionString.withoutQuotedParts("invalid percent-encoded token: \"x%zz\"\n"), "invalid percent-encoded token")
        XCTAssertEqual(PostgresConnectionString.withoutQuotedParts("invalid connection option \"passwrd\""), "invalid connection option …")
        XCTAssertEqual(PostgresConnectionString.withoutQuotedParts("unterminated \"abc"), "unterminated …")
    }
}

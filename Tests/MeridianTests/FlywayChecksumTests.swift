import XCTest

@testable import Meridian

/// Flyway's script checksum, against values computed with zlib's CRC-32 over the same lines.
final class FlywayChecksumTests: XCTestCase {
    func testCRC32CheckValue() {
        var crc = CRC32()
        crc.update(Array("123456789".utf8))
        XCTAssertEqual(crc.value, 0xCBF4_3926)
    }

    func testChecksumsMatchFlywaysLineByLineCRC() {
        XCTAssertEqual(ForeignMigrationHistory.flywayChecksum("CREATE TABLE a (id bigint PRIMARY KEY);\n"), 1_589_182_210)
        XCTAssertEqual(ForeignMigrationHistory.flywayChecksum("CREATE TABLE b (id bigint PRIMARY KEY);\n"), -1_393_618_182)
        XCTAssertEqual(
            ForeignMigrationHistory.flywayChecksum("-- V1\r\nCREATE TABLE x (id int);\r\n\r\nINSERT INTO x VALUES (1);"), 1_967_928_875,
            "line breaks of any kind are left out, blank lines kept")
        XCTAssertEqual(ForeignMigrationHistory.flywayChecksum("\u{FEFF}SELECT 1;\nSELECT 2;\n"), -1_665_099_012, "a byte order mark is dropped")
        XCTAssertEqual(ForeignMigrationHistory.flywayChecksum(""), 0)
    }
}

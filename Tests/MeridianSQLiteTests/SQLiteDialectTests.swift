import Meridian
import XCTest

@testable import MeridianSQLite

/// What the SQLite dialect says, without a database.
final class SQLiteDialectTests: XCTestCase {
    private let dialect = SQLiteDialect()

    func testSpatiaLiteManagementCallsAreRecognised() {
        for sql in [
            "SELECT AddGeometryColumn('t', 'g', 4326, 'POINT', 'XY', 0)",
            "-- the index\nselect  createspatialindex ('t', 'g');",
            "/* tidy */ SELECT DropTable(NULL, 't')",
            "\n\tSELECT\nInitSpatialMetadata\n(1, 'WGS84')",
        ] {
            XCTAssertTrue(dialect.returnsSuccessFlag(sql), sql)
        }
    }

    func testOtherStatementsAreNot() {
        for sql in [
            "SELECT 1", "SELECT AddGeometryColumnX('t')", "SELECT count(*) FROM t WHERE AddGeometryColumn('t')",
            "INSERT INTO t VALUES (1)", "-- SELECT AddGeometryColumn('t')", "SELECT DropTable", "",
        ] {
            XCTAssertFalse(dialect.returnsSuccessFlag(sql), sql)
        }
    }

    func testPlaceholdersBecomeNumberedQuestionMarks() {
        let sql = "SELECT $2, '$1', $1"
        XCTAssertEqual(dialect.renderPlaceholders(sql, PlaceholderScan(sql)), "SELECT ?2, '$1', ?1")
    }
}

import Foundation
import Meridian
import XCTest

/// Comparing columns under the value contract, on snapshots built as the inspectors read them:
/// spellings of one logical type, defaults, widths and values one side refuses.
final class SchemaFindingsTests: XCTestCase {
    private typealias Column = SchemaSnapshot.Column

    /// The findings between a table `t` holding `sqlite` and one holding `postgres`.
    private func findings(_ sqlite: [Column], _ postgres: [Column], unique: ([[String]], [[String]]) = ([], [])) -> SchemaFindings {
        SchemaFindings(
            between: SchemaSnapshot(tables: [.init("t", columns: sqlite, uniqueConstraints: unique.0)]), named: "sqlite",
            and: SchemaSnapshot(tables: [.init("t", columns: postgres, uniqueConstraints: unique.1)]), named: "postgres")
    }

    /// A column declared outside the contract, as an inspector reads it.
    private func declared(_ name: String, _ type: String, nearest: LogicalType?, width: ColumnWidth? = nil) -> Column {
        Column(name, .unknown(type), declaredType: type, nearestLogicalType: nearest, width: width)
    }

    func testSpellingsOfOneLogicalTypeAreNoDifference() {
        let sqlite = [
            declared("at", "DATETIME", nearest: .timestamp), declared("seen", "TIMESTAMP", nearest: .timestamp),
            declared("name", "VARCHAR", nearest: .text), Column("id", .int), declared("code", "CHAR(36)", nearest: .text),
        ]
        let postgres = [
            declared("at", "timestamp without time zone", nearest: .timestamp), declared("seen", "timestamp without time zone", nearest: .timestamp),
            Column("name", .text), Column("id", .int), declared("code", "character(36)", nearest: .text),
        ]
        let found = findings(sqlite, postgres)
        XCTAssertEqual(found.differences, [])
        XCTAssertEqual(found.widthNotes, [])
        XCTAssertEqual(found.portabilityWarnings, [])
    }

    func testDifferentLogicalTypesNameBothSpellings() {
        let found = findings([declared("n", "VARCHAR(20)", nearest: .text)], [declared("n", "integer", nearest: .int, width: .integerBits(32))])
        XCTAssertEqual(found.differences.map(\.description), ["table t: column n is VARCHAR(20) (text) on sqlite but integer (int) on postgres"])
        XCTAssertEqual(found.widthNotes, [], "a width is noted only between columns of one logical type")
    }

    func testTypesOutsideTheContractCompareByName() {
        XCTAssertEqual(findings([declared("d", "INTERVAL", nearest: nil)], [declared("d", "interval", nearest: nil)]).differences, [])
        XCTAssertEqual(
            findings([declared("d", "interval", nearest: nil)], [declared("d", "tsvector", nearest: nil)]).differences.map(\.description),
            ["table t: column d is interval (outside the value contract) on sqlite but tsvector (outside the value contract) on postgres"])
    }

    func testDefaultsCompareInTheirSharedForm() {
        let same = findings(
            [Column("a", .bool, default: .bool(false)), Column("n", .double, default: ColumnDefault.numeric("1.0")), Column("s", .text)],
            [Column("a", .bool, default: .bool(false)), Column("n", .double, default: ColumnDefault.numeric("1")), Column("s", .text)])
        XCTAssertEqual(same.differences, [])
        let different = findings(
            [Column("a", .bool, default: .bool(true)), Column("at", .timestamp, default: .currentTimestamp), Column("s", .text)],
            [Column("a", .bool, default: .bool(false)), Column("at", .timestamp), Column("s", .text, default: .expression("upper('x')"))])
        XCTAssertEqual(different.differences.map(\.description), [
            "table t: column a defaults to true on sqlite but to false on postgres",
            "table t: column at defaults to CURRENT_TIMESTAMP on sqlite but has no default on postgres",
            "table t: column s has no default on sqlite but defaults to upper('x') on postgres",
        ])
    }

    func testAWidthOnOneSideIsOneNoteNamingTheCheck() {
        let found = findings(
            [declared("email", "TEXT", nearest: .text), Column("id", .int), declared("code", "CHAR(36)", nearest: .text)],
            [
                declared("email", "character varying(100)", nearest: .text, width: .characters(100)),
                declared("id", "integer", nearest: .int, width: .integerBits(32)),
                declared("code", "character(36)", nearest: .text, width: .paddedCharacters(36)),
            ])
        XCTAssertEqual(found.differences, [])
        XCTAssertEqual(found.widthNotes.map(\.description), [
            #"table t: column email is character varying(100) on postgres, TEXT on sqlite: postgres rejects a 101-character value; sqlite accepts it (add CHECK (length("email") <= 100) on sqlite to refuse it there too)"#,
            #"table t: column id is integer on postgres, int on sqlite: postgres rejects 2147483648; sqlite accepts it (declare it a 64-bit integer on postgres, or add CHECK ("id" BETWEEN -2147483648 AND 2147483647) on sqlite)"#,
            #"table t: column code is character(36) on postgres, CHAR(36) on sqlite: postgres rejects a 37-character value; sqlite accepts it, and postgres pads shorter values with spaces (add CHECK (length("code") <= 36) on sqlite to refuse it there too)"#,
        ])
        XCTAssertEqual(found.widthNotes.map(\.check), [#"length("email") <= 100"#, #""id" BETWEEN -2147483648 AND 2147483647"#, #"length("code") <= 36"#])
        XCTAssertEqual(Set(found.widthNotes.compactMap(\.side)), ["sqlite"])
    }

    func testWidthsOnBothSides() {
        let found = findings([Column("s", .text, width: .characters(50))], [declared("s", "character varying(100)", nearest: .text, width: .characters(100))])
        XCTAssertEqual(found.widthNotes.map(\.description), ["table t: column s is text on sqlite, character varying(100) on postgres: sqlite holds at most 50 characters, postgres at most 100 characters"])
        XCTAssertEqual(findings([Column("s", .text, width: .characters(9))], [Column("s", .text, width: .characters(9))]).widthNotes, [])
    }

    func testValuesOneSideRefusesAreAPortabilityWarning() {
        let fix = ContractFix(declaredType: "TIMESTAMP TEXT", check: "length(\"created_at\") = 27")
        let sqlite = Column("created_at", .unknown("TIMESTAMP"), declaredType: "TIMESTAMP", nearestLogicalType: .timestamp, contractFix: fix)
        let found = findings([sqlite], [Column("created_at", .timestamp)])
        XCTAssertEqual(found.differences, [])
        XCTAssertEqual(found.portabilityWarnings, [
            ColumnNote(
                table: "t", column: "created_at",
                message: #"table t: column created_at is TIMESTAMP on sqlite, which stores 'not a time' where postgres refuses it: declare it TIMESTAMP TEXT and add CHECK (length("created_at") = 27) on sqlite"#,
                side: "sqlite", check: #"length("created_at") = 27"#, declaredType: "TIMESTAMP TEXT"),
        ])
        XCTAssertEqual(findings([sqlite], [sqlite]).portabilityWarnings, [], "both sides accept the same values")
        XCTAssertEqual(
            ContractFix(declaredType: "TIMESTAMP TEXT", default: "(now())", check: "c").description,
            "declare it TIMESTAMP TEXT, make its default (now()) and add CHECK (c)")
        let boolean = Column("on", .bool, contractFix: ContractFix(check: "\"on\" IN (0, 1)"))
        XCTAssertEqual(findings([Column("on", .bool)], [boolean]).portabilityWarnings.map(\.description), [
            #"table t: column on is bool on postgres, which stores 2 where sqlite refuses it: add CHECK ("on" IN (0, 1)) on postgres"#,
        ])
    }

    func testUniqueConstraintsCompareAsSetsOfColumns() {
        let columns = [Column("a", .int), Column("b", .int)]
        XCTAssertEqual(findings(columns, columns, unique: ([["a", "b"]], [["b", "a"]])).differences, [])
        XCTAssertEqual(findings(columns, columns, unique: ([["a", "b"]], [["a"]])).differences.count, 2)
    }

    /// `check --json` prints the three kinds as separate arrays.
    func testFindingsEncodeAsThreeArrays() throws {
        let found = findings([Column("id", .int)], [declared("id", "integer", nearest: .int, width: .integerBits(32))])
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: JSONEncoder().encode(found)) as? [String: Any])
        XCTAssertEqual(Set(object.keys), ["differences", "widthNotes", "portabilityWarnings"])
        XCTAssertEqual((object["widthNotes"] as? [[String: Any]])?.first?["column"] as? String, "id")
    }
}

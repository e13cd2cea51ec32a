import XCTest
@testable import Meridian

/// Transaction control in a transactional migration script: refused at load time, naming the
/// line; allowed where the script opted out, and never seen inside a function or trigger body.
final class TransactionControlTests: XCTestCase {
    private func keyword(_ sql: String) -> String? { SQLStatement(sql: sql, line: 1).transactionControlKeyword }

    func testFirstWordsThatControlTransactions() {
        XCTAssertEqual(keyword("BEGIN"), "BEGIN")
        XCTAssertEqual(keyword("begin immediate transaction"), "BEGIN")
        XCTAssertEqual(keyword("Commit"), "COMMIT")
        XCTAssertEqual(keyword("END TRANSACTION"), "END")
        XCTAssertEqual(keyword("ROLLBACK TO SAVEPOINT a"), "ROLLBACK")
        XCTAssertEqual(keyword("abort"), "ABORT")
        XCTAssertEqual(keyword("SAVEPOINT a"), "SAVEPOINT")
        XCTAssertEqual(keyword("RELEASE SAVEPOINT a"), "RELEASE")
        XCTAssertEqual(keyword("START TRANSACTION ISOLATION LEVEL SERIALIZABLE"), "START TRANSACTION")
    }

    func testOtherStatementsAndBodiesAreNotTransactionControl() throws {
        for sql in ["SELECT 'COMMIT'", "CREATE TABLE endpoints (id int)", "ENDPOINTS", "START_WORK()", "\"begin\"", "UPDATE t SET begin = 1"] {
            XCTAssertNil(keyword(sql), sql)
        }
        let sqlite = """
            CREATE TRIGGER t_au AFTER UPDATE ON t BEGIN
              UPDATE t SET n = CASE WHEN n IS NULL THEN 0 ELSE n + 1 END WHERE id = NEW.id;
            END;
            """
        XCTAssertEqual(try MigrationScriptParser.parse(sqlite, path: "a.sql", dialect: .sqlite).statements.count, 1)
        let postgres = """
            DO $$ BEGIN PERFORM 1; END $$;
            CREATE PROCEDURE p() LANGUAGE plpgsql AS $body$ BEGIN COMMIT; END $body$;
            CREATE FUNCTION one() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END;
            """
        XCTAssertEqual(try MigrationScriptParser.parse(postgres, path: "b.sql", dialect: .postgres).statements.count, 3)
    }

    func testATransactionalScriptWithItsOwnTransactionIsRefusedNamingTheLine() {
        let text = "-- hand-written\nBEGIN;\nCREATE TABLE a (x int);\nCOMMIT;\n"
        XCTAssertThrowsError(try MigrationScriptParser.parse(text, path: "0002_a.up.sql", dialect: .postgres)) { error in
            guard case .malformedScript(let path, let line, let reason) = error as? MigrationError else { return XCTFail("\(error)") }
            XCTAssertEqual(path, "0002_a.up.sql")
            XCTAssertEqual(line, 2)
            XCTAssertTrue(reason.contains("`BEGIN`") && reason.contains("delete those statements"), reason)
            XCTAssertTrue(reason.contains("`-- meridian:no-transaction`"), reason)
        }
    }

    func testScriptsThatOptedOutKeepTheirOwnTransactions() throws {
        let text = "BEGIN;\nCREATE TABLE a (x int);\nCOMMIT;\n"
        let directive = try MigrationScriptParser.parse("-- meridian:no-transaction\n" + text, path: "a.sql", dialect: .sqlite)
        XCTAssertFalse(directive.transactional)
        XCTAssertEqual(directive.statements.count, 3)
        XCTAssertFalse(try MigrationScriptParser.parse(text, path: "a.sql", dialect: .sqlite, transactional: false).transactional)
    }

    func testDbmateSectionsAreJudgedByTheirMarker() throws {
        let optedOut = "-- migrate:up transaction:false\nBEGIN;\nCREATE TABLE a (x int);\nCOMMIT;\n-- migrate:down\nDROP TABLE a;\n"
        XCTAssertEqual(try MigrationScriptParser.parseDbmate(optedOut, path: "1_a.sql", dialect: .postgres)?.up.statements.count, 3)
        let wrapped = "-- migrate:up\nCREATE TABLE a (x int);\n-- migrate:down\nBEGIN;\nDROP TABLE a;\nCOMMIT;\n"
        XCTAssertThrowsError(try MigrationScriptParser.parseDbmate(wrapped, path: "1_a.sql", dialect: .postgres)) { error in
            XCTAssertEqual((error as? MigrationError)?.description.hasPrefix("1_a.sql:4: `BEGIN`"), true, "\(error)")
        }
    }
}

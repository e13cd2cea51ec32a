import Foundation
import MeridianTesting
import XCTest

/// Bad migration files: each is a clear error naming the file (and line), a non-zero exit, and
/// an unchanged database. Each case starts from a database with 0001 (table t1, one row) applied.
final class BadMigrationFileTests: CLITestCase {
    func testMalformedFileNameOnSQLite() throws { try malformedFileName(sandbox(.sqlite)) }
    func testMalformedFileNameOnPostgres() throws { try malformedFileName(sandbox(.postgres)) }

    func testUpWithoutDownOnSQLite() throws { try upWithoutDown(sandbox(.sqlite)) }
    func testUpWithoutDownOnPostgres() throws { try upWithoutDown(sandbox(.postgres)) }

    func testEmptyUpFileOnSQLite() throws { try emptyUpFile(sandbox(.sqlite)) }
    func testEmptyUpFileOnPostgres() throws { try emptyUpFile(sandbox(.postgres)) }

    func testSyntaxErrorInSecondStatementOnSQLite() throws { try syntaxErrorInSecondStatement(sandbox(.sqlite)) }
    func testSyntaxErrorInSecondStatementOnPostgres() throws { try syntaxErrorInSecondStatement(sandbox(.postgres)) }

    func testConstraintViolationHalfWayOnSQLite() throws { try constraintViolationHalfWay(sandbox(.sqlite)) }
    func testConstraintViolationHalfWayOnPostgres() throws { try constraintViolationHalfWay(sandbox(.postgres)) }

    func testNULByteOnSQLite() throws { try nulByte(sandbox(.sqlite)) }
    func testNULByteOnPostgres() throws { try nulByte(sandbox(.postgres)) }

    func testOwnTransactionInATransactionalScriptOnSQLite() throws { try ownTransaction(sandbox(.sqlite)) }
    func testOwnTransactionInATransactionalScriptOnPostgres() throws { try ownTransaction(sandbox(.postgres)) }

    /// PostgreSQL only: SQLite has no DETAIL or HINT.
    func testFailurePrintsTheServersDetailAndHintOnPostgres() throws { try detailAndHint(sandbox(.postgres)) }

    /// 0001 applied with a row in t1; returns the database's state.
    private func baseline(_ s: CLISandbox) throws -> [String] {
        try s.writeMigration(
            1, "create_t1",
            up: "CREATE TABLE t1 (id \(s.integer) PRIMARY KEY, label TEXT);\nINSERT INTO t1 (id, label) VALUES (1, 'one');\n",
            down: "DROP TABLE t1;\n")
        XCTAssertSucceeds(try s.migrate("up"))
        return try s.state()
    }

    /// `up` fails mentioning `phrases` and leaves the database as it was; so do `status` and
    /// `validate` when the files themselves are unreadable (`filesBroken`). Returns what `up` printed.
    @discardableResult
    private func assertRefused(
        _ s: CLISandbox, _ before: [String], mentioning phrases: [String], filesBroken: Bool,
        file: StaticString = #filePath, line: UInt = #line
    ) throws -> CLIResult {
        let up = try s.migrate("up")
        XCTAssertFailsCleanly(up, mentioning: phrases, "[\(s.backend)] migrate up", file: file, line: line)
        XCTAssertEqual(up.status, 1, "[\(s.backend)] a failed command exits 1\n\(up)", file: file, line: line)
        if filesBroken {
            for command in ["validate", "status"] {
                XCTAssertFailsCleanly(try s.migrate(command), mentioning: phrases, "[\(s.backend)] migrate \(command)", file: file, line: line)
            }
            XCTAssertFailsCleanly(try s.migrate("up", "--dry-run"), mentioning: phrases, "[\(s.backend)] up --dry-run", file: file, line: line)
        }
        XCTAssertEqual(try s.state(), before, "[\(s.backend)] the database changed", file: file, line: line)
        return up
    }

    private func malformedFileName(_ s: CLISandbox) throws {
        let before = try baseline(s)
        try s.write("\(s.migrations)/1-bad.sql", "CREATE TABLE bad (id \(s.integer));\n")
        try assertRefused(s, before, mentioning: ["\(s.migrations)/1-bad.sql", "NNNN_slug"], filesBroken: true)
    }

    private func upWithoutDown(_ s: CLISandbox) throws {
        let before = try baseline(s)
        try s.writeMigration(2, "no_down", up: "CREATE TABLE t2 (id \(s.integer));\n", down: nil)
        try assertRefused(s, before, mentioning: [s.upFile(2, "no_down"), "no down", s.downFile(2, "no_down")], filesBroken: true)
    }

    private func emptyUpFile(_ s: CLISandbox) throws {
        let before = try baseline(s)
        try s.writeMigration(2, "empty", up: "-- TODO: write this\n\n   \n", down: "DROP TABLE t2;\n")
        try assertRefused(s, before, mentioning: [s.upFile(2, "empty"), "no SQL statements"], filesBroken: true)
    }

    /// The second statement is misspelt: the message names its file and line, and the first
    /// statement's table and the third's row are rolled back with it.
    private func syntaxErrorInSecondStatement(_ s: CLISandbox) throws {
        let before = try baseline(s)
        try s.writeMigration(
            2, "syntax",
            up: """
                -- two tables, the second misspelt
                CREATE TABLE good_one (id \(s.integer));
                INSERT INTO t1 (id, label) VALUES (2, 'two');

                CREATE TABLE bad_one (id \(s.integer),, label TEXT);
                INSERT INTO t1 (id, label) VALUES (3, 'three');

                """,
            down: "DROP TABLE bad_one;\nDROP TABLE good_one;\n")
        try assertRefused(s, before, mentioning: ["\(s.upFile(2, "syntax")):5", "bad_one", "rolled back"], filesBroken: false)
        XCTAssertFalse(try s.tables().contains("good_one"), "[\(s.backend)] the first statement's table was rolled back")
        XCTAssertEqual(try s.status().pending, [2])
    }

    /// The third statement breaks a primary key after two have run.
    private func constraintViolationHalfWay(_ s: CLISandbox) throws {
        let before = try baseline(s)
        try s.writeMigration(
            2, "half_way",
            up: """
                CREATE TABLE u (id \(s.integer) PRIMARY KEY);
                INSERT INTO t1 (id, label) VALUES (10, 'first');
                INSERT INTO t1 (id, label) VALUES (10, 'second');
                INSERT INTO u (id) VALUES (1);

                """,
            down: "DROP TABLE u;\n")
        try assertRefused(s, before, mentioning: ["\(s.upFile(2, "half_way")):3", "unique", "rolled back"], filesBroken: false)
        XCTAssertEqual(try s.query("SELECT count(*) AS n FROM t1").first?["n"] as? Int, 1, "[\(s.backend)] the first insert was rolled back")
        XCTAssertEqual(try s.status().pending, [2])

        try s.write(s.upFile(2, "half_way"), "CREATE TABLE u (id \(s.integer) PRIMARY KEY);\nINSERT INTO t1 (id, label) VALUES (10, 'first');\n")
        XCTAssertSucceeds(try s.migrate("up"), "[\(s.backend)] the fixed migration runs: nothing was recorded for the failed one")
        XCTAssertEqual(try s.status().applied, [1, 2])
    }

    /// `DELETE FROM t1<NUL> WHERE id = 2` would run as `DELETE FROM t1` (C strings end at a NUL):
    /// the file is refused naming its line and column, every row stays, nothing is recorded.
    private func nulByte(_ s: CLISandbox) throws {
        _ = try baseline(s)
        _ = try s.query("INSERT INTO t1 (id, label) VALUES (2, 'two')")
        let before = try s.state()
        try s.writeMigration(2, "delete_two", up: "-- the second row only\nDELETE FROM t1\0 WHERE id = 2;\n", down: "SELECT 1;\n")
        try assertRefused(s, before, mentioning: ["\(s.upFile(2, "delete_two")):2:", "column 15", "NUL byte"], filesBroken: true)
        XCTAssertEqual(try s.query("SELECT count(*) AS n FROM t1").first?["n"] as? Int, 2, "[\(s.backend)] no row was deleted")
        XCTAssertEqual(try s.recordedVersions(), [1], "[\(s.backend)] the migration is not recorded")
    }

    /// A hand-written `BEGIN; … COMMIT;` (or a `ROLLBACK`, `SAVEPOINT`) in a script Meridian runs
    /// in its own transaction is refused before anything runs, naming the file and line and the
    /// way out; the same file with `-- meridian:no-transaction` first runs, and so does a
    /// trigger or function whose body holds `BEGIN … END` or `COMMIT`.
    private func ownTransaction(_ s: CLISandbox) throws {
        let before = try baseline(s)
        let body = "BEGIN;\nCREATE TABLE t2 (id \(s.integer) PRIMARY KEY);\nINSERT INTO t2 (id) VALUES (1);\nCOMMIT;\n"
        try s.writeMigration(2, "own_transaction", up: "-- written for psql\n" + body, down: "DROP TABLE t2;\n")
        try assertRefused(
            s, before, mentioning: ["\(s.upFile(2, "own_transaction")):2:", "`BEGIN`", "already runs this migration in one", "-- meridian:no-transaction"],
            filesBroken: true)
        for statement in ["ROLLBACK", "SAVEPOINT before_t2", "END"] {
            try s.writeMigration(
                2, "own_transaction", up: "CREATE TABLE t2 (id \(s.integer));\n\n\(statement);\n", down: "DROP TABLE t2;\n")
            try assertRefused(
                s, before, mentioning: ["\(s.upFile(2, "own_transaction")):3:", "`\(statement.split(separator: " ")[0])`"], filesBroken: true)
        }

        try s.writeMigration(2, "own_transaction", up: "-- meridian:no-transaction\n" + body, down: "DROP TABLE t2;\n")
        XCTAssertSucceeds(try s.migrate("up"), "[\(s.backend)] the directive's advice works")
        XCTAssertEqual(try s.query("SELECT count(*) AS n FROM t2").first?["n"] as? Int, 1)

        let bodies = s.backend.expect(
            sqlite: """
                CREATE TABLE t3 (id INTEGER PRIMARY KEY, n INTEGER);
                CREATE TRIGGER t3_count AFTER INSERT ON t3 BEGIN
                  UPDATE t3 SET n = CASE WHEN n IS NULL THEN 1 ELSE n END WHERE id = NEW.id;
                END;

                """,
            postgres: """
                CREATE TABLE t3 (id bigint PRIMARY KEY, n bigint);
                CREATE FUNCTION t3_count() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  NEW.n := 1;
                  RETURN NEW;
                END;
                $$;
                CREATE PROCEDURE t3_batch() LANGUAGE plpgsql AS $$ BEGIN INSERT INTO t3 (id) VALUES (9); COMMIT; END $$;
                CREATE FUNCTION t3_one() RETURNS bigint LANGUAGE sql BEGIN ATOMIC SELECT 1; END;

                """)
        try s.writeMigration(3, "bodies", up: bodies, down: "DROP TABLE t3;\n")
        XCTAssertSucceeds(try s.migrate("up"), "[\(s.backend)] BEGIN, END and COMMIT inside bodies are not the script's own")
    }

    /// The server's DETAIL and HINT appear under the failure, as `psql` prints them, and the
    /// database is left as it was.
    private func detailAndHint(_ s: CLISandbox) throws {
        let before = try baseline(s)
        try s.writeMigration(
            2, "child",
            up: """
                CREATE TABLE parent (id bigint PRIMARY KEY);
                CREATE TABLE child (id bigint PRIMARY KEY, parent_id bigint);
                INSERT INTO child (id, parent_id) VALUES (1, 5);
                ALTER TABLE child ADD CONSTRAINT child_parent_fk
                  FOREIGN KEY (parent_id) REFERENCES parent (id);

                """,
            down: "DROP TABLE child;\nDROP TABLE parent;\n")
        let orphan = try assertRefused(
            s, before, mentioning: ["\(s.upFile(2, "child")):4:", "foreignKeyViolation", "child_parent_fk", "rolled back"], filesBroken: false)
        XCTAssertMentionsInOrder(orphan.stderr, ["foreignKeyViolation", "\nDETAIL: Key (parent_id)=(5) is not present in table \"parent\".\n", "ALTER TABLE child"])

        try s.writeMigration(2, "child", up: "UPDATE t1 SET label = upper(labl);\n", down: "SELECT 1;\n")
        let misspelt = try assertRefused(s, before, mentioning: ["\(s.upFile(2, "child")):1:", "labl"], filesBroken: false)
        XCTAssertMentionsInOrder(misspelt.stderr, ["undefinedObject", "\nHINT: Perhaps you meant to reference the column \"t1.label\".\n", "UPDATE t1"])

        try s.writeMigration(2, "child", up: "CREATE INDEX CONCURRENTLY t1_label ON t1 (label);\n", down: "DROP INDEX t1_label;\n")
        let concurrently = try assertRefused(
            s, before, mentioning: ["\(s.upFile(2, "child")):1:", "cannot run inside a transaction block"], filesBroken: false)
        XCTAssertTrue(
            concurrently.stderr.contains("\nHINT: run it outside a transaction; in a migration, make `-- meridian:no-transaction` the file's first line\n"),
            "\(concurrently)")
        try s.writeMigration(2, "child", up: "-- meridian:no-transaction\nCREATE INDEX CONCURRENTLY t1_label ON t1 (label);\n", down: "DROP INDEX t1_label;\n")
        XCTAssertSucceeds(try s.migrate("up"), "the hint's advice works")
    }
}

import XCTest
@testable import Meridian

/// `StatementSplitter` and the lexer's words and unterminated tokens: statements split where
/// each engine would end them, with the line each starts on.
final class StatementSplitterTests: XCTestCase {
    private func split(_ text: String, _ dialect: StatementDialect, file: StaticString = #filePath, line: UInt = #line) -> [SQLStatement] {
        do { return try StatementSplitter.split(text, dialect: dialect, path: "m.sql") } catch {
            XCTFail("should split: \(error)", file: file, line: line)
            return []
        }
    }

    private func assertUnterminated(
        _ text: String, _ dialect: StatementDialect, line expected: Int, mentioning needle: String,
        file: StaticString = #filePath, line: UInt = #line
    ) {
        do {
            let statements = try StatementSplitter.split(text, dialect: dialect, path: "m.sql")
            XCTFail("should be unterminated, got \(statements)", file: file, line: line)
        } catch {
            guard case .unterminated(let path, let at, let what) = error else { return XCTFail("\(error)", file: file, line: line) }
            XCTAssertEqual(path, "m.sql", file: file, line: line)
            XCTAssertEqual(at, expected, file: file, line: line)
            XCTAssertTrue(what.contains(needle), what, file: file, line: line)
            XCTAssertTrue(error.description.hasPrefix("m.sql:\(expected): "), error.description, file: file, line: line)
        }
    }

    // MARK: - Basics

    func testSplitsTrimsAndKeepsAStatementWithoutAFinalSemicolon() {
        let statements = split("  CREATE TABLE a (x int);\n\nINSERT INTO a VALUES (1) ;\nSELECT 1\n", .sqlite)
        XCTAssertEqual(statements, [
            SQLStatement(sql: "CREATE TABLE a (x int)", line: 1),
            SQLStatement(sql: "INSERT INTO a VALUES (1)", line: 3),
            SQLStatement(sql: "SELECT 1", line: 4),
        ])
    }

    func testLinesSkipLeadingCommentsAndCommentOnlyStatementsAreDropped() {
        let text = """
            -- header; with 'quotes' and "semicolons";
            /* a block ; comment
               over lines */
            CREATE TABLE a (
              x int -- inline; 'comment'
            );
            -- only a comment here
            ;;
            /* nested /* inner ; */ still comment ; */ SELECT 2;
            -- trailing comment
            """
        let statements = split(text, .postgres)
        XCTAssertEqual(statements.map(\.line), [4, 9])
        XCTAssertEqual(statements[0].sql, "CREATE TABLE a (\n  x int -- inline; 'comment'\n)")
        XCTAssertEqual(statements[1].sql, "SELECT 2")
        XCTAssertEqual(split("-- nothing\n/* at all */\n", .sqlite), [])
        XCTAssertEqual(split("", .postgres), [])
    }

    func testSemicolonsInStringsAndQuotedIdentifiers() {
        let statements = split("INSERT INTO \"t;1\" VALUES ('a;b', 'it''s;');\nSELECT ';'", .sqlite)
        XCTAssertEqual(statements.map(\.sql), ["INSERT INTO \"t;1\" VALUES ('a;b', 'it''s;')", "SELECT ';'"])
        XCTAssertEqual(statements.map(\.line), [1, 2])
    }

    func testLineNumbersWithCRLFAndMultibyteText() {
        let statements = split("SELECT 'é😀;';\r\n\r\n  SELECT 2;\r\nSELECT\r\n3", .postgres)
        XCTAssertEqual(statements.map(\.line), [1, 3, 4])
        XCTAssertEqual(statements.map(\.sql), ["SELECT 'é😀;'", "SELECT 2", "SELECT\r\n3"])
    }

    func testFirstLineOffsetsLineNumbers() throws {
        let statements = try StatementSplitter.split("\nSELECT 1;", dialect: .sqlite, path: "m.sql", firstLine: 10)
        XCTAssertEqual(statements.map(\.line), [11])
    }

    // MARK: - PostgreSQL

    func testFunctionWithDollarBodiesIsOneStatement() {
        let text = """
            CREATE FUNCTION touch() RETURNS trigger AS $$
            BEGIN
              NEW.updated_at := now(); -- ';'
              RETURN NEW;
            END;
            $$ LANGUAGE plpgsql;

            CREATE OR REPLACE FUNCTION tagged(n int) RETURNS text AS $fn$
              SELECT 'a;b' || $$;$$ || n;
            $fn$ LANGUAGE sql;
            SELECT 1;
            """
        let statements = split(text, .postgres)
        XCTAssertEqual(statements.map(\.line), [1, 8, 11])
        XCTAssertTrue(statements[0].sql.hasSuffix("END;\n$$ LANGUAGE plpgsql"), statements[0].sql)
        XCTAssertTrue(statements[1].sql.hasPrefix("CREATE OR REPLACE FUNCTION tagged"), statements[1].sql)
        XCTAssertTrue(statements[1].sql.hasSuffix("$fn$ LANGUAGE sql"), statements[1].sql)
        XCTAssertEqual(statements[2].sql, "SELECT 1")
    }

    func testDoBlock() {
        let text = """
            DO $do$
            BEGIN
              IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'reader') THEN
                CREATE ROLE reader;
              END IF;
            END
            $do$;
            GRANT SELECT ON ALL TABLES IN SCHEMA public TO reader;
            """
        let statements = split(text, .postgres)
        XCTAssertEqual(statements.count, 2, "\(statements)")
        XCTAssertEqual(statements.map(\.line), [1, 8])
        XCTAssertTrue(statements[0].sql.hasSuffix("END\n$do$"))
    }

    func testBeginAtomicBodyWithCaseIsOneStatement() {
        let text = """
            CREATE FUNCTION grade(score int) RETURNS text
            LANGUAGE sql
            BEGIN ATOMIC
              SELECT CASE WHEN score > 90 THEN 'a;' ELSE 'b' END;
              SELECT (CASE score WHEN 1 THEN 'one' END);
            END;
            CREATE PROCEDURE noop() LANGUAGE sql BEGIN ATOMIC END;
            BEGIN;
            SELECT 2;
            COMMIT;
            """
        let statements = split(text, .postgres)
        XCTAssertEqual(statements.map(\.line), [1, 7, 8, 9, 10], "\(statements)")
        XCTAssertTrue(statements[0].sql.hasSuffix("'one' END);\nEND"), statements[0].sql)
        XCTAssertEqual(statements[1].sql, "CREATE PROCEDURE noop() LANGUAGE sql BEGIN ATOMIC END")
        XCTAssertEqual(statements[2].sql, "BEGIN", "a transaction's BEGIN opens no body")
    }

    func testEscapeStringsWithBackslashQuotes() {
        let statements = split(#"INSERT INTO t VALUES (E'it\'s; fine', e'\\', 'plain\');SELECT 2"#, .postgres)
        XCTAssertEqual(statements.map(\.sql), [#"INSERT INTO t VALUES (E'it\'s; fine', e'\\', 'plain\')"#, "SELECT 2"])
    }

    func testTriggersAreNotBodiesInPostgres() {
        let text = "CREATE TRIGGER t BEFORE UPDATE ON a FOR EACH ROW EXECUTE FUNCTION touch();\nSELECT 1;"
        XCTAssertEqual(split(text, .postgres).map(\.line), [1, 2])
    }

    // MARK: - SQLite

    func testTriggerBodyWithCaseIsOneStatement() {
        let text = """
            CREATE TABLE a (x int, label text, "end" int);
            CREATE TRIGGER IF NOT EXISTS a_label AFTER INSERT ON a
            WHEN (CASE WHEN NEW.x > 0 THEN 1 ELSE 0 END) = 1
            BEGIN
              UPDATE a SET label = CASE
                WHEN NEW.x > 10 THEN 'big;'
                ELSE CASE WHEN NEW.x > 5 THEN 'mid' ELSE 'small' END
              END, "end" = 1 WHERE rowid = NEW.rowid;
              -- end; of the first statement
              SELECT RAISE(IGNORE) WHERE NEW.x IS NULL;
            END;
            CREATE TEMP TRIGGER t2 BEFORE DELETE ON a BEGIN DELETE FROM a WHERE x = OLD.x; end;
            CREATE TEMPORARY TRIGGER t3 BEFORE DELETE ON a BEGIN SELECT 1; END
            """
        let statements = split(text, .sqlite)
        XCTAssertEqual(statements.map(\.line), [1, 2, 12, 13], "\(statements)")
        XCTAssertTrue(statements[1].sql.hasSuffix("WHERE NEW.x IS NULL;\nEND"), statements[1].sql)
        XCTAssertTrue(statements[2].sql.hasSuffix("OLD.x; end"), statements[2].sql)
        XCTAssertTrue(statements[3].sql.hasSuffix("SELECT 1; END"), statements[3].sql)
    }

    func testBeginOutsideTriggersIsATransaction() {
        XCTAssertEqual(split("BEGIN; CREATE TABLE a (x); END;", .sqlite).map(\.sql), ["BEGIN", "CREATE TABLE a (x)", "END"])
    }

    func testSQLiteQuotingRules() {
        let text = "CREATE TABLE [a;b] (`c;``d` int, 'e' text);\nSELECT E'x\\';\nSELECT $$;\nSELECT 4;"
        let statements = split(text, .sqlite)
        XCTAssertEqual(statements.map(\.line), [1, 2, 3, 4])
        XCTAssertEqual(statements[1].sql, "SELECT E'x\\'", "SQLite has no backslash escapes")
        XCTAssertEqual(statements[2].sql, "SELECT $$", "nor dollar quotes")
        XCTAssertEqual(split("/* a /* b */ SELECT 1; SELECT 2;", .sqlite).map(\.sql), ["SELECT 1", "SELECT 2"],
                       "SQLite comments do not nest")
    }

    // MARK: - Unterminated

    func testUnterminatedLiteralsAndCommentsNameTheirLine() {
        assertUnterminated("SELECT 1;\nSELECT 'abc;\nSELECT 2;", .sqlite, line: 2, mentioning: "string")
        assertUnterminated("SELECT 1;\n\nSELECT E'abc\\';", .postgres, line: 3, mentioning: "string")
        assertUnterminated("SELECT \"col;", .postgres, line: 1, mentioning: "quoted identifier")
        assertUnterminated("SELECT [col;", .sqlite, line: 1, mentioning: "quoted identifier")
        assertUnterminated("SELECT 1;\n/* open /* nested */\nSELECT 2;", .postgres, line: 2, mentioning: "comment")
        assertUnterminated("SELECT 1;\n/* open\nSELECT 2;", .sqlite, line: 2, mentioning: "comment")
        assertUnterminated("\nCREATE FUNCTION f() AS $fn$ SELECT 1; $$ LANGUAGE sql;", .postgres, line: 2, mentioning: "$fn$")
    }

    func testUnterminatedBodiesNameTheirBegin() {
        assertUnterminated("CREATE TRIGGER t AFTER INSERT ON a\nBEGIN\n  SELECT 1;\n", .sqlite, line: 2, mentioning: "trigger body")
        assertUnterminated(
            "CREATE TRIGGER t AFTER INSERT ON a BEGIN SELECT CASE WHEN 1 THEN 2 END;", .sqlite, line: 1, mentioning: "trigger body")
        assertUnterminated("CREATE FUNCTION f() RETURNS int LANGUAGE sql\n\nBEGIN ATOMIC SELECT 1;", .postgres, line: 3, mentioning: "BEGIN ATOMIC")
    }

    // MARK: - Lexer tokens

    func testLexerWordsAreIdentifiersOutsideLiteralsAndOnlyOnRequest() {
        let sql = "SELECT a$b, \"q\", 'w', x9, 12e3, é -- c\n/* d */ $$e$$ $1f"
        var words: [String] = []
        SQLLexer.scan(sql, options: .words) { token in
            if case .word(let range) = token { words.append(String(decoding: Array(sql.utf8)[range], as: UTF8.self)) }
        }
        XCTAssertEqual(words, ["SELECT", "a$b", "x9", "é", "f"])
        var tokens: [SQLLexer.Token] = []
        SQLLexer.scan(sql) { tokens.append($0) }
        XCTAssertEqual(tokens, [.placeholder(54..<56, 1)])
    }

    func testLexerReportsWhereAnUnterminatedLiteralOpens() {
        var tokens: [SQLLexer.Token] = []
        SQLLexer.scan("SELECT $1; 'x") { tokens.append($0) }
        XCTAssertEqual(tokens, [.placeholder(7..<9, 1), .semicolon(9), .unterminated(.string, 11)])
        tokens = []
        SQLLexer.scan("SELECT $a$ x") { tokens.append($0) }
        XCTAssertEqual(tokens, [.unterminated(.dollarQuote, 7)])
    }
}

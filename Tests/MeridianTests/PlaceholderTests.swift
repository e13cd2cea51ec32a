import XCTest
@testable import Meridian

/// `PlaceholderScan` and `SQLLexer`: `$n` and `;` are found only outside literals, quoted
/// identifiers, comments and dollar-quoted bodies.
final class PlaceholderTests: XCTestCase {
    private func indices(_ sql: String) -> [Int] { PlaceholderScan(sql).occurrences.map(\.index) }

    private func semicolons(_ sql: String) -> [Int] {
        var offsets: [Int] = []
        SQLLexer.scan(sql) { if case .semicolon(let at) = $0 { offsets.append(at) } }
        return offsets
    }

    /// Splits at the lexer's semicolons the way a migration runner would.
    private func statements(_ sql: String) -> [String] {
        let bytes = Array(sql.utf8)
        var out: [String] = []
        var start = 0
        for offset in semicolons(sql) + [bytes.count] {
            let piece = String(decoding: bytes[start..<offset], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            if !piece.isEmpty { out.append(piece) }
            start = min(bytes.count, offset + 1)
        }
        return out
    }

    // MARK: - Finding and counting

    func testFindsPlaceholdersInOrderWithByteRanges() {
        let scan = PlaceholderScan("SELECT $1, $2, $10")
        XCTAssertEqual(scan.occurrences.map(\.index), [1, 2, 10])
        XCTAssertEqual(scan.occurrences.map(\.range), [7..<9, 11..<13, 15..<18])
        XCTAssertEqual(scan.parameterCount, 10)
    }

    func testCountIsTheHighestNumberAndRepeatsAreKept() {
        let scan = PlaceholderScan("UPDATE t SET a = $2, b = $1 WHERE a = $2")
        XCTAssertEqual(scan.occurrences.map(\.index), [2, 1, 2])
        XCTAssertEqual(scan.parameterCount, 2)
        XCTAssertEqual(PlaceholderScan("SELECT 1").parameterCount, 0)
        XCTAssertEqual(PlaceholderScan("").parameterCount, 0)
        XCTAssertEqual(indices("SELECT ?, ?1, :a, @b"), [], "only $n is Meridian's placeholder syntax")
    }

    func testPlaceholdersNextToPunctuationAreFound() {
        XCTAssertEqual(indices("SELECT ($1+$2)*-$3,$4::int,\"c\"=$5;"), [1, 2, 3, 4, 5])
        XCTAssertEqual(indices("$1"), [1])
    }

    func testIgnoresSingleQuotedStringsWithDoubledQuotes() {
        XCTAssertEqual(indices("SELECT '$1', 'it''s $2', '', $3"), [3])
        XCTAssertEqual(indices("SELECT 'a''''$1', $2"), [2])
    }

    func testStandardStringsTreatBackslashAsAnOrdinaryCharacter() {
        XCTAssertEqual(indices(#"SELECT 'a\', $1"#), [1])
    }

    func testIgnoresDoubleQuotedIdentifiers() {
        XCTAssertEqual(indices(#"SELECT "col$1", "a""$2", $3 FROM "$4""#), [3])
    }

    func testIgnoresEscapeStringsWithBackslashQuotes() {
        XCTAssertEqual(indices(#"SELECT E'it\'s $1', $2"#), [2])
        XCTAssertEqual(indices(#"SELECT e'\\', $1, E'\'$2\'', $3"#), [1, 3])
        XCTAssertEqual(indices(#"SELECT E'a''$1', $2"#), [2])
    }

    func testIgnoresLineComments() {
        XCTAssertEqual(indices("SELECT 1 -- $1 ;\n, $2"), [2])
        XCTAssertEqual(indices("SELECT $1 -- $2"), [1])
        XCTAssertEqual(indices("SELECT 5 - -$1"), [1], "a single minus is not a comment")
    }

    func testIgnoresNestedBlockComments() {
        XCTAssertEqual(indices("SELECT /* $1 /* $2 */ $3 */ $4"), [4])
        XCTAssertEqual(indices("SELECT /* $1 */ $2 /* unterminated $3"), [2])
        XCTAssertEqual(indices("SELECT 4 / $1 * $2"), [1, 2])
    }

    func testIgnoresDollarQuotedBodies() {
        XCTAssertEqual(indices("SELECT $$ $1 ' $$, $2"), [2])
        XCTAssertEqual(indices("SELECT $tag$ $1 $$ $2 $tag$, $3"), [3])
        XCTAssertEqual(indices("SELECT $a$ $1 $b$ $2 $b$ $a$, $3"), [3])
        XCTAssertEqual(indices("SELECT $_x9$ -- $1\n $_x9$, $2"), [2])
        XCTAssertEqual(indices("SELECT $$ never closed $1"), [])
    }

    func testDollarAfterAnIdentifierCharacterIsPartOfTheIdentifier() {
        XCTAssertEqual(indices("SELECT a$1, b_$2, x9$3, é$4, $5"), [5])
        XCTAssertEqual(indices("SELECT a$$, $1"), [1], "a$$ is an identifier, not a dollar quote")
    }

    func testMultibyteTextBeforeAPlaceholderGivesUTF8ByteRanges() {
        let scan = PlaceholderScan("SELECT 'é😀', $1")
        XCTAssertEqual(scan.occurrences.map(\.range), [17..<19])
    }

    // MARK: - Rewriting

    func testRewritesToNumberedQuestionMarks() {
        let sql = "SELECT $1, '$1', \"$2\", $2 -- $3\n FROM t WHERE é = $10"
        XCTAssertEqual(PlaceholderScan(sql).rewrite(sql) { "?\($0)" }, "SELECT ?1, '$1', \"$2\", ?2 -- $3\n FROM t WHERE é = ?10")
    }

    func testRewriteWithoutPlaceholdersReturnsTheStatementUnchanged() {
        let sql = "SELECT '$1' /* $2 */"
        XCTAssertEqual(PlaceholderScan(sql).rewrite(sql) { _ in "X" }, sql)
    }

    func testScansCompareByRangesAndNumbers() {
        XCTAssertEqual(PlaceholderScan("SELECT $1"), PlaceholderScan("SELECT $1"))
        XCTAssertNotEqual(PlaceholderScan("SELECT $1"), PlaceholderScan("SELECT  $1"))
        XCTAssertNotEqual(PlaceholderScan("SELECT $1"), PlaceholderScan("SELECT $2"))
    }

    // MARK: - Semicolons

    func testSemicolonsOnlyOutsideLiteralsCommentsAndBodies() {
        let sql = "SELECT 1; SELECT ';', \";\", E'\\';' -- ;\n/* ; /* ; */ ; */ ; $$;$$; $t$;$t$"
        let bytes = Array(sql.utf8)
        let offsets = semicolons(sql)
        XCTAssertEqual(offsets.count, 3)
        XCTAssertTrue(offsets.allSatisfy { bytes[$0] == UInt8(ascii: ";") })
        XCTAssertEqual(statements(sql), ["SELECT 1", "SELECT ';', \";\", E'\\';' -- ;\n/* ; /* ; */ ; */", "$$;$$", "$t$;$t$"])
    }

    func testCreateFunctionWithSemicolonsInItsBodyIsOneStatement() {
        let sql = """
            CREATE TABLE t (x int);
            CREATE FUNCTION touch() RETURNS trigger AS $$
            BEGIN
              NEW.x := 1; -- keep it ';'
              RETURN NEW;
            END;
            $$ LANGUAGE plpgsql;
            CREATE FUNCTION tagged() RETURNS text AS $body$ SELECT 'a;b'; $body$ LANGUAGE sql;
            SELECT 'done';
            """
        let parts = statements(sql)
        XCTAssertEqual(parts.count, 4, "\(parts)")
        XCTAssertEqual(parts.first, "CREATE TABLE t (x int)")
        XCTAssertTrue(parts[1].hasPrefix("CREATE FUNCTION touch()") && parts[1].hasSuffix("$$ LANGUAGE plpgsql"), parts[1])
        XCTAssertTrue(parts[1].contains("RETURN NEW;\nEND;"))
        XCTAssertEqual(parts[2], "CREATE FUNCTION tagged() RETURNS text AS $body$ SELECT 'a;b'; $body$ LANGUAGE sql")
        XCTAssertEqual(parts[3], "SELECT 'done'")
    }

    func testLexerReportsPlaceholdersAndSemicolonsInTextOrder() {
        var tokens: [SQLLexer.Token] = []
        SQLLexer.scan("SELECT $1; SELECT $2") { tokens.append($0) }
        XCTAssertEqual(tokens, [.placeholder(7..<9, 1), .semicolon(9), .placeholder(18..<20, 2)])
    }
}

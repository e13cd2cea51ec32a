import MeridianPostgres
import MeridianSQLite
import XCTest

@testable import MeridianSchema

final class SchemaExpressionTests: XCTestCase {
    func testParsesThePortableSubsetAndRendersItForEachDialect() throws {
        let expression = try SchemaExpression.parse("magnitude BETWEEN -2 AND 10 AND (depth IS NULL OR depth >= 0) AND NOT flagged AND kind NOT IN ('a', 'b''c')")
        XCTAssertEqual(
            expression.sql(for: PostgresDialect()),
            #""magnitude" BETWEEN -2 AND 10 AND ("depth" IS NULL OR "depth" >= 0) AND NOT "flagged" AND "kind" NOT IN ('a', 'b''c')"#)
        XCTAssertEqual(expression.text, "magnitude BETWEEN -2 AND 10 AND (depth IS NULL OR depth >= 0) AND NOT flagged AND kind NOT IN ('a', 'b''c')")
        XCTAssertEqual(expression.columns, ["magnitude", "depth", "flagged", "kind"])
    }

    func testBooleansAreTheDialectsOwnLiterals() throws {
        let expression = try SchemaExpression.parse("active = TRUE")
        XCTAssertEqual(expression.sql(for: SQLiteDialect()), #""active" = 1"#)
        XCTAssertEqual(expression.sql(for: PostgresDialect()), #""active" = true"#)
    }

    func testParenthesesFollowPrecedence() throws {
        XCTAssertEqual(try SchemaExpression.parse("(a + b) * c > (d)").text, "(a + b) * c > d")
        XCTAssertEqual(try SchemaExpression.parse("a - (b - c)").text, "a - (b - c)")
        XCTAssertEqual(try SchemaExpression.parse("(a = 'x') = (b IS NOT NULL)").text, "(a = 'x') = (b IS NOT NULL)")
        XCTAssertEqual(try SchemaExpression.parse("NOT (a OR b)").text, "NOT (a OR b)")
        XCTAssertEqual(try SchemaExpression.parse("substr(\"Flare Class\", 1, 1) IN ('A', 'B')").text, "substr(\"Flare Class\", 1, 1) IN ('A', 'B')")
    }

    func testRefusesWhatIsOutsideTheSubsetSayingWhere() {
        XCTAssertThrowsError(try SchemaExpression.parse("x > 1 AND")) { error in
            XCTAssertEqual((error as? SchemaExpressionError)?.message, "the expression ends too early")
        }
        XCTAssertThrowsError(try SchemaExpression.parse("x ~ 'a'")) { error in
            XCTAssertEqual((error as? SchemaExpressionError)?.offset, 2)
        }
    }

    func testFindsConjunctionsNoValueSatisfies() throws {
        XCTAssertEqual(try SchemaExpression.parse("x > 5 AND x < 3").unsatisfiableColumn, "x")
        XCTAssertEqual(try SchemaExpression.parse("x >= 3 AND x <= 3").unsatisfiableColumn, nil)
        XCTAssertEqual(try SchemaExpression.parse("x > 3 AND x <= 3").unsatisfiableColumn, "x")
        XCTAssertEqual(try SchemaExpression.parse("5 < x AND y = 1 AND x < 5").unsatisfiableColumn, "x")
        XCTAssertEqual(try SchemaExpression.parse("x > 5 OR x < 3").unsatisfiableColumn, nil)
        XCTAssertEqual(try SchemaExpression.parse("x NOT BETWEEN 5 AND 3").unsatisfiableColumn, nil)
    }
}

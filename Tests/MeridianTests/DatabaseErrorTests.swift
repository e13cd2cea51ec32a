import XCTest
@testable import Meridian

/// `DatabaseError`: a portable kind, context for humans, and the engine's message (which may
/// quote values) kept out of `description`.
final class DatabaseErrorTests: XCTestCase {
    private let unique = DatabaseError(
        .uniqueViolation, "duplicate key value violates unique constraint", table: "stations",
        constraint: "stations_code_key", column: "code", nativeCode: "23505",
        nativeMessage: "Key (code)=(KEV) already exists.", sql: "INSERT INTO stations (code) VALUES ($1)")

    func testDescriptionHasKindReasonContextAndSQL() {
        XCTAssertEqual(
            unique.description,
            "uniqueViolation: duplicate key value violates unique constraint (table stations, column code, "
                + "constraint stations_code_key, code 23505) in: INSERT INTO stations (code) VALUES ($1)")
    }

    func testDescriptionNeverIncludesTheNativeMessage() {
        XCTAssertFalse(unique.description.contains("KEV"))
        XCTAssertFalse(unique.description.contains("already exists"))
        XCTAssertFalse("\(unique)".contains("KEV"))
        XCTAssertFalse(String(describing: unique).contains("KEV"))
    }

    func testDebugDescriptionAppendsTheNativeMessage() {
        XCTAssertEqual(unique.debugDescription, unique.description + " [Key (code)=(KEV) already exists.]")
        XCTAssertTrue(String(reflecting: unique).contains("(KEV)"))
    }

    func testDebugDescriptionWithoutANativeMessageIsTheDescription() {
        let error = DatabaseError(.syntax, "near \"SELEC\"", nativeCode: "42601")
        XCTAssertEqual(error.debugDescription, error.description)
        XCTAssertEqual(error.description, "syntax: near \"SELEC\" (code 42601)")
    }

    /// PostgreSQL's HINT names objects, never values: always on a line of its own.
    func testHintIsAlwaysShownOnALineOfItsOwn() {
        var error = DatabaseError(.undefinedObject, "column \"nme\" does not exist", nativeCode: "42703", sql: "SELECT nme FROM t")
        error.hint = "Perhaps you meant to reference the column \"t.name\"."
        XCTAssertEqual(
            error.description,
            "undefinedObject: column \"nme\" does not exist (code 42703) in: SELECT nme FROM t\n"
                + "HINT: Perhaps you meant to reference the column \"t.name\".")
    }

    /// DETAIL quotes the failing row: kept in `detail` always, shown only when the driver says
    /// the statement bound no values (a script the user wrote).
    func testDetailIsShownOnlyWhenTheDriverSaysSo() {
        var error = unique
        error.detail = "Key (code)=(KEV) already exists."
        XCTAssertFalse(error.description.contains("KEV"), error.description)
        XCTAssertFalse(error.debugDescription.contains("DETAIL"), error.debugDescription)
        XCTAssertEqual(error.detail, "Key (code)=(KEV) already exists.")

        error.showsDetail = true
        error.hint = "Use another code."
        XCTAssertEqual(
            error.description,
            "uniqueViolation: duplicate key value violates unique constraint (table stations, column code, "
                + "constraint stations_code_key, code 23505) in: INSERT INTO stations (code) VALUES ($1)\n"
                + "DETAIL: Key (code)=(KEV) already exists.\nHINT: Use another code.")
    }

    /// The engine's message stays on the first line, before DETAIL and HINT.
    func testDebugDescriptionPutsTheNativeMessageBeforeTheDetailAndHintLines() {
        var error = DatabaseError(.foreignKeyViolation, "a foreign key points at no row", nativeMessage: "insert or update violates")
        error.detail = "Key (parent_id)=(5) is not present in table \"parent\"."
        error.showsDetail = true
        XCTAssertEqual(
            error.debugDescription,
            "foreignKeyViolation: a foreign key points at no row [insert or update violates]\n"
                + "DETAIL: Key (parent_id)=(5) is not present in table \"parent\".")
    }

    func testMinimalErrorIsKindAndReason() {
        XCTAssertEqual(DatabaseError(.busy, "database is locked").description, "busy: database is locked")
    }

    func testContextListsOnlyWhatIsKnown() {
        XCTAssertEqual(
            DatabaseError(.notNullViolation, "null value", table: "t", column: "c").description,
            "notNullViolation: null value (table t, column c)")
        XCTAssertEqual(
            DatabaseError(.checkViolation, "failed", constraint: "t_x_check").description,
            "checkViolation: failed (constraint t_x_check)")
    }

    func testLongSQLIsTruncatedTo500Characters() {
        let sql = "SELECT " + String(repeating: "a", count: 600)
        let text = DatabaseError(.syntax, "bad", sql: sql).description
        XCTAssertEqual(text, "syntax: bad in: " + String(sql.prefix(500)) + "… (107 more characters)")
        XCTAssertFalse(text.contains(sql))
        let exact = String(repeating: "b", count: 500)
        XCTAssertEqual(DatabaseError(.syntax, "bad", sql: exact).description, "syntax: bad in: " + exact)
    }

    func testWithSQLAttachesOnlyWhenMissing() {
        let bare = DatabaseError(.binding, "expected 2 values, got 1")
        XCTAssertEqual(bare.with(sql: "SELECT $1, $2").sql, "SELECT $1, $2")
        XCTAssertEqual(unique.with(sql: "OTHER").sql, "INSERT INTO stations (code) VALUES ($1)")
    }

    func testKindsAreAnOpenSetMatchableInCatchClauses() {
        XCTAssertEqual(DatabaseError.Kind("uniqueViolation"), .uniqueViolation)
        XCTAssertNotEqual(DatabaseError.Kind.checkViolation, .notNullViolation)
        let custom = DatabaseError.Kind("raster")
        XCTAssertEqual(custom.description, "raster")
        do {
            throw unique
        } catch let error as DatabaseError where error.kind == .uniqueViolation {
            XCTAssertEqual(error.constraint, "stations_code_key")
        } catch {
            XCTFail("unexpected \(error)")
        }
    }

    func testEveryPortableKindHasADistinctName() {
        let kinds: [DatabaseError.Kind] = [
            .uniqueViolation, .foreignKeyViolation, .checkViolation, .notNullViolation, .syntax, .undefinedObject,
            .connection, .authentication, .busy, .serialization, .divisionByZero, .numericOverflow, .invalidValue,
            .binding, .readOnly, .notADatabase, .decoding, .misuse, .other,
        ]
        XCTAssertEqual(Set(kinds.map(\.name)).count, kinds.count)
        XCTAssertEqual(Set(kinds).count, kinds.count)
    }
}

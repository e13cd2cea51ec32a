import MeridianPostgres
import MeridianSQLite
import XCTest

@testable import MeridianSchema

/// What a plan finds between two schema files, how it classifies each change, and what each
/// dialect makes of it: in place where `ALTER TABLE` can, a rebuild on SQLite where it cannot.
final class SchemaMigrationPlanTests: XCTestCase {
    private static let base = """
        tables:
          notes:
            columns:
              id: int
              title: text
              score: {type: int, nullable: true}
              mood: {type: enum, values: [calm, busy], default: calm}
            primary_key: [id]

        """

    private func plan(_ edit: (inout String) -> Void) throws -> SchemaMigrationPlan {
        var text = Self.base
        edit(&text)
        return SchemaMigrationPlan(from: try Schema.load(yaml: Self.base), to: try Schema.load(yaml: text))
    }

    private func summary(_ plan: SchemaMigrationPlan) -> [String] {
        plan.changes.map { "\($0.level.rawValue) \($0.kind.rawValue)\($0.dataLoss == nil ? "" : " loses")" }
    }

    func testVersionsMoveByTheHighestClass() throws {
        XCTAssertEqual(SchemaVersion(parsing: "1.4.2")?.bumped(.patch), SchemaVersion(1, 4, 3))
        XCTAssertEqual(SchemaVersion(parsing: "1.4.2")?.bumped(.minor), SchemaVersion(1, 5, 0))
        XCTAssertEqual(SchemaVersion(parsing: "1.4.2")?.bumped(.major), SchemaVersion(2, 0, 0))
        for text in ["1.4", "1.4.x", "-1.0.0", "1.0.0.0", ""] { XCTAssertNil(SchemaVersion(parsing: text), text) }
        let added = try plan { $0 += "    indexes:\n      - {name: notes_title_idx, columns: [title]}\n" }
        XCTAssertEqual(added.version(after: SchemaVersion(1, 2, 3)), SchemaVersion(1, 2, 4))
        XCTAssertEqual(added.version(after: nil), SchemaVersion(1, 0, 0), "the first generated version")
        XCTAssertEqual(try plan { _ in }.version(after: SchemaVersion(3, 0, 0)), SchemaVersion(3, 0, 0), "no change, no new version")
    }

    func testEachKindOfChangeIsClassified() throws {
        XCTAssertEqual(summary(try plan { $0 = $0.replacingOccurrences(of: "      score: {type: int, nullable: true}\n", with: "") }), ["MAJOR drop column loses"])
        XCTAssertEqual(summary(try plan { $0 = $0.replacingOccurrences(of: "score: {type: int,", with: "score: {type: double,") }), ["MAJOR change column type"])
        XCTAssertEqual(summary(try plan { $0 = $0.replacingOccurrences(of: "title: text", with: "title: int") }), ["MAJOR change column type loses"])
        XCTAssertEqual(summary(try plan { $0 = $0.replacingOccurrences(of: "[calm, busy]", with: "[calm, busy, away]") }), ["MAJOR change column type"])
        XCTAssertEqual(summary(try plan { $0 = $0.replacingOccurrences(of: "[calm, busy]", with: "[calm]") }), ["MAJOR change column type loses"])
        XCTAssertEqual(summary(try plan { $0 = $0.replacingOccurrences(of: "      title: text\n", with: "      title: text\n      body: {type: text, nullable: true}\n") }),
                       ["MINOR add column"])
        XCTAssertEqual(summary(try plan { $0 = $0.replacingOccurrences(of: "score: {type: int, nullable: true}", with: "score: int") }), ["MAJOR make column not null"])
        XCTAssertEqual(summary(try plan { $0 = $0.replacingOccurrences(of: "default: calm", with: "default: busy") }), ["MINOR change column default"])
        XCTAssertEqual(summary(try plan { $0 += "    unique:\n      - {columns: [title]}\n" }), ["MAJOR add unique"])
        XCTAssertEqual(summary(try plan { $0 += "    checks:\n      - {name: notes_score_check, check: \"score >= 0\"}\n" }), ["MAJOR add check"])
        XCTAssertEqual(summary(try plan { $0 += "views:\n  v: {sql: 'SELECT id FROM notes'}\n" }), ["MINOR add view"])
        XCTAssertEqual(summary(try plan { $0 = $0.replacingOccurrences(of: "  notes:\n", with: "  jottings:\n    renamed_from: notes\n") }), ["MAJOR rename table"])
        XCTAssertEqual(summary(try plan { $0 = $0.replacingOccurrences(of: "  notes:\n", with: "  jottings:\n") }), ["MINOR add table", "MAJOR drop table loses"])
    }

    func testARenameCountsOnlyWhileTheOldNameExists() throws {
        let renamed = Self.base.replacingOccurrences(of: "      title: text\n", with: "      heading: {type: text, renamed_from: title}\n")
        let first = SchemaMigrationPlan(from: try Schema.load(yaml: Self.base), to: try Schema.load(yaml: renamed))
        XCTAssertEqual(summary(first), ["MAJOR rename column"])
        let again = SchemaMigrationPlan(from: try Schema.load(yaml: renamed), to: try Schema.load(yaml: renamed))
        XCTAssertEqual(again.changes, [], "renamed_from left in the file after the migration ran")
        XCTAssertEqual(summary(first.reversed()), ["MAJOR rename column"], "the down script renames back")
    }

    func testSQLiteAltersInPlaceWhereItCanAndRebuildsWhereItCannot() throws {
        let added = try plan { $0 = $0.replacingOccurrences(of: "      title: text\n", with: "      title: text\n      body: {type: text, nullable: true}\n") }
        XCTAssertEqual(try added.statements(for: SQLiteDialect()).map(\.sql), [#"ALTER TABLE "notes" ADD COLUMN "body" TEXT"#])
        let tightened = try plan { $0 = $0.replacingOccurrences(of: "score: {type: int, nullable: true}", with: "score: int") }
        XCTAssertThrowsError(try tightened.statements(for: SQLiteDialect())) { error in
            XCTAssertTrue("\(error)".contains("pass --fill notes.score=EXPR"), "\(error)")
        }
        let fills = [try ColumnFill(parsing: "notes.score=0")]
        let sqlite = try tightened.statements(for: SQLiteDialect(), fills: fills).map(\.sql)
        XCTAssertEqual(sqlite.first, #"CREATE TEMP TABLE "_meridian_old_notes" AS SELECT * FROM "notes""#)
        XCTAssertTrue(sqlite.contains { $0.contains(#"coalesce("score", 0)"#) }, "\(sqlite)")
        XCTAssertEqual(sqlite.last, #"DROP TABLE "_meridian_old_notes""#)
        XCTAssertEqual(try tightened.statements(for: PostgresDialect(), fills: fills).map(\.sql), [
            #"UPDATE "notes" SET "score" = 0 WHERE "score" IS NULL"#, #"ALTER TABLE "notes" ALTER COLUMN "score" SET NOT NULL"#,
        ])
    }

    func testPostgresConvertsTypesWithUsingAndKeepsTheEnumerationCheck() throws {
        let widened = try plan { $0 = $0.replacingOccurrences(of: "[calm, busy]", with: "[calm, busy, away]") }
        XCTAssertEqual(try widened.statements(for: PostgresDialect()).map(\.sql), [
            #"ALTER TABLE "notes" DROP CONSTRAINT "notes_mood_check""#,
            #"ALTER TABLE "notes" ALTER COLUMN "mood" TYPE text COLLATE "C" USING "mood"::text COLLATE "C""#,
            #"ALTER TABLE "notes" ADD CONSTRAINT "notes_mood_check" CHECK ("mood" IN ('calm', 'busy', 'away'))"#,
        ])
    }

    func testFillsAreReadAsTableColumnAndAPortableExpression() throws {
        let fill = try ColumnFill(parsing: "people.handle=lower(name) || '-1'")
        XCTAssertEqual(fill.table, "people")
        XCTAssertEqual(fill.column, "handle")
        XCTAssertEqual(fill.expression.sql(for: PostgresDialect()), #"lower("name") || '-1'"#)
        for bad in ["people.handle", "handle=0", "people.handle=lower(("] {
            XCTAssertThrowsError(try ColumnFill(parsing: bad), bad)
        }
    }

    func testRenamedFromMustNameSomethingTheFileNoLongerHas() throws {
        let schema = try Schema.load(yaml: """
            tables:
              a:
                renamed_from: b
                columns: {id: int, x: {type: int, renamed_from: id}, y: {type: int, renamed_from: z}, w: {type: int, renamed_from: z}}
                primary_key: [id]
              b:
                columns: {id: int}
                primary_key: [id]
            """)
        XCTAssertThrowsError(try schema.validate()) { error in
            let messages = (error as? SchemaError)?.problems.map(\.message) ?? []
            XCTAssertEqual(messages.sorted(), [
                "column a.x is renamed from id, but the table still has a column id",
                "columns y and w of a are both renamed from z",
                "table a is renamed from b, but the file still has a table b",
            ])
        }
    }
}

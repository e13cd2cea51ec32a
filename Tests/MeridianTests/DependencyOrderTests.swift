import Meridian
import XCTest

/// Tables in foreign-key order: the order seeding and exporting insert them in.
final class DependencyOrderTests: XCTestCase {
    private func table(_ name: String, references parents: [String] = []) -> SchemaSnapshot.Table {
        SchemaSnapshot.Table(
            name, columns: [.init("id", .int)], primaryKey: ["id"],
            foreignKeys: parents.map { SchemaSnapshot.ForeignKey(["\($0)_id"], references: $0, ["id"]) })
    }

    func testParentsComeFirstAndTiesGoAlphabetically() throws {
        let schema = SchemaSnapshot(tables: [
            table("prophecy_sign_links", references: ["prophecies", "celestial_signs"]),
            table("prophecies"), table("celestial_signs"),
            table("alerts", references: ["data_triggers"]), table("data_triggers"),
            table("nodes", references: ["nodes"]),
        ])
        XCTAssertEqual(try schema.dependencyOrder(), ["celestial_signs", "data_triggers", "alerts", "nodes", "prophecies", "prophecy_sign_links"])
    }

    func testOnlyTheNamedTablesCountAndUnknownOnesComeLast() throws {
        let schema = SchemaSnapshot(tables: [table("alerts", references: ["data_triggers"]), table("data_triggers")])
        XCTAssertEqual(try schema.dependencyOrder(of: ["alerts"]), ["alerts"])
        XCTAssertEqual(try schema.dependencyOrder(of: ["no_such_table", "alerts", "data_triggers", "alerts"]), ["data_triggers", "alerts", "no_such_table"])
    }

    func testACycleNamesItsTables() {
        let schema = SchemaSnapshot(tables: [
            table("a", references: ["b"]), table("b", references: ["a"]), table("c", references: ["a"]), table("d"),
        ])
        XCTAssertThrowsError(try schema.dependencyOrder()) { error in
            XCTAssertEqual((error as? SchemaSnapshot.DependencyCycle)?.tables, ["a", "b", "c"])
            XCTAssertTrue("\(error)".contains("a, b, c"), "\(error)")
        }
    }
}

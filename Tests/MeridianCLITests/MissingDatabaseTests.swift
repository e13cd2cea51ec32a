import Foundation
import MeridianTesting
import XCTest

/// Only `migrate up` and `meridian` on its own (`info`) create an SQLite file; every other
/// command pointed at a file that does not exist says so, naming it and how to make it,
/// exits 1, and leaves no file behind.
final class MissingDatabaseTests: CLITestCase {
    /// What is in the working folder, folders included.
    private func contents(_ s: CLISandbox) throws -> [String] {
        (FileManager.default.enumerator(atPath: s.folder.path)?.allObjects as? [String] ?? []).sorted()
    }

    func testCommandsOtherThanThoseThatCreateRefuseAMissingFile() throws {
        let s = try sandbox(.sqlite)
        try s.writeTableMigration(1, "t1")
        try s.write("fixtures/t1.json", #"{"table": "t1", "rows": [{"id": 1, "label": "one"}]}"#)
        let before = try contents(s)
        let near = ["near", "--lat", "35.68", "--lon", "139.69", "--km", "300"]
        let commands: [[String]] = [
            ["query", "SELECT 1"], near, ["query", "CREATE TABLE t (x INTEGER)"], ["migrate", "status"], ["migrate", "validate"],
            ["migrate", "down"], ["migrate", "up", "--dry-run"], ["seed"], ["load", "csv", "fixtures/t1.json"],
        ]
        for command in commands {
            let result = try s.meridian(command)
            XCTAssertFailsCleanly(
                result, mentioning: ["sqlite:meridian.sqlite does not exist", s.folder.lastPathComponent, "no --database or DATABASE_URL", "meridian migrate up"],
                "meridian \(command.joined(separator: " "))")
            XCTAssertEqual(result.status, 1, "\(result)")
            XCTAssertEqual(try contents(s), before, "meridian \(command.joined(separator: " ")) created nothing")
        }
        for command in [["query", "SELECT 1", "--database", "sqlite:nowhere.sqlite"], ["schema", "inspect", "--database", "sqlite:nowhere.sqlite"],
                        ["export", "--from", "sqlite:nowhere.sqlite", "--to", "out.sql"], ["near"] + Array(near.dropFirst()) + ["--database", "sqlite:nowhere.sqlite?mode=ro"]] {
            let result = try s.meridian(command)
            XCTAssertFailsCleanly(result, mentioning: ["sqlite:nowhere.sqlite does not exist", "meridian migrate up --database sqlite:nowhere.sqlite"], "\(command)")
            XCTAssertFalse(result.stderr.contains("DATABASE_URL"), "a file the user named is not the default: \(result)")
            XCTAssertEqual(try contents(s), before, "meridian \(command.joined(separator: " ")) created nothing")
        }
    }

    func testMigrateUpCreatesTheFile() throws {
        let s = try sandbox(.sqlite)
        try s.writeTableMigration(1, "t1")
        XCTAssertSucceeds(try s.meridian(["migrate", "up"]))
        XCTAssertTrue(s.exists("meridian.sqlite"))
        XCTAssertSucceeds(try s.meridian(["query", "SELECT count(*) FROM t1"]), "the other commands find it then")
    }
}

import Foundation
import MeridianTesting
import XCTest

/// `meridian init` and `meridian migrate new`: scaffolding both folders in lockstep.
final class InitAndNewTests: CLITestCase {
    func testInitThenNewThenUpOnSQLite() throws { try initThenNewThenUp(sandbox(.sqlite)) }
    func testInitThenNewThenUpOnPostgres() throws { try initThenNewThenUp(sandbox(.postgres)) }

    func testNewInEmptyFolderStartsAtOneOnSQLite() throws { try newInEmptyFolder(sandbox(.sqlite)) }

    /// init scaffolds an empty 0001 pair in both folders; new adds 0002 in both. Until the user
    /// writes 0001's SQL, `up` refuses it as an empty file (naming it) and changes nothing; once
    /// written, `up` applies both on this backend.
    private func initThenNewThenUp(_ s: CLISandbox) throws {
        let initialised = try s.meridian(["init"])
        XCTAssertSucceeds(initialised)
        for folder in ["migrations-sqlite", "migrations-postgres"] {
            for file in ["0001_init.up.sql", "0001_init.down.sql"] {
                XCTAssertTrue(s.exists("\(folder)/\(file)"), "init creates \(folder)/\(file)\n\(initialised)")
            }
        }

        let created = try s.meridian(["migrate", "new", "add stations"])
        XCTAssertSucceeds(created, "migrate new right after init")
        for folder in ["migrations-sqlite", "migrations-postgres"] {
            for file in ["0002_add_stations.up.sql", "0002_add_stations.down.sql"] {
                XCTAssertTrue(s.exists("\(folder)/\(file)"), "migrate new creates \(folder)/\(file)\n\(created)")
                XCTAssertTrue(created.stdout.contains(file), "migrate new prints what it created\n\(created)")
            }
        }

        let again = try s.meridian(["init"])
        XCTAssertFailsCleanly(again, mentioning: ["already holds migrations"], "a second init refuses rather than overwriting")

        try append(s, s.upFile(2, "add_stations"), "CREATE TABLE stations (id \(s.integer) PRIMARY KEY, code TEXT);\n")
        try append(s, s.downFile(2, "add_stations"), "DROP TABLE stations;\n")
        let unwritten = try s.migrate("up")
        XCTAssertFailsCleanly(unwritten, mentioning: [s.upFile(1, "init"), "no SQL statements"], "[\(s.backend)] the empty 0001 is named")
        XCTAssertEqual(try s.recordedVersions(), [], "nothing ran")

        try append(s, s.upFile(1, "init"), "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT);\n")
        try append(s, s.downFile(1, "init"), "DROP TABLE settings;\n")
        let up = try s.migrate("up")
        XCTAssertSucceeds(up)
        XCTAssertMentionsInOrder(up.stdout, ["applied 0001_init", "applied 0002_add_stations"])
        XCTAssertEqual(try s.tables(), ["meridian_migrations", "settings", "stations"])
        XCTAssertSucceeds(try s.migrate("down", "--all"))
        XCTAssertEqual(try s.tables(), ["meridian_migrations"])
    }

    private func append(_ s: CLISandbox, _ file: String, _ text: String) throws {
        try s.write(file, try s.read(file) + text)
    }

    /// Without init, `migrate new` creates both folders and version 0001.
    private func newInEmptyFolder(_ s: CLISandbox) throws {
        let bad = try s.meridian(["migrate", "new", "!!!"])
        XCTAssertFailsCleanly(bad, mentioning: ["slug"], "a name without letters or digits is refused")
        let created = try s.meridian(["migrate", "new", "Add Alerts table"])
        XCTAssertSucceeds(created)
        XCTAssertTrue(s.exists("migrations-sqlite/0001_add_alerts_table.up.sql"), "\(created)")
        XCTAssertTrue(s.exists("migrations-postgres/0001_add_alerts_table.down.sql"), "\(created)")
    }
}

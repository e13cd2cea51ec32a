import Foundation
import MeridianTesting
import XCTest

/// `migrate validate` and drift: an applied migration's file edited afterwards.
final class ValidateTests: CLITestCase {
    func testEditedAppliedFileIsRefusedOnSQLite() throws { try editedAppliedFileIsRefused(sandbox(.sqlite)) }
    func testEditedAppliedFileIsRefusedOnPostgres() throws { try editedAppliedFileIsRefused(sandbox(.postgres)) }

    func testDatabaseAheadAndMissingFileOnSQLite() throws { try databaseAheadAndMissingFile(sandbox(.sqlite)) }
    func testDatabaseAheadAndMissingFileOnPostgres() throws { try databaseAheadAndMissingFile(sandbox(.postgres)) }

    private func editedAppliedFileIsRefused(_ s: CLISandbox) throws {
        for version in 1...3 { try s.writeTableMigration(version, "t\(version)") }
        XCTAssertSucceeds(try s.migrate("up", "--to", "2"))

        let clean = try s.migrate("validate")
        XCTAssertSucceeds(clean)
        XCTAssertTrue(clean.stdout.contains("1 pending"), "\(clean)")

        let edited = s.upFile(2, "create_t2")
        try s.write(edited, "CREATE TABLE t2 (id \(s.integer) PRIMARY KEY, label TEXT, extra TEXT);\n")
        let before = try s.state()

        let validate = try s.migrate("validate")
        XCTAssertFailsCleanly(validate, mentioning: [edited, "edited"], "[\(s.backend)] validate reports drift")
        XCTAssertEqual(validate.status, 1)

        let up = try s.migrate("up")
        XCTAssertFailsCleanly(up, mentioning: [edited, "edited"], "[\(s.backend)] up refuses before running anything")
        XCTAssertFalse(try s.tables().contains("t3"), "the pending migration did not run")
        XCTAssertEqual(try s.state(), before)
        let report = try s.status()
        XCTAssertEqual(report.state(of: 2), "edited")
        XCTAssertEqual(report.state(of: 3), "pending")
        XCTAssertFalse(report.problems.isEmpty, "status lists the problem")

        let down = try s.migrate("down")
        XCTAssertFailsCleanly(down, mentioning: ["edited"], "down refuses on drift too")
        XCTAssertEqual(try s.state(), before)
    }

    private func databaseAheadAndMissingFile(_ s: CLISandbox) throws {
        for version in 1...3 { try s.writeTableMigration(version, "t\(version)") }
        XCTAssertSucceeds(try s.migrate("up"))
        try FileManager.default.removeItem(atPath: s.path(s.upFile(3, "create_t3")))
        try FileManager.default.removeItem(atPath: s.path(s.downFile(3, "create_t3")))
        let ahead = try s.migrate("validate")
        XCTAssertFailsCleanly(ahead, mentioning: ["ahead", "0003"])

        try s.writeTableMigration(3, "t3")
        try FileManager.default.removeItem(atPath: s.path(s.upFile(2, "create_t2")))
        try FileManager.default.removeItem(atPath: s.path(s.downFile(2, "create_t2")))
        let missing = try s.migrate("validate")
        XCTAssertFailsCleanly(missing, mentioning: ["0002_create_t2", "missing"])
    }
}

import Foundation
import MeridianTesting
import XCTest

/// A down script with no statements marks a change that cannot be undone: `down` stops before
/// it, naming the file, and `status` marks it.
final class IrreversibleMigrationTests: CLITestCase {
    func testAnEmptyDownStopsTheRollbackOnSQLite() throws { try emptyDownStopsTheRollback(sandbox(.sqlite)) }
    func testAnEmptyDownStopsTheRollbackOnPostgres() throws { try emptyDownStopsTheRollback(sandbox(.postgres)) }

    private func emptyDownStopsTheRollback(_ s: CLISandbox) throws {
        try s.writeTableMigration(1, "t1")
        try s.writeMigration(2, "create_t2", up: "CREATE TABLE t2 (id \(s.integer) PRIMARY KEY);\n", down: "-- cannot be undone\n")
        try s.writeTableMigration(3, "t3")
        XCTAssertSucceeds(try s.migrate("up"))

        let status = try s.migrate("status")
        XCTAssertSucceeds(status)
        let marked = status.stdout.split(separator: "\n").filter { $0.contains("irreversible") }
        XCTAssertEqual(marked.count, 1, "[\(s.backend)] status marks the one migration: \(status)")
        XCTAssertTrue(marked.first?.contains("0002_create_t2") ?? false, "\(status)")

        let down = try s.migrate("down", "--all")
        XCTAssertFailsCleanly(down, mentioning: [s.downFile(2, "create_t2"), "--allow-empty-down", "nothing was rolled back"], "[\(s.backend)]")
        XCTAssertEqual(try s.status().applied, [1, 2, 3], "[\(s.backend)] the plan stopped before anything ran")
        XCTAssertEqual(try s.tables(), ["meridian_migrations", "t1", "t2", "t3"])

        let forced = try s.migrate("down", "--all", "--allow-empty-down")
        XCTAssertSucceeds(forced)
        XCTAssertEqual(try s.status().applied, [], "[\(s.backend)]")
        XCTAssertEqual(try s.tables(), ["meridian_migrations", "t2"], "[\(s.backend)] what the empty down could not undo stays")
    }
}

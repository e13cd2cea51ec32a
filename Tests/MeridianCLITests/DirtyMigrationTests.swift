import Foundation
import MeridianTesting
import XCTest

/// A `-- meridian:no-transaction` migration that fails half-way: recorded dirty, refused until
/// `migrate force`, then finished once the file is fixed.
final class DirtyMigrationTests: CLITestCase {
    func testFailedNoTransactionMigrationIsDirtyUntilForcedOnSQLite() throws { try dirtyUntilForced(sandbox(.sqlite)) }
    func testFailedNoTransactionMigrationIsDirtyUntilForcedOnPostgres() throws { try dirtyUntilForced(sandbox(.postgres)) }

    private func dirtyUntilForced(_ s: CLISandbox) throws {
        try s.writeTableMigration(1, "t1")
        let upFile = s.upFile(2, "outside_transaction")
        try s.writeMigration(
            2, "outside_transaction",
            up: """
                -- meridian:no-transaction
                CREATE TABLE half (id \(s.integer));
                INSERT INTO no_such_table (id) VALUES (1);

                """,
            down: "DROP TABLE half;\n")
        try s.writeTableMigration(3, "t3")

        let failed = try s.migrate("up")
        XCTAssertFailsCleanly(failed, mentioning: ["\(upFile):3", "no_such_table", "dirty", "migrate force"])
        XCTAssertEqual(failed.status, 1)
        var report = try s.status()
        XCTAssertEqual(report.state(of: 1), "applied")
        XCTAssertEqual(report.state(of: 2), "dirty", "[\(s.backend)] \(report.migrations)")
        XCTAssertEqual(report.state(of: 3), "pending")
        XCTAssertTrue(report.problems.contains { $0.contains("migrate force") }, "status explains the way out: \(report.problems)")
        XCTAssertTrue(try s.tables().contains("half"), "without a transaction the first statement's table stays")

        let refused = try s.migrate("up")
        XCTAssertFailsCleanly(refused, mentioning: ["0002_outside_transaction", "migrate force"], "[\(s.backend)] up refuses while dirty")
        XCTAssertFalse(try s.tables().contains("t3"), "nothing ran past the dirty migration")
        XCTAssertFailsCleanly(try s.migrate("validate"), mentioning: ["0002_outside_transaction", "failed half-way"])
        XCTAssertFailsCleanly(try s.migrate("down"), mentioning: ["migrate force"], "down refuses while dirty too")

        // Repair by hand (undo the half-applied part), then record where the database is.
        _ = try s.query("DROP TABLE half")
        let forced = try s.migrate("force", "1")
        XCTAssertSucceeds(forced)
        XCTAssertTrue(forced.stdout.contains("0001"), "\(forced)")
        report = try s.status()
        XCTAssertEqual(report.applied, [1])
        XCTAssertEqual(report.pending, [2, 3])
        XCTAssertEqual(report.problems, [])

        try s.write(upFile, "-- meridian:no-transaction\nCREATE TABLE half (id \(s.integer));\nINSERT INTO half (id) VALUES (1);\n")
        let finished = try s.migrate("up")
        XCTAssertSucceeds(finished)
        XCTAssertMentionsInOrder(finished.stdout, ["applied 0002_outside_transaction", "applied 0003_create_t3"])
        XCTAssertEqual(try s.status().applied, [1, 2, 3])
        XCTAssertEqual(try s.query("SELECT count(*) AS n FROM half").first?["n"] as? Int, 1)

        let unknown = try s.migrate("force", "9")
        XCTAssertFailsCleanly(unknown, mentioning: ["no migration has version 9"], "force to a version no file has")
        XCTAssertEqual(try s.status().applied, [1, 2, 3])
    }
}

import Foundation
import MeridianTesting
import XCTest

/// `migrate up`, `down`, `redo`, `status` and `--dry-run` on a folder of three migrations.
final class MigrateCommandTests: CLITestCase {
    func testUpTwiceAndStatusOnSQLite() throws { try upTwiceAndStatus(sandbox(.sqlite)) }
    func testUpTwiceAndStatusOnPostgres() throws { try upTwiceAndStatus(sandbox(.postgres)) }

    func testDownVariantsOnSQLite() throws { try downVariants(sandbox(.sqlite)) }
    func testDownVariantsOnPostgres() throws { try downVariants(sandbox(.postgres)) }

    func testUpToAndRedoOnSQLite() throws { try upToAndRedo(sandbox(.sqlite)) }
    func testUpToAndRedoOnPostgres() throws { try upToAndRedo(sandbox(.postgres)) }

    func testUpReportsWhatItAppliedBeforeAFailureOnSQLite() throws { try upReportsWhatItAppliedBeforeAFailure(sandbox(.sqlite)) }
    func testUpReportsWhatItAppliedBeforeAFailureOnPostgres() throws { try upReportsWhatItAppliedBeforeAFailure(sandbox(.postgres)) }

    func testDryRunChangesNothingOnSQLite() throws { try dryRunChangesNothing(sandbox(.sqlite)) }
    func testDryRunChangesNothingOnPostgres() throws { try dryRunChangesNothing(sandbox(.postgres)) }

    private let names = ["0001_create_t1", "0002_create_t2", "0003_create_t3"]

    private func threeMigrations(_ s: CLISandbox) throws {
        for version in 1...3 { try s.writeTableMigration(version, "t\(version)") }
    }

    private func upTwiceAndStatus(_ s: CLISandbox) throws {
        try threeMigrations(s)
        try s.createDatabase()
        let before = try s.status()
        XCTAssertEqual(before.pending, [1, 2, 3], "[\(s.backend)] a new database has everything pending")

        let up = try s.migrate("up")
        XCTAssertSucceeds(up)
        XCTAssertMentionsInOrder(up.stdout, names.map { "applied \($0)" } + ["at version 0003"])
        XCTAssertEqual(try s.tables(), ["meridian_migrations", "t1", "t2", "t3"])

        let again = try s.migrate("up")
        XCTAssertSucceeds(again)
        XCTAssertTrue(again.stdout.contains("nothing to apply"), "\(again)")
        XCTAssertFalse(again.stdout.contains("applied 0001"), "\(again)")

        let text = try s.migrate("status")
        XCTAssertSucceeds(text)
        for name in names { XCTAssertTrue(text.stdout.contains(name), "status lists \(name)\n\(text)") }
        XCTAssertTrue(text.stdout.contains("applied"), "\(text)")
        XCTAssertFalse(text.stdout.contains("pending"), "\(text)")

        let report = try s.status()
        XCTAssertEqual(report.applied, [1, 2, 3])
        XCTAssertEqual(report.problems, [])
        XCTAssertEqual(report.migrations.map(\.name), names)
        let started = Date().addingTimeInterval(-600)
        for entry in report.migrations {
            let at = try XCTUnwrap(entry.appliedAt, "\(entry.name) has applied_at")
            let date = ISO8601DateFormatter.lenient(at)
            XCTAssertNotNil(date, "applied_at \(at) is ISO 8601")
            if let date { XCTAssertGreaterThan(date, started, "applied_at \(at) is now, not some other zone") }
            XCTAssertTrue(entry.appliedBy?.contains("@") == true, "applied_by is user@host: \(entry.appliedBy ?? "nil")")
            let duration = try XCTUnwrap(entry.durationMs, "\(entry.name) has a duration")
            XCTAssertGreaterThanOrEqual(duration, 0)
            XCTAssertLessThan(duration, 60_000)
        }
        XCTAssertFalse(report.database.isEmpty)
    }

    private func downVariants(_ s: CLISandbox) throws {
        try threeMigrations(s)
        XCTAssertSucceeds(try s.migrate("up"))

        let one = try s.migrate("down")
        XCTAssertSucceeds(one)
        XCTAssertTrue(one.stdout.contains("rolled back 0003_create_t3"), "\(one)")
        XCTAssertFalse(one.stdout.contains("rolled back 0002"), "down rolls back one by default\n\(one)")
        XCTAssertEqual(try s.status().applied, [1, 2])
        XCTAssertEqual(try s.tables(), ["meridian_migrations", "t1", "t2"])

        let two = try s.migrate("down", "--steps", "2")
        XCTAssertSucceeds(two)
        XCTAssertMentionsInOrder(two.stdout, ["rolled back 0002_create_t2", "rolled back 0001_create_t1"])
        XCTAssertEqual(try s.status().pending, [1, 2, 3])
        XCTAssertEqual(try s.tables(), ["meridian_migrations"])

        XCTAssertSucceeds(try s.migrate("up"))
        let to = try s.migrate("down", "--to", "1")
        XCTAssertSucceeds(to)
        XCTAssertMentionsInOrder(to.stdout, ["rolled back 0003_create_t3", "rolled back 0002_create_t2", "at version 0001"])
        let afterTo = try s.status()
        XCTAssertEqual(afterTo.applied, [1])
        XCTAssertEqual(afterTo.pending, [2, 3])

        let all = try s.migrate("down", "--all")
        XCTAssertSucceeds(all)
        XCTAssertTrue(all.stdout.contains("rolled back 0001_create_t1"), "\(all)")
        XCTAssertEqual(try s.status().pending, [1, 2, 3])
        XCTAssertEqual(try s.tables(), ["meridian_migrations"])

        let nothing = try s.migrate("down")
        XCTAssertSucceeds(nothing)
        XCTAssertTrue(nothing.stdout.contains("nothing to roll back"), "\(nothing)")

        let conflicting = try s.migrate("down", "--all", "--steps", "2")
        XCTAssertFailsCleanly(conflicting, mentioning: ["--steps"])
        XCTAssertEqual(conflicting.status, 64, "a usage error exits 64, as --help documents")
    }

    private func upToAndRedo(_ s: CLISandbox) throws {
        try threeMigrations(s)
        let upTo = try s.migrate("up", "--to", "2")
        XCTAssertSucceeds(upTo)
        XCTAssertMentionsInOrder(upTo.stdout, ["applied 0001_create_t1", "applied 0002_create_t2", "at version 0002"])
        XCTAssertFalse(upTo.stdout.contains("0003"), "\(upTo)")
        let report = try s.status()
        XCTAssertEqual(report.applied, [1, 2])
        XCTAssertEqual(report.pending, [3])

        let unknown = try s.migrate("up", "--to", "7")
        XCTAssertFailsCleanly(unknown, mentioning: ["no migration has version 7"], "a target no file has is named")
        XCTAssertEqual(try s.status().applied, [1, 2])

        _ = try s.query("INSERT INTO t1 (id, label) VALUES (1, 'kept')")
        _ = try s.query("INSERT INTO t2 (id, label) VALUES (1, 'dropped by redo')")
        let appliedAt = report.migrations.first { $0.number == 2 }?.appliedAt
        let redo = try s.migrate("redo")
        XCTAssertSucceeds(redo)
        XCTAssertTrue(redo.stdout.contains("redid 0002_create_t2"), "\(redo)")
        let after = try s.status()
        XCTAssertEqual(after.applied, [1, 2])
        XCTAssertEqual(after.pending, [3])
        XCTAssertNotEqual(after.migrations.first { $0.number == 2 }?.appliedAt, appliedAt, "redo records a new applied_at")
        XCTAssertEqual(try s.query("SELECT count(*) AS n FROM t1").first?["n"] as? Int, 1, "redo leaves older migrations alone")
        XCTAssertEqual(try s.query("SELECT count(*) AS n FROM t2").first?["n"] as? Int, 0, "redo ran down (DROP) and up again")
    }

    /// 0001 and 0002 apply, 0003 fails: the user is told that 0001 and 0002 were applied, not
    /// only that 0003 failed.
    private func upReportsWhatItAppliedBeforeAFailure(_ s: CLISandbox) throws {
        try threeMigrations(s)
        try s.write(s.upFile(3, "create_t3"), "CREATE TABLE t3 (id \(s.integer) PRIMARY KEY);\nINSERT INTO no_such_table (id) VALUES (1);\n")
        let up = try s.migrate("up")
        XCTAssertFailsCleanly(up, mentioning: [s.upFile(3, "create_t3")])
        XCTAssertEqual(try s.status().applied, [1, 2])
        XCTAssertMentionsInOrder(up.output, ["applied 0001_create_t1", "applied 0002_create_t2"],
                                 "[\(s.backend)] up applied 0001 and 0002 before failing, and should say so")
    }

    private func dryRunChangesNothing(_ s: CLISandbox) throws {
        try threeMigrations(s)
        XCTAssertSucceeds(try s.migrate("up", "--to", "1"))
        let before = try s.state()
        let statusBefore = try s.status()

        let up = try s.migrate("up", "--dry-run")
        XCTAssertSucceeds(up)
        XCTAssertMentionsInOrder(up.stdout, ["0002_create_t2", "CREATE TABLE t2", "0003_create_t3", "CREATE TABLE t3"])
        XCTAssertFalse(up.stdout.contains("CREATE TABLE t1"), "applied migrations are not shown\n\(up)")
        XCTAssertEqual(try s.state(), before, "[\(s.backend)] up --dry-run changed the database")

        let down = try s.migrate("down", "--all", "--dry-run")
        XCTAssertSucceeds(down)
        XCTAssertTrue(down.stdout.contains("DROP TABLE t1"), "\(down)")
        XCTAssertEqual(try s.state(), before, "[\(s.backend)] down --dry-run changed the database")

        let upTo = try s.migrate("up", "--to", "2", "--dry-run")
        XCTAssertSucceeds(upTo)
        XCTAssertTrue(upTo.stdout.contains("CREATE TABLE t2"), "\(upTo)")
        XCTAssertFalse(upTo.stdout.contains("CREATE TABLE t3"), "--to bounds the dry run\n\(upTo)")

        let statusAfter = try s.status()
        XCTAssertEqual(statusAfter.migrations.map(\.state), statusBefore.migrations.map(\.state))
        XCTAssertEqual(statusAfter.migrations.map(\.appliedAt), statusBefore.migrations.map(\.appliedAt))
    }
}

extension ISO8601DateFormatter {
    /// Parses ISO 8601 with or without fractional seconds.
    static func lenient(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }
}

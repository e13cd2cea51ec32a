import Foundation
import MeridianTesting
import XCTest

/// One line of a `--telemetry FILE`.
struct TelemetryLine: Decodable {
    var event: String
    var direction: String
    var version: String
    var slug: String
    var durationMilliseconds: Double?
    var path: String?
    var line: Int?
    var statement: String?
    var error: String?

    /// The complete lines of `text` (a line still being written is left out).
    static func parse(_ text: String) -> [TelemetryLine] {
        text.split(separator: "\n").compactMap { try? JSONDecoder().decode(TelemetryLine.self, from: Data($0.utf8)) }
    }
}

/// `--telemetry FILE`: JSON lines for started, finished (with duration) and failed (with path,
/// line and statement).
final class TelemetryTests: CLITestCase {
    func testTelemetryLinesOnSQLite() throws { try telemetryLines(sandbox(.sqlite)) }
    func testTelemetryLinesOnPostgres() throws { try telemetryLines(sandbox(.postgres)) }

    func testAFailingStatementIsShownWithoutItsPasswordAndCutOnSQLite() throws { try failingStatementShown(sandbox(.sqlite)) }
    func testAFailingStatementIsShownWithoutItsPasswordAndCutOnPostgres() throws { try failingStatementShown(sandbox(.postgres)) }

    /// A failing `ALTER USER … PASSWORD '…'` (no such role on PostgreSQL, not SQL at all on
    /// SQLite) and a failing statement of 20,000 characters: stderr, `--verbose` and the
    /// telemetry file show the password as `'***'` and the long statement cut, with the
    /// number of characters left out.
    private func failingStatementShown(_ s: CLISandbox) throws {
        let secret = "hunter2-\(UUID().uuidString.prefix(8))"
        try s.writeMigration(1, "role", up: "ALTER USER no_such_role_x WITH PASSWORD '\(secret)';\n", down: "SELECT 1;\n")
        let failed = try s.migrate("up", "--telemetry", "events.jsonl", "--verbose")
        XCTAssertFailsCleanly(failed, mentioning: ["PASSWORD '***'"])
        XCTAssertFalse(failed.output.contains(secret), "[\(s.backend)] \(failed)")
        let logged = try s.read("events.jsonl")
        XCTAssertFalse(logged.contains(secret), "[\(s.backend)] \(logged)")
        XCTAssertEqual(TelemetryLine.parse(logged).last?.statement, "ALTER USER no_such_role_x WITH PASSWORD '***'")

        let values = (1...2_000).map { "(\($0))" }.joined(separator: ", ")
        try s.writeMigration(1, "role", up: "INSERT INTO no_such_table (id) VALUES \(values);\n", down: "SELECT 1;\n")
        let long = try s.migrate("up", "--telemetry", "long.jsonl")
        XCTAssertFailsCleanly(long, mentioning: ["more characters)"])
        XCTAssertLessThan(long.stderr.count, 2_000, "[\(s.backend)] the statement is cut: \(long)")
        let statement = try XCTUnwrap(TelemetryLine.parse(try s.read("long.jsonl")).last?.statement)
        XCTAssertLessThan(statement.count, 1_100, "[\(s.backend)] telemetry keeps an excerpt")
        XCTAssertTrue(statement.hasSuffix("more characters)"), statement)
    }

    private func telemetryLines(_ s: CLISandbox) throws {
        try s.writeTableMigration(1, "t1")
        try s.writeTableMigration(2, "t2")
        try s.writeMigration(
            3, "broken",
            up: "CREATE TABLE t3 (id \(s.integer));\n\nINSERT INTO t3 (no_such_column) VALUES (1);\n",
            down: "DROP TABLE t3;\n")
        let file = "events.jsonl"

        let failed = try s.migrate("up", "--telemetry", file)
        XCTAssertFailsCleanly(failed, mentioning: ["\(s.upFile(3, "broken")):3"])
        let written = try s.read(file)
        let events = TelemetryLine.parse(written)
        XCTAssertEqual(events.count, written.split(separator: "\n").count, "every line is one JSON object:\n\(written)")
        XCTAssertEqual(events.map { "\($0.event) \($0.version)" }, [
            "started 0001", "finished 0001", "started 0002", "finished 0002", "started 0003", "failed 0003",
        ])
        for event in events {
            XCTAssertEqual(event.direction, "up")
            if event.event != "started" {
                let duration = try XCTUnwrap(event.durationMilliseconds, "\(event.event) \(event.version) has a duration")
                XCTAssertGreaterThanOrEqual(duration, 0)
            }
        }
        let failure = try XCTUnwrap(events.last)
        XCTAssertEqual(failure.slug, "broken")
        XCTAssertEqual(failure.path, s.upFile(3, "broken"))
        XCTAssertEqual(failure.line, 3, "[\(s.backend)] the failing statement's line")
        XCTAssertEqual(failure.statement, "INSERT INTO t3 (no_such_column) VALUES (1)")
        XCTAssertFalse(failure.error?.isEmpty ?? true, "failed carries the error")
        if let error = failure.error, let range = error.range(of: "at line ") {
            XCTAssertTrue(error[range.upperBound...].hasPrefix("\(failure.line ?? 0)"),
                          "[\(s.backend)] the error's “at line” counts within the statement instead of naming the file's line \(failure.line ?? 0): \(error)")
        }

        // Later runs append; a rollback reports direction down.
        try FileManager.default.removeItem(atPath: s.path(s.upFile(3, "broken")))
        try FileManager.default.removeItem(atPath: s.path(s.downFile(3, "broken")))
        XCTAssertSucceeds(try s.migrate("down", "--telemetry", file))
        let all = TelemetryLine.parse(try s.read(file))
        XCTAssertEqual(all.count, events.count + 2, "the second run appended")
        XCTAssertEqual(all.suffix(2).map { "\($0.event) \($0.direction) \($0.version)" }, ["started down 0002", "finished down 0002"])

        let verbose = try s.migrate("up", "--verbose")
        XCTAssertSucceeds(verbose)
        XCTAssertTrue(verbose.stderr.contains("migration finished"), "--verbose logs events on stderr\n\(verbose)")
    }
}

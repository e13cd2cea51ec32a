import Foundation
import MeridianTesting
import XCTest

/// Messages about the database file itself name it and say what to do: a damaged file, the
/// source of an export that turns out to be damaged half-way, a read-only folder (as opposed
/// to a read-only file), and a read-only open in such a folder.
final class DatabaseFileMessageTests: CLITestCase {
    /// A SpatiaLite file with 0001 applied and table `t` holding rows long enough to spill onto
    /// a chain of overflow pages; returns the number of the first overflow page.
    private func fileWithLongRows(_ s: CLISandbox) throws -> Int {
        try s.writeMigration(1, "create_t", up: "CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT);\n", down: "DROP TABLE t;\n")
        XCTAssertSucceeds(try s.migrate("up"))
        _ = try s.query("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20) INSERT INTO t (body) SELECT hex(randomblob(6000)) FROM n")
        // Into the file itself: the damage below is to the file, which the -wal would cover.
        _ = try s.query("PRAGMA wal_checkpoint(TRUNCATE)")
        let page = try s.query("SELECT min(pageno) AS page FROM dbstat WHERE name = 't' AND pagetype = 'overflow'").first?["page"] as? Int
        return try XCTUnwrap(page, "the rows spill onto overflow pages")
    }

    /// Overwrites `count` bytes of the file at `offset`.
    private func damage(_ s: CLISandbox, at offset: UInt64, count: Int) throws {
        let file = try FileHandle(forWritingTo: URL(fileURLWithPath: s.path("db.sqlite")))
        defer { try? file.close() }
        try file.seek(toOffset: offset)
        file.write(Data(repeating: 0xFF, count: count))
    }

    func testADamagedFileIsNamedByStatusAndQuery() throws {
        let s = try sandbox(.sqlite)
        _ = try fileWithLongRows(s)
        try damage(s, at: 100, count: 8)  // the schema table's page header, after the file header
        for command in [["migrate", "status"], ["query", "SELECT count(*) FROM t"]] {
            let result = try s.meridian(command + ["--database", s.database])
            XCTAssertFailsCleanly(result, mentioning: ["corrupt", "db.sqlite is damaged", ".recover"], command.joined(separator: " "))
        }
    }

    func testExportOfASourceDamagedHalfWayBlamesTheSourceToAScript() throws {
        let s = try sandbox(.sqlite)
        let page = try fileWithLongRows(s)
        try damage(s, at: UInt64(page - 1) * 4_096, count: 4)  // the overflow chain's next-page pointer
        let result = try s.meridian(["export", "--from", s.database, "--to", "out.sql"])
        XCTAssertFailsCleanly(result, mentioning: ["the source could not be read at table t", "db.sqlite is damaged"])
        XCTAssertFalse(result.stderr.contains("target refused"), "\(result)")
        XCTAssertFalse(s.exists("out.sql"), "no script is left behind")
    }

    func testExportOfASourceDamagedHalfWayBlamesTheSourceToPostgres() throws {
        let s = try sandbox(.sqlite)
        let target = try sandbox(.postgres)
        let page = try fileWithLongRows(s)
        try damage(s, at: UInt64(page - 1) * 4_096, count: 4)
        let before = try target.tables()
        try s.write("migrations-postgres/0001_create_t.up.sql", "CREATE TABLE t (id bigint PRIMARY KEY, body text);\n")
        try s.write("migrations-postgres/0001_create_t.down.sql", "DROP TABLE t;\n")
        let result = try s.meridian(["export", "--from", s.database, "--to", target.database, "--migrate"])
        XCTAssertFailsCleanly(result, mentioning: ["the source could not be read at table t", "db.sqlite is damaged"])
        XCTAssertFalse(result.stderr.contains("target refused"), "\(result)")
        XCTAssertEqual(try target.tables(), before, "the target is as it was")
    }

    /// A writable file in a read-only folder: writing is refused naming the folder (SQLite
    /// needs its -wal and -shm files beside the database); a read-only open works, through
    /// SQLite's immutable mode, unless a -wal file holds changes, which the message explains.
    func testReadOnlyFolder() throws {
        let s = try sandbox(.sqlite)
        try s.writeTableMigration(1, "t1")
        XCTAssertSucceeds(try s.migrate("up"))
        _ = try s.query("INSERT INTO t1 (id, label) VALUES (1, 'one')")
        let launcher = try unprivilegedLauncher(s)
        try FileManager.default.setAttributes([.posixPermissions: 0o666], ofItemAtPath: s.path("db.sqlite"))
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: s.folder.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: s.folder.path) }

        let write = try s.meridian(["query", "INSERT INTO t1 (id, label) VALUES (2, 'two')", "--database", s.database], launcher: launcher)
        XCTAssertFailsCleanly(write, mentioning: ["the folder \(s.folder.path)", "is read-only", "db.sqlite-wal", "?mode=ro"])
        XCTAssertFalse(write.stderr.contains("check the file's permissions"), "the file is writable: \(write)")

        let read = try s.meridian(["query", "SELECT label FROM t1", "--database", "sqlite:db.sqlite?mode=ro", "--json"], launcher: launcher)
        XCTAssertSucceeds(read, "a read-only open of a WAL file in a read-only folder")
        XCTAssertTrue(read.stdout.contains("\"one\""), "\(read)")
        XCTAssertFalse(s.exists("db.sqlite-shm"), "nothing was created beside the file")

        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: s.folder.path)
        try Data(repeating: 1, count: 4_096).write(to: URL(fileURLWithPath: s.path("db.sqlite-wal")))
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: s.folder.path)
        let pending = try s.meridian(["query", "SELECT label FROM t1", "--database", "sqlite:db.sqlite?mode=ro"], launcher: launcher)
        XCTAssertFailsCleanly(pending, mentioning: ["db.sqlite-wal", "not in the file yet", "open it once where its folder is writable"])
    }

    func testStepsMustBePositiveEvenWhenNegative() throws {
        let s = try sandbox(.sqlite)
        for steps in ["-1", "0"] {
            let result = try s.meridian(["migrate", "down", "--steps", steps, "--database", s.database])
            XCTAssertFailsCleanly(result, mentioning: ["--steps must be 1 or more, not \(steps)"])
            XCTAssertEqual(result.status, 64, "a usage error")
        }
    }
}

import Foundation
import Meridian
import MeridianTesting
import XCTest

@testable import MeridianSQLite

/// How a connection opens a file for each ``SQLiteConnection/Access``: a reader leaves it as
/// it was, a writer keeps its journal mode, and `.manage` switches it to WAL.
final class SQLiteAccessTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("meridian-access-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// Every file in the folder with its bytes.
    private func files() throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            files[name] = try Data(contentsOf: URL(fileURLWithPath: path(name)))
        }
        return files
    }

    /// A file in SQLite's default rollback-journal mode, as most tools leave it.
    private func rollbackJournalFile() throws -> String {
        let file = path("theirs.sqlite")
        let maker = try SQLiteConnection(path: file, access: .manage, spatiaLite: false)
        try maker.executeScript("PRAGMA journal_mode = DELETE; CREATE TABLE t (id INTEGER PRIMARY KEY, x TEXT); INSERT INTO t (x) VALUES ('a')")
        return file
    }

    func testAReaderLeavesARollbackJournalFileAsItWasAndRefusesWrites() throws {
        let file = try rollbackJournalFile()
        let before = try files()
        do {
            let reader = try SQLiteConnection(path: file, access: .read)
            XCTAssertEqual(try reader.fetchValue(String.self, "SELECT x FROM t"), "a")
            XCTAssertFalse(try reader.hasSpatialMetadata())
            XCTAssertThrowsError(try reader.execute("INSERT INTO t (x) VALUES ('b')")) { error in
                XCTAssertEqual((error as? DatabaseError)?.kind, .readOnly)
            }
        }
        XCTAssertEqual(try files(), before)
    }

    /// A WAL file with no `-wal` beside it: the reader opens it read-write under `query_only`,
    /// so that closing removes the `-wal` and `-shm` files it made.
    func testAReaderOfAWALFileLeavesNoWALFilesBehind() throws {
        let file = path("wal.sqlite")
        try SQLiteConnection(path: file).execute("CREATE TABLE t (id INTEGER PRIMARY KEY)")
        let before = try files()
        XCTAssertEqual(before.keys.sorted(), ["wal.sqlite"])
        do {
            let reader = try SQLiteConnection(path: file, access: .read)
            XCTAssertEqual(try reader.fetchValue(Int64.self, "SELECT count(*) FROM t"), 0)
            XCTAssertThrowsError(try reader.execute("INSERT INTO t (id) VALUES (1)")) { error in
                XCTAssertEqual((error as? DatabaseError)?.kind, .readOnly)
            }
        }
        XCTAssertEqual(try files(), before)
    }

    func testAWriterKeepsTheJournalMode() throws {
        let file = try rollbackJournalFile()
        let writer = try SQLiteConnection(path: file, access: .write)
        try writer.execute("INSERT INTO t (x) VALUES ('b')")
        XCTAssertEqual(try writer.fetchValue(String.self, "PRAGMA journal_mode"), "delete")
        XCTAssertThrowsError(try SQLiteConnection(path: path("missing.sqlite"), access: .write), "a writer creates no file")
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("missing.sqlite")))
    }

    /// `opening(path:toRun:)` reads with a reader, and writes, SpatiaLite's management
    /// functions included, with a writer.
    func testAStatementGetsTheAccessItNeeds() throws {
        let file = try rollbackJournalFile()
        let before = try files()
        XCTAssertEqual(try SQLiteConnection.opening(path: file, toRun: "SELECT x FROM t").fetchValue(String.self, "SELECT x FROM t"), "a")
        XCTAssertEqual(try files(), before, "a reading statement changes nothing")
        try SQLiteConnection.opening(path: file, toRun: "DELETE FROM t").execute("DELETE FROM t")
        let spatial = "SELECT InitSpatialMetadata(1, 'WGS84')"
        XCTAssertEqual(try SQLiteConnection.opening(path: file, toRun: spatial).fetchValue(Int64.self, spatial), 1)
        let check = try SQLiteConnection(path: file, access: .read)
        XCTAssertEqual(try check.fetchValue(Int64.self, "SELECT count(*) FROM t"), 0)
        XCTAssertTrue(try check.hasSpatialMetadata())
        XCTAssertEqual(try check.fetchValue(String.self, "PRAGMA journal_mode"), "delete")
    }
}

import Foundation
import Meridian
import MeridianTesting
import XCTest

@testable import MeridianSQLite

/// The SQLite driver on real files: settings, spatial metadata on demand, and bad files.
final class SQLiteConnectionTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("meridian-sqlite-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    func testFilesUseWALAndForeignKeys() throws {
        let db = try SQLiteConnection(path: path("settings.sqlite"))
        XCTAssertEqual(try db.fetchValue(String.self, "PRAGMA journal_mode"), "wal")
        XCTAssertEqual(try db.fetchValue(Int64.self, "PRAGMA foreign_keys"), 1)
        XCTAssertEqual(try db.fetchValue(Int64.self, "PRAGMA busy_timeout"), Int64(SQLiteConnection.busyTimeoutMilliseconds))
    }

    func testSpatialMetadataIsCreatedOnlyWhenNeeded() throws {
        let db = try SQLiteConnection(path: path("lazy.sqlite"))
        try db.create(TableDefinition("plain", columns: [.init("id", .int)]))
        XCTAssertFalse(try db.hasSpatialMetadata(), "a table without geometry needs no metadata")
        try db.create(TableDefinition("places", columns: [.init("id", .int), .init("at", .geometry(.point, srid: 4326))]))
        XCTAssertTrue(try db.hasSpatialMetadata())
        XCTAssertEqual(try db.fetchValue(Int64.self, "SELECT count(*) FROM spatial_ref_sys WHERE srid = 4326"), 1)
        let distance = try db.fetchValue(Double.self, "SELECT ST_Distance(MakePoint(0, 0, 4326), MakePoint(1, 0, 4326), 1)")
        XCTAssertEqual(try XCTUnwrap(distance), 111_319.49, accuracy: 0.01, "ellipsoidal distances need the WGS84 ellipsoid")
    }

    /// Meridian's SpatiaLite blobs are SpatiaLite's own: its functions read what Meridian wrote,
    /// and Meridian reads what its functions made.
    func testGeometryInteroperatesWithSpatiaLiteFunctions() throws {
        let db = try SQLiteConnection(path: ":memory:")
        try db.create(TableDefinition("places", columns: [.init("id", .int), .init("at", .geometry(.point, srid: 4326))]))
        try db.execute("INSERT INTO places (id, at) VALUES (1, $1)", [.geometry(.point(x: 24.94, y: 60.17))])
        try db.execute("INSERT INTO places (id, at) VALUES (2, MakePoint(-70.25, -33.5, 4326))")
        let row = try XCTUnwrap(try db.fetchOne("SELECT ST_X(at), ST_Y(at), ST_SRID(at), ST_IsValid(at) FROM places WHERE id = 1"))
        XCTAssertEqual(row.values, [.double(24.94), .double(60.17), .int(4326), .int(1)])
        XCTAssertEqual(try db.fetchValue(Geometry.self, "SELECT at FROM places WHERE id = 2"), .point(x: -70.25, y: -33.5))
        let indexed = try db.fetchValue(Int64.self, "SELECT count(*) FROM idx_places_at")
        XCTAssertEqual(indexed, 2, "the R*Tree index follows inserts")
    }

    func testNotADatabaseIsReportedAndTheFileIsUntouched() throws {
        let file = path("notes.sqlite")
        try Data("just some notes\n".utf8).write(to: URL(fileURLWithPath: file))
        XCTAssertThrowsError(try SQLiteConnection(path: file)) { error in
            XCTAssertEqual((error as? DatabaseError)?.kind, .notADatabase)
            XCTAssertTrue("\(error)".contains(file), "the message names the file")
        }
        XCTAssertEqual(try String(contentsOfFile: file, encoding: .utf8), "just some notes\n")
    }

    /// A folder is named as one, not reported as SQLite's disk I/O error; a file whose header
    /// is SQLite's but whose pages are not is named whichever statement finds it.
    func testAFolderAndADamagedHeaderAreNamed() throws {
        let folder = path("adir")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        XCTAssertThrowsError(try SQLiteConnection(path: folder, access: .read)) { error in
            XCTAssertTrue("\(error)".contains("\(folder) is a folder, not an SQLite file"), "\(error)")
        }
        let half = path("half.db")
        try Data("SQLite format 3\0".utf8 + [0x10, 0x00] + [UInt8](repeating: 0, count: 30)).write(to: URL(fileURLWithPath: half))
        do {
            let db = try SQLiteConnection(path: half, access: .read, spatiaLite: false)
            XCTAssertThrowsError(try db.fetchAll("SELECT count(*) FROM sqlite_master")) { error in
                XCTAssertEqual((error as? DatabaseError)?.kind, .notADatabase)
                XCTAssertTrue("\(error)".contains("\(half) is not an SQLite database"), "\(error)")
            }
        } catch {
            XCTAssertTrue("\(error)".contains(half), "refused on opening, naming the file: \(error)")
        }
    }

    func testMissingFolderIsAConnectionError() {
        XCTAssertThrowsError(try SQLiteConnection(path: path("no/such/folder/db.sqlite"))) { error in
            XCTAssertEqual((error as? DatabaseError)?.kind, .connection)
        }
    }

    func testReadOnlyConnectionsRefuseWrites() throws {
        let file = path("ro.sqlite")
        try SQLiteConnection(path: file).execute("CREATE TABLE t (x INTEGER)")
        let reader = try SQLiteConnection(path: file, access: .read)
        XCTAssertThrowsError(try reader.execute("INSERT INTO t (x) VALUES (1)")) { error in
            XCTAssertEqual((error as? DatabaseError)?.kind, .readOnly)
        }
    }

    func testMultipleStatementsInOneCallAreRefused() throws {
        let db = try SQLiteConnection(path: ":memory:")
        XCTAssertThrowsError(try db.execute("SELECT 1; SELECT 2")) { error in
            XCTAssertEqual((error as? DatabaseError)?.kind, .syntax)
        }
    }

    /// Two connections writing the same file wait for each other instead of failing `busy`.
    func testConcurrentWritersWait() throws {
        let file = path("writers.sqlite")
        try SQLiteConnection(path: file).execute("CREATE TABLE log (writer INTEGER, n INTEGER)")
        let failures = ErrorCollector()
        DispatchQueue.concurrentPerform(iterations: 4) { writer in
            do {
                let db = try SQLiteConnection(path: file)
                for n in 0..<25 {
                    try db.transaction {
                        try db.execute("INSERT INTO log (writer, n) VALUES ($1, $2)", [.int(Int64(writer)), .int(Int64(n))])
                        usleep(200)
                    }
                }
            } catch {
                failures.record(error)
            }
        }
        XCTAssertEqual(failures.all, [])
        XCTAssertEqual(try SQLiteConnection(path: file).fetchValue(Int64.self, "SELECT count(*) FROM log"), 100)
    }

    func testDatabasePoolSharesOneWriterAndSeveralReaders() throws {
        let database = try SQLiteDatabase(path: path("pool.sqlite"), maximumReaders: 3)
        try database.blockingWrite { try $0.execute("CREATE TABLE items (id INTEGER PRIMARY KEY, thread INTEGER)") }
        let failures = ErrorCollector()
        DispatchQueue.concurrentPerform(iterations: 8) { thread in
            do {
                for _ in 0..<20 {
                    try database.blockingWrite { try $0.execute("INSERT INTO items (thread) VALUES ($1)", [.int(Int64(thread))]) }
                    _ = try database.blockingRead { try $0.fetchValue(Int64.self, "SELECT count(*) FROM items") }
                }
            } catch {
                failures.record(error)
            }
        }
        XCTAssertEqual(failures.all, [])
        XCTAssertEqual(try database.blockingRead { try $0.fetchValue(Int64.self, "SELECT count(*) FROM items") }, 160)
    }
}

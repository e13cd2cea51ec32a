import Foundation
import Meridian
import MeridianTesting
import XCTest

@testable import MeridianPostgres

/// COPY in and out, binary and text, for every logical type, against the real server.
final class PostgresCopyTests: XCTestCase {
    private var scratch: PostgresScratch?

    private func database() throws -> PostgresConnection {
        guard let url = TestDatabase.postgresURL else {
            if TestDatabase.postgresRequired { XCTFail("MERIDIAN_REQUIRE_POSTGRES=1 but MERIDIAN_POSTGRES_URL is not set") }
            throw XCTSkip("MERIDIAN_POSTGRES_URL is not set; make test starts a server")
        }
        let scratch = try TestDatabase.postgres(url: url)
        self.scratch = scratch
        return scratch.connection
    }

    override func tearDown() {
        scratch?.close()
        super.tearDown()
    }

    /// A table with one column of each logical type.
    static let table = TableDefinition("samples", columns: [
        .init("id", .int, nullable: false),
        .init("d", .double), .init("t", .text), .init("b", .bool), .init("u", .uuid), .init("at", .timestamp),
        .init("day", .date), .init("doc", .json), .init("raw", .bytes),
        .init("place", .geometry(.point, srid: 4326)), .init("area", .geometry(.multiPolygon, srid: 3857)),
    ], primaryKey: ["id"])

    static var columns: [String] { table.columns.map(\.name) }

    /// Rows with edge values in every column, and a row of NULLs.
    static let rows: [[DatabaseValue]] = [
        [
            .int(Int64.min), .double(.pi), .text("tab\tnewline\ncr\rbackslash\\ and \\N"), .bool(true),
            .uuid(UUID(uuidString: "6f1c8f9e-2b7a-4c1e-9f0d-3a5b7c9d1e2f")!),
            .timestamp(Timestamp(year: 1, month: 1, day: 1)!), .date(CalendarDate(year: 1, month: 1, day: 1)!),
            .json(["b": [1, 2.5, "x\"y"], "a": nil, "é": ["nested": true]]), .bytes([0, 1, 0x5C, 0xFF]),
            .geometry(.point(x: -180, y: -90)),
            .geometry(.multiPolygon([[[Position(x: 0, y: 0), Position(x: 10, y: 0), Position(x: 10, y: 10), Position(x: 0, y: 0)]]], srid: 3857)),
        ],
        [
            .int(Int64.max), .double(-.infinity), .text("Zürich · 東京 · 🌋"), .bool(false),
            .uuid(UUID(uuidString: "00000000-0000-0000-0000-000000000000")!),
            .timestamp(Timestamp(year: 9999, month: 12, day: 31, hour: 23, minute: 59, second: 59, microsecond: 999_999)!),
            .date(CalendarDate(year: 9999, month: 12, day: 31)!), .json(.array([])), .bytes([]),
            .geometry(.point(x: 179.999999999, y: 89.5)), .null,
        ],
        [.int(0), .double(.leastNonzeroMagnitude), .text(""), .null, .null, .timestamp(Timestamp(microsecondsSinceEpoch: -1)), .null, .json("text"), .null, .null, .null],
        [.int(1), .null, .null, .null, .null, .null, .null, .null, .null, .null, .null],
    ]

    private func load(_ db: PostgresConnection, format: PostgresCopyEncoder.Format) throws -> Int {
        try db.copy(into: "samples", columns: Self.columns, format: format) { writer in
            for row in Self.rows { try writer.writeRow(row) }
        }
    }

    private func readBack(_ db: PostgresConnection) throws -> [[DatabaseValue]] {
        try db.fetchAll("SELECT * FROM samples ORDER BY id").map(\.values)
    }

    func testBinaryCopyStoresEveryLogicalTypeExactly() throws {
        let db = try database()
        try db.create(Self.table)
        XCTAssertEqual(try db.copyFormat(table: "samples", columns: Self.columns), .binary)
        XCTAssertEqual(try load(db, format: .binary), Self.rows.count)
        XCTAssertEqual(try readBack(db), Self.rows.sorted { ($0[0].key) < ($1[0].key) })
    }

    func testTextCopyStoresEveryLogicalTypeExactly() throws {
        let db = try database()
        try db.create(Self.table)
        XCTAssertEqual(try load(db, format: .text), Self.rows.count)
        XCTAssertEqual(try readBack(db), Self.rows.sorted { ($0[0].key) < ($1[0].key) })
    }

    func testCopyRowsReadsWhatFetchAllReads() throws {
        let db = try database()
        try db.create(Self.table)
        _ = try load(db, format: .binary)
        var copied: [[DatabaseValue]] = []
        let count = try db.copyRows(of: "SELECT * FROM samples ORDER BY id") { row in
            XCTAssertEqual(row.columnNames, Self.columns)
            copied.append(try (0..<row.count).map { try row.value(at: $0) })
        }
        XCTAssertEqual(count, Self.rows.count)
        XCTAssertEqual(copied, try readBack(db))
    }

    /// Spooled rows read back later, on another thread, are the rows COPY sent.
    func testSpooledRowsReadBackFromAnotherThread() throws {
        let db = try database()
        try db.create(Self.table)
        let stored = try db.copy(into: "samples", columns: ["id", "t", "doc"], format: .binary) { writer in
            for id in 1...20_000 { try writer.writeRow([.int(Int64(id)), .text(String(repeating: "é", count: id % 300)), .json(["n": .number(JSONNumber(Int64(id)))])]) }
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("meridian-spool-test-\(UUID().uuidString)").path
        let spool = try db.spoolRows(of: "SELECT id, t, doc FROM samples", to: path)
        defer { spool.remove() }
        var direct: [[DatabaseValue]] = []
        try db.copyRows(of: "SELECT id, t, doc FROM samples") { row in direct.append(try (0..<row.count).map { try row.value(at: $0) }) }
        let spooled = Spooled()
        let thread = Thread {
            spooled.rows = (try? spool.forEachRow { row in spooled.values.append(try (0..<row.count).map { try row.value(at: $0) }) }) ?? -1
            spooled.done.signal()
        }
        thread.start()
        spooled.done.wait()
        XCTAssertEqual(spooled.rows, stored)
        XCTAssertEqual(spooled.values, direct)
        spool.remove()
        XCTAssertFalse(FileManager.default.fileExists(atPath: path))
    }

    /// Types outside the value contract come back as the driver reads their text.
    func testCopyRowsReadsOtherTypesThroughTheirText() throws {
        let db = try database()
        var values: [DatabaseValue] = []
        try db.copyRows(of: "SELECT 7::int4 AS a, 2::int2 AS b, 1.5::numeric AS c, interval '1 day' AS d, 1.25::float4 AS e, '{\"k\": 1}'::json AS f") { row in
            values = try (0..<row.count).map { try row.value(at: $0) }
        }
        XCTAssertEqual(values, [.int(7), .int(2), .double(1.5), .text("1 day"), .double(1.25), .json(["k": 1])])
    }

    func testFormatIsTextWhenAColumnHasATypeOutsideTheContract() throws {
        let db = try database()
        try db.executeScript("CREATE TABLE mixed (id bigint, n integer, doc json)")
        XCTAssertEqual(try db.copyFormat(table: "mixed", columns: ["id"]), .binary)
        XCTAssertEqual(try db.copyFormat(table: "mixed", columns: ["id", "n"]), .text)
        XCTAssertEqual(try db.copyFormat(table: "mixed", columns: ["doc"]), .text)
        try db.copy(into: "mixed", columns: ["id", "n", "doc"], format: .text) { try $0.writeRow([.int(1), .int(42), .json(["a": 1])]) }
        XCTAssertEqual(try db.fetchAll("SELECT n, doc::text FROM mixed").first?.values, [.int(42), .text("{\"a\":1}")])
    }

    /// The server's error names the table, the column and the row of the COPY, and the
    /// connection goes on working.
    func testAServerErrorNamesTheRowAndColumn() throws {
        let db = try database()
        try db.create(Self.table)
        XCTAssertThrowsError(try db.copy(into: "samples", columns: ["id", "t"], format: .binary) { writer in
            for id in 1...5 { try writer.writeRow([id == 3 ? .null : .int(Int64(id)), .text("row \(id)")]) }
        }) { error in
            let error = error as? DatabaseError
            XCTAssertEqual(error?.kind, .notNullViolation)
            XCTAssertEqual(error?.table, "samples")
            XCTAssertEqual(error?.column, "id")
            XCTAssertEqual(error?.line, 3)
        }
        XCTAssertEqual(try db.fetchValue(Int64.self, "SELECT count(*) FROM samples"), 0)
    }

    /// A COPY sends user rows, so the DETAIL that quotes one is kept in `detail` and left out
    /// of the description.
    func testTheDetailOfACopyIsKeptButNotShown() throws {
        let db = try database()
        try db.create(Self.table)
        XCTAssertThrowsError(try db.copy(into: "samples", columns: ["id", "t"], format: .binary) { writer in
            for id in [7, 7] { try writer.writeRow([.int(Int64(id)), .text("row")]) }
        }) { error in
            let error = error as? DatabaseError
            XCTAssertEqual(error?.kind, .uniqueViolation)
            XCTAssertEqual(error?.detail, "Key (id)=(7) already exists.")
            XCTAssertFalse(error?.description.contains("(7)") ?? true, "\(String(describing: error))")
        }
    }

    /// A NUL in a table name or a query is refused before any COPY starts; the connection
    /// goes on working.
    func testANULInTheCopyCommandIsRefused() throws {
        let db = try database()
        try db.create(Self.table)
        let attempts: [(String, () throws -> Void)] = [
            ("copy into", { try db.copy(into: "samples\0", columns: ["id"], format: .binary) { try $0.writeRow([.int(1)]) } }),
            ("copy column", { try db.copy(into: "samples", columns: ["id\0"], format: .binary) { try $0.writeRow([.int(1)]) } }),
            ("copyRows", { try db.copyRows(of: "SELECT id FROM samples\0 WHERE id = 1") { _ in } }),
        ]
        for (name, attempt) in attempts {
            XCTAssertThrowsError(try attempt()) { error in
                XCTAssertEqual((error as? DatabaseError)?.kind, .syntax, "\(name): \(error)")
                XCTAssertTrue("\(error)".contains("NUL byte"), "\(name): \(error)")
            }
        }
        XCTAssertEqual(try db.fetchValue(Int64.self, "SELECT count(*) FROM samples"), 0)
    }

    /// A body that throws cancels the COPY: nothing is stored and its error comes out.
    /// A COPY stores what an INSERT of the same values would: −0.0 as 0.0; NaN and NUL refused
    /// before anything reaches the server, naming the table and column.
    func testRowsPassTheValueContract() throws {
        let db = try database()
        try db.create(Self.table)
        try db.copy(into: "samples", columns: ["id", "d"], format: .binary) { try $0.writeRow([.int(1), .double(-0.0)]) }
        XCTAssertEqual(try db.fetchValue(Double.self, "SELECT d FROM samples WHERE id = 1")?.sign, .plus)
        for (column, bad) in [("d", DatabaseValue.double(.nan)), ("t", .text("a\u{0}b"))] {
            XCTAssertThrowsError(try db.copy(into: "samples", columns: ["id", column], format: .binary) { try $0.writeRow([.int(2), bad]) }) { error in
                XCTAssertEqual((error as? DatabaseError)?.kind, .invalidValue, "\(error)")
                XCTAssertEqual((error as? DatabaseError)?.table, "samples", "\(error)")
                XCTAssertTrue("\(error)".contains("COPY column 2"), "\(error)")
            }
        }
        XCTAssertEqual(try db.fetchValue(Int64.self, "SELECT count(*) FROM samples"), 1)
    }

    func testAThrowingBodyCancelsTheCopy() throws {
        let db = try database()
        try db.create(Self.table)
        struct Stop: Error {}
        XCTAssertThrowsError(try db.copy(into: "samples", columns: ["id"], format: .binary) { writer in
            try writer.writeRow([.int(1)])
            throw Stop()
        }) { XCTAssertTrue($0 is Stop, "\($0)") }
        XCTAssertEqual(try db.fetchValue(Int64.self, "SELECT count(*) FROM samples"), 0)
    }

    /// Many buffers' worth of rows go through one COPY.
    func testLargeCopySpansManyBuffers() throws {
        let db = try database()
        try db.create(Self.table)
        let text = String(repeating: "x", count: 1_000)
        let stored = try db.copy(into: "samples", columns: ["id", "t"], format: .binary) { writer in
            for id in 1...5_000 { try writer.writeRow([.int(Int64(id)), .text(text)]) }
        }
        XCTAssertEqual(stored, 5_000)
        var total = 0
        try db.copyRows(of: "SELECT id, t FROM samples") { row in
            if case .text(let bytes) = try row.streamedValue(at: 1) { total += bytes.count }
        }
        XCTAssertEqual(total, 5_000 * 1_000)
    }
}

private extension DatabaseValue {
    var key: Int64 {
        if case .int(let v) = self { return v }
        return 0
    }
}

/// What the thread reading a spool found.
private final class Spooled: @unchecked Sendable {
    var rows = 0
    var values: [[DatabaseValue]] = []
    let done = DispatchSemaphore(value: 0)
}

import CMeridianSQLite
import Meridian
import MeridianTesting
import MeridianSQLite

/// `insert`: a million rows of (int, text, double, timestamp, point) in one transaction into a
/// fresh SpatiaLite file, with a spatial index on the point column.
///
/// Measures Meridian's write path end to end, from an empty directory to the committed
/// transaction: opening the file, the spatial metadata and the table from a `TableDefinition`,
/// then per row an array of `DatabaseValue`s, the value-contract checks (including geometry
/// validation), binding, and the encoding of the point as a SpatiaLite blob.
///
/// The peer is the same job on a bare sqlite3 handle: the same schema in SQL
/// (`CREATE TABLE` with the same CHECK, `AddGeometryColumn`, `CreateSpatialIndex`), the same
/// file settings (WAL, `synchronous = NORMAL`) and metadata call, and one prepared
/// `INSERT … MakePoint(?, ?, 4326)` per row with the timestamp formatted into a reused buffer.
/// SpatiaLite's triggers and R*Tree work the same on both sides, so what differs is the driver.
/// Closing the files is not timed on either side.
struct InsertBenchmark {
    static let name = "insert"
    var rounds: Int
    var rows: Int

    struct SourceRow {
        var id: Int64
        var name: String
        var value: Double
        var at: Timestamp
        var x: Double
        var y: Double
    }

    static let table = TableDefinition("t", columns: [
        .init("id", .int, nullable: false),
        .init("name", .text, nullable: false),
        .init("value", .double, nullable: false),
        .init("at", .timestamp, nullable: false),
        .init("location", .geometry(.point, srid: 4326), nullable: false),
    ], primaryKey: ["id"])

    /// What `SQLiteDialect` renders for ``table``, written out as a user of the C API would.
    static let peerSchema = [
        """
        CREATE TABLE "t" (
          "id" INTEGER NOT NULL,
          "name" TEXT NOT NULL,
          "value" REAL NOT NULL,
          "at" TIMESTAMP TEXT NOT NULL CONSTRAINT "t_at_check" CHECK (length("at") = 27 AND "at" GLOB \
        '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
          CONSTRAINT "t_pkey" PRIMARY KEY ("id")
        )
        """,
        "SELECT AddGeometryColumn('t', 'location', 4326, 'POINT', 'XY', 1)",
        "SELECT CreateSpatialIndex('t', 'location')",
    ]

    func run() throws {
        let directory = try TemporaryDirectory(Self.name)
        defer { directory.remove() }
        Progress.log("\(Self.name): generating \(rows) rows")
        let source = Self.generate(rows)
        var setup = (meridian: [Double](), peer: [Double]())

        let times = try AlternatingRounds(
            benchmark: Self.name, rounds: rounds, warmUp: false,
            meridian: { _ in
                directory.removeDatabase("meridian.sqlite")
                let (total, setupTime) = try meridian(directory.file("meridian.sqlite"), source)
                setup.meridian.append(setupTime)
                return total
            },
            peer: { _ in
                directory.removeDatabase("peer.sqlite")
                let (total, setupTime) = try peer(directory.file("peer.sqlite"), source)
                setup.peer.append(setupTime)
                return total
            })

        try InsertCheck(meridianPath: directory.file("meridian.sqlite"), peerPath: directory.file("peer.sqlite"),
                        source: source).run()
        Output.line(String(format: "insert: of which file + schema setup: meridian %.2f ms, peer %.2f ms (medians)",
                           BenchmarkClock.median(setup.meridian), BenchmarkClock.median(setup.peer)))
        ResultLine(
            benchmark: Self.name,
            meridianMilliseconds: BenchmarkClock.median(times.meridian),
            peerMilliseconds: BenchmarkClock.median(times.peer),
            details: ["sqlite3 C API + MakePoint", "\(rows) rows", "one transaction, spatial index", "median of \(rounds)"]
        ).emit()
    }

    /// Deterministic rows: ids 1…n, names of varied length, timestamps with microseconds over
    /// five years, points anywhere on the globe.
    static func generate(_ count: Int) -> [SourceRow] {
        var generator = SeededGenerator(seed: 1_000_003)
        let start = Timestamp(year: 2020, month: 1, day: 1)!.microsecondsSinceEpoch
        return (1...Int64(count)).map { id in
            SourceRow(
                id: id,
                name: "event \(id) " + String(repeating: "n", count: Int.random(in: 0..<20, using: &generator)),
                value: Double.random(in: -10_000...10_000, using: &generator),
                at: Timestamp(microsecondsSinceEpoch: start + Int64.random(in: 0..<157_766_400_000_000, using: &generator)),
                x: Double.random(in: -180...180, using: &generator),
                y: Double.random(in: -90...90, using: &generator))
        }
    }

    /// Total and setup milliseconds; the connection closes after the clock stops.
    private func meridian(_ path: String, _ rows: [SourceRow]) throws -> (total: Double, setup: Double) {
        let start = BenchmarkClock.nowMilliseconds()
        let db = try SQLiteConnection(path: path)
        try db.create(Self.table)
        let setupDone = BenchmarkClock.nowMilliseconds()
        try db.transaction {
            for row in rows {
                try db.execute("INSERT INTO t (id, name, value, at, location) VALUES ($1, $2, $3, $4, $5)", [
                    .int(row.id), .text(row.name), .double(row.value), .timestamp(row.at),
                    .geometry(.point(x: row.x, y: row.y)),
                ])
            }
        }
        let end = BenchmarkClock.nowMilliseconds()
        withExtendedLifetime(db) {}
        return (end - start, setupDone - start)
    }

    private func peer(_ path: String, _ rows: [SourceRow]) throws -> (total: Double, setup: Double) {
        let start = BenchmarkClock.nowMilliseconds()
        let db = try RawSQLite.open(path, spatiaLite: true, walLikeMeridian: true)
        defer { RawSQLite.close(db) }
        for sql in ["SELECT InitSpatialMetadata(1, 'WGS84')"] + Self.peerSchema {
            if sql.hasPrefix("SELECT") {
                // SpatiaLite's management functions report failure by returning 0.
                guard try RawSQLite.text(db, sql) == "1" else { throw BenchmarkError("\(sql) did not return 1") }
            } else {
                try RawSQLite.exec(db, sql)
            }
        }
        let setupDone = BenchmarkClock.nowMilliseconds()
        try RawSQLite.exec(db, "BEGIN IMMEDIATE")
        let stmt = try RawSQLite.prepare(db, "INSERT INTO t (id, name, value, at, location) VALUES (?, ?, ?, ?, MakePoint(?, ?, 4326))")
        var stamp: [UInt8] = []
        stamp.reserveCapacity(27)
        for row in rows {
            sqlite3_bind_int64(stmt, 1, row.id)
            sqlite3_bind_text(stmt, 2, row.name, -1, meridian_sqlite_transient())
            sqlite3_bind_double(stmt, 3, row.value)
            stamp.removeAll(keepingCapacity: true)
            row.at.appendISO8601(to: &stamp)
            stamp.withUnsafeBytes {
                _ = sqlite3_bind_text(stmt, 4, $0.baseAddress!.assumingMemoryBound(to: CChar.self), Int32($0.count),
                                      meridian_sqlite_transient())
            }
            sqlite3_bind_double(stmt, 5, row.x)
            sqlite3_bind_double(stmt, 6, row.y)
            guard sqlite3_step(stmt) == SQLITE_DONE else {
                sqlite3_finalize(stmt)
                throw RawSQLite.failure(db, "insert \(row.id)")
            }
            sqlite3_reset(stmt)
        }
        sqlite3_finalize(stmt)
        try RawSQLite.exec(db, "COMMIT")
        let end = BenchmarkClock.nowMilliseconds()
        return (end - start, setupDone - start)
    }
}

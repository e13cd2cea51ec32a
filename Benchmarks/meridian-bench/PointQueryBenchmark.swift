import CMeridianSQLite
import Meridian
import MeridianTesting
import MeridianSQLite

/// `point-query`: one row by primary key, 100 000 times, from a 10 000-row table in a file.
///
/// Measures Meridian's per-statement overhead on the read path: the statement cache lookup,
/// the value-contract check of the argument, binding, building a `Row` of `DatabaseValue`s and
/// decoding it into typed Swift values. The query itself is a B-tree lookup of a few
/// microseconds, so the overhead shows.
///
/// The peer is the loop a careful user of the sqlite3 C API writes, in the same process on the
/// same file: one prepared statement; bind, step, read the four columns into Swift values,
/// reset. Both parse the timestamp with `Timestamp(iso8601:)`, so the parser is not what
/// differs, and both append the same `Record`s to a reserved array, compared afterwards.
struct PointQueryBenchmark {
    static let name = "point-query"
    var rounds: Int
    var tableRows = 10_000
    var lookups = 100_000

    struct Record: Equatable {
        var id: Int64
        var name: String
        var value: Double
        var at: Timestamp
    }

    func run() throws {
        let directory = try TemporaryDirectory(Self.name)
        defer { directory.remove() }
        let path = directory.file("point-query.sqlite")
        let db = try SQLiteConnection(path: path)
        try populate(db)
        let raw = try RawSQLite.open(path)
        defer { RawSQLite.close(raw) }

        var generator = SeededGenerator(seed: 42)
        let ids = (0..<lookups).map { _ in Int64.random(in: 1...Int64(tableRows), using: &generator) }
        var meridianRecords: [Record] = []
        var peerRecords: [Record] = []
        meridianRecords.reserveCapacity(lookups)
        peerRecords.reserveCapacity(lookups)

        let times = try AlternatingRounds(
            benchmark: Self.name, rounds: rounds, warmUp: true,
            meridian: { _ in try meridian(db, ids, into: &meridianRecords) },
            peer: { _ in try peer(raw, ids, into: &peerRecords) })

        guard meridianRecords.count == lookups, meridianRecords == peerRecords else {
            throw BenchmarkError("\(Self.name): Meridian and the sqlite3 C API read different rows")
        }
        Progress.log("\(Self.name): both sides read the same \(lookups) records")
        ResultLine(
            benchmark: Self.name,
            meridianMilliseconds: BenchmarkClock.median(times.meridian),
            peerMilliseconds: BenchmarkClock.median(times.peer),
            details: ["sqlite3 C API", "\(lookups) lookups", "\(tableRows) rows", "median of \(rounds)"]
        ).emit()
    }

    /// The table, filled in one transaction (not timed).
    private func populate(_ db: SQLiteConnection) throws {
        try db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, value REAL, at TIMESTAMP TEXT)")
        var generator = SeededGenerator(seed: 7)
        let start = Timestamp(year: 2020, month: 1, day: 1)!.microsecondsSinceEpoch
        try db.transaction {
            for id in 1...Int64(tableRows) {
                let name = "station \(id) " + String(repeating: "x", count: Int(id % 24))
                let value = Double.random(in: -1_000...1_000, using: &generator)
                let at = Timestamp(microsecondsSinceEpoch: start + Int64.random(in: 0..<157_766_400_000_000, using: &generator))
                try db.execute("INSERT INTO t (id, name, value, at) VALUES ($1, $2, $3, $4)",
                               [.int(id), .text(name), .double(value), .timestamp(at)])
            }
        }
    }

    private func meridian(_ db: SQLiteConnection, _ ids: [Int64], into records: inout [Record]) throws -> Double {
        records.removeAll(keepingCapacity: true)
        return try BenchmarkClock.measure {
            for id in ids {
                guard let row = try db.fetchOne("SELECT id, name, value, at FROM t WHERE id = $1", [.int(id)]) else {
                    throw BenchmarkError("Meridian found no row \(id)")
                }
                records.append(Record(
                    id: try row.decode(Int64.self, at: 0), name: try row.decode(String.self, at: 1),
                    value: try row.decode(Double.self, at: 2), at: try row.decode(Timestamp.self, at: 3)))
            }
        }.milliseconds
    }

    private func peer(_ db: OpaquePointer, _ ids: [Int64], into records: inout [Record]) throws -> Double {
        records.removeAll(keepingCapacity: true)
        return try BenchmarkClock.measure {
            let stmt = try RawSQLite.prepare(db, "SELECT id, name, value, at FROM t WHERE id = ?")
            defer { sqlite3_finalize(stmt) }
            for id in ids {
                sqlite3_bind_int64(stmt, 1, id)
                guard sqlite3_step(stmt) == SQLITE_ROW else { throw RawSQLite.failure(db, "point query \(id)") }
                let name = String(decoding: UnsafeBufferPointer(start: sqlite3_column_text(stmt, 1),
                                                                count: Int(sqlite3_column_bytes(stmt, 1))), as: UTF8.self)
                let atText = String(decoding: UnsafeBufferPointer(start: sqlite3_column_text(stmt, 3),
                                                                  count: Int(sqlite3_column_bytes(stmt, 3))), as: UTF8.self)
                guard let at = Timestamp(iso8601: atText) else { throw BenchmarkError("bad timestamp \(atText)") }
                records.append(Record(id: sqlite3_column_int64(stmt, 0), name: name,
                                      value: sqlite3_column_double(stmt, 2), at: at))
                sqlite3_reset(stmt)
            }
        }.milliseconds
    }
}

import CMeridianSQLite
import Meridian
import MeridianTesting

/// After `insert`: both files must hold the same thing, read back through bare handles.
///
/// Same schema (every `sqlite_master` entry, SpatiaLite's tables and triggers included), the
/// same number of rows and spatial-index entries, and for a sample of ids the same stored
/// values byte for byte (the geometry blob and its WKB too), equal to the generated rows.
struct InsertCheck {
    var meridianPath: String
    var peerPath: String
    var source: [InsertBenchmark.SourceRow]
    var sampleSize = 1_000

    struct StoredRow: Equatable {
        var id: Int64
        var name: String?
        var valueBits: UInt64
        var at: String?
        var wkb: [UInt8]?
        var blob: [UInt8]?
        var x: Double
        var y: Double
    }

    func run() throws {
        let meridian = try RawSQLite.open(meridianPath, spatiaLite: true)
        defer { RawSQLite.close(meridian) }
        let peer = try RawSQLite.open(peerPath, spatiaLite: true)
        defer { RawSQLite.close(peer) }

        let schema = "SELECT type || ' ' || name || ': ' || coalesce(sql, '') FROM sqlite_master ORDER BY type, name"
        guard try RawSQLite.column(meridian, schema) == RawSQLite.column(peer, schema) else {
            throw BenchmarkError("insert: the two files have different schemas (compare `\(schema)`)")
        }
        for sql in ["SELECT count(*) FROM t", "SELECT count(*) FROM idx_t_location"] {
            let counts = (try RawSQLite.text(meridian, sql), try RawSQLite.text(peer, sql))
            guard counts.0 == "\(source.count)", counts.1 == "\(source.count)" else {
                throw BenchmarkError("insert: \(sql) gives \(counts.0 ?? "NULL") (Meridian) and \(counts.1 ?? "NULL") (peer), expected \(source.count)")
            }
        }

        var generator = SeededGenerator(seed: 99)
        let ids = (0..<min(sampleSize, source.count)).map { _ in Int64.random(in: 1...Int64(source.count), using: &generator) }
        for id in ids {
            let fromMeridian = try read(meridian, id)
            let fromPeer = try read(peer, id)
            guard fromMeridian == fromPeer else {
                throw BenchmarkError("insert: row \(id) differs:\n  Meridian \(fromMeridian)\n  peer     \(fromPeer)")
            }
            let expected = source[Int(id) - 1]
            guard fromMeridian.name == expected.name, fromMeridian.valueBits == expected.value.bitPattern,
                  fromMeridian.at == expected.at.iso8601, fromMeridian.x == expected.x, fromMeridian.y == expected.y
            else {
                throw BenchmarkError("insert: row \(id) reads back \(fromMeridian), not the generated \(expected)")
            }
        }
        Progress.log("insert: same schema, \(source.count) rows and index entries in both files; \(ids.count) sampled rows equal byte for byte and to the source")
    }

    private func read(_ db: OpaquePointer, _ id: Int64) throws -> StoredRow {
        let sql = "SELECT id, name, value, at, AsBinary(location), location, X(location), Y(location) FROM t WHERE id = ?"
        let stmt = try RawSQLite.prepare(db, sql)
        defer { sqlite3_finalize(stmt) }
        sqlite3_bind_int64(stmt, 1, id)
        guard sqlite3_step(stmt) == SQLITE_ROW else { throw BenchmarkError("insert: no row \(id)") }
        return StoredRow(
            id: sqlite3_column_int64(stmt, 0), name: RawSQLite.text(stmt, 1),
            valueBits: sqlite3_column_double(stmt, 2).bitPattern, at: RawSQLite.text(stmt, 3),
            wkb: RawSQLite.blob(stmt, 4), blob: RawSQLite.blob(stmt, 5),
            x: sqlite3_column_double(stmt, 6), y: sqlite3_column_double(stmt, 7))
    }
}

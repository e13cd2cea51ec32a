import CMeridianSQLite
import Foundation
import Meridian
import MeridianSQLite

/// `spatial-metadata`: from no file to a SpatiaLite database ready for geometry columns.
///
/// Measures what a new database costs before its first table: opening the file, loading
/// `mod_spatialite`, and creating SpatiaLite's metadata tables, which is dominated by how many
/// reference systems `InitSpatialMetadata` inserts. Each variant of the call is timed on a fresh
/// file, and so is Meridian's `SQLiteConnection(path:)` + `ensureSpatialSupport()`.
///
/// The variants open the file as Meridian does (same flags, `mod_spatialite`, WAL and
/// `synchronous = NORMAL`), so they differ from Meridian only in the call. With `--slow`, one
/// more runs `InitSpatialMetadata()` on a file with SQLite's default rollback journal and
/// `synchronous = FULL`, where each of its thousands of one-row transactions waits for the disk
/// (8–10 s; under WAL and `NORMAL` the same call takes about 0.2 s). The RESULT line
/// compares Meridian with `InitSpatialMetadata(1)`, SpatiaLite's recommended call (all
/// reference systems, one transaction). After each variant the benchmark checks whether an
/// ellipsoidal distance on SRID 4326 works, which needs 4326 in `spatial_ref_sys`.
struct SpatialMetadataBenchmark {
    static let name = "spatial-metadata"
    var rounds: Int
    var slow: Bool

    struct Variant {
        var label: String
        /// The metadata call on a bare handle; `nil` for Meridian's own path.
        var sql: String?
        var slowOnly = false
        /// Open the file with Meridian's WAL settings (else SQLite's defaults).
        var walLikeMeridian = true
        var times: [Double] = []
        var distance: Double?
        var referenceSystems: String?
    }

    static let peerLabel = "InitSpatialMetadata(1)"

    func run() throws {
        let directory = try TemporaryDirectory(Self.name)
        defer { directory.remove() }
        var variants = [
            Variant(label: "InitSpatialMetadata(), SQLite's default journal", sql: "SELECT InitSpatialMetadata()",
                    slowOnly: true, walLikeMeridian: false),
            Variant(label: "InitSpatialMetadata()", sql: "SELECT InitSpatialMetadata()"),
            Variant(label: Self.peerLabel, sql: "SELECT InitSpatialMetadata(1)"),
            Variant(label: "InitSpatialMetadata(1, 'WGS84')", sql: "SELECT InitSpatialMetadata(1, 'WGS84')"),
            Variant(label: "InitSpatialMetadata(1, 'WGS84_ONLY')", sql: "SELECT InitSpatialMetadata(1, 'WGS84_ONLY')"),
            Variant(label: "InitSpatialMetadata(1, 'NONE')", sql: "SELECT InitSpatialMetadata(1, 'NONE')"),
            Variant(label: "Meridian: SQLiteConnection(path:).ensureSpatialSupport()", sql: nil),
        ]
        let active = variants.indices.filter { slow || !variants[$0].slowOnly }

        Progress.log("\(Self.name): warm-up (loads mod_spatialite once; not counted)")
        Progress.log("\(Self.name): SpatiaLite itself prints \"unknown SRID: 4326\" for the distance check after 'NONE'")
        for index in active where !variants[index].slowOnly {
            _ = try measure(variants[index], in: directory)
        }
        for round in 0..<rounds {
            // Rotate the order so no variant always runs first or right after the slow one.
            for step in active.indices {
                let index = active[(step + round) % active.count]
                let (milliseconds, distance, systems) = try measure(variants[index], in: directory)
                variants[index].times.append(milliseconds)
                variants[index].distance = distance
                variants[index].referenceSystems = systems
            }
            Progress.log("\(Self.name): round \(round + 1)/\(rounds) done")
        }

        printTable(variants)
        let meridian = variants.first { $0.sql == nil }!
        let peer = variants.first { $0.label == Self.peerLabel }!
        ResultLine(
            benchmark: Self.name,
            meridianMilliseconds: BenchmarkClock.median(meridian.times),
            peerMilliseconds: BenchmarkClock.median(peer.times),
            details: [Self.peerLabel, "fresh file", "median of \(rounds)"]
        ).emit()
    }

    /// Milliseconds from no file to metadata, then (untimed) the distance check and the number
    /// of reference systems.
    private func measure(_ variant: Variant, in directory: TemporaryDirectory) throws -> (Double, Double?, String?) {
        directory.removeDatabase("metadata.sqlite")
        let path = directory.file("metadata.sqlite")
        let distanceSQL = "SELECT ST_Distance(MakePoint(0, 0, 4326), MakePoint(1, 1, 4326), 1)"
        let systemsSQL = "SELECT count(*) FROM spatial_ref_sys"
        if let sql = variant.sql {
            let start = BenchmarkClock.nowMilliseconds()
            let db = try RawSQLite.open(path, spatiaLite: true, walLikeMeridian: variant.walLikeMeridian)
            defer { RawSQLite.close(db) }
            guard try RawSQLite.text(db, sql) == "1" else { throw BenchmarkError("\(sql) did not return 1") }
            let milliseconds = BenchmarkClock.nowMilliseconds() - start
            return (milliseconds, try RawSQLite.text(db, distanceSQL).flatMap(Double.init), try RawSQLite.text(db, systemsSQL))
        } else {
            let start = BenchmarkClock.nowMilliseconds()
            let db = try SQLiteConnection(path: path)
            try db.ensureSpatialSupport()
            let milliseconds = BenchmarkClock.nowMilliseconds() - start
            let distance = try db.fetchValue(Double?.self, distanceSQL) ?? nil
            let systems = try db.fetchValue(Int64.self, systemsSQL)
            return (milliseconds, distance, systems.map { "\($0)" })
        }
    }

    private func printTable(_ variants: [Variant]) {
        func pad(_ text: String, _ width: Int) -> String { text.padding(toLength: max(width, text.count), withPad: " ", startingAt: 0) }
        Output.line("spatial-metadata: fresh file to spatial metadata, median of \(rounds) rounds")
        Output.line("  " + pad("variant", 58) + pad("median ms", 12) + pad("srs rows", 10) + "ST_Distance(4326, ellipsoid)")
        for variant in variants {
            guard !variant.times.isEmpty else {
                Output.line("  " + pad(variant.label, 58) + "skipped (8–10 s a round; run with --slow)")
                continue
            }
            let median = String(format: "%.2f", BenchmarkClock.median(variant.times))
            let distance = variant.distance.map { String(format: "non-NULL (%.3f m)", $0) } ?? "NULL"
            Output.line("  " + pad(variant.label, 58) + pad(median, 12) + pad(variant.referenceSystems ?? "?", 10) + distance)
        }
    }
}

import Foundation
import Meridian
import MeridianPostgres
import MeridianSQLite
import MeridianSynthetic

/// `radius`: earthquakes within 100 km of 20 fixed places, through the portable radius search
/// (`fetchWithin`), on a SpatiaLite file and on PostGIS holding the same million generated
/// earthquakes.
///
/// Both databases are built the way a user builds one: the reference migrations, then
/// `meridian fixtures generate`'s writer with one seed (the generation's rows/s are printed
/// too). The centres lie on busy plate boundaries, in quiet places, beside the antimeridian
/// and far north and south. Each round asks every centre once on each backend, in alternating
/// order; each query is timed alone, from the call to the last row decoded. `meridian=` is the
/// SpatiaLite p95 and `peer=` the PostGIS p95 over all queries; the result counts must agree,
/// centre by centre, in every round.
struct RadiusBenchmark {
    static let name = "radius"
    var rounds: Int
    var rows: Int
    var postgresURL: String
    /// Where `migrations-sqlite` and `migrations-postgres` are.
    var root: String
    var seed: UInt64 = 1
    var radius = Distance.kilometers(100)

    /// Twenty centres (longitude, latitude).
    static let centres: [(name: String, position: Position)] = [
        ("Tokyo", Position(x: 139.69, y: 35.68)),
        ("off Sendai", Position(x: 142.5, y: 38.3)),
        ("Santiago", Position(x: -70.67, y: -33.45)),
        ("Lima", Position(x: -77.04, y: -12.05)),
        ("Anchorage", Position(x: -149.9, y: 61.22)),
        ("Rat Islands, across the antimeridian", Position(x: 179.9, y: 51.2)),
        ("Fiji, across the antimeridian", Position(x: -179.9, y: -19.0)),
        ("Tonga", Position(x: -174.8, y: -20.5)),
        ("Jakarta", Position(x: 106.85, y: -6.2)),
        ("Manila", Position(x: 120.98, y: 14.6)),
        ("Mexico City", Position(x: -99.13, y: 19.43)),
        ("San Francisco", Position(x: -122.42, y: 37.77)),
        ("Istanbul", Position(x: 28.98, y: 41.01)),
        ("Kathmandu", Position(x: 85.32, y: 27.71)),
        ("Reykjavík", Position(x: -21.94, y: 64.15)),
        ("Gakkel Ridge, 86° N", Position(x: 60.0, y: 86.0)),
        ("South Sandwich Islands", Position(x: -26.4, y: -58.0)),
        ("Pacific-Antarctic Ridge, 63° S", Position(x: -155.0, y: -62.5)),
        ("Paris, far from any boundary", Position(x: 2.35, y: 48.86)),
        ("South Pole", Position(x: 0.0, y: -90.0)),
    ]

    func run() throws {
        let directory = try TemporaryDirectory(Self.name)
        defer { directory.remove() }
        let scratch = try PostgresScratchDatabase(serverURL: postgresURL, purpose: "radius")
        defer { scratch.drop() }
        let sqlite = try SQLiteConnection(path: directory.file("radius.sqlite"))
        let postgres = try PostgresConnection(url: scratch.url)
        try prepare(sqlite, migrations: "migrations-sqlite", dialect: .sqlite, label: "SpatiaLite")
        try prepare(postgres, migrations: "migrations-postgres", dialect: .postgres, label: "PostGIS")
        try postgres.execute("ANALYZE earthquakes")

        var sqliteTimes: [Double] = []
        var postgresTimes: [Double] = []
        var byCentre: [[Bool: [Double]]] = Array(repeating: [:], count: Self.centres.count)
        var counts: [[Int]] = Array(repeating: [], count: Self.centres.count)
        var mismatches: Set<String> = []
        _ = try search(sqlite)
        _ = try search(postgres)
        for round in 0..<rounds {
            for (index, centre) in Self.centres.enumerated() {
                let sides: [(any DatabaseConnection, Bool)] = round % 2 == 0 ? [(sqlite, true), (postgres, false)] : [(postgres, false), (sqlite, true)]
                var found: [Bool: Int] = [:]
                for (db, isSQLite) in sides {
                    let (milliseconds, count) = try BenchmarkClock.measure { try search(db, centre.position) }
                    if isSQLite { sqliteTimes.append(milliseconds) } else { postgresTimes.append(milliseconds) }
                    byCentre[index][isSQLite, default: []].append(milliseconds)
                    found[isSQLite] = count
                }
                if found[true] != found[false] { mismatches.insert(centre.name) }
                counts[index].append(found[true] ?? -1)
            }
            Progress.log(String(format: "%@: round %d/%d: SpatiaLite p95 %.2f ms, PostGIS p95 %.2f ms", Self.name, round + 1, rounds,
                                BenchmarkClock.percentile(sqliteTimes, 0.95), BenchmarkClock.percentile(postgresTimes, 0.95)))
        }
        // The cost of a search grows with the rows it returns: the slowest centres are the busiest.
        for (index, centre) in Self.centres.enumerated() {
            Progress.log(String(format: "%@: %@: %d earthquakes within %@, median SpatiaLite %.2f ms, PostGIS %.2f ms", Self.name, centre.name,
                                counts[index].first ?? 0, radius.description, BenchmarkClock.median(byCentre[index][true] ?? [0]),
                                BenchmarkClock.median(byCentre[index][false] ?? [0])))
        }
        for name in mismatches.sorted() { Progress.log("\(Self.name): COUNTS DIFFER at \(name)") }
        Output.line(String(format: "radius: p50 SpatiaLite %.3f ms, PostGIS %.3f ms; p95 SpatiaLite %.3f ms, PostGIS %.3f ms; %d rows returned per round",
                           BenchmarkClock.percentile(sqliteTimes, 0.5), BenchmarkClock.percentile(postgresTimes, 0.5),
                           BenchmarkClock.percentile(sqliteTimes, 0.95), BenchmarkClock.percentile(postgresTimes, 0.95),
                           counts.reduce(0) { $0 + ($1.first ?? 0) }))
        ResultLine(
            benchmark: Self.name,
            meridianMilliseconds: BenchmarkClock.percentile(sqliteTimes, 0.95),
            peerMilliseconds: BenchmarkClock.percentile(postgresTimes, 0.95),
            details: [
                "PostGIS", "\(rows) earthquakes", "\(Self.centres.count) centres", "\(radius)", "p95 of \(sqliteTimes.count) queries each",
                mismatches.isEmpty ? "counts equal" : "counts mismatch",
            ]
        ).emit()
        if !mismatches.isEmpty { throw BenchmarkError("\(Self.name): SpatiaLite and PostGIS found different counts at \(mismatches.sorted().joined(separator: ", "))") }
    }

    /// The reference migrations and `rows` generated earthquakes.
    private func prepare(_ db: any DatabaseConnection, migrations folder: String, dialect: StatementDialect, label: String) throws {
        let migrations = try MigrationDirectory(path: (root as NSString).appendingPathComponent(folder)).load(dialect: dialect)
        try Migrator(connection: db, migrations: migrations).up()
        let writer = SyntheticDataWriter(db, database: label, sink: SyntheticDataWriter.fastestSink(for: db))
        var lastReport = 0.0
        let report = try writer.write(SyntheticDataset(seed: seed, counts: [.earthquakes: rows]), progress: { progress in
            guard progress.elapsedSeconds - lastReport >= 5 || progress.totalDone == progress.total else { return }
            lastReport = progress.elapsedSeconds
            Progress.log(String(format: "%@: %@: %d/%d earthquakes generated", Self.name, label, progress.totalDone, progress.total))
        })
        Progress.log(String(format: "%@: %@: %d earthquakes generated in %.1f s, %.0f rows/s", Self.name, label, report.inserted, report.seconds, report.rowsPerSecond))
    }

    /// One search; the number of rows found. Without a centre, every centre once (a warm-up).
    private func search(_ db: any DatabaseConnection, _ centre: Position? = nil) throws -> Int {
        guard let centre else { return try Self.centres.reduce(0) { $0 + (try search(db, $1.position)) } }
        return try db.fetchWithin(radius, of: centre, table: "earthquakes", column: "location", select: ["id"]).count
    }
}

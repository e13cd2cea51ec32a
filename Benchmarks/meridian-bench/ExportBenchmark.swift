import Foundation
import Meridian
import MeridianPostgres

/// `export`: a million earthquakes-shaped rows from a SpatiaLite file into PostGIS (geography
/// point with a GiST index, primary key, unique key), `meridian export` against the COPY limit,
/// ogr2ogr and pgloader, side by side in one run, each into a fresh database and each result
/// checked value by value (``ExportCheck``).
///
/// Every contender's clock runs from the start of its first process to the end of its last, so
/// process start-up counts on every side. Meridian's target is migrated and the limit's bare
/// table created before the clock starts. Goals: ratio ≤ 1.05 to the limit
/// without verification, ≤ 1.25 with it, ≤ 0.75 to ogr2ogr, ≤ 0.4 to pgloader.
struct ExportBenchmark {
    static let name = "export"
    var rounds: Int
    var rows: Int
    var serverURL: String
    /// The `meridian` executable; `nil` looks next to this one, then in `.build/release/`.
    var meridianPath: String?

    func run() throws {
        guard let meridian = Self.locateMeridian(meridianPath) else {
            throw BenchmarkError("\(Self.name): no meridian binary: build it with `swift build -c release --product meridian` or pass --meridian PATH")
        }
        guard let psql = Subprocess.which("psql") else { throw BenchmarkError("\(Self.name): psql is not installed (apt-get install postgresql-client)") }
        let ogr2ogr = Subprocess.which("ogr2ogr")
        let pgloader = Subprocess.which("pgloader")
        if ogr2ogr == nil || pgloader == nil {
            Progress.log("\(Self.name): ogr2ogr or pgloader missing: scripts/install-deps --bench installs gdal-bin and pgloader")
        }
        if let password = URLComponents(string: serverURL)?.password { setenv("PGPASSWORD", password, 1) }

        let directory = try TemporaryDirectory(Self.name)
        defer { directory.remove() }
        Progress.log("\(Self.name): generating \(rows) rows, the SpatiaLite file and the binary COPY file")
        let dataset = try ExportDataset(rows: rows, folder: directory)
        let peers = ExportPeers(dataset: dataset, directory: directory)
        let check = ExportCheck(dataset: dataset)
        var notes: [String: String] = [:]

        /// Runs one contender into a fresh database, checks what it loaded, drops the database.
        func contender(_ label: String, table: String = ExportDataset.tableName, mustBeExact: Bool, _ load: @escaping (PostgresScratchDatabase) throws -> Double) -> RotatingRounds.Contender {
            RotatingRounds.Contender(label: label) { _ in
                let database = try PostgresScratchDatabase(serverURL: serverURL, purpose: "bench_export")
                defer { database.drop() }
                // The previous contender's writes are flushed now, not during this one's clock.
                try? PostgresConnection(url: serverURL).executeScript("CHECKPOINT")
                let milliseconds = try load(database)
                let outcome = try check.inspect(database.url, table: table)
                if mustBeExact && !outcome.exact { throw BenchmarkError("\(Self.name): \(label) did not load the rows exactly: \(outcome.summary)") }
                notes[label] = outcome.summary
                return milliseconds
            }
        }
        var contenders = [
            contender("meridian", mustBeExact: true) { try peers.meridian(meridian, into: $0, verify: false) },
            contender("meridian verified", mustBeExact: true) { try peers.meridian(meridian, into: $0, verify: true) },
            contender("copy limit", mustBeExact: true) { try peers.copyLimit(psql, into: $0) },
        ]
        if let ogr2ogr { contenders.append(contender("ogr2ogr", mustBeExact: false) { try peers.ogr2ogr(ogr2ogr, into: $0) }) }
        if let pgloader {
            contenders.append(contender("pgloader", table: "earthquakes_stage", mustBeExact: false) { try peers.pgloader(pgloader, into: $0) })
        }
        let times = try RotatingRounds(benchmark: Self.name, rounds: rounds, warmUp: false, contenders)

        let common = ["\(rows) rows", "median of \(rounds)"]
        let limit = "psql \\copy of a pre-rendered binary COPY file, then PRIMARY KEY, UNIQUE and GiST built"
        ResultLine(benchmark: "export-vs-copy", meridianMilliseconds: times.median(0), peerMilliseconds: times.median(2),
                   details: [limit, "meridian export --no-verify"] + common + ["both exact"]).emit()
        ResultLine(benchmark: "export-verified-vs-copy", meridianMilliseconds: times.median(1), peerMilliseconds: times.median(2),
                   details: [limit, "meridian export reading every row back and comparing counts and digests before committing"] + common).emit()
        if ogr2ogr != nil {
            ResultLine(benchmark: "export-vs-ogr2ogr", meridianMilliseconds: times.median(0), peerMilliseconds: times.median(3),
                       details: ["ogr2ogr --config PG_USE_COPY YES creating its own table (an int4 id from its own sequence, the timestamp and JSON columns varchar, no unique key, the GiST index kept up during the load; -append into our table rounds timestamps to milliseconds)",
                                 "meridian --no-verify"] + common + ["ogr2ogr \(notes["ogr2ogr"] ?? "")"]).emit()
        }
        if pgloader != nil {
            ResultLine(benchmark: "export-vs-pgloader", meridianMilliseconds: times.median(0), peerMilliseconds: times.median(contenders.count - 1),
                       details: ["pgloader into a staging table without keys or indexes, the geometry as bytea (it cannot convert SpatiaLite geometry), REAL cast to double precision and Meridian's TIMESTAMP TEXT and JSON TEXT to timestamptz and jsonb",
                                 "meridian --no-verify"] + common + ["pgloader \(notes["pgloader"] ?? "")"]).emit()
        }
    }

    static func locateMeridian(_ path: String?) -> String? {
        if let path { return FileManager.default.isExecutableFile(atPath: path) ? path : nil }
        let own = (Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0]))
            .resolvingSymlinksInPath().deletingLastPathComponent().path
        return [own + "/meridian", FileManager.default.currentDirectoryPath + "/.build/release/meridian"]
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}

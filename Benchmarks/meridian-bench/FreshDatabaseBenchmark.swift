import Foundation
import Meridian
import MeridianPostgres
import MeridianSQLite
import MeridianTesting

/// `fresh-db`: a run of simulated tests, each taking a fresh migrated, seeded SpatiaLite
/// database from `SQLiteTemplate`, doing one insert and one select, and letting it go.
///
/// `meridian=` is the median time a test waits in `fresh()`. Clones are prepared ahead on a
/// background thread, so the pacing matters: each simulated test does its real insert and select
/// between requests (no sleeps), and the share of requests that found a clone ready and the
/// full cost of one clone made on the spot are printed too. Peers: building the database from
/// scratch (open, load SpatiaLite, migrate, seed: what most suites do), and a PostgreSQL
/// `CREATE DATABASE … TEMPLATE` plus connect.
struct FreshDatabaseBenchmark {
    static let name = "fresh-db"
    var tests: Int
    var postgresURL: String?
    var root: String
    var peerRounds = 20

    func run() throws {
        let recipe = DatabaseRecipe.standard(root: root)
        let template = try SQLiteTemplate(recipe: recipe, prepareAhead: 4)
        Progress.log("fresh-db: template built in \(String(format: "%.1f", template.buildMilliseconds)) ms, \(template.image.count) bytes")
        let methods = try cloneMethods(template)
        for (name, ms) in methods { Progress.log(String(format: "fresh-db: clone by %@: median %.3f ms", name, ms)) }
        Thread.sleep(forTimeInterval: 0.05)

        var waits: [Double] = []
        var ready = 0
        var work: [Double] = []
        var iterations: [Double] = []
        for index in 0..<tests {
            let start = BenchmarkClock.nowMilliseconds()
            // Scoped so closing the database (SpatiaLite's clean-up included) is in the test's time.
            try {
                let (db, wasReady) = try template.freshReportingWait()
                waits.append(BenchmarkClock.nowMilliseconds() - start)
                if wasReady { ready += 1 }
                work.append(try BenchmarkClock.measure { try simulatedTest(db, index: index) }.milliseconds)
            }()
            iterations.append(BenchmarkClock.nowMilliseconds() - start)
        }
        let wait = BenchmarkClock.median(waits)
        let fullClone = methods.first { $0.0 == "deserialize" }!.1
        let peer = try remigrate(recipe)
        let waitDetail = String(format: "p90 wait %.3fms, %d/%d clones ready, insert+select %.3fms and whole test with close %.3fms median, full clone cost %.3fms", BenchmarkClock.percentile(waits, 0.9), ready, tests, BenchmarkClock.median(work), BenchmarkClock.median(iterations), fullClone)
        ResultLine(benchmark: "fresh-db-vs-remigrate", meridianMilliseconds: wait, peerMilliseconds: peer,
                   details: ["new in-memory SpatiaLite + migrate + seed", "\(tests) tests", waitDetail]).emit()
        if let postgresURL {
            let peer = try postgresTemplate(recipe, url: postgresURL)
            ResultLine(benchmark: "fresh-db-vs-template", meridianMilliseconds: wait, peerMilliseconds: peer,
                       details: ["CREATE DATABASE … TEMPLATE + connect", "\(tests) tests", waitDetail]).emit()
        } else {
            Progress.log("fresh-db: no --postgres or MERIDIAN_POSTGRES_URL: fresh-db-vs-template skipped")
        }
    }

    /// One insert and one select, with the rows a real test would touch.
    private func simulatedTest(_ db: any DatabaseConnection, index: Int) throws {
        let usgsID = "bench-\(index)"
        let point = db.dialect is SQLiteDialect ? "MakePoint($2, $3, 4326)" : "ST_SetSRID(ST_MakePoint($2, $3), 4326)::geography"
        try db.execute("INSERT INTO earthquakes (usgs_id, magnitude, occurred_at, location) VALUES ($1, 5.0, '2024-01-01T00:00:00.000000Z', \(point))",
                       [.text(usgsID), .double(10), .double(20)])
        guard try db.fetchValue(Int64.self, "SELECT count(*) FROM earthquakes WHERE usgs_id = $1", [.text(usgsID)]) == 1 else {
            throw BenchmarkError("the inserted row was not found")
        }
    }

    /// The median cost of each way to clone, each clone checked by one query.
    private func cloneMethods(_ template: SQLiteTemplate) throws -> [(String, Double)] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("meridian-fresh-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let source = folder + "/template.sqlite"
        guard FileManager.default.createFile(atPath: source, contents: Data(template.image)) else {
            throw BenchmarkError("cannot write \(source)")
        }
        var copies = 0
        let methods: [(String, () throws -> SQLiteConnection)] = [
            ("deserialize", { try template.makeClone() }),
            ("backup", { try template.makeCloneByBackup() }),
            ("file copy", {
                copies += 1
                let path = folder + "/clone-\(copies).sqlite"
                try FileManager.default.copyItem(atPath: source, toPath: path)
                return try SQLiteConnection(path: path)
            }),
        ]
        return try methods.map { name, make in
            var samples: [Double] = []
            for index in 0..<60 {
                let (ms, db) = try BenchmarkClock.measure { () throws -> SQLiteConnection in
                    let db = try make()
                    _ = try db.fetchValue(Int64.self, "SELECT count(*) FROM earthquakes")
                    return db
                }
                if index >= 10 { samples.append(ms) }
                try simulatedTest(db, index: index)
            }
            return (name, BenchmarkClock.median(samples))
        }
    }

    /// What most suites do per test: a new in-memory database, migrated and seeded.
    private func remigrate(_ recipe: DatabaseRecipe) throws -> Double {
        var samples: [Double] = []
        for _ in 0..<peerRounds {
            samples.append(try BenchmarkClock.measure { _ = try SQLiteTemplate.build(recipe) }.milliseconds)
        }
        return BenchmarkClock.median(samples)
    }

    /// `CREATE DATABASE … TEMPLATE` of a migrated, seeded template, plus a connection to it.
    private func postgresTemplate(_ recipe: DatabaseRecipe, url: String) throws -> Double {
        let template = try PostgresTemplate(recipe: recipe, serverURL: url, prepareAhead: 0)
        let admin = try PostgresConnection(url: url)
        var samples: [Double] = []
        for _ in 0..<peerRounds {
            let name = "meridian_bench_" + UUID().uuidString.prefix(8).lowercased()
            samples.append(try BenchmarkClock.measure {
                try admin.executeScript("CREATE DATABASE \(name) TEMPLATE \(template.name)")
                _ = try PostgresConnection(url: PostgresTemplate.databaseURL(url, database: name))
            }.milliseconds)
            try admin.executeScript("DROP DATABASE \(name) WITH (FORCE)")
        }
        return BenchmarkClock.median(samples)
    }
}

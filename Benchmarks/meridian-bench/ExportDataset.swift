import Foundation
import Meridian
import MeridianPostgres
import MeridianSQLite
import MeridianTesting

/// The `export` benchmark's data: earthquakes-shaped rows (a bigint key, a unique text id, two
/// doubles, a microsecond timestamp, text, a JSON object, a point), generated the same on every
/// run, in a migrated SpatiaLite file and pre-rendered as a binary COPY file for the limit.
struct ExportDataset {
    struct Quake {
        var id: Int64
        var usgsID: String
        var magnitude: Double
        var depth: Double
        var occurredAt: Timestamp
        var place: String
        var properties: JSON
        var longitude: Double
        var latitude: Double
    }

    static let tableName = "earthquakes"

    /// The table both databases hold, with its primary key, unique key and GiST index.
    static let table = TableDefinition(tableName, columns: [
        .init("id", .int, nullable: false),
        .init("usgs_id", .text, nullable: false),
        .init("magnitude", .double),
        .init("depth_km", .double),
        .init("occurred_at", .timestamp, nullable: false),
        .init("place", .text),
        .init("properties", .json),
        .init("location", .geometry(.point, srid: 4326), nullable: false),
    ], primaryKey: ["id"], unique: [UniqueConstraint("earthquakes_usgs_id_key", ["usgs_id"])])

    /// The same columns without a key or index: where the limit loads before building them.
    static var bareTable: TableDefinition {
        var bare = table
        bare.primaryKey = []
        bare.unique = []
        bare.columns = bare.columns.map { var column = $0; column.spatialIndex = false; return column }
        return bare
    }

    static var columnNames: [String] { table.columns.map(\.name) }

    let rows: [Quake]
    let folder: TemporaryDirectory
    /// The SpatiaLite source every contender reads (or, for the limit, its rendering).
    var sourcePath: String { folder.file("source.sqlite") }
    var copyFilePath: String { folder.file("rows.bin") }
    var sqliteMigrations: String { folder.file("migrations-sqlite") }
    var postgresMigrations: String { folder.file("migrations-postgres") }

    init(rows count: Int, folder: TemporaryDirectory) throws {
        self.folder = folder
        rows = Self.generate(count)
        try writeMigrations()
        try writeSource()
        try writeCopyFile()
    }

    /// Deterministic rows: ids 1…n, USGS-style ids from a bijective scramble of the id (so they
    /// are unique), magnitudes and depths with full-precision doubles, timestamps with
    /// microseconds over 25 years, places of varied length, small JSON objects, points anywhere.
    static func generate(_ count: Int) -> [Quake] {
        var random = SeededGenerator(seed: 20_240_501)
        let start = Timestamp(year: 2000, month: 1, day: 1)!.microsecondsSinceEpoch
        let networks = ["us", "ci", "nc", "ak", "hv", "nn", "uw", "pr"]
        let magnitudeTypes = ["ml", "mb", "mw", "md", "mwr"]
        let towns = ["Ridgecrest", "Anchorage", "Hilo", "Petrolia", "Ponce", "Tonopah", "Olympia", "Kaikoura", "Lima", "Sendai"]
        let directions = ["N", "NE", "E", "SE", "S", "SW", "W", "NW", "NNE", "ESE", "WSW"]
        return (1...Int64(count)).map { id in
            let scrambled = UInt32(truncatingIfNeeded: UInt64(id) &* 2_654_435_761)
            let network = networks[Int(random.next() % UInt64(networks.count))]
            let hex = String(scrambled, radix: 16)
            let felt = random.next() % 4 == 0 ? JSON.number(JSONNumber(Int64(random.next() % 5_000))) : JSON.null
            return Quake(
                id: id,
                usgsID: network + String(repeating: "0", count: 8 - hex.count) + hex,
                magnitude: random.uniform(-1, 9.5),
                depth: random.uniform(-3, 700),
                occurredAt: Timestamp(microsecondsSinceEpoch: start + Int64(random.next() % 788_918_400_000_000)),
                place: "\(Int(random.next() % 300)) km \(directions[Int(random.next() % 11)]) of \(towns[Int(random.next() % 10)])",
                properties: [
                    "net": .string(network), "mag_type": .string(magnitudeTypes[Int(random.next() % 5)]), "felt": felt,
                    "tsunami": .bool(random.next() % 50 == 0), "sig": .number(JSONNumber(Int64(random.next() % 1_000))),
                ],
                longitude: random.uniform(-180, 180),
                latitude: random.uniform(-90, 90))
        }
    }

    /// One migration per dialect creating ``table``, so the source file and each target carry the
    /// same migration version, as an export checks.
    private func writeMigrations() throws {
        for (path, dialect) in [(sqliteMigrations, SQLiteDialect() as any SQLDialect), (postgresMigrations, PostgresDialect())] {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            let up = dialect.createTableStatements(Self.table).map { $0.sql + ";\n" }.joined()
            try up.write(toFile: path + "/0001_create_earthquakes.up.sql", atomically: true, encoding: .utf8)
            let down = dialect is SQLiteDialect ? "SELECT DropTable(NULL, 'earthquakes');\n" : "DROP TABLE earthquakes;\n"
            try down.write(toFile: path + "/0001_create_earthquakes.down.sql", atomically: true, encoding: .utf8)
        }
    }

    /// The SpatiaLite file, migrated and filled through Meridian in one transaction.
    private func writeSource() throws {
        let db = try SQLiteConnection(path: sourcePath)
        try Migrator(connection: db, migrations: try MigrationDirectory(path: sqliteMigrations).load(dialect: .sqlite)).up()
        let names = Self.columnNames.joined(separator: ", ")
        let sql = "INSERT INTO earthquakes (\(names)) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
        try db.transaction {
            for row in rows { try db.execute(sql, row.values) }
        }
        try db.executeScript("PRAGMA wal_checkpoint(TRUNCATE)")
    }

    /// The rows as PostgreSQL's binary COPY format, written by the encoder Meridian sends with.
    private func writeCopyFile() throws {
        guard FileManager.default.createFile(atPath: copyFilePath, contents: nil), let file = FileHandle(forWritingAtPath: copyFilePath) else { throw BenchmarkError("cannot write \(copyFilePath)") }
        defer { try? file.close() }
        var encoder = PostgresCopyEncoder(format: .binary)
        for row in rows {
            encoder.beginRow(fieldCount: 8)
            for value in row.values { value.withStreamedValue { encoder.append($0) } }
            encoder.endRow()
            if encoder.bytes.count >= 1 << 20 {
                file.write(Data(encoder.bytes))
                encoder.removeAll()
            }
        }
        encoder.appendTrailer()
        file.write(Data(encoder.bytes))
    }
}

extension ExportDataset.Quake {
    /// The row as the table's columns, in order.
    var values: [DatabaseValue] {
        [
            .int(id), .text(usgsID), .double(magnitude), .double(depth), .timestamp(occurredAt), .text(place), .json(properties),
            .geometry(.point(x: longitude, y: latitude)),
        ]
    }
}

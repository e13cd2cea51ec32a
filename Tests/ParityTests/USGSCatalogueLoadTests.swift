import Foundation
import Meridian
import MeridianTesting
import XCTest

/// Loading the USGS FDSN event CSV format into the reference schema's `earthquakes` table: the
/// same rows on both backends, idempotent re-loads, later revisions winning, bad rows with their
/// lines, and a rejected load leaving the table as it was.
final class USGSCatalogueLoadTests: ParityTestCase {
    private static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    private static let recipe = DatabaseRecipe(
        sqliteMigrations: root.appendingPathComponent("migrations-sqlite").path,
        postgresMigrations: root.appendingPathComponent("migrations-postgres").path)
    private static let sample = root.appendingPathComponent("Tests/Fixtures/usgs-catalogue-sample.csv").path
    private static let header = "time,latitude,longitude,depth,mag,magType,nst,gap,dmin,rms,net,id,updated,place,type,horizontalError,depthError,magError,magNst,status,locationSource,magSource"

    /// Every column the load writes, and the ones the database fills, in a fixed order.
    private static let readBack = """
        SELECT usgs_id, magnitude, magnitude_type, depth_km, occurred_at, place, properties, location
        FROM earthquakes ORDER BY usgs_id
        """

    private func load(
        _ db: any DatabaseConnection, file path: String = sample, onError: USGSCatalogueLoader.ErrorPolicy = .reject,
        types: Set<String>? = ["earthquake"]
    ) throws -> USGSLoadReport {
        let handle = try XCTUnwrap(FileHandle(forReadingAtPath: path))
        defer { try? handle.close() }
        var reader = CSVReader(fileDescriptor: handle.fileDescriptor)
        return try USGSCatalogueLoader(connection: db, onError: onError, types: types).load(&reader)
    }

    private func load(
        _ db: any DatabaseConnection, csv: String, onError: USGSCatalogueLoader.ErrorPolicy = .reject, batchSize: Int = 250
    ) throws -> USGSLoadReport {
        var reader = CSVReader(text: csv)
        return try USGSCatalogueLoader(connection: db, onError: onError, batchSize: batchSize).load(&reader)
    }

    private func counts(_ r: USGSLoadReport) -> [Int] { [r.rows, r.inserted, r.updated, r.unchanged, r.ignored, r.rejected] }

    func testTheSampleReadsBackIdenticallyOnBothBackends() throws {
        let results = try ParityRunner.compare(recipe: Self.recipe) { db, backend in
            let report = try load(db)
            XCTAssertEqual(counts(report), [22, 18, 1, 0, 3, 0], "\(backend): rows, inserted, updated, unchanged, ignored, rejected")
            return try db.fetchAll(Self.readBack)
        }
        let rows = try XCTUnwrap(results[.sqlite])
        XCTAssertEqual(rows.count, 18)
        let noto = try XCTUnwrap(rows.first { $0["usgs_id"] == "us6000m0xl" })
        XCTAssertEqual(noto["occurred_at"], .timestamp(Timestamp(year: 2024, month: 1, day: 1, hour: 7, minute: 10, second: 9, microsecond: 476_000)!))
        XCTAssertEqual(noto["place"], "2024 Noto Peninsula, Japan Earthquake")
        XCTAssertEqual(noto["location"], .geometry(.point(x: 137.2710, y: 37.4873)))
        let quoted = try XCTUnwrap(rows.first { $0["usgs_id"] == "nc73973881" })
        XCTAssertEqual(quoted["place"], "65 km W of Ferndale, CA (\"Mendocino Triple Junction\")")
        let fiji = try XCTUnwrap(rows.first { $0["usgs_id"] == "us7000lsze" })
        XCTAssertEqual(fiji["magnitude"], 4.7, "the later revision in the file wins")
        XCTAssertEqual(fiji["magnitude_type"], "mww")
        XCTAssertEqual(fiji["depth_km"], 577.9)
        guard case .json(.object(let properties)) = try XCTUnwrap(fiji["properties"]) else { return XCTFail("properties: \(fiji)") }
        XCTAssertEqual(properties["updated"], "2024-02-10T22:03:37.506000Z")
        XCTAssertEqual(properties["magNst"], 26)
        XCTAssertEqual(properties["type"], "earthquake")
        XCTAssertNil(properties["nst"], "empty fields are left out")
        XCTAssertFalse(rows.contains { $0["usgs_id"] == "mb90028331" }, "a quarry blast is not an earthquake")
    }

    func testEveryTypeLoadsWhenAsked() {
        parity(recipe: Self.recipe) { db, backend in
            XCTAssertEqual(counts(try load(db, types: nil)), [22, 21, 1, 0, 0, 0], "\(backend)")
            let types = try db.fetchAll("SELECT properties ->> 'type' FROM earthquakes WHERE properties ->> 'type' <> 'earthquake' ORDER BY 1")
            XCTAssertEqual(types.map { $0[0] }, ["explosion", "ice quake", "quarry blast"], "\(backend)")
        }
    }

    func testLoadingTwiceChangesNothing() {
        parity(recipe: Self.recipe) { db, backend in
            _ = try load(db)
            let all = "SELECT id, usgs_id, magnitude, magnitude_type, depth_km, occurred_at, place, properties, location, created_at, updated_at FROM earthquakes ORDER BY usgs_id"
            let before = try db.fetchAll(all)
            XCTAssertEqual(counts(try load(db)), [22, 0, 0, 19, 3, 0], "\(backend): both Fiji revisions are no later than the stored one")
            XCTAssertEqual(try db.fetchAll(all), before, "\(backend)")
        }
    }

    func testALaterRevisionReplacesTheEventAndAnEarlierOneDoesNot() {
        func row(mag: String, updated: String, place: String) -> String {
            "2024-01-04T09:33:41.771Z,-17.9872,-178.5904,580.3,\(mag),mb,,56,3.925,0.73,us,us7000lsze,\(updated),\"\(place)\",earthquake,10.42,7.129,0.098,31,reviewed,us,us"
        }
        parity(recipe: Self.recipe) { db, backend in
            XCTAssertEqual(counts(try load(db, csv: Self.header + "\n" + row(mag: "4.6", updated: "2024-01-05T02:41:12.040Z", place: "Fiji") + "\n")), [1, 1, 0, 0, 0, 0])
            let first = try XCTUnwrap(db.fetchOne("SELECT id, created_at FROM earthquakes"))
            let later = row(mag: "4.7", updated: "2024-02-10T22:03:37.506Z", place: "Fiji Islands region")
            let earlier = row(mag: "4.5", updated: "2024-01-04T10:00:00.000Z", place: "Fiji, first guess")
            let same = row(mag: "9.9", updated: "2024-02-10T22:03:37.506Z", place: "same revision")
            XCTAssertEqual(counts(try load(db, csv: [Self.header, later, earlier, same].joined(separator: "\n"))), [3, 0, 1, 2, 0, 0], "\(backend)")
            let stored = try XCTUnwrap(db.fetchOne("SELECT id, created_at, magnitude, place FROM earthquakes"))
            XCTAssertEqual(stored["magnitude"], 4.7, "\(backend)")
            XCTAssertEqual(stored["place"], "Fiji Islands region", "\(backend)")
            XCTAssertEqual(stored["id"], first["id"], "\(backend): an update keeps the row's id")
            XCTAssertEqual(stored["created_at"], first["created_at"], "\(backend)")
        }
    }

    /// The bad rows of `badRowsCSV`, reported by physical line, the same on both backends.
    private static let badRowsCSV = [
        header,
        "2024-01-01T07:10:09.476Z,37.4873,137.2710,10,7.5,mww,,38,0.659,0.84,us,us6000m0xl,2024-03-26T16:29:45.254Z,\"2024 Noto Peninsula,\nJapan Earthquake\",earthquake,6.58,1.788,0.034,82,reviewed,us,us",
        "2024-01-32T07:18:43.035Z,37.2458,136.7625,10,5.5,mww,,63,1.119,0.69,us,us6000m0xt,2024-03-09T01:37:18.040Z,\"7 km NE of Anamizu, Japan\",earthquake,4.82,1.875,0.061,26,reviewed,us,us",
        "2024-01-02T03:14:22.150Z,95,-117.7403333,8.83,2.31,ml,62,44,0.05342,0.19,ci,ci40624560,2024-01-03T18:52:11.740Z,\"5 km SSW of Chino Hills, CA\",earthquake,0.17,0.41,0.147,98,reviewed,ci,ci",
        "2024-01-02T19:27:55.220Z,38.8215,-122.8031667,2.05,12.4,md,14,77,0.01098,0.02,nc,nc73972361,2024-01-02T21:13:04.863Z,\"8 km NW of The Geysers, CA\",earthquake,0.31,0.62,0.14,16,automatic,nc,nc",
        "2024-01-03T04:05:16.880Z,19.4048333,-155.2785,-0.84,1.92,md,32,62,0.008,0.13,hv,,2024-01-03T04:10:58.110Z,\"4 km SW of Volcano, Hawaii\",earthquake,0.29,0.46,0.21,21,automatic,hv,hv",
        "2024-01-09T17:59:03.245Z,80.3316,1.6583,10,4.5,mb,,96,8.511,0.67,us,us7000lvk9,2024-01-11T20:05:31.040Z,northern Svalbard,earthquake,9.87,1.94,0.113,23,reviewed,us",
        "2024-01-13T03:27:51.870Z,42.8112,13.1096,8.9,3.9,mb,,47,0.371,0.69,us,us7000lx3r,2024-01-20T11:45:08.040Z,\"3 km S of Norcia, Italy\",earthquake,3.8,1.8,0.106,25,reviewed,us,us",
    ].joined(separator: "\n") + "\n"

    private static let badRows = [
        USGSLoadReport.BadRow(line: 4, reason: "time \"2024-01-32T07:18:43.035Z\" is not a UTC time such as 2024-01-01T07:10:09.476Z"),
        USGSLoadReport.BadRow(line: 5, reason: "latitude 95 is outside -90…90"),
        USGSLoadReport.BadRow(line: 6, reason: "mag 12.4 is outside -2…10"),
        USGSLoadReport.BadRow(line: 7, reason: "id is empty"),
        USGSLoadReport.BadRow(line: 8, reason: "has 21 fields; the header has 22"),
    ]

    func testSkipLoadsTheGoodRowsAndReportsEachBadOneByLine() {
        parity(recipe: Self.recipe) { db, backend in
            let report = try load(db, csv: Self.badRowsCSV, onError: .skip)
            XCTAssertEqual(counts(report), [7, 2, 0, 0, 0, 5], "\(backend)")
            XCTAssertEqual(report.badRows, Self.badRows, "\(backend): lines count the quoted newline on line 2")
            XCTAssertEqual(try db.fetchAll("SELECT usgs_id, place FROM earthquakes ORDER BY usgs_id").map { try $0.decode(String.self, at: 1) },
                           ["2024 Noto Peninsula,\nJapan Earthquake", "3 km S of Norcia, Italy"], "\(backend)")
        }
    }

    func testRejectLeavesTheTableAsItWas() {
        parity(recipe: Self.recipe) { db, backend in
            _ = try load(db)
            let all = "SELECT id, usgs_id, magnitude, place, properties, updated_at FROM earthquakes ORDER BY usgs_id"
            let before = try db.fetchAll(all)
            // Good rows before and after the bad ones, across several batches: none of them stays.
            XCTAssertThrowsError(try load(db, csv: Self.badRowsCSV, batchSize: 1)) { error in
                guard case USGSCatalogueError.rejected(let report) = error else { return XCTFail("\(backend): \(error)") }
                XCTAssertEqual(report.badRows, Self.badRows, "\(backend)")
                XCTAssertEqual(counts(report), [7, 0, 0, 0, 0, 5], "\(backend)")
                XCTAssertTrue("\(error)".contains("5 bad rows; nothing was loaded"), "\(error)")
            }
            XCTAssertEqual(try db.fetchAll(all), before, "\(backend)")
        }
    }

    func testAnUnmigratedDatabaseIsRefusedBeforeReading() {
        parity { db, backend in
            XCTAssertThrowsError(try load(db)) { error in
                guard case USGSCatalogueError.notMigrated = error else { return XCTFail("\(backend): \(error)") }
                XCTAssertTrue("\(error)".contains("no earthquakes table; apply the reference schema first (meridian migrate up)"), "\(error)")
            }
            try db.execute("CREATE TABLE earthquakes (id TEXT, usgs_id TEXT)")
            XCTAssertThrowsError(try load(db)) { error in
                guard case USGSCatalogueError.incompatibleTable = error else { return XCTFail("\(backend): \(error)") }
            }
        }
    }
}

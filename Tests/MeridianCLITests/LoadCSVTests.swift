import Foundation
import MeridianTesting
import XCTest

/// `meridian load csv`: the USGS catalogue sample loaded and reloaded, bad rows skipped (exit 2)
/// or rejected (exit 1, nothing loaded), standard input, and the mistakes a user makes.
final class LoadCSVTests: CLITestCase {
    private static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    private static let sample = root.appendingPathComponent("Tests/Fixtures/usgs-catalogue-sample.csv").path
    private static let header = "time,latitude,longitude,depth,mag,magType,nst,gap,dmin,rms,net,id,updated,place,type,horizontalError,depthError,magError,magNst,status,locationSource,magSource"

    /// A sandbox migrated to the reference schema.
    private func migrated(_ backend: Backend) throws -> CLISandbox {
        let s = try sandbox(backend)
        XCTAssertSucceeds(try s.meridian(["migrate", "up", "--database", s.database, "--migrations", Self.root.appendingPathComponent(s.migrations).path]))
        return s
    }

    private func count(_ s: CLISandbox) throws -> Int {
        try s.query("SELECT count(*) AS n FROM earthquakes").first?["n"] as? Int ?? -1
    }

    /// Two good rows around five bad ones; line 2's place holds a line break.
    private func writeBadFile(_ s: CLISandbox) throws {
        try s.write("bad.csv", [
            Self.header,
            "2024-01-01T07:10:09.476Z,37.4873,137.2710,10,7.5,mww,,38,0.659,0.84,us,us6000m0xl,2024-03-26T16:29:45.254Z,\"2024 Noto Peninsula,\nJapan Earthquake\",earthquake,6.58,1.788,0.034,82,reviewed,us,us",
            "not a time,37.2458,136.7625,10,5.5,mww,,63,1.119,0.69,us,us6000m0xt,2024-03-09T01:37:18.040Z,\"7 km NE of Anamizu, Japan\",earthquake,4.82,1.875,0.061,26,reviewed,us,us",
            "2024-01-02T03:14:22.150Z,95,-117.7403333,8.83,2.31,ml,62,44,0.05342,0.19,ci,ci40624560,2024-01-03T18:52:11.740Z,\"5 km SSW of Chino Hills, CA\",earthquake,0.17,0.41,0.147,98,reviewed,ci,ci",
            "2024-01-02T19:27:55.220Z,38.8215,-122.8031667,2.05,12.4,md,14,77,0.01098,0.02,nc,nc73972361,2024-01-02T21:13:04.863Z,\"8 km NW of The Geysers, CA\",earthquake,0.31,0.62,0.14,16,automatic,nc,nc",
            "2024-01-03T04:05:16.880Z,19.4048333,-155.2785,-0.84,1.92,md,32,62,0.008,0.13,hv,,2024-01-03T04:10:58.110Z,\"4 km SW of Volcano, Hawaii\",earthquake,0.29,0.46,0.21,21,automatic,hv,hv",
            "2024-01-09T17:59:03.245Z,80.3316,1.6583,10,4.5,mb,,96,8.511,0.67,us,us7000lvk9,2024-01-11T20:05:31.040Z,northern Svalbard,earthquake,9.87,1.94,0.113,23,reviewed,us",
            "2024-01-13T03:27:51.870Z,42.8112,13.1096,8.9,3.9,mb,,47,0.371,0.69,us,us7000lx3r,2024-01-20T11:45:08.040Z,\"3 km S of Norcia, Italy\",earthquake,3.8,1.8,0.106,25,reviewed,us,us",
        ].joined(separator: "\r\n") + "\r\n")
    }

    private static let badRowLines = [
        "bad.csv:4: time \"not a time\" is not a UTC time",
        "bad.csv:5: latitude 95 is outside -90…90",
        "bad.csv:6: mag 12.4 is outside -2…10",
        "bad.csv:7: id is empty",
        "bad.csv:8: has 21 fields; the header has 22",
    ]

    func testLoadsAndReloadsTheSampleOnSQLite() throws { try loadsAndReloadsTheSample(migrated(.sqlite)) }
    func testLoadsAndReloadsTheSampleOnPostgres() throws { try loadsAndReloadsTheSample(migrated(.postgres)) }

    private func loadsAndReloadsTheSample(_ s: CLISandbox) throws {
        let first = try s.meridian(["load", "csv", Self.sample, "--database", s.database])
        XCTAssertSucceeds(first)
        XCTAssertTrue(first.stdout.contains("22 rows in"), "\(first)")
        XCTAssertTrue(first.stdout.contains("18 inserted, 1 updated, 0 unchanged, 3 ignored (other types), 0 rejected"), "\(first)")
        XCTAssertEqual(first.stderr, "", "no progress line when stderr is not a terminal")
        let again = try s.meridian(["load", "csv", Self.sample, "--database", s.database, "--json"])
        XCTAssertSucceeds(again)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any], "\(again)")
        XCTAssertEqual(json["loaded"] as? Bool, true)
        XCTAssertEqual(json["rows"] as? Int, 22)
        XCTAssertEqual(json["inserted"] as? Int, 0)
        XCTAssertEqual(json["updated"] as? Int, 0)
        XCTAssertEqual(json["unchanged"] as? Int, 19)
        XCTAssertEqual(json["ignored"] as? Int, 3)
        XCTAssertEqual(json["rejected"] as? Int, 0)
        XCTAssertEqual(try count(s), 18)
        let all = try s.meridian(["load", "csv", Self.sample, "--database", s.database, "--type", "all"])
        XCTAssertTrue(all.stdout.contains("3 inserted, 0 updated, 19 unchanged, 0 ignored"), "\(all)")
    }

    func testSkipLoadsTheGoodRowsAndExitsWith2OnSQLite() throws { try skipLoadsTheGoodRows(migrated(.sqlite)) }
    func testSkipLoadsTheGoodRowsAndExitsWith2OnPostgres() throws { try skipLoadsTheGoodRows(migrated(.postgres)) }

    private func skipLoadsTheGoodRows(_ s: CLISandbox) throws {
        try writeBadFile(s)
        let result = try s.meridian(["load", "csv", "bad.csv", "--on-error", "skip", "--database", s.database])
        XCTAssertEqual(result.status, 2, "\(result)")
        XCTAssertMentionsInOrder(result.stderr, Self.badRowLines)
        XCTAssertTrue(result.stdout.contains("7 rows in"), "\(result)")
        XCTAssertTrue(result.stdout.contains("2 inserted, 0 updated, 0 unchanged, 0 ignored (other types), 5 rejected"), "\(result)")
        XCTAssertEqual(try count(s), 2)
    }

    func testAnEmptyTypeIsABadRowNotAnIgnoredOneOnSQLite() throws { try emptyType(migrated(.sqlite)) }
    func testAnEmptyTypeIsABadRowNotAnIgnoredOneOnPostgres() throws { try emptyType(migrated(.postgres)) }

    /// A row whose type is empty, and a row of 21 commas, are reported as bad rows instead of
    /// being counted among the other event types; with --type all the first one loads.
    private func emptyType(_ s: CLISandbox) throws {
        try s.write("types.csv", [
            Self.header,
            "2024-01-13T03:27:51.870Z,42.8112,13.1096,8.9,3.9,mb,,47,0.371,0.69,us,us7000lx3r,2024-01-20T11:45:08.040Z,\"3 km S of Norcia, Italy\",earthquake,3.8,1.8,0.106,25,reviewed,us,us",
            "2024-01-09T17:59:03.245Z,80.3316,1.6583,10,4.5,mb,,96,8.511,0.67,us,us7000lvk9,2024-01-11T20:05:31.040Z,northern Svalbard,,9.87,1.94,0.113,23,reviewed,us,us",
            String(repeating: ",", count: 21),
        ].joined(separator: "\n") + "\n")
        let result = try s.meridian(["load", "csv", "types.csv", "--on-error", "skip", "--database", s.database])
        XCTAssertEqual(result.status, 2, "\(result)")
        XCTAssertMentionsInOrder(result.stderr, ["types.csv:3: type is empty", "types.csv:4: "])
        XCTAssertTrue(result.stdout.contains("1 inserted, 0 updated, 0 unchanged, 0 ignored (other types), 2 rejected"), "\(result)")
        let all = try s.meridian(["load", "csv", "types.csv", "--on-error", "skip", "--type", "all", "--database", s.database])
        XCTAssertTrue(all.stdout.contains("1 inserted, 0 updated, 1 unchanged, 0 ignored (other types), 1 rejected"), "\(all)")
    }

    func testRejectLoadsNothingAndExitsWith1OnSQLite() throws { try rejectLoadsNothing(migrated(.sqlite)) }
    func testRejectLoadsNothingAndExitsWith1OnPostgres() throws { try rejectLoadsNothing(migrated(.postgres)) }

    private func rejectLoadsNothing(_ s: CLISandbox) throws {
        XCTAssertSucceeds(try s.meridian(["load", "csv", Self.sample, "--database", s.database]))
        let before = try s.query("SELECT usgs_id, magnitude, updated_at FROM earthquakes ORDER BY usgs_id")
        try writeBadFile(s)
        let result = try s.meridian(["load", "csv", "bad.csv", "--database", s.database, "--json"])
        XCTAssertFailsCleanly(result, mentioning: Self.badRowLines + ["bad.csv: 5 bad rows; nothing was loaded (load the good rows with --on-error skip)"])
        XCTAssertEqual(result.status, 1)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result)")
        XCTAssertEqual(json["loaded"] as? Bool, false)
        XCTAssertEqual((json["badRows"] as? [[String: Any]])?.compactMap { $0["line"] as? Int }, [4, 5, 6, 7, 8])
        let after = try s.query("SELECT usgs_id, magnitude, updated_at FROM earthquakes ORDER BY usgs_id")
        XCTAssertEqual(after.count, before.count)
        let text = { (rows: [[String: Any]]) in rows.map { row in ["usgs_id", "magnitude", "updated_at"].map { "\(row[$0] ?? "")" }.joined(separator: "|") } }
        XCTAssertEqual(text(after), text(before), "the table is as it was")
    }

    func testReadsStandardInput() throws {
        let s = try migrated(.sqlite)
        let result = try s.meridian(
            ["load", "csv", "-", "--database", s.database], launcher: ["/bin/sh", "-c", "exec \"$0\" \"$@\" < '\(Self.sample)'"])
        XCTAssertSucceeds(result)
        XCTAssertTrue(result.stdout.hasPrefix("stdin: 22 rows in"), "\(result)")
        XCTAssertEqual(try count(s), 18)
    }

    func testAnUnmigratedDatabaseSaysWhatToDoOnSQLite() throws { try unmigrated(sandbox(.sqlite)) }
    func testAnUnmigratedDatabaseSaysWhatToDoOnPostgres() throws { try unmigrated(sandbox(.postgres)) }

    private func unmigrated(_ s: CLISandbox) throws {
        try s.createDatabase()
        let result = try s.meridian(["load", "csv", Self.sample, "--database", s.database])
        XCTAssertFailsCleanly(result, mentioning: ["usgs-catalogue-sample.csv: the database has no earthquakes table", "meridian migrate up"])
        XCTAssertEqual(result.status, 1)
    }

    func testInputMistakesAreNamed() throws {
        let s = try migrated(.sqlite)
        try s.write("no-id.csv", "time,latitude,longitude,depth,mag,place\n2024-01-01T07:10:09.476Z,37.4873,137.2710,10,7.5,Noto\n")
        XCTAssertFailsCleanly(try s.meridian(["load", "csv", "no-id.csv", "--database", s.database]), mentioning: ["no-id.csv: line 1: the header has no id column"])
        try s.write("no-type.csv", "time,latitude,longitude,mag,id\n2024-01-01T07:10:09.476Z,37.4873,137.2710,7.5,us1\n")
        XCTAssertFailsCleanly(try s.meridian(["load", "csv", "no-type.csv", "--database", s.database]), mentioning: ["no type column", "--type all"])
        XCTAssertSucceeds(try s.meridian(["load", "csv", "no-type.csv", "--type", "all", "--database", s.database]))
        try s.write("empty.csv", "")
        XCTAssertFailsCleanly(try s.meridian(["load", "csv", "empty.csv", "--database", s.database]), mentioning: ["empty.csv: the input is empty"])
        XCTAssertFailsCleanly(try s.meridian(["load", "csv", "missing.csv", "--database", s.database]), mentioning: ["missing.csv: no such file"])
        let policy = try s.meridian(["load", "csv", Self.sample, "--on-error", "ignore", "--database", s.database])
        XCTAssertEqual(policy.status, 64, "\(policy)")
        XCTAssertTrue(policy.stderr.contains("reject") && policy.stderr.contains("skip"), "\(policy)")
    }
}

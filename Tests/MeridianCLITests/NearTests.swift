import Foundation
import MeridianTesting
import XCTest

/// `meridian near`: a nearest search within a radius from the command line, the same rows on
/// both backends, and its bad input.
final class NearTests: CLITestCase {
    private static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A migrated database with 3,000 generated earthquakes.
    private func withEarthquakes(_ backend: Backend) throws -> CLISandbox {
        let s = try sandbox(backend)
        let migrations = Self.root.appendingPathComponent(s.migrations).path
        XCTAssertSucceeds(try s.meridian(["migrate", "up", "--database", s.database, "--migrations", migrations]))
        XCTAssertSucceeds(try s.meridian([
            "fixtures", "generate", "--database", s.database, "--seed", "5", "--earthquakes", "3000", "--volcanic-activity", "0",
            "--solar-events", "0", "--meteor-showers", "0", "--ephemeris", "0",
        ]))
        return s
    }

    /// Near Tokyo, and near Fiji across the antimeridian: the same rows, in the same order, on
    /// both backends; nearest first and within the radius.
    func testNearestFirstAndTheSameOnBothBackends() throws {
        let searches = [
            ["--lat", "35.68", "--lon", "139.69", "--km", "400", "--limit", "15"],
            ["--lat", "-18", "--lon", "179.9", "--km", "600", "--limit", "1000"],
        ]
        var outputs: [[String]] = []
        for backend in Backend.allCases {
            let s = try withEarthquakes(backend)
            outputs.append(try searches.map { search in
                let result = try s.meridian(["near", "--database", s.database, "--select", "usgs_id,magnitude,place", "--json"] + search)
                XCTAssertSucceeds(result)
                let rows = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]], "\(result)")
                let distances = rows.compactMap { ($0["distance_km"] as? NSNumber)?.doubleValue }
                XCTAssertEqual(distances.count, rows.count)
                XCTAssertEqual(distances, distances.sorted(), "[\(backend)] nearest first")
                XCTAssertLessThanOrEqual(distances.last ?? 0, Double(search[5])!, "[\(backend)] within the radius")
                XCTAssertLessThanOrEqual(rows.count, Int(search[7])!)
                XCTAssertGreaterThan(rows.count, 5, "[\(backend)] \(search)")
                XCTAssertEqual(Set(rows.flatMap(\.keys)), ["distance_km", "usgs_id", "magnitude", "place"])
                return result.stdout
            })
            if backend == .sqlite {
                let text = try s.meridian(["near", "--database", s.database, "--lat", "35.68", "--lon", "139.69", "--km", "400", "--limit", "3"])
                XCTAssertSucceeds(text)
                XCTAssertMentionsInOrder(text.stdout, ["3 rows of earthquakes within 400 km of 35.68, 139.69, nearest first (at most 3):", "distance_km", "usgs_id"])
            }
        }
        XCTAssertEqual(outputs.count, 2)
        XCTAssertEqual(outputs[0], outputs[1])
    }

    /// Rows at the same distance, whose primary keys are random UUIDs each database drew for
    /// itself, come in the same order on both backends: ordered by the natural key (`usgs_id`).
    func testTiesAreOrderedByTheNaturalKeyOnBothBackends() throws {
        var outputs: [String] = []
        for backend in Backend.allCases {
            let s = try sandbox(backend)
            XCTAssertSucceeds(try s.meridian(["migrate", "up", "--database", s.database, "--migrations", Self.root.appendingPathComponent(s.migrations).path]))
            for code in ["us-c", "us-a", "us-d", "us-b"] {
                let point = backend.expect(sqlite: "MakePoint(10, 20, 4326)", postgres: "ST_SetSRID(ST_MakePoint(10, 20), 4326)::geography")
                XCTAssertSucceeds(try s.meridian([
                    "query", "--database", s.database,
                    "INSERT INTO earthquakes (usgs_id, magnitude, occurred_at, location) VALUES ('\(code)', 5, '2024-01-01T00:00:00.000000Z', \(point))",
                ]))
            }
            let near = try s.meridian(["near", "--database", s.database, "--lat", "20", "--lon", "10", "--km", "1", "--limit", "3", "--select", "usgs_id", "--json"])
            XCTAssertSucceeds(near)
            XCTAssertEqual(try (JSONSerialization.jsonObject(with: Data(near.stdout.utf8)) as? [[String: Any]])?.map { $0["usgs_id"] as? String }, ["us-a", "us-b", "us-c"], "[\(backend)]")
            outputs.append(near.stdout)
        }
        XCTAssertEqual(outputs.first, outputs.last)
    }

    func testBadInputIsRefused() throws {
        let s = try sandbox(.sqlite)
        func near(_ arguments: String...) throws -> CLIResult { try s.meridian(["near", "--database", s.database] + arguments) }
        XCTAssertFailsCleanly(try near("--lat", "95", "--lon", "0", "--km", "10"), mentioning: ["--lat must lie within -90…90, not 95"])
        XCTAssertFailsCleanly(try near("--lat", "0", "--lon", "-181", "--km", "10"), mentioning: ["--lon must lie within -180…180"])
        XCTAssertFailsCleanly(try near("--lat", "0", "--lon", "0", "--km", "-1"), mentioning: ["--km must be 0 or more"])
        XCTAssertFailsCleanly(try near("--lat", "0", "--lon", "0"), mentioning: ["--km"])
        XCTAssertFailsCleanly(try near("--lat", "0", "--lon", "0", "--km", "10"), mentioning: ["db.sqlite does not exist"], "no database yet")
        try s.createDatabase()
        XCTAssertFailsCleanly(try near("--lat", "0", "--lon", "0", "--km", "10"), mentioning: ["earthquakes"], "no such table yet")
    }
}

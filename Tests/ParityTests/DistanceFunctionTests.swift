import Foundation
import Meridian
import MeridianTesting
import XCTest

/// `calculate_distance_km(lat1, lon1, lat2, lon2)`, created by the reference database's
/// `0003_create_functions` (PostGIS on PostgreSQL, the driver's ``Geodesic`` on SQLite), measures
/// the published geodesic distances, and the two backends agree to far below a millimetre.
final class DistanceFunctionTests: ParityTestCase {
    private static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Runs the migration's script of `direction` ("up" or "down") for `backend` on `db`.
    private static func run(_ direction: String, _ db: any DatabaseConnection, _ backend: Backend) throws {
        let folder = backend.expect(sqlite: "migrations-sqlite", postgres: "migrations-postgres")
        let file = root.appendingPathComponent(folder).appendingPathComponent("0003_create_functions.\(direction).sql")
        try db.executeScript(try String(contentsOf: file, encoding: .utf8))
    }

    private static func kilometres(_ db: any DatabaseConnection, _ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double) throws -> Double? {
        try db.fetchValue(
            Double.self, "SELECT calculate_distance_km($1, $2, $3, $4)", [.double(lat1), .double(lon1), .double(lat2), .double(lon2)])
    }

    /// Lines of GeographicLib's GeodTest.dat (as quoted in GeographicLib's own test suites):
    /// lat1, lon1, lat2, lon2 in degrees, s12 in metres, exact to 1e-8 m. Longitudes past ±180
    /// there are given here less 360°, which changes no distance.
    static let geodTest: [(Double, Double, Double, Double, Double)] = [
        (35.60777, -139.44815, -11.17491, -69.95921, 8_935_244.560_481_830_5),
        (55.52454, 106.05087, 77.03196, 197.18234 - 360, 4_105_086.171_392_440_6),
        (-21.97856, 142.59065, 41.84138, 98.56635, 8_394_328.894_657_671),
        (-66.99028, 112.2363, -12.70631, 285.90344 - 360, 11_150_344.231_208_024_1),
        (-17.42761, 173.34268, -15.84784, 5.93557, 16_076_603.163_118_067_3),
        (32.84994, 48.28919, -56.28556, 202.29132 - 360, 16_727_068.943_816_446_1),
        (6.96833, 52.74123, -7.39675, 206.17291 - 360, 17_102_477.249_695_838_8),
        (-50.56724, -16.30485, -33.56571, -94.97412, 6_455_670.511_866_869_6),
        (-87.85331, 85.66836, 66.48646, 16.09921, 17_286_615.314_714_464_5),
        (-19.79938, -174.47484, -11.99349, -154.35109, 2_319_004.860_116_938_9),
        (-25.72959, -144.90758, -57.70581, -269.17879 + 360, 9_413_446.745_245_310_7),
        (-29.47124, 95.14681, -27.46601, -69.15955, 13_487_015.838_114_549_2),
    ]

    /// Nearly antipodal pairs from GeographicLib's regression tests (GeodSolve6, 9, 10, 11), whose
    /// distances are published to the millimetre.
    static let nearlyAntipodal: [(Double, Double, Double, Double, Double)] = [
        (88.202499451857, 0, -88.202499451857, 179.981022032992859592, 20_003_898.214),
        (89.262080389218, 0, -89.262080389218, 179.992207982775375662, 20_003_925.854),
        (89.333123580033, 0, -89.333123580032997687, 179.99295812360148422, 20_003_926.881),
        (56.320923501171, 0, -56.320923501171, 179.664747671772880215, 19_993_558.287),
        (52.784459512564, 0, -52.784459512563990912, 179.634407464943777557, 19_991_596.095),
        (48.522876735459, 0, -48.52287673545898293, 179.599720456223079643, 19_989_144.774),
    ]

    /// A quarter meridian of WGS84 from its series in the third flattening n, Q = π/4 (a + b)
    /// (1 + n²/4 + n⁴/64 + n⁶/256 + 25 n⁸/16384), independent of any geodesic code.
    static let quarterMeridian: Double = {
        let a = Geodesic.equatorialRadius, b = Geodesic.polarRadius
        let n = (a - b) / (a + b), n2 = n * n
        return Double.pi / 4 * (a + b) * (1 + n2 / 4 + n2 * n2 / 64 + n2 * n2 * n2 / 256 + 25 * n2 * n2 * n2 * n2 / 16384)
    }()

    /// Places whose distance is a closed form: both poles, the equator, antipodes, and arcs
    /// across the antimeridian (an equatorial arc is a·Δλ while Δλ ≤ (1 − f)·180°).
    static var closedForms: [(String, Double, Double, Double, Double, Double)] {
        let a = Geodesic.equatorialRadius, q = quarterMeridian
        return [
            ("pole to pole", 90, 0, -90, 0, 2 * q),
            ("pole to pole, other longitudes", 90, 37, -90, -120, 2 * q),
            ("north pole to the equator", 90, 0, 0, 123.4, q),
            ("south pole to the equator", -90, 45, 0, -179.9, q),
            ("the north pole under two longitudes", 90, -180, 90, 180, 0),
            ("equatorial antipodes (over a pole)", 0, 0, 0, 180, 2 * q),
            ("equatorial antipodes across the antimeridian", 0, -90, 0, 90, 2 * q),
            ("a quarter of the equator", 0, 0, 0, 90, a * .pi / 2),
            ("one degree of equator across the antimeridian", 0, 179.5, 0, -179.5, a * .pi / 180),
            ("the antimeridian under both names", 0, 180, 0, -180, 0),
            ("the same point", 12.5, -45.25, 12.5, -45.25, 0),
        ]
    }

    func testTheMigrationCreatesTheFunctionAndItsDownLeavesNoneBehind() {
        parity { db, backend in
            try Self.run("up", db, backend)
            XCTAssertEqual(try Self.kilometres(db, 0, 0, 0, 0), 0, "\(backend)")
            let deterministic = try db.fetchValue(
                Bool.self,
                backend.expect(
                    sqlite: "SELECT (flags & 2048) != 0 FROM pragma_function_list WHERE name = 'calculate_distance_km'",
                    postgres: "SELECT provolatile = 'i' AND proisstrict FROM pg_proc WHERE proname = 'calculate_distance_km'"))
            XCTAssertEqual(deterministic, true, "\(backend): deterministic (immutable), NULL in NULL out")
            try Self.run("down", db, backend)
            // SQLite's function belongs to the driver and outlives the migration.
            var afterDown: DatabaseError.Kind?
            do { _ = try Self.kilometres(db, 0, 0, 0, 0) } catch let error as DatabaseError { afterDown = error.kind }
            XCTAssertEqual(afterDown, backend.expect(sqlite: nil, postgres: .undefinedObject), "\(backend)")
        }
    }

    func testPublishedGeodesicDistances() {
        parity { db, backend in
            try Self.run("up", db, backend)
            for (lat1, lon1, lat2, lon2, meters) in Self.geodTest {
                let km = try XCTUnwrap(try Self.kilometres(db, lat1, lon1, lat2, lon2))
                XCTAssertEqual(km * 1000, meters, accuracy: 1e-6, "\(backend): GeodTest \(lat1), \(lon1) → \(lat2), \(lon2)")
                XCTAssertEqual(try Self.kilometres(db, lat2, lon2, lat1, lon1), km, "\(backend): symmetric")
            }
            for (lat1, lon1, lat2, lon2, meters) in Self.nearlyAntipodal {
                let km = try XCTUnwrap(try Self.kilometres(db, lat1, lon1, lat2, lon2))
                XCTAssertEqual(km * 1000, meters, accuracy: 0.5e-3, "\(backend): nearly antipodal \(lat1), \(lon1) → \(lat2), \(lon2)")
            }
            for (name, lat1, lon1, lat2, lon2, meters) in Self.closedForms {
                let km = try XCTUnwrap(try Self.kilometres(db, lat1, lon1, lat2, lon2))
                XCTAssertEqual(km * 1000, meters, accuracy: 1e-6, "\(backend): \(name)")
            }
        }
    }

    /// A few hundred seeded pairs, a third of them within a degree of each other's antipode:
    /// each backend against the Swift geodesic, and the two backends against each other.
    func testTheBackendsAgreeOnRandomPairs() {
        var generator = SeededGenerator(seed: 40_003)
        var pairs: [(Double, Double, Double, Double)] = []
        for index in 0..<300 {
            let lat1 = asin(generator.uniform(-1, 1)) * 180 / .pi, lon1 = generator.uniform(-180, 180)
            if index.isMultiple(of: 3) {
                let lat2 = max(-90, min(90, -lat1 + generator.uniform(-1, 1)))
                pairs.append((lat1, lon1, lat2, remainder(lon1 + 180 + generator.uniform(-1, 1), 360)))
            } else {
                pairs.append((lat1, lon1, asin(generator.uniform(-1, 1)) * 180 / .pi, generator.uniform(-180, 180)))
            }
        }
        var results: [Backend: [Double]] = [:]
        parity { db, backend in
            try Self.run("up", db, backend)
            var kilometres: [Double] = []
            var worst = 0.0
            for (lat1, lon1, lat2, lon2) in pairs {
                let km = try XCTUnwrap(try Self.kilometres(db, lat1, lon1, lat2, lon2))
                let swift = Geodesic.distance(from: Position(x: lon1, y: lat1), to: Position(x: lon2, y: lat2)).meters
                worst = max(worst, (km * 1000 - swift).magnitude)
                kilometres.append(km)
            }
            XCTAssertLessThan(worst, 1e-6, "\(backend): largest difference from the Swift geodesic, metres")
            print("calculate_distance_km on \(backend): largest difference from the Swift geodesic \(worst * 1000) mm")
            results[backend] = kilometres
        }
        guard let sqlite = results[.sqlite], let postgres = results[.postgres] else { return }
        let worst = zip(sqlite, postgres).map { ($0 - $1).magnitude * 1000 }.max() ?? 0
        XCTAssertLessThan(worst, 1e-3, "the backends differ by \(worst) m")
        print("calculate_distance_km: largest difference between the backends \(worst * 1000) mm over \(pairs.count) pairs")
    }

    func testNullInNullOut() {
        parity { db, backend in
            try Self.run("up", db, backend)
            for position in 0..<4 {
                var arguments: [DatabaseValue] = [.double(95), .double(10), .double(20), .double(30)]
                arguments[position] = .null
                let value = try db.fetchOne("SELECT calculate_distance_km($1, $2, $3, $4)", arguments)?[0]
                XCTAssertEqual(value, .null, "\(backend): NULL as argument \(position + 1), even beside a bad latitude")
            }
        }
    }

    /// Off the globe, infinite, NaN or not a number: the same error kind on both backends, the
    /// same reason naming the argument, and its value in `nativeMessage` (not in `description`,
    /// which never holds bound values).
    func testBadArgumentsAreRefusedAlike() {
        let cases: [(arguments: [DatabaseValue], reason: String, value: String)] = [
            ([95, 0, 0, 0], "lat1 is outside -90…90", "lat1 = 95"),
            ([0, 0, -90.5, 0], "lat2 is outside -90…90", "lat2 = -90.5"),
            ([0, 180.5, 0, 0], "lon1 is outside -180…180", "lon1 = 180.5"),
            ([0, 0, 0, -181], "lon2 is outside -180…180", "lon2 = -181"),
            ([0, 0, .double(.infinity), 0], "lat2 is outside -90…90", "lat2 = Infinity"),
            ([0, .double(-.infinity), 0, 0], "lon1 is outside -180…180", "lon1 = -Infinity"),
            ([120, 45, 10, 20], "lat1 is outside -90…90", "lat1 = 120"),
        ]
        parity { db, backend in
            try Self.run("up", db, backend)
            for (arguments, reason, value) in cases {
                let error = Fixtures.databaseError { _ = try db.fetchAll("SELECT calculate_distance_km($1, $2, $3, $4)", arguments) }
                XCTAssertEqual(error?.kind, .invalidValue, "\(backend), \(value): \(String(describing: error))")
                XCTAssertEqual(
                    error?.reason, "calculate_distance_km: \(reason) (the arguments are lat1, lon1, lat2, lon2 in degrees)", "\(backend)")
                XCTAssertTrue(error?.nativeMessage?.contains(value) ?? false, "\(backend): \(String(describing: error?.nativeMessage))")
                XCTAssertFalse(error?.description.contains(value) ?? true, "\(backend): \(String(describing: error))")
            }
            let text = Fixtures.databaseError { _ = try db.fetchAll("SELECT calculate_distance_km('north', 0, 0, 0)") }
            XCTAssertEqual(text?.kind, .invalidValue, "\(backend): \(String(describing: text))")
            let nan = Fixtures.databaseError { _ = try db.fetchAll("SELECT calculate_distance_km($1, 0, 0, 0)", [.double(.nan)]) }
            XCTAssertEqual(nan?.kind, .invalidValue, "\(backend): NaN is refused before it reaches either engine")
        }
    }
}

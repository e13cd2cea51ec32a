import Foundation
import Meridian
import MeridianTesting
import XCTest

/// A radius search returns exactly the points an independent geodesic computation in Swift says
/// lie within the radius, the same rows on both backends, through the spatial index, also
/// across the antimeridian and at the poles.
final class RadiusSearchTests: ParityTestCase {
    struct Search: Sendable {
        let name: String
        let center: Position
        let radius: Distance
    }

    static let searches: [Search] = [
        Search(name: "crossing the antimeridian eastward", center: Position(x: 179.9, y: 10), radius: .kilometers(50)),
        Search(name: "crossing the antimeridian westward", center: Position(x: -179.9, y: -35), radius: .kilometers(300)),
        Search(name: "centred on the antimeridian", center: Position(x: 180, y: 0), radius: .kilometers(100)),
        Search(name: "reaching the north pole", center: Position(x: 10, y: 89.9), radius: .kilometers(50)),
        Search(name: "reaching the south pole", center: Position(x: -60, y: -89.5), radius: .kilometers(120)),
        Search(name: "near the pole, wide in longitude", center: Position(x: 45, y: 88), radius: .kilometers(150)),
        Search(name: "on the equator", center: Position(x: 0, y: 0), radius: .kilometers(1000)),
        Search(name: "one metre", center: Position(x: 2.35, y: 48.85), radius: .meters(1)),
        Search(name: "20 000 km, all but the antipode", center: Position(x: -73.98, y: 40.75), radius: .kilometers(20_000)),
        Search(name: "large, split at the antimeridian", center: Position(x: 150, y: 60), radius: .kilometers(1500)),
        Search(name: "large, southern, split", center: Position(x: -170, y: -70), radius: .kilometers(800)),
        Search(name: "large, over the pole and the antimeridian", center: Position(x: 170, y: 75), radius: .kilometers(2000)),
    ]

    /// Points within this distance of a search's radius are left out of its comparison: the
    /// engines and the Swift geodesic agree to about 1e-8 m, so 1 mm is far from flaky.
    static let boundaryTolerance = 0.001

    /// About 3,500 deterministic points: uniform over the globe; a disc around each search
    /// centre (1.5 × its radius; 10 km around the antipode for the 20 000 km search); both polar caps
    /// and the poles themselves; the antimeridian under both names; and 24 points a search just
    /// 2 cm inside or outside its radius, at azimuths that probe every box edge.
    static let points: [Position] = {
        var generator = SeededGenerator(seed: 20_240_611)
        var points: [Position] = []
        for _ in 0..<1600 {
            points.append(Position(x: generator.uniform(-180, 180), y: asin(generator.uniform(-1, 1)) * 180 / .pi))
        }
        for search in searches {
            let isHalfTheWorld = search.radius.meters > 1e7
            // The few kilometres around the antipode are what 20 000 km leaves out.
            let center = isHalfTheWorld ? Position(x: remainder(search.center.x + 180, 360), y: -search.center.y) : search.center
            let spread = isHalfTheWorld ? 10_000 : 1.5 * search.radius.meters
            for _ in 0..<100 {
                let distance = spread * generator.uniform(0, 1).squareRoot()
                points.append(Geodesic.destination(from: center, azimuth: generator.uniform(0, 360), distance: .meters(distance)))
            }
            for step in 0..<24 {
                let offset = step.isMultiple(of: 2) ? 0.02 : -0.02
                points.append(Geodesic.destination(from: search.center, azimuth: Double(step) * 15, distance: .meters(search.radius.meters + offset)))
            }
        }
        for _ in 0..<200 {
            points.append(Position(x: generator.uniform(-180, 180), y: generator.uniform(89, 90)))
            points.append(Position(x: generator.uniform(-180, 180), y: generator.uniform(-90, -89)))
        }
        points += [
            Position(x: 0, y: 90), Position(x: -135, y: 90), Position(x: 0, y: -90), Position(x: 77, y: -90),
            Position(x: 180, y: 0.5), Position(x: -180, y: -0.5), Position(x: 180, y: 10.1), Position(x: -180, y: 9.9),
            Position(x: 180, y: -35), Position(x: -180, y: -35.2), Position(x: 2.35, y: 48.85),
        ]
        return points
    }()

    /// For one search, the ids that must be returned and the ids too close to the radius to judge.
    struct Expectation: Sendable {
        var inside: Set<Int64> = []
        var undecided: Set<Int64> = []
    }

    /// Each search's expectation from the exact geodesic (``Geodesic/distance(from:to:)``),
    /// computed once for both backends. A great-circle distance on the mean sphere settles the
    /// points far from the radius: WGS84's scale against that sphere lies between 0.9944
    /// (north–south at the equator) and 1.0045 (at the poles), so outside a ±1 % band the
    /// answer cannot change.
    static let expectations: [Expectation] = searches.map { search in
        var expectation = Expectation()
        let r = search.radius.meters
        for (index, point) in points.enumerated() {
            let id = Int64(index + 1)
            let rough = PlacesTable.greatCircleDistance(search.center, point)
            if rough * 1.01 < r - boundaryTolerance {
                expectation.inside.insert(id)
                continue
            }
            if rough * 0.99 > r + boundaryTolerance { continue }
            let exact = Geodesic.distance(from: search.center, to: point).meters
            if (exact - r).magnitude <= boundaryTolerance {
                expectation.undecided.insert(id)
            } else if exact < r {
                expectation.inside.insert(id)
            }
        }
        return expectation
    }

    private static func load(_ db: any DatabaseConnection) throws {
        try PlacesTable.load(points, into: db)
    }

    func testSearchesReturnExactlyThePointsWithinTheRadius() {
        let expectations = Self.expectations
        for (search, expectation) in zip(Self.searches, expectations) {
            XCTAssertLessThanOrEqual(expectation.undecided.count, 2, "\(search.name): the data should not crowd the boundary")
        }
        XCTAssertTrue(expectations.allSatisfy { !$0.inside.isEmpty && $0.inside.count < Self.points.count }, "every search splits the points")
        parity { db, backend in
            try Self.load(db)
            for (search, expectation) in zip(Self.searches, expectations) {
                let rows = try db.fetchWithin(search.radius, of: search.center, table: "places", column: "location", select: ["id"])
                let ids = try rows.map { try $0.decode(Int64.self, at: 0) }
                XCTAssertEqual(ids.count, Set(ids).count, "\(backend), \(search.name): no row twice")
                let found = Set(ids).subtracting(expectation.undecided)
                XCTAssertEqual(found.count, expectation.inside.count, "\(backend), \(search.name)")
                XCTAssertEqual(
                    found.subtracting(expectation.inside).sorted(), [], "\(backend), \(search.name): found beyond \(search.radius)")
                XCTAssertEqual(
                    expectation.inside.subtracting(found).sorted(), [], "\(backend), \(search.name): missed within \(search.radius)")
            }
        }
    }

    /// The circle is closed on both backends: a point computed to lie exactly on it
    /// (``Geodesic/destination(from:azimuth:distance:)`` at the radius) is found, one a millimetre
    /// outside is not, one a millimetre inside is; across the antimeridian, over a pole, for a
    /// zero radius and for half the globe.
    func testAPointExactlyOnTheRadiusIsWithinIt() {
        let cases: [(center: Position, radius: Distance)] = [
            (Position(x: 0, y: 0), .meters(1)), (Position(x: 179.99, y: 10), .kilometers(5)),
            (Position(x: 45, y: 89.95), .kilometers(20)), (Position(x: -73.98, y: 40.75), .kilometers(19_000)),
            (Position(x: 2.35, y: 48.85), .zero),
        ]
        let azimuths = stride(from: 0.0, to: 360, by: 45).map { $0 + 7.5 }
        var points: [Position] = []
        var expected: [(ids: Set<Int64>, inside: Set<Int64>)] = []
        for (center, radius) in cases {
            var ids = Set<Int64>(), inside = Set<Int64>()
            for azimuth in azimuths {
                for (offset, isInside) in [(0.0, true), (0.001, false), (-0.001, true)] where radius.meters + offset >= 0 {
                    points.append(Geodesic.destination(from: center, azimuth: azimuth, distance: .meters(radius.meters + offset)))
                    ids.insert(Int64(points.count))
                    if isInside { inside.insert(Int64(points.count)) }
                }
            }
            expected.append((ids, inside))
        }
        parity { db, backend in
            try PlacesTable.load(points, into: db)
            for ((center, radius), (ids, inside)) in zip(cases, expected) {
                let found = Set(try PlacesTable.ids(db.fetchWithin(radius, of: center, table: "places", column: "location", select: ["id"])))
                XCTAssertEqual(found.intersection(ids).sorted(), inside.sorted(), "\(backend), \(radius) around \(center)")
            }
        }
    }

    /// The dialect's distance expression measures what the Swift geodesic measures.
    func testDistanceAgreesWithTheSwiftGeodesic() {
        let search = Self.searches[1]
        parity { db, backend in
            try Self.load(db)
            let point = db.dialect.geographicPoint(longitude: "$1", latitude: "$2")
            let distance = db.dialect.geodesicDistance(db.dialect.quote("location"), point)
            let rows = try db.fetchAll(
                "SELECT id, \(distance) FROM places WHERE id % 7 = 0 ORDER BY id", [.double(search.center.x), .double(search.center.y)])
            XCTAssertEqual(rows.count, Self.points.count / 7, "\(backend)")
            for row in rows {
                let id = try row.decode(Int64.self, at: 0)
                let expected = Geodesic.distance(from: search.center, to: Self.points[Int(id - 1)]).meters
                XCTAssertEqual(try row.decode(Double.self, at: 1), expected, accuracy: 1e-6, "\(backend), id \(id)")
            }
        }
    }

    /// SpatiaLite reads its R*Tree only when the query names it; PostGIS finds its GiST index.
    /// EXPLAIN output has nothing in common (DIVERGENCES.md 39), so each backend's plan is read
    /// for its own index name.
    func testTheSearchReadsTheSpatialIndex() {
        parity { db, backend in
            try Self.load(db)
            for search in [Self.searches[0], Self.searches[3]] {
                let (sql, arguments) = db.dialect.radiusSearch(
                    RadiusSearch(table: "places", column: "location", center: search.center, radius: search.radius, select: ["id"]))
                let plan = try PlacesTable.plan(db, backend, sql, arguments)
                XCTAssertTrue(plan.contains(PlacesTable.indexName(backend)), "\(backend), \(search.name): \(plan)")
                if backend == .sqlite {
                    XCTAssertTrue(plan.contains("USING INTEGER PRIMARY KEY"), "rows fetched by rowid: \(plan)")
                }
            }
        }
    }

    /// SQLite matches the R*Tree's `pkid` on the rowid, so a table keyed by text works too; a
    /// zero radius finds the point at the centre.
    func testTablesWithoutAnIntegerKeyAndARadiusOfZero() {
        let sites = TableDefinition(
            "sites", columns: [.init("code", .text, nullable: false), .init("at", .geometry(.point, srid: 4326), nullable: false)],
            primaryKey: ["code"])
        parity { db, backend in
            try db.create(sites)
            let rows: [(String, Double, Double)] = [("KEV", 27.0, 69.76), ("SOD", 26.63, 67.37), ("WEST", -179.99, 12), ("EAST", 179.99, 12)]
            for (code, x, y) in rows {
                try db.execute("INSERT INTO sites (code, at) VALUES ($1, $2)", [.text(code), .geometry(.point(x: x, y: y))])
            }
            func codes(_ radius: Distance, _ center: Position) throws -> [String] {
                try db.fetchWithin(radius, of: center, table: "sites", column: "at", select: ["code"]).map { try $0.decode(String.self, at: 0) }.sorted()
            }
            XCTAssertEqual(try codes(.kilometers(300), Position(x: 26.8, y: 68.5)), ["KEV", "SOD"], "\(backend)")
            XCTAssertEqual(try codes(.kilometers(3), Position(x: 180, y: 12)), ["EAST", "WEST"], "\(backend)")
            XCTAssertEqual(try codes(.zero, Position(x: 26.63, y: 67.37)), ["SOD"], "\(backend)")
            XCTAssertEqual(try codes(.meters(1), Position(x: 26.63, y: 67.370_01)), [], "\(backend): 1.1 m away")
            let all = try db.fetchWithin(.kilometers(1), of: Position(x: 27, y: 69.76), table: "sites", column: "at")
            XCTAssertEqual(all.first?.columnNames, ["code", "at"], "\(backend): every column when none are named")
            XCTAssertEqual(try all.first?.decode(Geometry.self, at: 1), .point(x: 27, y: 69.76), "\(backend)")
        }
    }

    func testACentreOffTheGlobeOrANegativeRadiusIsRefusedBeforeAnythingRuns() {
        parity { db, backend in
            for (center, radius) in [(Position(x: 10, y: 95), Distance.meters(1)), (Position(x: 0, y: 0), .meters(-1))] {
                let error = Fixtures.databaseError {
                    _ = try db.fetchWithin(radius, of: center, table: "no_such_table", column: "location")
                }
                XCTAssertEqual(error?.kind, .invalidValue, "\(backend): \(String(describing: error))")
            }
        }
    }
}

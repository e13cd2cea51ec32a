import Foundation
import Meridian
import MeridianTesting
import XCTest

/// A nearest-N search returns the rows an independent geodesic computation in Swift ranks first,
/// in the documented order (whole millimetres, then id), the same list on both backends, through
/// the spatial index, also across the antimeridian, at and near the poles, among ties, and when
/// N is larger than the table.
final class NearestSearchTests: ParityTestCase {
    struct Search: Sendable {
        let name: String
        let center: Position
        let count: Int
        var maximumDistance: Distance? = nil
    }

    /// Where the deliberate ties are: a ring, mirror pairs and repeated points around it.
    static let tieCenter = Position(x: 10.5, y: 45.25)

    static let searches: [Search] = [
        Search(name: "on the antimeridian", center: Position(x: 180, y: 0), count: 25),
        Search(name: "just west of the antimeridian's other name", center: Position(x: -179.99, y: 0.1), count: 40),
        Search(name: "at the north pole", center: Position(x: 0, y: 90), count: 30),
        Search(name: "near the north pole", center: Position(x: 33, y: 89.99), count: 10),
        Search(name: "near the south pole", center: Position(x: -60, y: -89.9), count: 30),
        Search(name: "at the south pole", center: Position(x: 0, y: -90), count: 5),
        Search(name: "among ties", center: tieCenter, count: 30),
        Search(name: "in an empty ocean, so the radius grows", center: Position(x: -140, y: -40), count: 3),
        Search(name: "more than the table holds", center: Position(x: 0, y: 0), count: 100_000),
        Search(name: "within a maximum distance", center: Position(x: 10, y: 45), count: 500, maximumDistance: .kilometers(300)),
        Search(name: "exactly on a point", center: Position(x: 180, y: 0), count: 1),
    ]

    /// About 1,300 deterministic points: uniform over the globe, except an empty patch of ocean
    /// 1,500 km around (-140, -40); clusters at the antimeridian and both poles, with the poles
    /// themselves under several longitudes; and around ``tieCenter`` a ring of 12 points at
    /// 5 km + 0.4 mm (in the middle of a millimetre, so every engine puts them in the same one),
    /// mirror pairs about its meridian, and one position stored three times.
    static let points: [Position] = {
        var generator = SeededGenerator(seed: 20_240_612)
        var points: [Position] = []
        while points.count < 900 {
            let point = Position(x: generator.uniform(-180, 180), y: asin(generator.uniform(-1, 1)) * 180 / .pi)
            if PlacesTable.greatCircleDistance(point, Position(x: -140, y: -40)) > 1_500_000 { points.append(point) }
        }
        for center in [Position(x: 180, y: 0), Position(x: 0, y: 90), Position(x: -60, y: -89.9)] {
            for _ in 0..<100 {
                let distance = 300_000 * generator.uniform(0, 1).squareRoot()
                points.append(Geodesic.destination(from: center, azimuth: generator.uniform(0, 360), distance: .meters(distance)))
            }
        }
        points += [Position(x: 180, y: 0), Position(x: -180, y: 0), Position(x: 0, y: 90), Position(x: 123, y: 90), Position(x: 77, y: -90)]
        for step in 0..<12 {
            points.append(Geodesic.destination(from: tieCenter, azimuth: Double(step) * 30, distance: .meters(5_000.0004)))
        }
        for _ in 0..<20 {
            let east = Geodesic.destination(from: tieCenter, azimuth: generator.uniform(0, 180), distance: .meters(generator.uniform(0, 20_000)))
            points.append(east)
            points.append(Position(x: 2 * tieCenter.x - east.x, y: east.y))
        }
        let repeated = Position(x: 10.52, y: 45.26)
        points.insert(repeated, at: 10)
        points.insert(repeated, at: 500)
        points.append(repeated)
        return points
    }()

    /// Each search's expected ids: by ``Geodesic/distance(from:to:)`` in whole millimetres, then
    /// by id, computed once for both backends. The great-circle distance, within 1 % of the
    /// geodesic, settles which points are too far to rank.
    static let expectations: [[Int64]] = searches.map { search in
        let rough = points.map { PlacesTable.greatCircleDistance(search.center, $0) }
        let bound = search.count < points.count ? rough.sorted()[search.count - 1] * 1.01 / 0.99 + 1 : .infinity
        var ranked: [(millimetres: Int64, id: Int64)] = []
        for (index, point) in points.enumerated() where rough[index] <= bound {
            let meters = Geodesic.distance(from: search.center, to: point).meters
            if let maximum = search.maximumDistance, meters > maximum.meters { continue }
            ranked.append((Int64(meters * 1000), Int64(index + 1)))
        }
        ranked.sort { ($0.millimetres, $0.id) < ($1.millimetres, $1.id) }
        return ranked.prefix(search.count).map(\.id)
    }

    func testNearestRowsComeInTheDocumentedOrderOnBothBackends() {
        let expectations = Self.expectations
        XCTAssertEqual(expectations[8].count, Self.points.count, "the whole table, in order")
        XCTAssertGreaterThan(expectations[9].count, 10, "a maximum distance leaves some")
        XCTAssertLessThan(expectations[9].count, 500, "a maximum distance leaves some out")
        var lists: [Backend: [[Int64]]] = [:]
        parity { db, backend in
            try PlacesTable.load(Self.points, into: db)
            var found: [[Int64]] = []
            for (search, expected) in zip(Self.searches, expectations) {
                let rows = try db.fetchNearest(
                    search.count, to: search.center, table: "places", column: "location", key: "id", select: ["id"],
                    within: search.maximumDistance)
                XCTAssertEqual(rows.first?.columnNames, ["id"], "\(backend), \(search.name): only the columns asked for")
                let ids = try PlacesTable.ids(rows)
                XCTAssertEqual(ids, expected, "\(backend), \(search.name)")
                found.append(ids)
            }
            lists[backend] = found
        }
        if let sqlite = lists[.sqlite], let postgres = lists[.postgres] {
            XCTAssertEqual(sqlite, postgres, "the same lists on both backends")
        }
    }

    /// Ties in the millimetre go by key: the ring around ``tieCenter`` comes in id order, and so
    /// does the position stored three times.
    func testTiesGoByKey() {
        let ring = Set((0..<12).map { Int64(Self.points.count - 52 + $0) })
        parity { db, backend in
            try PlacesTable.load(Self.points, into: db)
            let ids = try PlacesTable.ids(
                db.fetchNearest(100, to: Self.tieCenter, table: "places", column: "location", key: "id", select: ["id"]))
            let ringOrder = ids.filter(ring.contains)
            XCTAssertEqual(ringOrder, ring.sorted(), "\(backend)")
            let repeated = try PlacesTable.ids(
                db.fetchNearest(3, to: Position(x: 10.52, y: 45.26), table: "places", column: "location", key: "id", select: ["id"]))
            XCTAssertEqual(repeated, [11, 501, Int64(Self.points.count)], "\(backend): the three copies, by id")
        }
    }

    /// UUID keys break ties in the same order on both backends: PostgreSQL compares the bytes,
    /// SQLite the canonical lowercase text, which sorts alike.
    func testUUIDKeysBreakTiesAlike() {
        let quakes = TableDefinition(
            "quakes", columns: [.init("id", .uuid, nullable: false), .init("location", .geometry(.point, srid: 4326), nullable: false)],
            primaryKey: ["id"])
        var generator = SeededGenerator(seed: 7)
        let ids = (0..<20).map { _ in
            UUID(uuid: withUnsafeBytes(of: (generator.next(), generator.next())) { $0.load(as: uuid_t.self) })
        }
        parity { db, backend in
            try db.create(quakes)
            for (index, id) in ids.enumerated() {
                let at = index < 15 ? Position(x: -179.5, y: 51.2) : Position(x: 179.9, y: 51.3)
                try db.execute("INSERT INTO quakes (id, location) VALUES ($1, $2)", [.uuid(id), .geometry(.point(x: at.x, y: at.y))])
            }
            let found = try db.fetchNearest(16, to: Position(x: -179.5, y: 51.2), table: "quakes", column: "location", key: "id", select: ["id"])
                .map { try $0.decode(UUID.self, at: 0) }
            XCTAssertEqual(Array(found.prefix(15)), ids.prefix(15).sorted { $0.uuidString.lowercased() < $1.uuidString.lowercased() }, "\(backend)")
        }
    }

    func testEveryColumnWhenNoneAreNamedAndNothingForACountOfZero() {
        parity { db, backend in
            try PlacesTable.load(Array(Self.points.prefix(50)), into: db)
            let rows = try db.fetchNearest(2, to: Self.points[7], table: "places", column: "location", key: "id")
            XCTAssertEqual(rows.first?.columnNames, ["id", "location"], "\(backend)")
            XCTAssertEqual(try rows.first?.decode(Int64.self, at: 0), 8, "\(backend)")
            XCTAssertEqual(try db.fetchNearest(0, to: Self.points[7], table: "places", column: "location", key: "id").count, 0, "\(backend)")
        }
    }

    /// Each step is a radius search through the spatial index: the R*Tree on SQLite, GiST on PostGIS.
    func testEachStepReadsTheSpatialIndex() {
        parity { db, backend in
            try PlacesTable.load(Self.points, into: db)
            for search in [Self.searches[0], Self.searches[2]] {
                let nearest = NearestSearch(table: "places", column: "location", center: search.center, count: search.count, key: "id")
                let (sql, arguments) = db.dialect.nearestSearch(nearest, within: NearestSearch.firstRadius)
                let plan = try PlacesTable.plan(db, backend, sql, arguments)
                XCTAssertTrue(plan.contains(PlacesTable.indexName(backend)), "\(backend), \(search.name): \(plan)")
            }
        }
    }

    func testBadSearchesAreRefusedBeforeAnythingRuns() {
        let bad: [(Int, Position, Distance?)] = [
            (-1, Position(x: 0, y: 0), nil), (5, Position(x: 10, y: 95), nil), (5, Position(x: .nan, y: 0), nil),
            (5, Position(x: 181, y: 0), nil), (5, Position(x: 0, y: 0), .meters(-1)), (5, Position(x: 0, y: 0), .meters(.nan)),
        ]
        parity { db, backend in
            for (count, center, maximum) in bad {
                let error = Fixtures.databaseError {
                    _ = try db.fetchNearest(count, to: center, table: "no_such_table", column: "location", key: "id", within: maximum)
                }
                XCTAssertEqual(error?.kind, .invalidValue, "\(backend), \(count) near \(center): \(String(describing: error))")
            }
        }
    }
}

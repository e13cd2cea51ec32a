import Foundation
import Meridian
import MeridianTesting
import XCTest

/// A bounding-box search returns exactly the points the documented rule selects (edges
/// included, west > east crossing the antimeridian, both names of the antimeridian, poles of
/// every longitude), the same rows on both backends, through the spatial index.
final class BoundingBoxSearchTests: ParityTestCase {
    static let boxes: [(name: String, box: BoundingBox)] = [
        ("plain", BoundingBox(west: -10, south: 40, east: 10, north: 60)),
        ("across the antimeridian", BoundingBox(west: 170, south: -20, east: -170, north: 0)),
        ("west edge at -180", BoundingBox(west: -180, south: -5, east: -170, north: 5)),
        ("east edge at 180", BoundingBox(west: 170, south: -5, east: 180, north: 5)),
        ("reaching the north pole", BoundingBox(west: -10, south: 80, east: 10, north: 90)),
        ("reaching the south pole across the antimeridian", BoundingBox(west: 100, south: -90, east: -100, north: -85)),
        ("the whole globe", BoundingBox(west: -180, south: -90, east: 180, north: 90)),
        ("one meridian", BoundingBox(west: 0, south: -90, east: 0, north: 90)),
        ("one point", BoundingBox(west: 10, south: 20, east: 10, north: 20)),
        ("a thin strip across the antimeridian", BoundingBox(west: 179.999, south: -0.001, east: -179.999, north: 0.001)),
        ("a band of latitude", BoundingBox(west: -180, south: -1, east: 180, north: 1)),
    ]

    /// About 1,200 deterministic points: uniform over the globe, denser near the antimeridian and
    /// the poles, and points on the boxes' edges and corners, just outside them, on both names
    /// of the antimeridian and at the poles under several longitudes.
    static let points: [Position] = {
        var generator = SeededGenerator(seed: 20_240_613)
        var points: [Position] = []
        for _ in 0..<800 {
            points.append(Position(x: generator.uniform(-180, 180), y: asin(generator.uniform(-1, 1)) * 180 / .pi))
        }
        for _ in 0..<100 {
            points.append(Position(x: generator.uniform(170, 180) * (generator.uniform(0, 1) < 0.5 ? 1 : -1), y: generator.uniform(-25, 25)))
            points.append(Position(x: generator.uniform(-180, 180), y: generator.uniform(78, 90)))
            points.append(Position(x: generator.uniform(-180, 180), y: generator.uniform(-90, -83)))
        }
        for (_, box) in boxes {
            let outside = 1e-7
            points += [
                Position(x: box.west, y: box.south), Position(x: box.east, y: box.north), Position(x: box.west, y: box.north),
                Position(x: box.east, y: (box.south + box.north) / 2), Position(x: box.west, y: (box.south + box.north) / 2),
                Position(x: box.west, y: max(-90, box.south - outside)), Position(x: box.east, y: min(90, box.north + outside)),
                Position(x: max(-180, box.west - outside), y: box.south), Position(x: min(180, box.east + outside), y: box.north),
            ]
        }
        points += [
            Position(x: 180, y: 0), Position(x: -180, y: 0), Position(x: 180, y: -10), Position(x: -180, y: -10),
            Position(x: 0, y: 90), Position(x: 123, y: 90), Position(x: -180, y: 90), Position(x: 123, y: 89.999_99),
            Position(x: 0, y: -90), Position(x: -45, y: -90), Position(x: 180, y: -90), Position(x: 0, y: 0), Position(x: 0, y: 45),
        ]
        return points
    }()

    /// The rule of ``BoundingBox``, written out independently of its pieces.
    static func inBox(_ p: Position, _ box: BoundingBox) -> Bool {
        guard box.south <= p.y, p.y <= box.north else { return false }
        if (p.y == 90 && box.north == 90) || (p.y == -90 && box.south == -90) { return true }
        let longitudes = box.west <= box.east ? (box.west <= p.x && p.x <= box.east) : (p.x >= box.west || p.x <= box.east)
        return longitudes || (p.x == 180 && box.west == -180) || (p.x == -180 && box.east == 180)
    }

    static let expectations: [Set<Int64>] = boxes.map { _, box in
        Set(points.enumerated().filter { inBox($0.element, box) }.map { Int64($0.offset + 1) })
    }

    func testTheRuleInSwiftIsTheRuleItDocuments() {
        for ((name, box), expected) in zip(Self.boxes, Self.expectations) {
            let contained = Set(Self.points.enumerated().filter { box.contains($0.element) }.map { Int64($0.offset + 1) })
            XCTAssertEqual(contained, expected, name)
            XCTAssertFalse(expected.isEmpty, "\(name) holds some points")
        }
        XCTAssertEqual(Self.expectations[6].count, Self.points.count, "the whole globe holds every point")
    }

    func testSearchesReturnExactlyThePointsInTheBox() {
        var sets: [Backend: [Set<Int64>]] = [:]
        parity { db, backend in
            try PlacesTable.load(Self.points, into: db)
            var found: [Set<Int64>] = []
            for ((name, box), expected) in zip(Self.boxes, Self.expectations) {
                let ids = try PlacesTable.ids(db.fetchInBox(box, table: "places", column: "location", select: ["id"]))
                XCTAssertEqual(ids.count, Set(ids).count, "\(backend), \(name): no row twice")
                XCTAssertEqual(Set(ids).subtracting(expected).sorted(), [], "\(backend), \(name): found outside the box")
                XCTAssertEqual(expected.subtracting(ids).sorted(), [], "\(backend), \(name): missed in the box")
                found.append(Set(ids))
            }
            sets[backend] = found
        }
        if let sqlite = sets[.sqlite], let postgres = sets[.postgres] {
            XCTAssertEqual(sqlite, postgres, "the same rows on both backends")
        }
    }

    func testTheSearchReadsTheSpatialIndex() {
        parity { db, backend in
            try PlacesTable.load(Self.points, into: db)
            for (name, box) in [Self.boxes[1], Self.boxes[4]] {
                let (sql, arguments) = db.dialect.boxSearch(BoxSearch(table: "places", column: "location", box: box, select: ["id"]))
                let plan = try PlacesTable.plan(db, backend, sql, arguments)
                XCTAssertTrue(plan.contains(PlacesTable.indexName(backend)), "\(backend), \(name): \(plan)")
            }
        }
    }

    func testBadBoxesAreRefusedBeforeAnythingRuns() {
        let bad = [
            BoundingBox(west: 0, south: 0, east: 10, north: 95), BoundingBox(west: .nan, south: 0, east: 10, north: 10),
            BoundingBox(west: 0, south: 10, east: 10, north: 0), BoundingBox(west: -181, south: 0, east: 10, north: 10),
            BoundingBox(west: 0, south: -.infinity, east: 10, north: 10),
        ]
        parity { db, backend in
            for box in bad {
                let error = Fixtures.databaseError { _ = try db.fetchInBox(box, table: "no_such_table", column: "location") }
                XCTAssertEqual(error?.kind, .invalidValue, "\(backend), \(box): \(String(describing: error))")
            }
        }
    }
}

import Meridian
import MeridianTesting
import XCTest

/// Each geometry type crosses into SpatiaLite and PostGIS and back bit for bit.
final class GeometryRoundTripTests: ParityTestCase {
    private func roundTrip(_ geometry: Geometry, srid: Int32 = 4326) {
        parity { db, backend in
            try db.create(Fixtures.shapes(GeometryColumnType(geometry.shape), srid: srid))
            try db.execute("INSERT INTO shapes (id, g) VALUES (1, $1)", [.geometry(geometry)])
            let back = try XCTUnwrap(try db.fetchValue(Geometry.self, "SELECT g FROM shapes WHERE id = 1"))
            XCTAssertEqual(back, geometry, "\(backend)")
            XCTAssertEqual(back.ewkb(), geometry.ewkb(), "\(backend): EWKB bytes")
        }
    }

    private let ring: [Position] = [.init(x: -10, y: -10), .init(x: 10, y: -10), .init(x: 10, y: 10), .init(x: -10, y: 10), .init(x: -10, y: -10)]
    private let hole: [Position] = [.init(x: -1, y: -1), .init(x: 1, y: -1), .init(x: 1, y: 1), .init(x: -1, y: -1)]

    func testPoint() {
        roundTrip(.point(x: 139.691_706_123_456_78, y: 35.689_487_654_321_09))
    }

    func testPointAtTheEdgesOfTheWorld() {
        roundTrip(.multiPoint([.init(x: -180, y: -90), .init(x: 180, y: 90), .init(x: 0.1, y: -0.000_000_1)]))
    }

    func testLineString() {
        roundTrip(.lineString([.init(x: 179.9, y: 10), .init(x: -179.9, y: 10.5), .init(x: -170, y: 11)]))
    }

    func testPolygonWithHole() {
        roundTrip(.polygon([ring, hole]))
    }

    func testMultiLineString() {
        roundTrip(.multiLineString([[.init(x: 0, y: 0), .init(x: 1, y: 1)], [.init(x: 2, y: 2), .init(x: 3, y: 3), .init(x: 4, y: 5)]]))
    }

    func testMultiPolygon() {
        let shifted = ring.map { Position(x: $0.x + 50, y: $0.y + 20) }
        roundTrip(.multiPolygon([[ring, hole], [shifted]]))
    }

    func testPlanarSRID() {
        roundTrip(.point(x: 500_000.25, y: 4_649_776.125, srid: 32633), srid: 32633)
    }

    /// PostGIS geography silently wraps a latitude of 95 to 85; both backends refuse it.
    func testLatitudeOutOfRangeIsRejected() {
        parity { db, backend in
            try db.create(Fixtures.shapes(.point))
            let error = Fixtures.databaseError { try db.execute("INSERT INTO shapes (id, g) VALUES (1, $1)", [.geometry(.point(x: 10, y: 95))]) }
            XCTAssertEqual(error?.kind, .invalidValue, "\(backend)")
            XCTAssertEqual(try Fixtures.count(db, "shapes"), 0, "\(backend)")
        }
    }

    func testWrongGeometryTypeForColumnIsRejected() {
        parity { db, backend in
            try db.create(Fixtures.shapes(.point))
            let error = Fixtures.databaseError {
                try db.execute("INSERT INTO shapes (id, g) VALUES (1, $1)", [.geometry(.lineString([.init(x: 0, y: 0), .init(x: 1, y: 1)]))])
            }
            XCTAssertEqual(error?.kind, .invalidValue, "\(backend): \(String(describing: error))")
        }
    }
}

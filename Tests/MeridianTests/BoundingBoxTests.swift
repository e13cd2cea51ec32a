import Foundation
import XCTest
@testable import Meridian

/// A bounding box's pieces follow its documented rules, their geocentric extremes bound every
/// point inside, and a nearest search's radii grow to the whole globe or its maximum distance.
final class BoundingBoxTests: XCTestCase {
    private func box(_ west: Double, _ south: Double, _ east: Double, _ north: Double) -> BoundingBox {
        BoundingBox(west: west, south: south, east: east, north: north)
    }

    private func piece(_ minLongitude: Double, _ maxLongitude: Double, _ minLatitude: Double, _ maxLatitude: Double) -> GeodesicBox {
        GeodesicBox(minLongitude: minLongitude, maxLongitude: maxLongitude, minLatitude: minLatitude, maxLatitude: maxLatitude)
    }

    func testPiecesSplitAtTheAntimeridianNameItTwiceAndAddThePoles() {
        XCTAssertEqual(box(-10, 40, 10, 60).pieces, [piece(-10, 10, 40, 60)])
        XCTAssertEqual(box(170, -20, -170, 0).pieces, [piece(170, 180, -20, 0), piece(-180, -170, -20, 0)])
        XCTAssertEqual(box(-180, -5, -170, 5).pieces, [piece(-180, -170, -5, 5), piece(180, 180, -5, 5)])
        XCTAssertEqual(box(170, -5, 180, 5).pieces, [piece(170, 180, -5, 5), piece(-180, -180, -5, 5)])
        XCTAssertEqual(box(-10, 80, 10, 90).pieces, [piece(-10, 10, 80, 90), piece(-180, 180, 90, 90)])
        XCTAssertEqual(box(-180, -90, 180, 90).pieces, [piece(-180, 180, -90, 90), piece(-180, 180, 90, 90), piece(-180, 180, -90, -90)])
        XCTAssertTrue(box(170, -20, -170, 0).crossesAntimeridian)
        XCTAssertFalse(box(0, -90, 0, 90).crossesAntimeridian, "west == east is one meridian")
    }

    func testContainsIncludesEdgesBothNamesOfTheAntimeridianAndThePoles() {
        let plain = box(-10, 40, 10, 60)
        XCTAssertTrue(plain.contains(Position(x: -10, y: 40)))
        XCTAssertTrue(plain.contains(Position(x: 10, y: 60)))
        XCTAssertFalse(plain.contains(Position(x: 10.000_000_1, y: 50)))
        let crossing = box(170, -20, -170, 0)
        XCTAssertTrue(crossing.contains(Position(x: 180, y: -10)))
        XCTAssertTrue(crossing.contains(Position(x: -180, y: -10)))
        XCTAssertFalse(crossing.contains(Position(x: 0, y: -10)))
        XCTAssertTrue(box(-180, -5, -170, 5).contains(Position(x: 180, y: 0)))
        XCTAssertTrue(box(170, -5, 180, 5).contains(Position(x: -180, y: 0)))
        XCTAssertTrue(box(-10, 80, 10, 90).contains(Position(x: 123, y: 90)))
        XCTAssertFalse(box(-10, 80, 10, 90).contains(Position(x: 123, y: 89.999)))
        XCTAssertTrue(box(100, -90, -100, -85).contains(Position(x: 0, y: -90)))
    }

    func testValidationRefusesEdgesOffTheGlobeAndAnUpsideDownBox() {
        func kind(_ box: BoundingBox) -> DatabaseError.Kind? {
            do {
                try box.validate(table: "t", column: "g")
                return nil
            } catch {
                return error.kind
            }
        }
        XCTAssertNil(kind(box(-180, -90, 180, 90)))
        XCTAssertNil(kind(box(180, 0, -180, 0)))
        for bad in [box(0, 0, 10, 95), box(-180.5, 0, 10, 10), box(0, 0, 181, 10), box(.nan, 0, 10, 10), box(0, -.infinity, 10, 10), box(0, 10, 10, 0)] {
            XCTAssertEqual(kind(bad), .invalidValue, "\(bad)")
        }
    }

    /// Every point of a box, on a fine grid and at its edges, has geocentric coordinates within
    /// the bounds of the box's extremes, and the extremes reach the bounds' edges.
    func testGeocentricExtremesBoundEveryPointOfTheBox() {
        func geocentric(_ p: Position) -> [Double] {
            let φ = p.y * .pi / 180, λ = p.x * .pi / 180
            return [cos(φ) * cos(λ), cos(φ) * sin(λ), sin(φ)]
        }
        let pieces = [
            piece(-10, 10, 40, 60), piece(170, 180, -20, 0), piece(-180, -170, -5, 5), piece(-180, 180, 90, 90),
            piece(-100, 100, -30, 30), piece(-180, 180, -90, 90), piece(10, 10, 20, 20), piece(80, 100, -90, -80),
        ]
        for piece in pieces {
            let corners = piece.geocentricExtremes.map(geocentric)
            let low = (0..<3).map { axis in corners.map { $0[axis] }.min()! }
            let high = (0..<3).map { axis in corners.map { $0[axis] }.max()! }
            for i in 0...40 {
                for j in 0...40 {
                    let p = Position(
                        x: piece.minLongitude + (piece.maxLongitude - piece.minLongitude) * Double(i) / 40,
                        y: piece.minLatitude + (piece.maxLatitude - piece.minLatitude) * Double(j) / 40)
                    for (axis, value) in geocentric(p).enumerated() {
                        XCTAssertGreaterThanOrEqual(value, low[axis] - 1e-15, "\(piece): \(p), axis \(axis)")
                        XCTAssertLessThanOrEqual(value, high[axis] + 1e-15, "\(piece): \(p), axis \(axis)")
                    }
                }
            }
        }
        XCTAssertEqual(piece(-10, 10, 40, 60).geocentricExtremes.count, 6, "the meridian 0° between the corners")
        XCTAssertEqual(piece(-100, 100, -30, 30).geocentricExtremes.count, 15, "meridians -90°, 0°, 90° and the equator")
    }

    func testNearestSearchRadiiGrowToTheGlobeOrStopAtTheMaximum() {
        let search = NearestSearch(table: "t", column: "g", center: Position(x: 0, y: 0), count: 5, key: "id")
        XCTAssertEqual(search.radii, [10, 40, 160, 640, 2560, 10240].map { Distance?.some(.kilometers($0)) } + [nil])
        var capped = search
        capped.maximumDistance = .kilometers(100)
        XCTAssertEqual(capped.radii, [.kilometers(10), .kilometers(40), .kilometers(100)])
        capped.maximumDistance = .kilometers(10)
        XCTAssertEqual(capped.radii, [.kilometers(10)])
        capped.maximumDistance = .zero
        XCTAssertEqual(capped.radii, [.zero])
    }
}

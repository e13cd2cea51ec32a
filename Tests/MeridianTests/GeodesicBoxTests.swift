import Foundation
import XCTest
@testable import Meridian

/// The boxes a radius search gives the spatial index hold every point of the circle, split at
/// the antimeridian and open to every longitude at a pole; and the Swift geodesic they are
/// checked with agrees with PostGIS.
final class GeodesicBoxTests: XCTestCase {
    // MARK: The geodesic

    /// Values from PostGIS 3.3 `ST_Distance(geography, geography)` (GeographicLib).
    func testDistanceAgreesWithPostGIS() {
        let cases: [(Position, Position, Double)] = [
            (Position(x: 0, y: 0), Position(x: 180, y: 0), 20_003_931.458_625_45),
            (Position(x: 0, y: 0), Position(x: 179.5, y: 0.2), 19_964_921.476_554_82),
            (Position(x: 87.460_155_108_861_1, y: -15.965_510_742_385_1), Position(x: 157.177_762_671_245_26, y: -60.617_059_075_233_89), 7_367_325.407_411_11),
            (Position(x: -146.067_495_011_176_13, y: -34.908_755_095_459_924), Position(x: -3.284_770_165_567_181_3, y: -12.797_505_132_448_027), 13_433_975.675_155_59),
            // Nearly antipodal and nearly equatorial: Vincenty's iteration does not converge here.
            (Position(x: -139.249_303_754_600_22, y: -0.003_756_278_582_796_559_8), Position(x: 39.792_013_689_539_85, y: 0.003_756_348_115_567_133_6), 19_930_788.288_922_92),
            (Position(x: -47.107_036_072_797_115, y: 14.746_043_388_456_433), Position(x: 132.310_497_759_519_28, y: -14.579_491_881_078_24), 19_962_251.629_677_58),
        ]
        for (a, b, expected) in cases {
            XCTAssertEqual(Geodesic.distance(from: a, to: b).meters, expected, accuracy: 1e-6, "\(a) → \(b)")
            XCTAssertEqual(Geodesic.distance(from: b, to: a).meters, expected, accuracy: 1e-6, "\(b) → \(a)")
        }
    }

    func testDistanceInDegenerateCases() {
        let quarterEquator = Geodesic.equatorialRadius * .pi / 2
        XCTAssertEqual(Geodesic.distance(from: Position(x: 0, y: 0), to: Position(x: 90, y: 0)).meters, quarterEquator, accuracy: 1e-6)
        XCTAssertEqual(Geodesic.distance(from: Position(x: 17, y: 90), to: Position(x: -50, y: -90)).meters, 20_003_931.458_625_45, accuracy: 1e-6)
        XCTAssertEqual(Geodesic.distance(from: Position(x: 33, y: 90), to: Position(x: -120, y: 90)).meters, 0, "one pole, two longitudes")
        XCTAssertEqual(Geodesic.distance(from: Position(x: 179.5, y: 12), to: Position(x: 179.5, y: 12)).meters, 0)
        XCTAssertEqual(
            Geodesic.distance(from: Position(x: 180, y: 12), to: Position(x: -180, y: 12)).meters, 0, "the antimeridian has two names")
        // Two points on one parallel near the pole, 1 mm apart: λ₁₂(α₁) is flat for half the azimuths.
        let near = Geodesic.destination(from: Position(x: 112.7, y: 89.3), azimuth: 90, distance: .meters(0.001))
        XCTAssertEqual(Geodesic.distance(from: Position(x: 112.7, y: 89.3), to: near).meters, 0.001, accuracy: 1e-9)
        XCTAssertTrue(Geodesic.distance(from: .init(x: .nan, y: 0), to: .init(x: 0, y: 0)).meters.isNaN)
    }

    func testDestinationAndDistanceAreInverses() {
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<300 {
            let start = Position(x: .random(in: -180..<180, using: &generator), y: .random(in: -89.99..<89.99, using: &generator))
            let azimuth = Double.random(in: 0..<360, using: &generator)
            // Up to 19 000 km: longer geodesics may pass the cut locus and stop being shortest.
            let length = Distance.meters(pow(10, .random(in: -3..<log10(1.9e7), using: &generator)))
            let end = Geodesic.destination(from: start, azimuth: azimuth, distance: length)
            XCTAssertTrue((-180...180).contains(end.x) && (-90...90).contains(end.y), "\(end)")
            XCTAssertEqual(
                Geodesic.distance(from: start, to: end).meters, length.meters, accuracy: 1e-7,
                "from \(start) at \(azimuth)° for \(length)")
        }
    }

    // MARK: Boxes

    private static let circles: [(Position, Distance)] = [
        (Position(x: 0, y: 0), .kilometers(1000)),
        (Position(x: 179.9, y: 10), .kilometers(50)),
        (Position(x: -179.9, y: -10), .kilometers(50)),
        (Position(x: 180, y: 0), .kilometers(100)),
        (Position(x: 10, y: 89.9), .kilometers(50)),
        (Position(x: -60, y: -89.5), .kilometers(120)),
        (Position(x: 45, y: 88), .kilometers(150)),
        (Position(x: 150, y: 60), .kilometers(1500)),
        (Position(x: -170, y: -70), .kilometers(800)),
        (Position(x: 2.35, y: 48.85), .meters(1)),
        (Position(x: 100, y: 45), .kilometers(5000)),
        (Position(x: -73.98, y: 40.75), .kilometers(20_000)),
        (Position(x: -120, y: 0), .zero),
    ]

    /// Every point of each circle (and of circles inside it), sampled every degree of azimuth
    /// with the exact direct geodesic, lies in one of the boxes.
    func testBoxesHoldEverySampledCircle() {
        for (center, radius) in Self.circles {
            let boxes = GeodesicBox.covering(center, within: radius)
            XCTAssertTrue((1...2).contains(boxes.count), "\(boxes)")
            for fraction in [1, 0.75, 0.5, 0.25, 0.0] {
                for step in 0..<360 {
                    let point = Geodesic.destination(from: center, azimuth: Double(step), distance: .meters(radius.meters * fraction))
                    XCTAssertTrue(
                        boxes.contains { $0.contains(point) },
                        "\(point) at \(step)°, \(fraction) × \(radius) from \(center) is outside \(boxes)")
                }
            }
        }
    }

    /// The boxes are conservative but not wildly so for small circles away from the poles: each
    /// edge is within 1 % of the span (plus the margin) of the farthest sampled point.
    func testSmallBoxesAreTight() {
        for (center, radius) in [(Position(x: 0, y: 0), Distance.kilometers(100)), (Position(x: 30, y: 50), .kilometers(20))] {
            let box = GeodesicBox.covering(center, within: radius, margin: 0)[0]
            let points = (0..<3600).map { Geodesic.destination(from: center, azimuth: Double($0) / 10, distance: radius) }
            let west = points.map(\.x).min()!, east = points.map(\.x).max()!
            let south = points.map(\.y).min()!, north = points.map(\.y).max()!
            XCTAssertLessThanOrEqual(box.minLongitude, west)
            XCTAssertLessThanOrEqual(north, box.maxLatitude)
            XCTAssertEqual(box.minLongitude, west, accuracy: 0.01 * (east - west))
            XCTAssertEqual(box.maxLatitude, north, accuracy: 0.01 * (north - south))
        }
    }

    func testCrossingTheAntimeridianSplitsIntoTwoBoxes() {
        let margin = GeodesicBox.singlePrecisionMargin
        let span = 50_000 / (Geodesic.equatorialRadius * cos((10 + 50_000 / GeodesicBox.minimumMeridianRadius * 180 / .pi) * .pi / 180)) * 180 / .pi
        let east = GeodesicBox.covering(Position(x: 179.9, y: 10), within: .kilometers(50))
        XCTAssertEqual(east.count, 2, "\(east)")
        XCTAssertEqual(east[0].minLongitude, 179.9 - span - margin, accuracy: 1e-12)
        XCTAssertEqual(east[0].maxLongitude, 180)
        XCTAssertEqual(east[1].minLongitude, -180)
        XCTAssertEqual(east[1].maxLongitude, 179.9 + span - 360 + margin, accuracy: 1e-12)
        XCTAssertEqual(east[0].minLatitude, east[1].minLatitude)
        XCTAssertEqual(east[0].maxLatitude, east[1].maxLatitude)

        let west = GeodesicBox.covering(Position(x: -179.9, y: 10), within: .kilometers(50))
        XCTAssertEqual(west.count, 2, "\(west)")
        XCTAssertEqual(west[0].minLongitude, -179.9 - span + 360 - margin, accuracy: 1e-12)
        XCTAssertEqual(west[0].maxLongitude, 180)
        XCTAssertEqual(west[1].minLongitude, -180)
        XCTAssertEqual(west[1].maxLongitude, -179.9 + span + margin, accuracy: 1e-12)

        let inside = GeodesicBox.covering(Position(x: 179, y: 10), within: .kilometers(50))
        XCTAssertEqual(inside.count, 1, "0.46° of longitude from 179° stays east of the antimeridian")
    }

    func testReachingAPoleCoversEveryLongitude() {
        let north = GeodesicBox.covering(Position(x: 10, y: 89.9), within: .kilometers(50))
        XCTAssertEqual(north.count, 1)
        XCTAssertTrue(north[0].coversAllLongitudes, "\(north)")
        XCTAssertEqual(north[0].maxLatitude, 90)
        XCTAssertEqual(north[0].minLatitude, 89.9 - 50_000 / GeodesicBox.minimumMeridianRadius * 180 / .pi - GeodesicBox.singlePrecisionMargin, accuracy: 1e-12)

        let south = GeodesicBox.covering(Position(x: -60, y: -89.5), within: .kilometers(120))
        XCTAssertEqual(south.count, 1)
        XCTAssertTrue(south[0].coversAllLongitudes, "\(south)")
        XCTAssertEqual(south[0].minLatitude, -90)

        let world = GeodesicBox.covering(Position(x: -73.98, y: 40.75), within: .kilometers(20_000))
        XCTAssertEqual(world, [GeodesicBox(minLongitude: -180, maxLongitude: 180, minLatitude: -90, maxLatitude: 90)])

        // Not reaching the pole, but so close to it that the span passes 360°: one box, every longitude.
        let wide = GeodesicBox.covering(Position(x: 45, y: 89), within: .kilometers(100))
        XCTAssertEqual(wide.count, 1)
        XCTAssertTrue(wide[0].coversAllLongitudes)
        XCTAssertLessThan(wide[0].maxLatitude, 90)
    }

    func testEquator() {
        let margin = GeodesicBox.singlePrecisionMargin
        let boxes = GeodesicBox.covering(Position(x: 0, y: 0), within: .kilometers(111))
        let latitudeSpan = 111_000 / 6_335_439.327_083_17 * 180 / .pi  // a (1 − e²): 110 574.3 m a degree
        let longitudeSpan = 111_000 / (Geodesic.equatorialRadius * cos(latitudeSpan * .pi / 180)) * 180 / .pi
        XCTAssertEqual(boxes.count, 1)
        XCTAssertEqual(boxes[0].maxLatitude, latitudeSpan + margin, accuracy: 1e-9)
        XCTAssertEqual(boxes[0].minLatitude, -latitudeSpan - margin, accuracy: 1e-9)
        XCTAssertEqual(boxes[0].maxLongitude, longitudeSpan + margin, accuracy: 1e-9)
        XCTAssertEqual(boxes[0].minLongitude, -longitudeSpan - margin, accuracy: 1e-9)
        XCTAssertEqual(latitudeSpan, 1.003_85, accuracy: 1e-5)
    }

    func testRadiusZeroIsTheCentreWidenedByTheMargin() {
        let margin = GeodesicBox.singlePrecisionMargin
        let center = Position(x: -120.25, y: 33.5)
        XCTAssertEqual(GeodesicBox.covering(center, within: .zero), [
            GeodesicBox(minLongitude: -120.25 - margin, maxLongitude: -120.25 + margin, minLatitude: 33.5 - margin, maxLatitude: 33.5 + margin),
        ])
        XCTAssertEqual(GeodesicBox.covering(center, within: .zero, margin: 0), [
            GeodesicBox(minLongitude: -120.25, maxLongitude: -120.25, minLatitude: 33.5, maxLatitude: 33.5),
        ])
    }

    /// Two float steps at 180° is more than any rounding of a stored coordinate can move it.
    func testMarginCoversSinglePrecisionRounding() {
        XCTAssertEqual(GeodesicBox.singlePrecisionMargin, 2 * 0x1p-16)
        var generator = SeededGenerator(seed: 3)
        for _ in 0..<10_000 {
            let x = Double.random(in: -180...180, using: &generator)
            XCTAssertLessThan((Double(Float(x)) - x).magnitude, GeodesicBox.singlePrecisionMargin / 2, "\(x)")
        }
    }

    // MARK: Distance

    func testDistanceIsUnitTyped() {
        XCTAssertEqual(Distance.kilometers(1.5), .meters(1500))
        XCTAssertEqual(Distance.kilometers(20_000).meters, 2e7)
        XCTAssertEqual(Distance.meters(250).kilometers, 0.25)
        XCTAssertLessThan(Distance.meters(999), .kilometers(1))
        XCTAssertEqual(Distance.meters(1) + .meters(2) - .meters(0.5), .meters(2.5))
        XCTAssertEqual("\(Distance.kilometers(50))", "50.0 km")
        XCTAssertEqual("\(Distance.meters(1))", "1.0 m")
        XCTAssertTrue(Distance.zero.isValidRadius)
        XCTAssertFalse(Distance.meters(-1).isValidRadius)
        XCTAssertFalse(Distance.meters(.nan).isValidRadius)
    }
}

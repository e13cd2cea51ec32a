import Foundation
import Meridian
@testable import MeridianSynthetic
import XCTest

/// The generators: the same seed gives the same rows, another seed other rows, and the rows
/// look like their catalogues (where earthquakes fall, how magnitudes and classes spread).
final class GeneratorTests: XCTestCase {
    func testTheSameSeedGivesTheSameRowsAndAnotherSeedOthers() {
        for table in SyntheticTable.allCases {
            let a = table.generator(seed: 42)
            let b = table.generator(seed: 42)
            let c = table.generator(seed: 43)
            let indexes = [0, 1, 2, 57, 1_000, min(a.capacity - 1, 123_456)]
            for index in indexes {
                XCTAssertEqual(a.row(index), b.row(index), "\(table) row \(index)")
                XCTAssertEqual(a.row(index).count, a.columns.count, "\(table)")
            }
            XCTAssertNotEqual(indexes.map(a.row), indexes.map(c.row), "\(table)")
        }
    }

    /// Row n does not depend on which rows were made before it.
    func testRowsCanBeMadeInAnyOrder() {
        for table in SyntheticTable.allCases {
            let generator = table.generator(seed: 7)
            let forward = (0..<50).map(generator.row)
            let backward = (0..<50).reversed().map(generator.row).reversed()
            XCTAssertEqual(forward, Array(backward), "\(table)")
        }
    }

    func testUniqueKeysStayUnique() {
        let earthquakes = EarthquakeGenerator(seed: 1)
        let quakeRows = (0..<20_000).map(earthquakes.row)
        XCTAssertEqual(Set(quakeRows.map { $0[0] }).count, 20_000, "ids")
        XCTAssertEqual(Set(quakeRows.map { $0[1] }).count, 20_000, "usgs ids")
        for row in quakeRows.prefix(100) {
            guard case .text(let id) = row[1] else { return XCTFail("usgs_id is text") }
            XCTAssertTrue(id.range(of: "^[a-z]{2}[0-9a-z]{8}$", options: .regularExpression) != nil, id)
        }
        let solar = SolarEventGenerator(seed: 1)
        XCTAssertEqual(Set((0..<20_000).map { solar.row($0)[3] }).count, 20_000, "solar starts")
        let volcanic = VolcanicActivityGenerator(seed: 1)
        XCTAssertEqual(Set((0..<5_000).map { volcanic.row($0)[5] }).count, 5_000, "volcanic starts")
        let showers = MeteorShowerGenerator(seed: 1)
        let showerKeys = (0..<showers.capacity).map { showers.row($0) }.map { [$0[1], $0[3]] }
        XCTAssertEqual(Set(showerKeys).count, showers.capacity, "shower returns")
    }

    func testKeyedPermutationIsABijection() {
        for capacity: UInt64 in [2, 3, 36, 1_000, 4_097] {
            let permutation = KeyedPermutation(seed: capacity, capacity: capacity)
            let images = (0..<capacity).map { permutation($0) }
            XCTAssertEqual(Set(images).count, Int(capacity), "capacity \(capacity)")
            XCTAssertTrue(images.allSatisfy { $0 < capacity }, "capacity \(capacity)")
        }
    }

    /// Earthquakes follow the plate boundaries, some beside the antimeridian and some far
    /// north and south; magnitudes fall off tenfold per unit (Gutenberg–Richter, b = 1).
    func testEarthquakesLookLikeACatalogue() throws {
        let generator = EarthquakeGenerator(seed: 2026)
        var magnitudes: [Double] = []
        var nearAntimeridian = 0
        var farNorth = 0
        var farSouth = 0
        var deep = 0
        for index in 0..<20_000 {
            let row = generator.row(index)
            guard case .double(let magnitude) = row[2], case .double(let depth) = row[4],
                  case .geometry(let point) = row[8], case .point(let p) = point.shape
            else { return XCTFail("row \(index): \(row)") }
            magnitudes.append(magnitude)
            XCTAssertTrue((2.5...9.5).contains(magnitude))
            XCTAssertTrue((0...700).contains(depth), "depth \(depth)")
            XCTAssertTrue((-180...180).contains(p.x) && (-90...90).contains(p.y), "\(p)")
            if p.x.magnitude > 178 { nearAntimeridian += 1 }
            if p.y > 80 { farNorth += 1 }
            if p.y < -60 { farSouth += 1 }
            if depth > 300 { deep += 1 }
        }
        let atLeast3 = magnitudes.filter { $0 >= 3 }.count
        let atLeast4 = magnitudes.filter { $0 >= 4 }.count
        XCTAssertEqual(Double(atLeast3) / Double(atLeast4), 10, accuracy: 2.5)
        XCTAssertGreaterThan(nearAntimeridian, 50)
        XCTAssertGreaterThan(farNorth, 20)
        XCTAssertGreaterThan(farSouth, 20)
        XCTAssertGreaterThan(deep, 200)
    }

    func testFlareClassesFollowThePowerLaw() {
        let generator = SolarEventGenerator(seed: 3)
        var letters: [Character: Int] = [:]
        for index in 0..<20_000 {
            let row = generator.row(index)
            if case .text(let type) = row[1], type == "flare", case .text(let flareClass) = row[2] {
                letters[flareClass.first!, default: 0] += 1
                XCTAssertTrue(flareClass.range(of: #"^[ABCMX][0-9]+\.[0-9]$"#, options: .regularExpression) != nil, flareClass)
            } else {
                XCTAssertEqual(row[2], .null)
                XCTAssertNotEqual(row[7], .null, "a CME has a speed")
            }
        }
        XCTAssertGreaterThan(letters["B", default: 0], letters["C", default: 0])
        XCTAssertGreaterThan(letters["C", default: 0], letters["M", default: 0])
        XCTAssertGreaterThan(letters["M", default: 0], letters["X", default: 0])
        XCTAssertGreaterThan(letters["X", default: 0], 0)
    }

    /// A two-body orbit keeps its energy (vis-viva: v² = GM (2/r − 1/a)) and moves smoothly
    /// from one day to the next, on closed and open orbits alike.
    func testEphemeridesFollowTheirOrbits() {
        let gm = pow(KeplerOrbit.gaussian, 2) * pow(KeplerOrbit.kilometresPerAU, 3) / pow(KeplerOrbit.secondsPerDay, 2)
        for body in OrbitingBody.catalogue {
            let a = body.orbit.semiMajorAxisAU * KeplerOrbit.kilometresPerAU
            for days in stride(from: -3_000.0, through: 3_000, by: 250) {
                let s = body.orbit.state(daysFromPerihelion: days)
                let r = (s.x * s.x + s.y * s.y + s.z * s.z).squareRoot()
                let v2 = s.vx * s.vx + s.vy * s.vy + s.vz * s.vz
                XCTAssertEqual(v2, gm * (2 / r - 1 / a), accuracy: 1e-9 * v2, "\(body.designation) at \(days) d")
                // A day later the body is where its velocity took it, to within the curvature.
                let next = body.orbit.state(daysFromPerihelion: days + 1)
                let moved = ((next.x - s.x) * (next.x - s.x) + (next.y - s.y) * (next.y - s.y) + (next.z - s.z) * (next.z - s.z)).squareRoot()
                XCTAssertEqual(moved, v2.squareRoot() * 86_400, accuracy: 0.05 * moved, "\(body.designation) at \(days) d")
            }
            let perihelion = body.orbit.state(daysFromPerihelion: 0)
            let q = (perihelion.x * perihelion.x + perihelion.y * perihelion.y + perihelion.z * perihelion.z).squareRoot()
            XCTAssertEqual(q / KeplerOrbit.kilometresPerAU, body.orbit.perihelionAU, accuracy: 1e-9, body.designation)
        }
    }

    func testEphemerisRowsCycleThroughTheBodiesDayByDay() {
        let generator = EphemerisGenerator(seed: 5)
        let bodies = OrbitingBody.catalogue.count
        XCTAssertEqual(generator.row(0)[0], .text("1 Ceres"))
        XCTAssertEqual(generator.row(bodies)[0], .text("1 Ceres"))
        XCTAssertEqual(generator.row(0)[1], .timestamp(Timestamp(year: 2000, month: 1, day: 1)!))
        XCTAssertEqual(generator.row(bodies)[1], .timestamp(Timestamp(year: 2000, month: 1, day: 2)!))
        XCTAssertEqual(generator.row(generator.capacity - 1)[1], .timestamp(Timestamp(year: 9994, month: 9, day: 8)!))
    }

    /// A batch sorted for writing holds the same rows, with neighbours in the table near each
    /// other on the globe.
    func testBatchesAreWrittenInSpatialOrder() {
        let generator = EarthquakeGenerator(seed: 11)
        let original = (0..<2_000).map(generator.row)
        var sorted = original
        SpatialOrder.sort(&sorted, byPointIn: 8)
        XCTAssertEqual(Set(sorted), Set(original))
        func meanStep(_ rows: [[DatabaseValue]]) -> Double {
            let points = rows.compactMap { row -> Position? in
                guard case .geometry(let g) = row[8], case .point(let p) = g.shape else { return nil }
                return p
            }
            let steps = zip(points, points.dropFirst()).map { a, b in (a.x - b.x).magnitude + (a.y - b.y).magnitude }
            return steps.reduce(0, +) / Double(steps.count)
        }
        XCTAssertLessThan(meanStep(sorted) * 10, meanStep(original))
        XCTAssertEqual(EarthquakeGenerator(seed: 1).locationColumn, "location")
        XCTAssertNil(EphemerisGenerator(seed: 1).locationColumn)
    }

    /// Small negative values round to 0.0, not -0.0, which a COPY would store as it is.
    func testRoundingNeverGivesNegativeZero() {
        XCTAssertEqual((-1e-9).rounded(places: 6).sign, .plus)
        XCTAssertEqual((-0.04).rounded(places: 1).sign, .plus)
        XCTAssertEqual((-0.06).rounded(places: 1), -0.1)
    }

    func testCountsAreChecked() {
        XCTAssertThrowsError(try SyntheticDataset(seed: 1, counts: [.earthquakes: -1]).validate()) { error in
            XCTAssertEqual(error as? SyntheticDataError, .negativeCount(table: .earthquakes, count: -1))
        }
        XCTAssertThrowsError(try SyntheticDataset(seed: 1, counts: [.meteorShowers: 2_601]).validate()) { error in
            XCTAssertEqual(error as? SyntheticDataError, .beyondCapacity(table: .meteorShowers, count: 2_601, capacity: 2_600))
            XCTAssertTrue("\(error)".contains("at most 2600"), "\(error)")
        }
        for scale in SyntheticScale.allCases {
            XCTAssertNoThrow(try SyntheticDataset(seed: 1, scale: scale).validate(), "\(scale)")
        }
        XCTAssertEqual(SyntheticDataset(seed: 1, scale: .huge).totalRows, 10_002_600)
    }
}

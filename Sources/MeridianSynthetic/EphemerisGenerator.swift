import Foundation
import Meridian

/// `ephemeris_data`: daily state vectors of the eleven bodies of ``OrbitingBody/catalogue``
/// on their two-body orbits (``KeplerOrbit``).
///
/// Row `index` is body `index % 11` on day `index / 11` from 2000-01-01T00:00Z, so any count
/// spreads evenly over the bodies (110,000 rows give each body 10,000 days, 2000–2027) and more
/// rows extend every body's series. The seed moves each body's perihelion passage by up to a
/// few weeks, so different seeds give different positions at the same epochs; the rows are
/// keyed by body and epoch, and the integer `id` is left to the database. Positions are
/// rounded to the metre, velocities to the millimetre per second; epochs reach the year 9999
/// at 32 million rows, which bounds the table.
public struct EphemerisGenerator: SyntheticTableGenerator {
    public let seed: UInt64
    public let table = "ephemeris_data"
    public let columns = ["object_designation", "epoch", "x_km", "y_km", "z_km", "vx_km_s", "vy_km_s", "vz_km_s", "source"]
    public let naturalKey = ["object_designation", "epoch"]
    public var capacity: Int { OrbitingBody.catalogue.count * Self.days }

    static let firstEpoch = Timestamp(year: 2000, month: 1, day: 1)!
    /// Days from 2000-01-01 to 9999-12-31.
    static let days = 2_920_000
    private static let microsecondsPerDay: Int64 = 86_400_000_000
    /// Each body's perihelion passage, shifted by the seed.
    private let perihelia: [Timestamp]

    public init(seed: UInt64) {
        self.seed = seed
        let streams = SeededGenerator.mix(seed ^ 0x4550_4845_4D45_5249)
        perihelia = OrbitingBody.catalogue.indices.map { body in
            var random = SeededGenerator(seed: streams, index: UInt64(body))
            let shift = Int64(random.uniform(-20, 20) * Double(Self.microsecondsPerDay))
            return Timestamp(microsecondsSinceEpoch: OrbitingBody.catalogue[body].perihelion.microsecondsSinceEpoch + shift)
        }
    }

    public func row(_ index: Int) -> [DatabaseValue] {
        let bodies = OrbitingBody.catalogue.count
        let body = OrbitingBody.catalogue[index % bodies]
        let epoch = Timestamp(microsecondsSinceEpoch: Self.firstEpoch.microsecondsSinceEpoch + Int64(index / bodies) * Self.microsecondsPerDay)
        let days = Double(epoch.microsecondsSinceEpoch - perihelia[index % bodies].microsecondsSinceEpoch) / Double(Self.microsecondsPerDay)
        let state = body.orbit.state(daysFromPerihelion: days)
        return [
            .text(body.designation), .timestamp(epoch),
            .double(state.x.rounded(places: 3)), .double(state.y.rounded(places: 3)), .double(state.z.rounded(places: 3)),
            .double(state.vx.rounded(places: 6)), .double(state.vy.rounded(places: 6)), .double(state.vz.rounded(places: 6)),
            "synthetic two-body orbit",
        ]
    }
}

import Meridian

/// A body whose ephemeris ``EphemerisGenerator`` computes: its designation and two-body orbit
/// (osculating elements near J2000, rounded, close to those the JPL Small-Body Database
/// publishes), with the time of a perihelion passage (approximate for the asteroids) that the
/// seed then shifts.
struct OrbitingBody: Sendable {
    var designation: String
    var orbit: KeplerOrbit
    /// A perihelion passage near the elements' epoch.
    var perihelion: Timestamp

    init(_ designation: String, q: Double, e: Double, i: Double, node: Double, peri: Double, perihelion: Timestamp) {
        self.designation = designation
        orbit = KeplerOrbit(perihelionAU: q, eccentricity: e, inclinationDegrees: i, nodeDegrees: node, perihelionArgumentDegrees: peri)
        self.perihelion = perihelion
    }

    /// Eleven bodies: large main-belt asteroids, near-Earth asteroids (Apophis, Bennu, the
    /// Geminids' parent Phaethon), two periodic comets (Halley's retrograde orbit among them) and
    /// both known interstellar objects on hyperbolic orbits.
    static let catalogue: [OrbitingBody] = [
        OrbitingBody("1 Ceres", q: 2.5570, e: 0.0760, i: 10.59, node: 80.31, peri: 73.60, perihelion: day(2018, 5, 1)),
        OrbitingBody("2 Pallas", q: 2.1300, e: 0.2310, i: 34.84, node: 173.08, peri: 310.05, perihelion: day(2018, 9, 1)),
        OrbitingBody("4 Vesta", q: 2.1520, e: 0.0890, i: 7.14, node: 103.85, peri: 151.20, perihelion: day(2021, 12, 26)),
        OrbitingBody("433 Eros", q: 1.1330, e: 0.2230, i: 10.83, node: 304.30, peri: 178.82, perihelion: day(2022, 2, 4)),
        OrbitingBody("99942 Apophis", q: 0.7460, e: 0.1910, i: 3.34, node: 204.04, peri: 126.39, perihelion: day(2021, 1, 30)),
        OrbitingBody("101955 Bennu", q: 0.8970, e: 0.2040, i: 6.03, node: 2.06, peri: 66.22, perihelion: day(2021, 6, 24)),
        OrbitingBody("3200 Phaethon", q: 0.1400, e: 0.8900, i: 22.26, node: 265.20, peri: 322.20, perihelion: day(2022, 8, 20)),
        OrbitingBody("1P/Halley", q: 0.5860, e: 0.9670, i: 162.26, node: 58.42, peri: 111.33, perihelion: day(1986, 2, 9)),
        OrbitingBody("2P/Encke", q: 0.3360, e: 0.8480, i: 11.78, node: 334.57, peri: 186.54, perihelion: day(2023, 10, 22)),
        OrbitingBody("1I/ʻOumuamua", q: 0.2560, e: 1.2010, i: 122.74, node: 24.60, peri: 241.81, perihelion: day(2017, 9, 9)),
        OrbitingBody("2I/Borisov", q: 2.0060, e: 3.3560, i: 44.05, node: 308.15, peri: 209.12, perihelion: day(2019, 12, 8)),
    ]

    private static func day(_ year: Int, _ month: Int, _ day: Int) -> Timestamp {
        Timestamp(year: year, month: month, day: day)!
    }
}

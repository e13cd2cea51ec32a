import Foundation

/// A two-body heliocentric orbit: where a body is, and how fast it moves, at any time.
///
/// Elements are referred to the ecliptic and equinox of J2000; ``state(daysFromPerihelion:)``
/// turns them into a position and velocity in the equatorial frame of J2000 (ICRF, to the
/// precision that matters here), the frame ephemeris services such as JPL Horizons use for
/// state vectors. Elliptic orbits solve Kepler's equation M = E − e sin E, hyperbolic ones
/// M = e sinh H − H, both by Newton's method. No planet perturbs anything: the orbits are
/// smooth, which is what development data needs.
struct KeplerOrbit: Sendable {
    /// Perihelion distance q, AU.
    var perihelionAU: Double
    var eccentricity: Double
    var inclinationDegrees: Double
    /// Longitude of the ascending node Ω.
    var nodeDegrees: Double
    /// Argument of perihelion ω.
    var perihelionArgumentDegrees: Double

    /// A position (km) and velocity (km/s) in the J2000 equatorial frame.
    struct State: Sendable {
        var x: Double, y: Double, z: Double
        var vx: Double, vy: Double, vz: Double
    }

    /// The Gaussian gravitational constant k, so that GM☉ = k² AU³/day².
    static let gaussian = 0.017_202_098_95
    static let kilometresPerAU = 149_597_870.7
    static let secondsPerDay = 86_400.0
    /// The obliquity of the ecliptic at J2000, 23° 26′ 21.406″.
    static let obliquityDegrees = 23.439_279_4

    /// The semi-major axis in AU: negative for a hyperbola; infinite for a parabola, which the
    /// catalogue does not hold.
    var semiMajorAxisAU: Double { perihelionAU / (1 - eccentricity) }

    /// The mean motion, radians per day.
    var meanMotion: Double { Self.gaussian / pow(semiMajorAxisAU.magnitude, 1.5) }

    /// The orbital period in days; infinite for an open orbit.
    var periodDays: Double { eccentricity < 1 ? 2 * .pi / meanMotion : .infinity }

    /// The state `days` after perihelion passage (before it when negative).
    func state(daysFromPerihelion days: Double) -> State {
        let a = semiMajorAxisAU.magnitude
        let n = meanMotion
        let e = eccentricity
        // Position and velocity in the orbital plane, x towards perihelion, in AU and AU/day.
        let (px, py, vx, vy): (Double, Double, Double, Double)
        if e < 1 {
            let mean = remainder(n * days, 2 * .pi)
            var anomaly = e > 0.8 ? Double.pi * (mean < 0 ? -1 : 1) : mean
            for _ in 0..<60 {
                let step = (anomaly - e * sin(anomaly) - mean) / (1 - e * cos(anomaly))
                anomaly -= step
                if step.magnitude < 1e-15 { break }
            }
            let rate = n / (1 - e * cos(anomaly))
            let b = a * (1 - e * e).squareRoot()
            (px, py) = (a * (cos(anomaly) - e), b * sin(anomaly))
            (vx, vy) = (-a * sin(anomaly) * rate, b * cos(anomaly) * rate)
        } else {
            let mean = n * days
            var anomaly = asinh(mean / e)
            for _ in 0..<100 {
                let step = (e * sinh(anomaly) - anomaly - mean) / (e * cosh(anomaly) - 1)
                anomaly -= step
                if step.magnitude < 1e-15 * max(1, anomaly.magnitude) { break }
            }
            let rate = n / (e * cosh(anomaly) - 1)
            let b = a * (e * e - 1).squareRoot()
            (px, py) = (a * (e - cosh(anomaly)), b * sinh(anomaly))
            (vx, vy) = (-a * sinh(anomaly) * rate, b * cosh(anomaly) * rate)
        }
        let toKilometres = Self.kilometresPerAU
        let toKilometresPerSecond = Self.kilometresPerAU / Self.secondsPerDay
        let position = Self.toEquatorial(rotate(px, py))
        let velocity = Self.toEquatorial(rotate(vx, vy))
        return State(
            x: position.0 * toKilometres, y: position.1 * toKilometres, z: position.2 * toKilometres,
            vx: velocity.0 * toKilometresPerSecond, vy: velocity.1 * toKilometresPerSecond, vz: velocity.2 * toKilometresPerSecond)
    }

    /// From the orbital plane to the ecliptic: Rz(Ω) · Rx(i) · Rz(ω).
    private func rotate(_ x: Double, _ y: Double) -> (Double, Double, Double) {
        let radians = Double.pi / 180
        let (sinW, cosW) = (sin(perihelionArgumentDegrees * radians), cos(perihelionArgumentDegrees * radians))
        let (sinN, cosN) = (sin(nodeDegrees * radians), cos(nodeDegrees * radians))
        let (sinI, cosI) = (sin(inclinationDegrees * radians), cos(inclinationDegrees * radians))
        let xw = x * cosW - y * sinW
        let yw = x * sinW + y * cosW
        return (xw * cosN - yw * cosI * sinN, xw * sinN + yw * cosI * cosN, yw * sinI)
    }

    /// From the ecliptic to the equator of J2000: a rotation by the obliquity about x.
    private static func toEquatorial(_ v: (Double, Double, Double)) -> (Double, Double, Double) {
        let epsilon = obliquityDegrees * .pi / 180
        return (v.0, v.1 * cos(epsilon) - v.2 * sin(epsilon), v.1 * sin(epsilon) + v.2 * cos(epsilon))
    }
}

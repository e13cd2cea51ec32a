import Foundation

/// Shortest paths on the WGS84 ellipsoid, computed in Swift: the distance between two
/// longitude/latitude positions, and where a walk of some distance along an azimuth ends.
///
/// ```swift
/// let d = Geodesic.distance(from: Position(x: 2.35, y: 48.85), to: Position(x: -73.98, y: 40.75))
/// let p = Geodesic.destination(from: Position(x: 179.9, y: 10), azimuth: 90, distance: .kilometers(50))
/// ```
///
/// The database answers radius searches itself (PostGIS `ST_DWithin` on `geography`,
/// SpatiaLite `PtDistWithin(…, 1)`, both on the spheroid); this is the independent check the
/// tests hold them to, and a way to rank a handful of rows without another query. It agrees
/// with PostGIS `ST_Distance(geography, geography)` and SpatiaLite `ST_Distance(a, b, 1)`
/// (both GeographicLib underneath) to about 1e-8 m, nearly antipodal points included.
///
/// Method: Bessel's auxiliary sphere, as set out in C. F. F. Karney, "Algorithms for
/// geodesics" (J. Geodesy 87, 2013), equations 7–8. Along a geodesic whose equatorial azimuth is
/// α₀, with k² = e′² cos²α₀, the distance is s = b ∫ √(1 + k² sin²σ) dσ and the longitude is
/// λ = ω − f sin α₀ ∫ (2 − f) / (1 + (1 − f) √(1 + k² sin²σ)) dσ. Here the two integrals are
/// evaluated by Gauss–Legendre quadrature (their integrands are analytic far from the real axis,
/// so 12 nodes per quarter turn reach double precision) instead of by series. The inverse
/// problem puts the points in Karney's canonical order (φ₁ ≤ 0, |φ₂| ≤ |φ₁|, 0 ≤ λ₁₂ ≤ π), where
/// the longitude reached at φ₂ grows monotonically with the starting azimuth α₁ ∈ [0, π], and
/// finds α₁ by bisection, which cannot fail to converge; Vincenty's iteration, by contrast,
/// does not converge for nearly antipodal points, which a 20 000 km search is made of. A
/// distance takes about 20 µs and a destination 1 µs (release build): use them for checks and
/// small batches, and let the database filter tables.
public enum Geodesic {
    /// WGS84 semi-major axis a, in metres.
    public static let equatorialRadius = 6_378_137.0
    /// WGS84 flattening f.
    public static let flattening = 1 / 298.257_223_563
    /// Semi-minor axis b = a (1 − f), in metres.
    public static let polarRadius = equatorialRadius * (1 - flattening)
    /// First eccentricity squared, e² = f (2 − f).
    static let eccentricitySquared = flattening * (2 - flattening)
    /// Second eccentricity squared, e′² = e² / (1 − e²).
    static let secondEccentricitySquared = eccentricitySquared / (1 - eccentricitySquared)

    /// The length of the shortest path on the WGS84 ellipsoid between two positions (`x`
    /// longitude, `y` latitude, in degrees).
    public static func distance(from start: Position, to end: Position) -> Distance {
        var lat1 = start.y
        var lat2 = end.y
        // Distance is symmetric and unchanged by mirroring in the equator or a meridian.
        if lat1.magnitude < lat2.magnitude { swap(&lat1, &lat2) }
        if lat1 > 0 {
            lat1 = -lat1
            lat2 = -lat2
        }
        let lambda12 = remainder(end.x - start.x, 360).magnitude * .pi / 180
        let point1 = reducedLatitude(lat1)
        let point2 = reducedLatitude(lat2)
        guard lambda12.isFinite, point1.sin.isFinite, point2.sin.isFinite else { return Distance(meters: .nan) }
        if point1.sin == 0 { return equatorialDistance(lambda12) }

        let arc = { (q: Double) in Arc(azimuth: Azimuth(q), from: point1, to: point2) }
        let q = solveIncreasing(in: -Azimuth.limit, Azimuth.limit, for: lambda12) { arc($0).longitude }
        return Distance(meters: polarRadius * arc(q).length)
    }

    /// The position reached from `start` by walking `distance` along the geodesic that leaves
    /// it at `azimuth` degrees clockwise from north; the longitude is in [-180, 180].
    public static func destination(from start: Position, azimuth: Double, distance: Distance) -> Position {
        let point1 = reducedLatitude(start.y)
        let az = azimuth * .pi / 180
        let sinAlpha1 = sin(az)
        let cosAlpha1 = cos(az)
        let sinAlpha0 = sinAlpha1 * point1.cos
        let cosAlpha0 = (cosAlpha1 * cosAlpha1 + (sinAlpha1 * point1.sin) * (sinAlpha1 * point1.sin)).squareRoot()
        let k2 = secondEccentricitySquared * cosAlpha0 * cosAlpha0
        let sigma1 = atan2(point1.sin, cosAlpha1 * point1.cos)

        // Newton on b·∫σ₁^σ₂ √(1 + k² sin²σ) dσ = s; the integrand is at least 1, so it converges fast.
        let target = distance.meters / polarRadius
        var sigma2 = sigma1 + target / (1 + k2 / 4)
        for _ in 0..<12 {
            let error = integrate(from: sigma1, to: sigma2) { distanceIntegrand($0, k2) } - target
            sigma2 -= error / distanceIntegrand(sigma2, k2)
            if error.magnitude <= 1e-16 * max(1, target.magnitude) { break }
        }

        let sinBeta2 = cosAlpha0 * sin(sigma2)
        let cosBeta2 = hypot(sinAlpha0, cosAlpha0 * cos(sigma2))
        let omega12 = omega(sigma2, sinAlpha0) - omega(sigma1, sinAlpha0)
        let lambda12 = omega12 - flattening * sinAlpha0 * integrate(from: sigma1, to: sigma2) { longitudeIntegrand($0, k2) }
        let latitude = atan2(sinBeta2, (1 - flattening) * cosBeta2) * 180 / .pi
        let longitude = remainder(start.x + lambda12 * 180 / .pi, 360)
        return Position(x: longitude == -180 ? 180 : longitude, y: latitude)
    }

    // MARK: - The auxiliary sphere

    /// sin β and cos β of the reduced latitude, tan β = (1 − f) tan φ; exact at the poles.
    static func reducedLatitude(_ degrees: Double) -> (sin: Double, cos: Double) {
        let radians = degrees * .pi / 180
        var s = sin(radians)
        var c = cos(radians)
        if degrees.magnitude == 90 {
            s = degrees > 0 ? 1 : -1
            c = 0
        }
        s *= 1 - flattening
        let norm = hypot(s, c)
        return (s / norm, c / norm)
    }

    /// A starting azimuth α₁ in [0, π] given by q = −cot α₁, which increases with α₁ and keeps
    /// full relative precision everywhere: near α₁ = π/2, where a nearly equatorial geodesic's
    /// end moves fastest with its azimuth, radians would resolve α₁ only to 2e-16 absolute,
    /// which is 0.1 mm at the far end of a 20 000 km path.
    private struct Azimuth {
        /// |q| beyond which the azimuth is a meridian (0 or π) to double precision.
        static let limit = 1e300
        let sin: Double
        let cos: Double

        init(_ q: Double) {
            if q <= -Self.limit {
                (sin, cos) = (0, 1)
            } else if q >= Self.limit {
                (sin, cos) = (0, -1)
            } else {
                let norm = hypot(1, q)
                (sin, cos) = (1 / norm, -q / norm)
            }
        }
    }

    /// The geodesic leaving point 1 at azimuth α₁ in canonical order, up to where it first
    /// reaches point 2's latitude heading north (cos α₂ ≥ 0): the longitude it has gained there
    /// and its length on the auxiliary sphere's scale (metres / b).
    private struct Arc {
        let sigma1: Double
        let sigma2: Double
        let sinAlpha0: Double
        let k2: Double

        init(azimuth alpha1: Azimuth, from point1: (sin: Double, cos: Double), to point2: (sin: Double, cos: Double)) {
            let sinAlpha1 = alpha1.sin
            let cosAlpha1 = alpha1.cos
            sinAlpha0 = sinAlpha1 * point1.cos
            let cosAlpha0 = hypot(cosAlpha1, sinAlpha1 * point1.sin)
            k2 = secondEccentricitySquared * cosAlpha0 * cosAlpha0
            sigma1 = atan2(point1.sin, cosAlpha1 * point1.cos)
            // (cos α₂ cos β₂)² = (cos α₁ cos β₁)² + sin²β₁ − sin²β₂, the difference taken in the
            // form that does not cancel (|β₂| ≤ |β₁|, so it is never negative).
            let difference = point1.cos < -point1.sin
                ? (point2.cos - point1.cos) * (point2.cos + point1.cos)
                : (point1.sin - point2.sin) * (point1.sin + point2.sin)
            let cosAlpha2CosBeta2 = max(0, (cosAlpha1 * point1.cos) * (cosAlpha1 * point1.cos) + difference).squareRoot()
            sigma2 = atan2(point2.sin, cosAlpha2CosBeta2)
        }

        var longitude: Double {
            let k2 = k2
            return omega(sigma2, sinAlpha0) - omega(sigma1, sinAlpha0)
                - flattening * sinAlpha0 * integrate(from: sigma1, to: sigma2) { longitudeIntegrand($0, k2) }
        }

        var length: Double {
            let k2 = k2
            return integrate(from: sigma1, to: sigma2) { distanceIntegrand($0, k2) }
        }
    }

    /// Both points on the equator: along it while that is shortest (λ₁₂ ≤ (1 − f) π), else over
    /// the geodesic that leaves at α₁ ∈ [0, π/2) and meets the equator again at σ = π.
    private static func equatorialDistance(_ lambda12: Double) -> Distance {
        if lambda12 <= (1 - flattening) * .pi { return Distance(meters: equatorialRadius * lambda12) }
        func k2(_ azimuth: Azimuth) -> Double { secondEccentricitySquared * azimuth.cos * azimuth.cos }
        // λ₁₂(α₁) = π − f sin α₁ ∫₀^π …, falling from π to (1 − f) π as α₁ goes from 0 to π/2
        // (q from −∞ to 0); solve for −λ₁₂ to search an increasing function.
        let q = solveIncreasing(in: -Azimuth.limit, 0, for: -lambda12) { q in
            let azimuth = Azimuth(q)
            let k2 = k2(azimuth)
            return -(.pi - flattening * azimuth.sin * integrate(from: 0, to: .pi) { longitudeIntegrand($0, k2) })
        }
        let k = k2(Azimuth(q))
        return Distance(meters: polarRadius * integrate(from: 0, to: .pi) { distanceIntegrand($0, k) })
    }

    /// The longitude on the auxiliary sphere, tan ω = sin α₀ tan σ, continuous in σ.
    private static func omega(_ sigma: Double, _ sinAlpha0: Double) -> Double {
        let sign: Double = sinAlpha0 < 0 ? -1 : 1
        let wrapped = atan2(sinAlpha0.magnitude * sin(sigma), cos(sigma))
        return sign * (wrapped + 2 * .pi * ((sigma - wrapped) / (2 * .pi)).rounded())
    }

    private static func distanceIntegrand(_ sigma: Double, _ k2: Double) -> Double {
        let s = sin(sigma)
        return (1 + k2 * s * s).squareRoot()
    }

    private static func longitudeIntegrand(_ sigma: Double, _ k2: Double) -> Double {
        (2 - flattening) / (1 + (1 - flattening) * distanceIntegrand(sigma, k2))
    }

    // MARK: - Numerics

    /// The root of a non-decreasing continuous function on [low, high], by bisection over the
    /// doubles in between, in the order of their values: at most 64 halvings reach two
    /// neighbouring doubles, whatever the scale. An end of the interval when `target` lies
    /// outside the function's range there.
    ///
    /// A secant method would be faster but stalls where the function is flat (λ₁₂(α₁) is 0 for
    /// every α₁ ≤ π/2 when both points lie on one parallel); 64 steps cost about 20 µs.
    private static func solveIncreasing(in low: Double, _ high: Double, for target: Double, _ f: (Double) -> Double) -> Double {
        if f(low) >= target { return low }
        if f(high) <= target { return high }
        var below = orderedBits(low)
        var above = orderedBits(high)
        while below + 1 < above {
            let middle = (below >> 1) + (above >> 1) + (below & above & 1)
            let value = f(double(orderedBits: middle))
            if value == target { return double(orderedBits: middle) }
            if value < target { below = middle } else { above = middle }
        }
        return double(orderedBits: below)
    }

    /// An integer that orders doubles as their values do (−0 and +0 both map to 0).
    private static func orderedBits(_ x: Double) -> Int64 {
        let bits = Int64(bitPattern: x.bitPattern)
        return bits >= 0 ? bits : -(bits & Int64.max)
    }

    private static func double(orderedBits key: Int64) -> Double {
        key >= 0 ? Double(bitPattern: UInt64(key)) : -Double(bitPattern: UInt64(-key))
    }

    /// ∫ₐᵇ g by Gauss–Legendre quadrature, 12 nodes on each piece of at most a quarter turn.
    private static func integrate(from a: Double, to b: Double, _ g: (Double) -> Double) -> Double {
        let pieces = max(1, Int(((b - a).magnitude / (.pi / 2)).rounded(.up)))
        let step = (b - a) / Double(pieces)
        let half = step / 2
        var total = 0.0
        for piece in 0..<pieces {
            let mid = a + (Double(piece) + 0.5) * step
            var sum = 0.0
            for (node, weight) in zip(gaussLegendre.nodes, gaussLegendre.weights) {
                sum += weight * g(mid + half * node)
            }
            total += sum * half
        }
        return total
    }

    /// Nodes and weights of 12-point Gauss–Legendre quadrature on [-1, 1], found by Newton's
    /// method on the Legendre polynomial P₁₂.
    private static let gaussLegendre: (nodes: [Double], weights: [Double]) = {
        let n = 12
        var nodes: [Double] = []
        var weights: [Double] = []
        for i in 1...n {
            var x = cos(.pi * (Double(i) - 0.25) / (Double(n) + 0.5))
            var derivative = 0.0
            for _ in 0..<100 {
                var p0 = 1.0, p1 = x
                for k in 2...n {
                    let p2 = (Double(2 * k - 1) * x * p1 - Double(k - 1) * p0) / Double(k)
                    p0 = p1
                    p1 = p2
                }
                derivative = Double(n) * (x * p1 - p0) / (x * x - 1)
                let dx = p1 / derivative
                x -= dx
                if dx.magnitude <= 1e-17 { break }
            }
            nodes.append(x)
            weights.append(2 / ((1 - x * x) * derivative * derivative))
        }
        return (nodes, weights)
    }()
}

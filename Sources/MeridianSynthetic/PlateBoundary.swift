import Foundation
import Meridian

/// One stretch of a plate boundary, as a coarse polyline, with how earthquakes scatter around
/// it: how many per kilometre (relative to the others), how far off the line, how deep.
///
/// The numbers describe the broad picture of the global catalogue (subduction zones are busy,
/// wide and deep; ridges and transforms narrow and shallow), not any real sequence.
struct PlateBoundary: Sendable {
    enum Kind: String, Sendable {
        case subduction, collision, transform, ridge, rift, hotspot
    }

    /// A vertex; `region` names the stretch from here to the next vertex (USGS's Flinn–Engdahl
    /// style of place name).
    struct Vertex: Sendable {
        var longitude: Double
        var latitude: Double
        var region: String

        init(_ longitude: Double, _ latitude: Double, _ region: String) {
            self.longitude = longitude
            self.latitude = latitude
            self.region = region
        }
    }

    var name: String
    var kind: Kind
    /// The USGS contributing network whose code starts the event ids (`us`, `ak`, `ci`, …).
    var network: String
    /// Relative earthquakes per kilometre of line.
    var activity: Double
    var vertices: [Vertex]
    /// The standard deviation of an epicentre's distance from the line, km.
    var scatterKm: Double
    /// The share of events deeper than 70 km, and how deep they reach.
    var deepShare: Double
    var maxDepthKm: Double

    init(
        _ name: String, _ kind: Kind, network: String = "us", activity: Double, deepShare: Double? = nil,
        maxDepthKm: Double? = nil, _ vertices: [Vertex]
    ) {
        self.name = name
        self.kind = kind
        self.network = network
        self.activity = activity
        self.vertices = vertices
        switch kind {
        case .subduction: (scatterKm, self.deepShare, self.maxDepthKm) = (55, deepShare ?? 0.25, maxDepthKm ?? 300)
        case .collision: (scatterKm, self.deepShare, self.maxDepthKm) = (45, deepShare ?? 0.03, maxDepthKm ?? 150)
        case .transform: (scatterKm, self.deepShare, self.maxDepthKm) = (12, 0, 25)
        case .ridge: (scatterKm, self.deepShare, self.maxDepthKm) = (10, 0, 20)
        case .rift: (scatterKm, self.deepShare, self.maxDepthKm) = (25, 0, 40)
        case .hotspot: (scatterKm, self.deepShare, self.maxDepthKm) = (20, 0.02, 60)
        }
    }
}

/// The boundaries of ``PlateBoundary/catalogue`` cut into segments weighted by length times
/// activity, so that an epicentre can be drawn with one binary search.
struct PlateBoundarySampler: Sendable {
    struct Segment: Sendable {
        var boundary: Int
        var from: PlateBoundary.Vertex
        /// Longitude and latitude steps to the next vertex, the longitude step the short way
        /// round (a stretch may cross the antimeridian).
        var deltaLongitude: Double
        var deltaLatitude: Double
    }

    /// One epicentre drawn from the sampler.
    struct Epicentre: Sendable {
        var position: Position
        var boundary: PlateBoundary
        var region: String
    }

    let boundaries: [PlateBoundary]
    private let segments: [Segment]
    /// Running totals of the segments' weights.
    private let cumulative: [Double]

    init(_ boundaries: [PlateBoundary] = PlateBoundary.catalogue) {
        self.boundaries = boundaries
        var segments: [Segment] = []
        var cumulative: [Double] = []
        var total = 0.0
        for (index, boundary) in boundaries.enumerated() {
            for (a, b) in zip(boundary.vertices, boundary.vertices.dropFirst()) {
                let segment = Segment(
                    boundary: index, from: a, deltaLongitude: remainder(b.longitude - a.longitude, 360),
                    deltaLatitude: b.latitude - a.latitude)
                total += Self.lengthKm(segment) * boundary.activity
                segments.append(segment)
                cumulative.append(total)
            }
        }
        self.segments = segments
        self.cumulative = cumulative
    }

    /// Kilometres per degree of latitude, and of longitude at the equator (WGS84, rounded).
    static let kmPerDegreeLatitude = 110.57
    static let kmPerDegreeLongitude = 111.32

    /// A flat-earth length, good enough to weigh segments against each other.
    static func lengthKm(_ s: Segment) -> Double {
        let midLatitude = (s.from.latitude + s.deltaLatitude / 2) * .pi / 180
        let east = s.deltaLongitude * kmPerDegreeLongitude * cos(midLatitude)
        let north = s.deltaLatitude * kmPerDegreeLatitude
        return (east * east + north * north).squareRoot()
    }

    /// An epicentre: a segment chosen by weight, a point along it, and a normal scatter across
    /// (and a third as much along) the line.
    func epicentre(using random: inout SeededGenerator) -> Epicentre {
        let target = random.uniform(0, cumulative[cumulative.count - 1])
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] <= target { low = middle + 1 } else { high = middle }
        }
        let segment = segments[low]
        let boundary = boundaries[segment.boundary]
        let t = random.uniform(0, 1)
        let latitude = segment.from.latitude + t * segment.deltaLatitude
        let longitude = segment.from.longitude + t * segment.deltaLongitude

        // Unit vectors along and across the segment, in local kilometres east and north.
        let cosine = max(cos(latitude * .pi / 180), 0.01)
        let east = segment.deltaLongitude * Self.kmPerDegreeLongitude * cosine
        let north = segment.deltaLatitude * Self.kmPerDegreeLatitude
        let length = max((east * east + north * north).squareRoot(), 1e-9)
        let (across, along) = random.normalPair()
        let offsetEast = (-north * across + east * along / 3) / length * boundary.scatterKm
        let offsetNorth = (east * across + north * along / 3) / length * boundary.scatterKm

        var y = latitude + offsetNorth / Self.kmPerDegreeLatitude
        var x = longitude + offsetEast / (Self.kmPerDegreeLongitude * cosine)
        if y > 90 { (y, x) = (180 - y, x + 180) }
        if y < -90 { (y, x) = (-180 - y, x + 180) }
        x = remainder(x, 360)
        return Epicentre(position: Position(x: x, y: y), boundary: boundary, region: segment.from.region)
    }
}

extension SeededGenerator {
    /// Two independent standard normal deviates (Box–Muller).
    mutating func normalPair() -> (Double, Double) {
        let u = uniform(Double.leastNormalMagnitude, 1)
        let v = uniform(0, 2 * .pi)
        let r = (-2 * log(u)).squareRoot()
        return (r * cos(v), r * sin(v))
    }

    /// An exponential deviate with this mean.
    mutating func exponential(mean: Double) -> Double {
        -mean * log(uniform(Double.leastNormalMagnitude, 1))
    }

    /// An index into `weights`, chosen in proportion to them.
    mutating func pick(_ weights: [Double]) -> Int {
        var target = uniform(0, weights.reduce(0, +))
        for (index, weight) in weights.enumerated() {
            if target < weight { return index }
            target -= weight
        }
        return weights.count - 1
    }
}

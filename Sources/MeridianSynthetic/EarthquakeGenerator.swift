import Foundation
import Meridian

/// `earthquakes` along the plate boundaries of ``PlateBoundary/catalogue``.
///
/// - Epicentres: a stretch of boundary chosen by length × activity, then a normal scatter
///   across it (tens of kilometres at subduction zones, about ten at ridges).
/// - Magnitudes: Gutenberg–Richter with b = 1 above magnitude 2.5 (each unit up is ten times
///   rarer), capped at 9.5, to one decimal; the magnitude type follows the size and network.
/// - Depths: shallow for ridges, transforms and rifts (a third of ridge events at the 10 km a
///   catalogue fixes when depth is unresolved); subduction zones add intermediate and deep
///   events down to each zone's deepest (700 km under Tonga–Fiji).
/// - Times: uniform over 1990–2025, to the millisecond like the USGS feed.
/// - `usgs_id`: the zone's network code and eight base-36 characters from a permutation keyed
///   by the seed (``KeyedPermutation``), unique within a seed (`us3k9f0a1z`).
/// - `id`: ``NameBasedUUID`` of `earthquakes/<seed>/<index>`.
public struct EarthquakeGenerator: SyntheticTableGenerator {
    public let seed: UInt64
    public let table = "earthquakes"
    public let columns = ["id", "usgs_id", "magnitude", "magnitude_type", "depth_km", "occurred_at", "place", "properties", "location"]
    public let naturalKey = ["id"]
    public var capacity: Int { Int(codes.capacity) }

    private let streams: UInt64
    private let codes: KeyedPermutation
    private static let sampler = PlateBoundarySampler()
    private static let windowMilliseconds = UInt64((EventWindow.end.microsecondsSinceEpoch - EventWindow.start.microsecondsSinceEpoch) / 1_000)
    /// Eight base-36 characters.
    private static let codeSpace: UInt64 = 2_821_109_907_456

    public init(seed: UInt64) {
        self.seed = seed
        streams = SeededGenerator.mix(seed ^ 0x4541_5254_4851_554B)
        codes = KeyedPermutation(seed: streams, capacity: Self.codeSpace)
    }

    public func row(_ index: Int) -> [DatabaseValue] {
        var random = SeededGenerator(seed: streams, index: UInt64(index))
        let epicentre = Self.sampler.epicentre(using: &random)
        let boundary = epicentre.boundary
        let magnitude = min(9.5, 2.5 - log10(random.uniform(Double.leastNormalMagnitude, 1))).rounded(places: 1)
        let depth = Self.depth(boundary, using: &random)
        let occurred = EventWindow.start.microsecondsSinceEpoch + Int64(random.next() % Self.windowMilliseconds) * 1_000
        let tsunami = magnitude >= 7 && boundary.kind == .subduction && depth < 70
        let properties: JSON = [
            "net": .string(boundary.network),
            "plate_boundary": .string(boundary.name),
            "sig": .number(Int((magnitude * magnitude * 100 / 6.5).rounded())),
            "status": "reviewed",
            "tsunami": .number(tsunami ? 1 : 0),
            "type": "earthquake",
        ]
        return [
            .uuid(NameBasedUUID.synthetic(table: table, seed: seed, index: index)),
            .text(boundary.network + Self.base36(codes(UInt64(index)))),
            .double(magnitude),
            .text(Self.magnitudeType(magnitude, network: boundary.network)),
            .double(depth),
            .timestamp(Timestamp(microsecondsSinceEpoch: occurred)),
            .text(epicentre.region),
            .json(properties),
            .geometry(.point(x: epicentre.position.x.rounded(places: 4), y: epicentre.position.y.rounded(places: 4))),
        ]
    }

    static func depth(_ boundary: PlateBoundary, using random: inout SeededGenerator) -> Double {
        if boundary.maxDepthKm > 70, random.uniform(0, 1) < boundary.deepShare {
            return random.uniform(70, boundary.maxDepthKm).rounded(places: 2)
        }
        let shallow: Double =
            switch boundary.kind {
            case .ridge: random.uniform(0, 1) < 1.0 / 3 ? 10 : 2 + random.exponential(mean: 6)
            case .transform: 1 + random.exponential(mean: 8)
            case .rift: 2 + random.exponential(mean: 10)
            case .hotspot: 1 + random.exponential(mean: 10)
            case .subduction, .collision: 3 + random.exponential(mean: 20)
            }
        // The tail beyond the zone's shallow limit is spread back over the range rather than
        // piled up at the limit.
        let limit = min(70, boundary.maxDepthKm)
        return (shallow <= limit ? shallow : random.uniform(1, limit)).rounded(places: 2)
    }

    /// `mww` for the large events, `mb` for the middle, and the local networks' own scale below.
    static func magnitudeType(_ magnitude: Double, network: String) -> String {
        if magnitude >= 5.5 { return "mww" }
        if magnitude >= 4 { return "mb" }
        return ["nc", "hv", "pr"].contains(network) ? "md" : "ml"
    }

    static func base36(_ value: UInt64) -> String {
        let digits = Array("0123456789abcdefghijklmnopqrstuvwxyz".utf8)
        var code = [UInt8](repeating: UInt8(ascii: "0"), count: 8)
        var rest = value
        for position in (0..<8).reversed() {
            code[position] = digits[Int(rest % 36)]
            rest /= 36
        }
        return String(decoding: code, as: UTF8.self)
    }
}

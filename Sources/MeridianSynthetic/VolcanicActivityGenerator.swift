import Foundation
import Meridian

/// `volcanic_activity`: eruptive episodes of the volcanoes of ``Volcano/catalogue``.
///
/// - Volcano: chosen by weight; the vent lies within a few kilometres of the summit.
/// - Start: a distinct minute of 1990–2025 per row (``ScatteredInstants``), so the unique
///   (volcano, start) never collides; an episode lasts days to months; one in seven, and any that
///   would end after 2025, has no end yet.
/// - VEI: 0–2 for effusive volcanoes; for explosive ones mostly 1–3, rarely up to 6; one in
///   twenty is unknown (NULL). The alert level rises with it.
/// - `id`: ``NameBasedUUID`` of `volcanic_activity/<seed>/<index>`.
public struct VolcanicActivityGenerator: SyntheticTableGenerator {
    public let seed: UInt64
    public let table = "volcanic_activity"
    public let columns = ["id", "volcano_name", "gvp_number", "alert_level", "vei", "started_at", "ended_at", "properties", "location"]
    public let naturalKey = ["id"]
    public var capacity: Int { starts.capacity }

    private let streams: UInt64
    private let starts: ScatteredInstants
    private static let weights = Volcano.catalogue.map(\.weight)
    private static let alertLevels = ["normal", "advisory", "watch", "warning"]

    public init(seed: UInt64) {
        self.seed = seed
        streams = SeededGenerator.mix(seed ^ 0x564F_4C43_414E_4F45)
        starts = ScatteredInstants(seed: streams, window: EventWindow.range, resolution: EventWindow.microsecondsPerMinute)
    }

    public func row(_ index: Int) -> [DatabaseValue] {
        var random = SeededGenerator(seed: streams, index: UInt64(index))
        let volcano = Volcano.catalogue[random.pick(Self.weights)]
        let veiWeights: [Double] = volcano.style == .effusive ? [50, 40, 10] : [5, 40, 35, 13, 5, 1.5, 0.5]
        let vei: Int? = random.uniform(0, 1) < 0.05 ? nil : random.pick(veiWeights)
        let alert = Self.alertLevels[min(3, random.pick([50, 30, 15, 5]) + (vei ?? 0) / 2)]
        let start = starts.instant(index)
        let lastingMinutes = Int64((60 * 24) * (1 + random.exponential(mean: 40)))
        let end = Timestamp(microsecondsSinceEpoch: start.microsecondsSinceEpoch + lastingMinutes * EventWindow.microsecondsPerMinute)
        // Episodes that would end after the window are still going on.
        let ongoing = random.uniform(0, 1) < 1.0 / 7 || end >= EventWindow.end
        let (north, east) = random.normalPair()
        let kmPerDegree = PlateBoundarySampler.kmPerDegreeLatitude
        let latitude = volcano.latitude + north * 1.5 / kmPerDegree
        let longitude = remainder(volcano.longitude + east * 1.5 / (kmPerDegree * cos(volcano.latitude * .pi / 180)), 360)
        var properties: JSONObject = ["eruption_style": .string(volcano.style.rawValue)]
        if let vei, vei >= 1 {
            properties["plume_height_km"] = .number((Double(vei) * 3 * random.uniform(0.5, 1.5)).rounded(places: 1))
        }
        return [
            .uuid(NameBasedUUID.synthetic(table: table, seed: seed, index: index)),
            .text(volcano.name),
            volcano.gvpNumber.map(DatabaseValue.int) ?? .null,
            .text(alert),
            vei.map { .int(Int64($0)) } ?? .null,
            .timestamp(start),
            ongoing ? .null : .timestamp(end),
            .json(.object(properties)),
            .geometry(.point(x: longitude.rounded(places: 4), y: latitude.rounded(places: 4))),
        ]
    }
}

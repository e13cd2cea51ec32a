import Foundation
import Meridian

/// `solar_events`: X-ray flares (six in seven rows) and coronal mass ejections.
///
/// - Start: a distinct minute of 1990–2025 per row (``ScatteredInstants``), so the unique
///   (event type, start) never collides.
/// - Flares: peak flux from a power law, N(> F) ∝ F^-0.8 above 5e-8 W/m², which gives roughly
///   80% B, 15% C, 3% M and 0.5% X class (and a few A); the class is the GOES letter and the
///   flux in its decade to one decimal (`M2.3`, `X12.0`). Peak a few minutes after the start,
///   end tens of minutes after the peak.
/// - CMEs: speed log-normal around 450 km/s (100–3,500), halo for most fast ones; no class,
///   peak or end.
/// - Active regions: NOAA numbers that grow with time as the real ones do (about 6,500 in
///   1990 to 14,000 at the end of 2025); one in twelve events has none.
/// - `id`: ``NameBasedUUID`` of `solar_events/<seed>/<index>`.
public struct SolarEventGenerator: SyntheticTableGenerator {
    public let seed: UInt64
    public let table = "solar_events"
    public let columns = [
        "id", "event_type", "flare_class", "start_time", "peak_time", "end_time", "active_region", "cme_speed_km_s", "source", "properties",
    ]
    public let naturalKey = ["id"]
    public var capacity: Int { starts.capacity }

    private let streams: UInt64
    private let starts: ScatteredInstants

    public init(seed: UInt64) {
        self.seed = seed
        streams = SeededGenerator.mix(seed ^ 0x534F_4C41_5245_5654)
        starts = ScatteredInstants(seed: streams, window: EventWindow.range, resolution: EventWindow.microsecondsPerMinute)
    }

    public func row(_ index: Int) -> [DatabaseValue] {
        var random = SeededGenerator(seed: streams, index: UInt64(index))
        let start = starts.instant(index)
        let minute = EventWindow.microsecondsPerMinute
        let elapsed = Double(start.microsecondsSinceEpoch - EventWindow.start.microsecondsSinceEpoch)
            / Double(EventWindow.end.microsecondsSinceEpoch - EventWindow.start.microsecondsSinceEpoch)
        let region: DatabaseValue =
            random.uniform(0, 1) < 1.0 / 12 ? .null : .int(Int64(6_500 + elapsed * 7_500) + Int64(random.next() % 40))
        let id = DatabaseValue.uuid(NameBasedUUID.synthetic(table: table, seed: seed, index: index))

        if random.uniform(0, 1) < 1.0 / 7 {
            let speed = min(3_500, max(100, exp(log(450) + 0.55 * random.normalPair().0))).rounded()
            let width = speed > 1_000 && random.uniform(0, 1) < 0.6 ? 360 : Int(random.uniform(20, 180))
            let properties: JSON = ["angular_width_deg": .number(width), "halo": .bool(width == 360)]
            return [id, "cme", .null, .timestamp(start), .null, .null, region, .double(speed), "synthetic SOHO LASCO", .json(properties)]
        }

        // Three significant digits, as the GOES lists give it; the class is read from that.
        let drawn = min(4e-3, 5e-8 * pow(random.uniform(Double.leastNormalMagnitude, 1), -1 / 0.8))
        let flux = Double(String(format: "%.2e", drawn))!
        let peak = start.microsecondsSinceEpoch + Int64(2 + random.exponential(mean: 8)) * minute
        let end = peak + Int64(3 + random.exponential(mean: 15) * (1 + log10(flux / 1e-7))) * minute
        let properties: JSON = [
            "hemisphere": random.uniform(0, 1) < 0.5 ? "N" : "S",
            "peak_flux_w_m2": .number(flux),
        ]
        return [
            id, "flare", .text(Self.flareClass(flux)), .timestamp(start),
            .timestamp(Timestamp(microsecondsSinceEpoch: peak)), .timestamp(Timestamp(microsecondsSinceEpoch: end)),
            region, .null, "synthetic GOES XRS", .json(properties),
        ]
    }

    /// The GOES class of a peak flux in W/m²: A below 1e-7, B, C, M, X from 1e-4 up.
    static func flareClass(_ flux: Double) -> String {
        let letters: [(String, Double)] = [("X", 1e-4), ("M", 1e-5), ("C", 1e-6), ("B", 1e-7), ("A", 1e-8)]
        let (letter, base) = letters.first { flux >= $0.1 } ?? ("A", 1e-8)
        // Truncated, not rounded, so that 9.96e-6 is C9.9 and never C10.0.
        return letter + String(format: "%.1f", (flux / base * 10).rounded(.down) / 10)
    }
}

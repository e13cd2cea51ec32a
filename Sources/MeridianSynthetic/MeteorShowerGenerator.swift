import Foundation
import Meridian

/// `meteor_showers`: the returns of the thirteen showers of ``MeteorShower/catalogue``, one
/// row per shower and year, newest year first: rows 0–12 are 2025's, 13–25 are 2024's, and so
/// on back to 1826, which bounds the table at 2,600 rows (the unique key is the shower and its
/// peak).
///
/// The peak falls within half a day of the catalogue date; the rate varies by about a quarter
/// from year to year, and showers known for storms have one now and then (ZHR × 20–100). The
/// radiant and speed vary by a fraction of a degree and of a km/s.
public struct MeteorShowerGenerator: SyntheticTableGenerator {
    public let seed: UInt64
    public let table = "meteor_showers"
    public let columns = [
        "id", "iau_code", "name", "peak_at", "active_from", "active_to", "zhr", "radiant_ra_deg", "radiant_dec_deg", "velocity_km_s",
        "parent_body",
    ]
    public let naturalKey = ["id"]
    public var capacity: Int { MeteorShower.catalogue.count * Self.years }

    static let latestYear = 2025
    static let years = 200
    private let streams: UInt64

    public init(seed: UInt64) {
        self.seed = seed
        streams = SeededGenerator.mix(seed ^ 0x4D45_5445_4F52_5300)
    }

    public func row(_ index: Int) -> [DatabaseValue] {
        var random = SeededGenerator(seed: streams, index: UInt64(index))
        let shower = MeteorShower.catalogue[index % MeteorShower.catalogue.count]
        let year = Self.latestYear - index / MeteorShower.catalogue.count
        let day = CalendarDate(year: year, month: shower.peakMonth, day: shower.peakDay)!.daysSinceEpoch
        let microsecondsPerDay: Int64 = 86_400_000_000
        let offset = Int64(random.uniform(-0.5, 0.5) * Double(microsecondsPerDay) / 60_000_000) * 60_000_000
        let peak = Timestamp(microsecondsSinceEpoch: (day * microsecondsPerDay) + microsecondsPerDay / 2 + offset)
        var zhr = shower.zhr * exp(0.25 * random.normalPair().0)
        if shower.outbursts, random.uniform(0, 1) < 0.03 { zhr *= random.uniform(20, 100) }
        let (raJitter, decJitter) = random.normalPair()
        return [
            .uuid(NameBasedUUID.synthetic(table: table, seed: seed, index: index)),
            .text(shower.code),
            .text(shower.name),
            .timestamp(peak),
            .date(CalendarDate(daysSinceEpoch: day - Int64(shower.daysBefore))!),
            .date(CalendarDate(daysSinceEpoch: day + Int64(shower.daysAfter))!),
            .int(Int64(zhr.rounded())),
            .double((shower.rightAscension + 0.3 * raJitter).truncatingRemainder(dividingBy: 360).rounded(places: 1)),
            .double(min(90, max(-90, shower.declination + 0.3 * decJitter)).rounded(places: 1)),
            .double((shower.speedKmS + random.uniform(-0.5, 0.5)).rounded(places: 1)),
            shower.parent.map(DatabaseValue.text) ?? .null,
        ]
    }
}

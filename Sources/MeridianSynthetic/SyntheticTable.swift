import Meridian

/// The tables of the reference database that `meridian fixtures generate` fills, in the
/// order it fills them.
///
/// Why a module of its own, `MeridianSynthetic`, rather than `Meridian/Fixtures`: the core
/// module is the toolkit every application links (values, dialects, migrations, fixture
/// loading) and knows no schema; this module knows one, the reference database, down to its
/// plate boundaries and comets. The CLI, the benchmarks and the tests use it; an application
/// that only wants the storage layer does not carry it. It depends on `MeridianPostgres` for
/// one thing, ``PostgresCopySink``.
public enum SyntheticTable: String, CaseIterable, Sendable, CustomStringConvertible {
    case earthquakes
    case volcanicActivity = "volcanic_activity"
    case solarEvents = "solar_events"
    case meteorShowers = "meteor_showers"
    case ephemerisData = "ephemeris_data"

    /// The table's name in the reference schema.
    public var name: String { rawValue }

    public var description: String { rawValue }

    /// The generator of this table's rows for `seed`.
    public func generator(seed: UInt64) -> any SyntheticTableGenerator {
        switch self {
        case .earthquakes: EarthquakeGenerator(seed: seed)
        case .volcanicActivity: VolcanicActivityGenerator(seed: seed)
        case .solarEvents: SolarEventGenerator(seed: seed)
        case .meteorShowers: MeteorShowerGenerator(seed: seed)
        case .ephemerisData: EphemerisGenerator(seed: seed)
        }
    }
}

/// How many rows of each table to generate, from which seed.
///
/// ```swift
/// var dataset = SyntheticDataset(seed: 42, scale: .small)
/// dataset[.earthquakes] = 1_000_000
/// try dataset.validate()
/// ```
public struct SyntheticDataset: Sendable, Equatable {
    public var seed: UInt64
    /// Rows per table; a table left out gets none.
    public var counts: [SyntheticTable: Int]

    public init(seed: UInt64, counts: [SyntheticTable: Int] = [:]) {
        self.seed = seed
        self.counts = counts
    }

    /// The counts of a ``SyntheticScale`` preset.
    public init(seed: UInt64, scale: SyntheticScale) {
        self.init(seed: seed, counts: scale.counts)
    }

    public subscript(table: SyntheticTable) -> Int {
        get { counts[table] ?? 0 }
        set { counts[table] = newValue }
    }

    /// Every table's count, in fill order, leaving out tables with none.
    public var plan: [(table: SyntheticTable, rows: Int)] {
        SyntheticTable.allCases.compactMap { table in self[table] > 0 ? (table, self[table]) : nil }
    }

    /// All the rows asked for.
    public var totalRows: Int { counts.values.reduce(0, +) }

    /// Refuses a negative count and one beyond what the table can hold with distinct keys.
    public func validate() throws(SyntheticDataError) {
        for table in SyntheticTable.allCases {
            let count = self[table]
            guard count >= 0 else { throw .negativeCount(table: table, count: count) }
            let capacity = table.generator(seed: seed).capacity
            guard count <= capacity else { throw .beyondCapacity(table: table, count: count, capacity: capacity) }
        }
    }
}

/// Row counts for the usual sizes of development data.
public enum SyntheticScale: String, CaseIterable, Sendable {
    /// About 2,500 rows: unit tests and quick looks.
    case tiny
    /// About 45,000 rows, a few seconds: `make run`.
    case small
    /// About 340,000 rows; ephemerides of 10,000 days per body.
    case medium
    /// About 2.4 million rows; a million earthquakes, as `meridian-bench radius` uses.
    case large
    /// About 10 million rows.
    case huge

    public var counts: [SyntheticTable: Int] {
        switch self {
        case .tiny: [.earthquakes: 1_000, .volcanicActivity: 100, .solarEvents: 200, .meteorShowers: 26, .ephemerisData: 1_100]
        case .small: [.earthquakes: 20_000, .volcanicActivity: 500, .solarEvents: 2_000, .meteorShowers: 260, .ephemerisData: 22_000]
        case .medium: [.earthquakes: 200_000, .volcanicActivity: 5_000, .solarEvents: 20_000, .meteorShowers: 1_300, .ephemerisData: 110_000]
        case .large: [.earthquakes: 1_000_000, .volcanicActivity: 50_000, .solarEvents: 200_000, .meteorShowers: 2_600, .ephemerisData: 1_100_000]
        case .huge: [.earthquakes: 5_000_000, .volcanicActivity: 100_000, .solarEvents: 500_000, .meteorShowers: 2_600, .ephemerisData: 4_400_000]
        }
    }
}

/// Why generated data cannot be written; each names the table and what to do.
public enum SyntheticDataError: Error, Sendable, Equatable, CustomStringConvertible {
    case negativeCount(table: SyntheticTable, count: Int)
    case beyondCapacity(table: SyntheticTable, count: Int, capacity: Int)
    /// The database lacks a table or column the data needs: the reference migrations are not applied.
    case schemaMissing(table: String, column: String?, database: String)
    /// Stopped between two batches; what was committed stays.
    case interrupted(rowsWritten: Int)

    public var description: String {
        switch self {
        case .negativeCount(let table, let count):
            "the row count for \(table) is \(count); give 0 or more"
        case .beyondCapacity(let table, let count, let capacity):
            "\(table) can hold at most \(capacity) generated rows with distinct keys, not \(count); ask for fewer"
        case .schemaMissing(let table, let column, let database):
            (column.map { "table \(table) in \(database) has no column \($0)" } ?? "table \(table) does not exist in \(database)")
                + ": apply the reference migrations first (meridian migrate up)"
        case .interrupted(let rows):
            "interrupted after \(rows) rows; the batches committed so far are complete, run the same command again to finish"
        }
    }
}

import Meridian

/// Distinct instants for the items of a table, scattered over a window: item `index` gets tick
/// `p(index)` of the window, `p` a ``KeyedPermutation`` of the ticks.
///
/// Some tables are unique on an instant (`solar_events` on type and start, `volcanic_activity`
/// on volcano and start). Drawing each instant at random would, once in a long while, draw one
/// twice and the row would be lost to the constraint; a permutation never does.
struct ScatteredInstants: Sendable {
    let start: Timestamp
    /// Microseconds per tick.
    let resolution: Int64
    private let permutation: KeyedPermutation

    init(seed: UInt64, window: Range<Timestamp>, resolution: Int64) {
        start = window.lowerBound
        self.resolution = resolution
        let ticks = (window.upperBound.microsecondsSinceEpoch - window.lowerBound.microsecondsSinceEpoch) / resolution
        permutation = KeyedPermutation(seed: seed, capacity: UInt64(ticks))
    }

    /// How many items can have distinct instants: the ticks in the window.
    var capacity: Int { Int(permutation.capacity) }

    /// The instant of item `index`, which must be below ``capacity``.
    func instant(_ index: Int) -> Timestamp {
        Timestamp(microsecondsSinceEpoch: start.microsecondsSinceEpoch + Int64(permutation(UInt64(index))) * resolution)
    }
}

import Meridian

/// A permutation of 0..<capacity chosen by a seed: distinct inputs give distinct outputs that
/// look scattered, with no table and no memory of earlier outputs.
///
/// Used where generated values must be unique (USGS-style event codes, instants in tables with
/// a unique start) yet item n must be made without items 0..<n. It works on the smallest words
/// of whole bits that hold `capacity` (three rounds of: add a key, multiply by an odd number,
/// fold the high half onto the low; each a bijection of those words) and walks the cycle until
/// it lands below `capacity`, which makes it a bijection of 0..<capacity.
struct KeyedPermutation: Sendable {
    /// How many values it permutes.
    let capacity: UInt64
    private let mask: UInt64
    private let half: UInt64
    private let keys: (UInt64, UInt64, UInt64)

    init(seed: UInt64, capacity: UInt64) {
        precondition(capacity > 1, "a permutation needs at least two values")
        self.capacity = capacity
        let bits = UInt64(UInt64.bitWidth - (capacity - 1).leadingZeroBitCount)
        mask = bits == 64 ? .max : (1 << bits) - 1
        half = max(1, bits / 2)
        keys = (SeededGenerator.mix(seed ^ 0xA1), SeededGenerator.mix(seed ^ 0xB2), SeededGenerator.mix(seed ^ 0xC3))
    }

    /// The image of `value`, which must be below ``capacity``.
    func callAsFunction(_ value: UInt64) -> UInt64 {
        precondition(value < capacity, "\(value) is beyond the \(capacity) values of the permutation")
        var x = round(round(round(value, keys.0), keys.1), keys.2)
        while x >= capacity { x = round(round(round(x, keys.0), keys.1), keys.2) }
        return x
    }

    @inline(__always)
    private func round(_ value: UInt64, _ key: UInt64) -> UInt64 {
        var x = (value &+ key) & mask
        x = (x &* (key | 1)) & mask
        return x ^ (x >> half)
    }
}

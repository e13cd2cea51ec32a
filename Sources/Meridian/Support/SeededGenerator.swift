/// SplitMix64: a small deterministic random number generator, so generated test data and
/// benchmark rows are the same on every run and on both backends.
///
/// It lives in the core module because generated development data (`MeridianSynthetic`) is
/// made with it as well as tests and benchmarks.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// The generator for item `index` of a family of independent streams drawn from `seed`:
    /// item n can be made without items 0..<n, and neighbouring items share no outputs (a
    /// generator seeded with `seed + index` would: SplitMix64 walks its state by a constant).
    public init(seed: UInt64, index: UInt64) {
        state = Self.mix(seed ^ Self.mix(index &+ 0x6A09_E667_F3BC_C909))
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.mix(state)
    }

    /// SplitMix64's output function: a bijection of 64-bit words that spreads every input bit
    /// over the whole output.
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A double in [low, high), from the top 53 bits.
    public mutating func uniform(_ low: Double, _ high: Double) -> Double {
        low + (high - low) * Double(next() >> 11) * 0x1p-53
    }
}

import Foundation

/// Monotonic wall-clock timing in milliseconds (`CLOCK_MONOTONIC`, unaffected by clock changes).
enum BenchmarkClock {
    /// Milliseconds since an arbitrary fixed point; only differences mean anything.
    static func nowMilliseconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) * 1_000 + Double(spec.tv_nsec) / 1_000_000
    }

    /// How long `body` took, in milliseconds, and what it returned.
    static func measure<T>(_ body: () throws -> T) rethrows -> (milliseconds: Double, value: T) {
        let start = nowMilliseconds()
        let value = try body()
        return (nowMilliseconds() - start, value)
    }

    /// The median of `samples` (the mean of the middle two for an even count).
    static func median(_ samples: [Double]) -> Double {
        precondition(!samples.isEmpty, "no samples")
        let sorted = samples.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// The `p`-quantile of `samples` (0 < p < 1), the nearest rank at or above it: p95 of 400
    /// samples is the 381st smallest.
    static func percentile(_ samples: [Double], _ p: Double) -> Double {
        precondition(!samples.isEmpty, "no samples")
        let sorted = samples.sorted()
        return sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
    }
}

/// Runs Meridian and its peer in alternating order, so neither always runs first (on a warm or
/// cold cache, after the other's garbage), and collects each side's times.
///
/// Each closure gets the round number and returns the milliseconds of the part it times, so
/// setup and checks can stay outside the measurement.
struct AlternatingRounds {
    var meridian: [Double] = []
    var peer: [Double] = []

    init(
        benchmark: String, rounds: Int, warmUp: Bool,
        meridian runMeridian: (Int) throws -> Double, peer runPeer: (Int) throws -> Double
    ) rethrows {
        if warmUp {
            Progress.log("\(benchmark): warm-up round (not counted)")
            _ = try runMeridian(-1)
            _ = try runPeer(-1)
        }
        for round in 0..<rounds {
            if round % 2 == 0 {
                meridian.append(try runMeridian(round))
                peer.append(try runPeer(round))
            } else {
                peer.append(try runPeer(round))
                meridian.append(try runMeridian(round))
            }
            Progress.log(String(format: "%@: round %d/%d meridian %.2f ms, peer %.2f ms",
                                benchmark, round + 1, rounds, meridian.last!, peer.last!))
        }
    }
}

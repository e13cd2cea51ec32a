/// `RotatingRounds` (Benchmarks/meridian-bench) for async contenders: each round runs every
/// contender once, starting one further along each time, so none always runs first or right
/// after the same neighbour; the closure gets the contender's index and the round (-1 for the
/// warm-up, which is not counted) and returns the milliseconds of the part it times.
enum AsyncRotatingRounds {
    static func run(
        _ benchmark: String, labels: [String], rounds: Int, warmUp: Bool = true,
        _ body: (_ contender: Int, _ round: Int) async throws -> Double
    ) async throws -> [[Double]] {
        var times = Array(repeating: [Double](), count: labels.count)
        if warmUp {
            Progress.log("\(benchmark): warm-up round (not counted)")
            for index in labels.indices { _ = try await body(index, -1) }
        }
        for round in 0..<rounds {
            for step in labels.indices {
                let index = (step + round) % labels.count
                times[index].append(try await body(index, round))
            }
            let summary = labels.indices.map { "\(labels[$0]) \(RotatingFormat.ms(times[$0].last!)) ms" }
            Progress.log("\(benchmark): round \(round + 1)/\(rounds): " + summary.joined(separator: ", "))
        }
        return times
    }
}

enum RotatingFormat {
    static func ms(_ milliseconds: Double) -> String { String(format: "%.2f", milliseconds) }
    /// Microseconds, for per-query latencies.
    static func us(_ milliseconds: Double) -> String { String(format: "%.0f µs", milliseconds * 1_000) }
}

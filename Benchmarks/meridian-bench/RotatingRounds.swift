/// Runs several contenders (Meridian and its peers) round after round, rotating their order so
/// none always runs first or right after the same neighbour, and collects each one's times.
///
/// Like ``AlternatingRounds`` for more than two sides: each closure gets the round number
/// (-1 for the warm-up) and returns the milliseconds of the part it times.
struct RotatingRounds {
    struct Contender {
        var label: String
        var run: (Int) throws -> Double
    }

    /// Each contender's times, in the order the contenders were given.
    private(set) var times: [[Double]]

    init(benchmark: String, rounds: Int, warmUp: Bool, _ contenders: [Contender]) throws {
        times = Array(repeating: [], count: contenders.count)
        if warmUp {
            Progress.log("\(benchmark): warm-up round (not counted)")
            for contender in contenders { _ = try contender.run(-1) }
        }
        for round in 0..<rounds {
            for step in contenders.indices {
                let index = (step + round) % contenders.count
                times[index].append(try contenders[index].run(round))
            }
            let summary = contenders.indices.map { "\(contenders[$0].label) \(Self.format(times[$0].last!)) ms" }
            Progress.log("\(benchmark): round \(round + 1)/\(rounds): " + summary.joined(separator: ", "))
        }
    }

    /// The median of contender `index`.
    func median(_ index: Int) -> Double { BenchmarkClock.median(times[index]) }

    static func format(_ milliseconds: Double) -> String { String(format: "%.2f", milliseconds) }
}

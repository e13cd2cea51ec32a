import Foundation

/// The one line per peer a script reads from a benchmark (see DESIGN.md, "Benchmarks"):
///
///     RESULT <benchmark> meridian=<ms>ms peer=<ms>ms ratio=<meridian/peer> (<peer name>, <rows>, …)
///
/// Times are medians in milliseconds; a ratio below 1 means Meridian is faster.
struct ResultLine: CustomStringConvertible {
    var benchmark: String
    var meridianMilliseconds: Double
    var peerMilliseconds: Double
    /// The peer's name first, then what was measured (rows, sizes, …).
    var details: [String]

    var ratio: Double { meridianMilliseconds / peerMilliseconds }

    var description: String {
        String(format: "RESULT %@ meridian=%.2fms peer=%.2fms ratio=%.3f (%@)",
               benchmark, meridianMilliseconds, peerMilliseconds, ratio, details.joined(separator: ", "))
    }

    /// Writes the line to standard output.
    func emit() { Output.line(description) }
}

/// Results go to standard output, progress to standard error, both unbuffered so they interleave
/// in order on a terminal.
enum Output {
    static func line(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }
}

enum Progress {
    static func log(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}

/// A benchmark that cannot run, or whose two sides disagree.
struct BenchmarkError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

import Foundation

/// `migrate`, start-up: how long the `meridian` command takes to answer a question about a
/// database, run as a user runs it, a new process each time.
///
/// Meridian runs `meridian migrate status` on the SQLite file the benchmark's last Meridian
/// round built (30 applied migrations) with the corpus folder: process start, argument parsing,
/// loading and hashing the files, opening the file with SpatiaLite and reading the tracking
/// table. The peer is `sqlite3 -version`, the bare start-up of the tool it replaces, so the
/// ratio says how far Meridian's start-up is from a process that does nothing; the goal is
/// under 50 ms. Two more lines break the time down: `meridian --help` (the Swift
/// runtime, Foundation and argument parsing) and the `sqlite3` shell loading SpatiaLite and
/// reading the same tracking table (what opening a SpatiaLite file costs any tool).
struct MigrateStartupBenchmark {
    static let goalMilliseconds = 50.0
    var runs: Int
    var binary: String
    var database: String
    var folder: String

    func run() throws {
        guard let shell = Subprocess.which("sqlite3") else { throw BenchmarkError("sqlite3 is not installed") }
        let commands: [(label: String, arguments: [String])] = [
            ("meridian migrate status", [binary, "migrate", "status", "--database", "sqlite:" + database, "--migrations", folder]),
            ("sqlite3 -version", [shell, "-version"]),
            ("meridian --help", [binary, "--help"]),
            ("sqlite3 + SpatiaLite + SELECT", [shell, database, ".load \(MigratePeerScripts.spatiaLitePath)",
                                               "SELECT count(*) FROM meridian_migrations"]),
        ]
        Progress.log("migrate-startup: \(runs) runs of each, rotating")
        for command in commands { try Subprocess.run(command.arguments) }  // warm the page cache
        var times = Array(repeating: [Double](), count: commands.count)
        for run in 0..<runs {
            for step in commands.indices {
                let index = (step + run) % commands.count
                times[index].append(try Subprocess.run(commands[index].arguments))
            }
        }
        let medians = times.map(BenchmarkClock.median)
        for (command, median) in zip(commands, medians) {
            Output.line(String(format: "migrate-startup: %@ %.2f ms (median of %d)", command.label, median, runs))
        }
        let met = medians[0] < Self.goalMilliseconds ? "met" : "MISSED"
        ResultLine(benchmark: "migrate-startup", meridianMilliseconds: medians[0], peerMilliseconds: medians[1],
                   details: ["meridian migrate status vs sqlite3 -version, process start-up", "median of \(runs)",
                             String(format: "goal < %.0f ms: %@", Self.goalMilliseconds, met)]).emit()
    }
}

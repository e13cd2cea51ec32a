import ArgumentParser
import Foundation
import Logging
import Meridian

/// Where migration events go: swift-log on stderr (with `--verbose`) and JSON lines to a file.
struct TelemetryOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Append one JSON object per migration event (started, finished, failed) to this file.", valueName: "file"))
    var telemetry: String?

    @Flag(name: .shortAndLong, help: "Log every migration event to stderr.")
    var verbose = false

    func sink() throws -> any MigrationTelemetry {
        var logger = Logger(label: "meridian.migrate")
        // Failures reach the user as the command's error; the log repeats them only on request.
        logger.logLevel = verbose ? .info : .critical
        var sinks: [any MigrationTelemetry] = [ProgressLines(), LoggerTelemetry(logger: logger)]
        if let telemetry { sinks.append(try JSONLinesTelemetry(path: telemetry)) }
        return CombinedTelemetry(sinks)
    }
}

/// One line on stdout as each migration finishes, so a run that fails later has already said
/// what it applied.
struct ProgressLines: MigrationTelemetry {
    func record(_ event: MigrationEvent) {
        guard event.event == .finished else { return }
        let verb = event.direction == .up ? "applied" : "rolled back"
        let name = "\(event.version)_\(event.slug)"
        // Written unbuffered: in a pipe, print's buffer would hold the line until exit.
        let line = "\(verb) \(name) (\(String(format: "%.1f", event.durationMilliseconds ?? 0)) ms)\n"
        FileHandle.standardOutput.write(Data(line.utf8))
    }
}

import ArgumentParser
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
        logger.logLevel = verbose ? .info : .warning
        var sinks: [any MigrationTelemetry] = [LoggerTelemetry(logger: logger)]
        if let telemetry { sinks.append(try JSONLinesTelemetry(path: telemetry)) }
        return CombinedTelemetry(sinks)
    }
}

import ArgumentParser
import Foundation
import Meridian

/// `meridian load csv FILE`: the USGS earthquake catalogue (FDSN event CSV) into `earthquakes`.
struct LoadCSV: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "csv",
        abstract: "Load a USGS earthquake catalogue file (FDSN event CSV) into the earthquakes table.",
        discussion: """
            Reads the format https://earthquake.usgs.gov/fdsnws/event/1/query?format=csv serves \
            (time,latitude,longitude,depth,mag,magType,…,id,updated,place,type,…), with the \
            columns in any order. time, latitude, longitude, mag and id are required; the columns \
            the table has no place for go into its properties JSON.

            Events are matched by their USGS id: a revision with a later `updated` replaces the \
            stored event, the same or an earlier one is left alone, so loading a file again \
            changes nothing. The whole load is one transaction.

            A record may be up to 1 MiB (1,024 KiB), quoted line breaks included; a longer one stops the \
            load, naming its line. A bad row is reported as FILE:LINE: reason (the header is line 1). With --on-error \
            reject (the default) any bad row means nothing is loaded and the exit status is 1. \
            With --on-error skip the good rows are loaded and the exit status is 2 when rows \
            were skipped.

            Exit status: 0 loaded, 1 failed (nothing loaded), 2 loaded with bad rows skipped.
            """)

    /// The exit status of a load that skipped bad rows.
    static let skippedRowsStatus: Int32 = 2

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: ArgumentHelp("The CSV file, or - to read standard input.", valueName: "file"))
    var file: String

    @Option(name: .customLong("on-error"), help: ArgumentHelp("What to do with bad rows: reject (load nothing) or skip (load the rest).", valueName: "policy"))
    var onError: USGSCatalogueLoader.ErrorPolicy = .reject

    @Option(
        name: .customLong("type"),
        help: ArgumentHelp(
            "Load events of this type; repeat for several, or say all.",
            discussion: "Defaults to earthquake: quarry blasts, explosions, ice quakes and the rest are counted as ignored.",
            valueName: "type"))
    var types: [String] = []

    func validate() throws {
        if types.contains(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            throw ValidationError("--type needs an event type (earthquake, quarry blast, …) or all, not an empty value")
        }
    }

    func run() throws {
        let source = file == "-" ? "stdin" : file
        let input = try open()
        defer { if file != "-" { try? input.close() } }
        let size = file == "-" ? nil : (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? NSNumber)?.intValue
        let display = ProgressLine()
        var reader = CSVReader(fileDescriptor: input.fileDescriptor)
        let loader = USGSCatalogueLoader(
            connection: try database.connect(for: .write), onError: onError, types: types.contains("all") ? nil : Set(types.isEmpty ? ["earthquake"] : types),
            progress: display.map { display in { display.show(Self.progressText($0, totalBytes: size)) } })

        let started = DispatchTime.now()
        let report: USGSLoadReport
        do {
            report = try loader.load(&reader)
        } catch USGSCatalogueError.rejected(let rejected) {
            display?.clear()
            printBadRows(rejected, source: source)
            if output.json { try output.printJSON(LoadSummary(source: source, report: rejected, loaded: false, seconds: seconds(since: started))) }
            throw LoadFailure("\(source): \(USGSCatalogueError.rejected(rejected))")
        } catch {
            display?.clear()
            throw LoadFailure("\(source): \(error)")
        }
        display?.clear()
        printBadRows(report, source: source)
        let summary = LoadSummary(source: source, report: report, loaded: true, seconds: seconds(since: started))
        if output.json { try output.printJSON(summary) } else { print(summary.line) }
        if report.rejected > 0 { throw ExitCode(Self.skippedRowsStatus) }
    }

    private func open() throws -> FileHandle {
        if file == "-" { return FileHandle.standardInput }
        guard let handle = FileHandle(forReadingAtPath: file) else {
            let reason = FileManager.default.fileExists(atPath: file) ? "cannot be read (permissions?)" : "no such file"
            throw LoadFailure("\(file): \(reason)")
        }
        return handle
    }

    private func printBadRows(_ report: USGSLoadReport, source: String) {
        for row in report.badRows { Console.progress("\(source):\(row.line): \(row.reason)") }
        let unlisted = report.rejected - report.badRows.count
        if unlisted > 0 { Console.progress("\(source): … and \(plural(unlisted, "more bad row"))") }
    }

    /// `12000 rows (40%)`: rows read, and how far into the file when its size is known.
    private static func progressText(_ progress: USGSLoadProgress, totalBytes: Int?) -> String {
        var text = "\(progress.rows) rows"
        if let totalBytes, totalBytes > 0 { text += String(format: " (%.0f%%)", 100 * Double(progress.bytesRead) / Double(totalBytes)) }
        return text
    }

    private func seconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }
}

extension USGSCatalogueLoader.ErrorPolicy: ExpressibleByArgument {}

/// A load that did not happen, with the message that says why.
struct LoadFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// What `meridian load csv` prints at the end: one line, or JSON with `--json`.
struct LoadSummary: Encodable {
    let source: String
    let report: USGSLoadReport
    /// Whether the transaction committed.
    let loaded: Bool
    let seconds: Double

    var rowsPerSecond: Int { seconds > 0 ? Int(Double(report.rows) / seconds) : 0 }

    var line: String {
        let r = report
        return "\(source): \(plural(r.rows, "row")) in \(String(format: "%.2f", seconds)) s (\(rowsPerSecond) rows/s): "
            + "\(r.inserted) inserted, \(r.updated) updated, \(r.unchanged) unchanged, \(r.ignored) ignored (other types), \(r.rejected) rejected"
    }

    enum CodingKeys: String, CodingKey {
        case source, loaded, seconds, rowsPerSecond, rows, inserted, updated, unchanged, ignored, rejected, badRows
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(source, forKey: .source)
        try c.encode(loaded, forKey: .loaded)
        try c.encode((seconds * 1000).rounded() / 1000, forKey: .seconds)
        try c.encode(rowsPerSecond, forKey: .rowsPerSecond)
        try c.encode(report.rows, forKey: .rows)
        try c.encode(report.inserted, forKey: .inserted)
        try c.encode(report.updated, forKey: .updated)
        try c.encode(report.unchanged, forKey: .unchanged)
        try c.encode(report.ignored, forKey: .ignored)
        try c.encode(report.rejected, forKey: .rejected)
        try c.encode(report.badRows, forKey: .badRows)
    }
}

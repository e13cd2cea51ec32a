import ArgumentParser
import Foundation
import Meridian
import MeridianSynthetic

/// `meridian fixtures generate`: deterministic synthetic rows into a migrated reference database.
struct FixturesGenerate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate deterministic development data (earthquakes, volcanic activity, solar events, meteor showers, ephemerides).",
        discussion: """
            Earthquakes fall along the major plate boundaries (the Pacific ring of fire, the \
            mid-ocean ridges up to the Arctic, the Alpine–Himalayan belt, the East African Rift) \
            with Gutenberg–Richter magnitudes and depths by boundary; volcanic episodes at forty \
            real volcanoes; X-ray flares with a power-law class distribution and CMEs; yearly \
            returns of thirteen meteor showers; daily state vectors of eleven bodies on two-body \
            orbits. Events fall in 1990–2025.

            The same --seed gives the same rows, value for value, on SQLite and PostgreSQL. Keys \
            are name-based UUIDs (UUIDv5 of table/seed/index), so running the same command again \
            adds nothing, a larger count adds only the missing rows, and a run stopped part-way \
            finishes when repeated: rows whose key is already present are skipped and counted.

            Rows are written in batches, one transaction each (--batch rows). Ctrl-C stops after \
            the batch being written, and a crash or a kill rolls that batch back: what is in the \
            database is always whole batches. On PostgreSQL batches go by binary COPY.

            Sizes, in rows of earthquakes, volcanic_activity, solar_events, meteor_showers
            and ephemeris_data:
              tiny        1,000      100      200     26       1,100
              small      20,000      500    2,000    260      22,000   (default)
              medium    200,000    5,000   20,000  1,300     110,000
              large   1,000,000   50,000  200,000  2,600   1,100,000
              huge    5,000,000  100,000  500,000  2,600   4,400,000
            A per-table option overrides its table's count; 0 leaves the table alone.

            The database must have the reference migrations applied (meridian migrate up).
            Progress shows on a terminal; the summary line gives rows and rows per second. \
            Exit status: 0 done, 1 failed (whole batches written before the failure stay), \
            130 interrupted.
            """)

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions

    @Option(parsing: .unconditional, help: "The seed: the same seed gives the same data.")
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp("How much to generate (see the sizes above).", valueName: "size"))
    var scale: SyntheticScale = .small

    @Option(parsing: .unconditional, help: ArgumentHelp("Rows of earthquakes.", valueName: "n")) var earthquakes: Int?
    @Option(parsing: .unconditional, help: ArgumentHelp("Rows of volcanic_activity.", valueName: "n")) var volcanicActivity: Int?
    @Option(parsing: .unconditional, help: ArgumentHelp("Rows of solar_events.", valueName: "n")) var solarEvents: Int?
    @Option(parsing: .unconditional, help: ArgumentHelp("Rows of meteor_showers (at most 2,600: thirteen showers a year, 1826–2025).", valueName: "n"))
    var meteorShowers: Int?
    @Option(parsing: .unconditional, help: ArgumentHelp("Rows of ephemeris_data (eleven bodies, one row each per day from 2000-01-01).", valueName: "n"))
    var ephemeris: Int?

    @Option(parsing: .unconditional, help: ArgumentHelp("Rows per transaction.", valueName: "n"))
    var batch = 10_000

    /// The counts asked for: the scale's, overridden table by table.
    var dataset: SyntheticDataset {
        var dataset = SyntheticDataset(seed: seed, scale: scale)
        let overrides: [(SyntheticTable, Int?)] = [
            (.earthquakes, earthquakes), (.volcanicActivity, volcanicActivity), (.solarEvents, solarEvents),
            (.meteorShowers, meteorShowers), (.ephemerisData, ephemeris),
        ]
        for case let (table, count?) in overrides { dataset[table] = count }
        return dataset
    }

    func validate() throws {
        let options: [(String, Int?)] = [
            ("--earthquakes", earthquakes), ("--volcanic-activity", volcanicActivity), ("--solar-events", solarEvents),
            ("--meteor-showers", meteorShowers), ("--ephemeris", ephemeris), ("--batch", batch),
        ]
        for case let (name, value?) in options where value < 0 {
            throw ValidationError("\(name) must be 0 or more, not \(value)")
        }
        guard batch >= 1 else { throw ValidationError("--batch must be at least 1") }
        do { try dataset.validate() } catch { throw ValidationError("\(error)") }
    }

    func run() throws {
        let url = try database.url()
        let connection = try database.connect(for: .write)
        var writer = SyntheticDataWriter(connection, database: url.description, sink: SyntheticDataWriter.fastestSink(for: connection))
        writer.batchSize = batch
        let display = ProgressLine()
        let interrupt = InterruptRequest()
        let report: SyntheticReport
        do {
            report = try writer.write(dataset, progress: { progress in
                display?.show(String(
                    format: "%@: %d/%d rows, %d/%d in all (%.0f%%), %.0f rows/s",
                    progress.table.name, progress.rowsDone, progress.rowsInTable, progress.totalDone, progress.total,
                    100 * Double(progress.totalDone) / Double(max(1, progress.total)),
                    Double(progress.totalDone) / max(progress.elapsedSeconds, 1e-9)))
            }, shouldStop: { interrupt.isRequested })
        } catch let error as SyntheticDataError {
            display?.clear()
            if case .interrupted = error {
                Console.progress("\(url): \(error)")
                throw ExitCode(130)
            }
            throw GenerateFailure("\(error)")
        } catch {
            display?.clear()
            throw GenerateFailure("\(url): \(error); the batches committed before it stay, and running the same command again finishes the job")
        }
        display?.clear()
        if output.json {
            try output.printJSON(report)
            return
        }
        for table in report.tables {
            print("\(table.table): \(table.rows) rows (\(table.inserted) new, \(table.present) already present) in \(String(format: "%.2f", table.seconds)) s")
        }
        print(String(
            format: "%@: generated %d rows with seed %llu (%d new, %d already present) in %.2f s, %.0f rows/s",
            url.description, report.rows, report.seed, report.inserted, report.rows - report.inserted, report.seconds, report.rowsPerSecond))
    }
}

extension SyntheticScale: ExpressibleByArgument {}

/// A generation that stopped, with the message that says why.
struct GenerateFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

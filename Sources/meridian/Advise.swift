import ArgumentParser
import Foundation
import Meridian

/// `meridian advise --queries FILE`: indexes that make a workload's queries faster, on each engine.
struct Advise: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Suggest indexes for a file of queries, tried on each engine with real plans and timings.",
        discussion: """
            Reads the queries of FILE (statements separated by `;`, each with its sample values \
            on a comment line `-- args: v1, v2` above it). From each query's filters, joins, \
            ordering and grouping it proposes btree indexes (equality columns, the most distinct \
            first, then one range or the ordering columns; and the first column alone), leaves \
            out those an existing index, key or unique constraint serves, and tries each: on \
            SQLite for real, in a copy of the file; on PostgreSQL as a hypothetical index \
            (HypoPG) when the extension can be created, else for real, in a transaction rolled \
            back after (which holds a lock on the table while it runs: point it at a \
            development database). A candidate is kept when a query's plan uses it and the \
            query's median time over --rounds runs (or planned cost) drops by --min-gain \
            percent; the kept ones are ranked by what they save. Existing indexes no plan of these queries \
            uses are listed as candidates to drop. Nothing in the database is changed.
            """)

    @Option(help: ArgumentHelp("The file of queries.", valueName: "file"))
    var queries: String

    @OptionGroup var databases: EnginePairOptions

    @Option(help: ArgumentHelp("Runs of each query before and after each candidate; the median counts.", valueName: "n"))
    var rounds = 3

    @Option(name: .customLong("min-gain"), help: ArgumentHelp("The percent a query's time must drop for a candidate to be kept.", valueName: "percent"))
    var minimumGain = 20.0

    @OptionGroup var output: OutputOptions

    struct Report: Encodable {
        struct Suggestion: Encodable {
            var table: String
            var columns: [String]
            var sql: String
            var saved: Double
            var queries: [Effect]
        }

        struct Effect: Encodable {
            var query: Int
            var line: Int?
            var before: Double
            var after: Double
        }

        struct Rejection: Encodable {
            var table: String
            var columns: [String]
            var reason: String
        }

        var engine: String
        var database: String
        /// `milliseconds` (real indexes, timed) or `cost` (hypothetical indexes, planned).
        var measure: String
        var suggestions: [Suggestion]
        var rejected: [Rejection]
        var unused: [String]
    }

    func validate() throws {
        guard rounds >= 1 else { throw ValidationError("--rounds must be at least 1") }
        guard (0..<100).contains(minimumGain) else { throw ValidationError("--min-gain is a percent from 0 to 99") }
    }

    func run() throws {
        let text: String
        do { text = try String(contentsOfFile: queries, encoding: .utf8) } catch {
            throw ValidationError("\(queries) cannot be read: \(error.localizedDescription)")
        }
        let list = try IndexAdvisor.Query.read(text, path: queries)
        guard !list.isEmpty else { throw ValidationError("\(queries) holds no query; write statements separated by ;") }
        let advisor = IndexAdvisor(queries: list, rounds: rounds, minimumGain: minimumGain / 100)
        let urls = try databases.urls()
        var reports: [Report] = []
        for url in urls {
            let connection = try DatabaseOptions.connect(url, for: .read)
            guard let trialing = connection as? any IndexTrialing else { throw ValidationError("\(url) cannot try indexes") }
            let result = try advisor.advise(on: trialing)
            reports.append(Report(
                engine: result.engine, database: url.description, measure: result.measure.rawValue,
                suggestions: result.advice.map { advice in
                    Report.Suggestion(
                        table: advice.candidate.table, columns: advice.candidate.columns,
                        sql: connection.dialect.createIndexStatement(advice.candidate.definition, on: advice.candidate.table).sql,
                        saved: advice.saved,
                        queries: advice.effects.map { .init(query: $0.query + 1, line: list[$0.query].line, before: $0.before, after: $0.after) })
                },
                rejected: result.rejected.map { .init(table: $0.candidate.table, columns: $0.candidate.columns, reason: $0.reason) },
                unused: result.unused))
        }
        if output.json { return try output.printJSON(reports) }
        for report in reports {
            print("\(report.engine) \(report.database)\(report.measure == "cost" ? "  (planned costs, with hypothetical indexes)" : "  (median times, with real indexes)")")
            if report.suggestions.isEmpty { print("  no index makes these queries faster") }
            for (rank, suggestion) in report.suggestions.enumerated() {
                print("  \(rank + 1). \(suggestion.sql)")
                let effects = suggestion.queries.map { effect in
                    "query \(effect.query)\(effect.line.map { " (line \($0))" } ?? ""): " + Self.amount(effect.before, report.measure) + " → " + Self.amount(effect.after, report.measure)
                }
                print("     helps " + effects.joined(separator: "; "))
            }
            for rejection in report.rejected { print("  not kept: \(rejection.table) (\(rejection.columns.joined(separator: ", "))): \(rejection.reason)") }
            for index in report.unused { print("  unused by these queries: \(index)") }
        }
    }

    /// `12 ms`, or `cost 1,204`.
    private static func amount(_ value: Double, _ measure: String) -> String {
        measure == "cost" ? "cost \(QueryPlan.rowCount(value))" : QueryPlan.duration(value)
    }
}

import ArgumentParser
import Foundation
import Meridian

/// `meridian explain "SQL"`: how SQLite and PostgreSQL run one query, side by side.
struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show how SQLite and PostgreSQL run a query, side by side in one vocabulary.",
        discussion: """
            Each plan is read from the engine (SQLite's EXPLAIN QUERY PLAN, PostgreSQL's EXPLAIN \
            (FORMAT JSON)) and printed as steps both engines share: full scan of a table, index \
            lookup (with the index, its condition and whether it covers the query), primary-key \
            lookup, sort, join, aggregate; PostgreSQL adds estimated rows per step. With \
            --analyze the query runs (a statement that writes, in a transaction rolled back \
            after): PostgreSQL reports actual rows and times per step, SQLite the rows returned \
            and the time. A full scan of a table holding more rows than --full-scan-rows is \
            flagged. Give one database of each kind with --database (twice), or one alone. \
            Values for $1, $2, … come from --arg, read as numbers when they look like numbers, \
            true, false or null, else text.
            """)

    @Argument(help: "The SQL statement.")
    var sql: String

    @OptionGroup var databases: EnginePairOptions

    @Option(name: .customLong("arg"), parsing: .unconditionalSingleValue, help: ArgumentHelp("A value for the next placeholder.", valueName: "value"))
    var arguments: [String] = []

    @Flag(help: "Run the query and report actual rows and times.")
    var analyze = false

    @Option(help: ArgumentHelp("Flag full scans of tables holding more rows than this.", valueName: "rows"))
    var fullScanRows = 10_000

    @OptionGroup var output: OutputOptions

    struct Report: Encodable {
        struct Step: Encodable {
            var depth: Int
            var kind: String
            var table: String?
            var index: String?
            var condition: String?
            var covering: Bool
            var detail: String
            var estimatedRows: Double?
            var actualRows: Double?
            var milliseconds: Double?
        }

        var engine: String
        var database: String
        var steps: [Step]
        var rowsReturned: Int?
        var milliseconds: Double?
        var fullScans: [String]
    }

    func run() throws {
        let urls = try databases.urls()
        let values = arguments.map(DatabaseValue.init(sample:))
        var reports: [Report] = []
        var columns: [(header: String, lines: [String])] = []
        for url in urls {
            let connection = try DatabaseOptions.connect(url, for: .run(sql))
            guard let explaining = connection as? any QueryExplaining else {
                throw ValidationError("\(url) cannot explain queries")
            }
            let plan = try explaining.explain(sql, values, analyze: analyze)
            reports.append(Report(
                engine: plan.engine, database: url.description,
                steps: plan.flattened.map { depth, step in
                    Report.Step(
                        depth: depth, kind: step.kind.rawValue, table: step.table, index: step.index, condition: step.condition, covering: step.covering,
                        detail: step.detail, estimatedRows: step.estimatedRows, actualRows: step.actualRows, milliseconds: step.milliseconds)
                },
                rowsReturned: plan.rowsReturned, milliseconds: plan.milliseconds,
                fullScans: plan.fullScans(over: Double(fullScanRows)).map { "\($0) (\(QueryPlan.rowCount(plan.tableRows[$0] ?? 0)) rows)" }))
            let lines = plan.lines + Self.totals(plan)
            columns.append((header: "\(plan.engine) \(url.description)", lines: lines))
        }
        if output.json { return try output.printJSON(reports) }
        print(SideBySide(columns).rendered)
        for report in reports {
            for scan in report.fullScans { print("full scan: \(report.engine) reads \(scan) whole") }
        }
    }

    private static func totals(_ plan: QueryPlan) -> [String] {
        guard let time = plan.milliseconds else { return [] }
        return ["", "\(plan.rowsReturned.map { "\(QueryPlan.rowCount(Double($0))) rows returned, " } ?? "")\(QueryPlan.duration(time))"]
    }
}

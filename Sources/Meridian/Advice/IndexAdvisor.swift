import Foundation

/// Index advice from real plans: candidates from each query's shape (``QueryShape``,
/// ``IndexCandidate``), each tried in a scratch copy of the database and kept when a query's
/// plan uses it and the query runs faster — or, where the engine plans with hypothetical
/// indexes (PostgreSQL with HypoPG), costs less.
///
/// ```swift
/// let advisor = IndexAdvisor(queries: [.init("SELECT * FROM quakes WHERE kind = $1", [.text("ml")])])
/// let report = try advisor.advise(on: connection)   // SQLiteConnection or PostgresConnection
/// for advice in report.advice { print(advice.candidate, advice.saved, report.measure) }
/// ```
///
/// With real indexes each query runs `rounds` times before and after each candidate (the
/// median counts); with hypothetical ones its plan's cost is compared. A candidate is kept
/// when some query's plan uses it and that query's time or cost drops by at least
/// `minimumGain` (a fraction). Kept candidates are ranked by what they save over all the
/// queries; one whose columns begin another kept one's is left out, since the longer
/// serves its queries too. Existing indexes no plan of these queries uses are listed.
public struct IndexAdvisor: Sendable {
    /// A query with its sample values, and the line of the file it came from.
    public struct Query: Sendable, Equatable {
        public var sql: String
        public var arguments: [DatabaseValue]
        public var line: Int?

        public init(_ sql: String, _ arguments: [DatabaseValue] = [], line: Int? = nil) {
            self.sql = sql
            self.arguments = arguments
            self.line = line
        }
    }

    /// What a query's before and after are measured in.
    public enum Measure: String, Sendable, Equatable, Codable {
        /// The median time of real runs, with a real index.
        case milliseconds
        /// The planner's cost estimate, with a hypothetical index (``HypotheticalIndexing``).
        case cost
    }

    /// A kept candidate and what it did for each query it helped.
    public struct Advice: Sendable, Equatable {
        public struct Effect: Sendable, Equatable {
            /// The query's position in the list, from 0.
            public var query: Int
            public var before: Double
            public var after: Double
        }

        public var candidate: IndexCandidate
        public var effects: [Effect]

        /// The time or cost it saves over all the queries it helps.
        public var saved: Double { effects.reduce(0) { $0 + $1.before - $1.after } }
    }

    /// What the advisor found on one database.
    public struct Report: Sendable, Equatable {
        public var engine: String
        /// What ``Advice/Effect`` and ``baseline`` are measured in.
        public var measure: Measure
        public var advice: [Advice]
        /// Candidates tried and not kept, with why.
        public var rejected: [(candidate: IndexCandidate, reason: String)]
        /// Existing indexes of the queries' tables that no plan of theirs uses, as `table.index`.
        public var unused: [String]
        /// Each query's time or cost before any candidate.
        public var baseline: [Double]

        public static func == (a: Report, b: Report) -> Bool {
            a.engine == b.engine && a.measure == b.measure && a.advice == b.advice && a.unused == b.unused && a.baseline == b.baseline
                && a.rejected.map(\.candidate) == b.rejected.map(\.candidate) && a.rejected.map(\.reason) == b.rejected.map(\.reason)
        }
    }

    public var queries: [Query]
    public var rounds: Int
    public var minimumGain: Double

    public init(queries: [Query], rounds: Int = 3, minimumGain: Double = 0.2) {
        self.queries = queries
        self.rounds = rounds
        self.minimumGain = minimumGain
    }

    /// Advice for `connection`'s database, tried in a scratch copy of it (``IndexTrialing``):
    /// the database itself is left as it was.
    public func advise(on connection: any IndexTrialing) throws -> Report {
        try connection.withScratchCopy { scratch in try advise(scratch) }
    }

    private func advise(_ db: any QueryExplaining) throws -> Report {
        let schema = try db.inspectSchema()
        var distinct: [String: Double] = [:]
        var candidates: [IndexCandidate] = []
        var touched: [Int: Set<String>] = [:]
        for (number, query) in queries.enumerated() {
            let shape = QueryShape(query.sql, schema: schema)
            touched[number] = Set(shape.tables.keys)
            for candidate in try IndexCandidate.proposals(for: shape, schema: schema, distinctValues: { table, column in
                let key = "\(table).\(column)"
                if let known = distinct[key] { return known }
                let count = try db.fetchValue(Double.self, "SELECT CAST(count(DISTINCT \(db.dialect.quote(column))) AS DOUBLE PRECISION) FROM \(db.dialect.quote(table))") ?? 0
                distinct[key] = count
                return count
            }) where !candidates.contains(candidate) {
                candidates.append(candidate)
            }
        }
        let hypothetical = (db as? any HypotheticalIndexing).flatMap { $0.enableHypotheticalIndexes() ? $0 : nil }
        var baseline: [Double] = []
        var usedIndexes: Set<String> = []
        for query in queries {
            let (value, plan) = try measure(query, on: db, byCost: hypothetical != nil)
            baseline.append(value)
            usedIndexes.formUnion(plan.flattened.compactMap(\.step.index))
        }
        var kept: [Advice] = []
        var rejected: [(IndexCandidate, String)] = []
        for candidate in candidates {
            let name: String
            if let hypothetical {
                name = try hypothetical.createHypotheticalIndex(candidate.definition, on: candidate.table)
            } else {
                name = candidate.name
                try db.execute(db.dialect.createIndexStatement(candidate.definition, on: candidate.table).sql)
            }
            var effects: [Advice.Effect] = []
            for (number, query) in queries.enumerated() where touched[number]?.contains(candidate.table) == true {
                let (value, plan) = try measure(query, on: db, byCost: hypothetical != nil)
                if plan.flattened.contains(where: { $0.step.index == name }), value <= baseline[number] * (1 - minimumGain) {
                    effects.append(.init(query: number, before: baseline[number], after: value))
                }
            }
            if let hypothetical { try hypothetical.dropHypotheticalIndexes() } else { try db.execute("DROP INDEX \(db.dialect.quote(name))") }
            if effects.isEmpty {
                rejected.append((candidate, "no query's plan used it to run \(Int(minimumGain * 100)) % \(hypothetical == nil ? "faster" : "cheaper")"))
            } else {
                kept.append(Advice(candidate: candidate, effects: effects))
            }
        }
        kept.sort { ($0.saved, $1.candidate.name) > ($1.saved, $0.candidate.name) }
        var advice: [Advice] = []
        for item in kept {
            if let wider = advice.first(where: { $0.candidate.table == item.candidate.table && $0.candidate.columns.starts(with: item.candidate.columns) }) {
                rejected.append((item.candidate, "\(wider.candidate.name) serves its queries too"))
            } else {
                advice.append(item)
            }
        }
        let tables = Set(touched.values.flatMap { $0 })
        let unused = schema.tables.filter { tables.contains($0.name) }.flatMap { table in
            table.indexes.filter { !$0.spatial && !usedIndexes.contains($0.name) }.map { "\(table.name).\($0.name)" }
        }.sorted()
        return Report(
            engine: db.dialect.name, measure: hypothetical == nil ? .milliseconds : .cost, advice: advice, rejected: rejected, unused: unused,
            baseline: baseline)
    }

    /// The query's plan and its planned cost, or the median time of `rounds` runs.
    private func measure(_ query: Query, on db: any QueryExplaining, byCost: Bool) throws -> (Double, QueryPlan) {
        if byCost {
            let plan = try db.explain(query.sql, query.arguments, analyze: false)
            return (plan.cost ?? 0, plan)
        }
        var times: [Double] = []
        var plan: QueryPlan?
        for _ in 0..<max(1, rounds) {
            let run = try db.explain(query.sql, query.arguments, analyze: true)
            times.append(run.milliseconds ?? 0)
            plan = run
        }
        return (times.sorted()[times.count / 2], plan!)
    }
}

/// A connection that can try indexes out without touching its database: in a copy of the
/// file (SQLite), or in a transaction rolled back after (PostgreSQL).
public protocol IndexTrialing: QueryExplaining {
    /// Runs `body` on a database holding what this one holds, whose changes are discarded.
    func withScratchCopy<T>(_ body: (any QueryExplaining) throws -> T) throws -> T
}

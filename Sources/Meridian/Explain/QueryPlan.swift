/// How an engine runs a query, in one vocabulary for SQLite and PostgreSQL: a tree of steps
/// (full scans, index lookups, sorts, joins), with the rows and times the engine reports.
///
/// ```swift
/// let plan = try conn.explain("SELECT * FROM earthquakes WHERE magnitude >= $1", [6.0], analyze: true)
/// for line in plan.lines { print(line) }
/// // index earthquakes_magnitude_idx on earthquakes (magnitude >= $1)  rows est 1,204 actual 1,187  0.9 ms
/// plan.fullScans(over: 10_000)     // the tables read whole that hold more than 10,000 rows
/// ```
///
/// SQLite's `EXPLAIN QUERY PLAN` gives the steps without row counts; with `analyze` the query
/// runs and its rows and time are the plan's totals. PostgreSQL's `EXPLAIN (FORMAT JSON)` gives
/// estimated rows per step and, with `ANALYZE`, actual rows and times.
public struct QueryPlan: Sendable, Equatable {
    /// The engine's name (`SQLite`, `PostgreSQL`).
    public var engine: String
    public var steps: [Step]
    /// The rows the query returned, when it ran (`analyze`).
    public var rowsReturned: Int?
    /// How long the query ran, in milliseconds, when it ran.
    public var milliseconds: Double?
    /// Rows in each table the plan reads whole, as the engine's statistics (or a count) say.
    public var tableRows: [String: Double]
    /// The planner's estimate of the whole plan's cost, in its own units (PostgreSQL's); `nil`
    /// where the engine gives none (SQLite).
    public var cost: Double?

    public init(
        engine: String, steps: [Step], rowsReturned: Int? = nil, milliseconds: Double? = nil, tableRows: [String: Double] = [:], cost: Double? = nil
    ) {
        self.engine = engine
        self.steps = steps
        self.rowsReturned = rowsReturned
        self.milliseconds = milliseconds
        self.tableRows = tableRows
        self.cost = cost
    }

    /// One step of a plan and the steps it reads from.
    public struct Step: Sendable, Equatable {
        /// What the step does.
        public enum Kind: String, Sendable, Codable {
            /// Every row of a table, in storage order.
            case fullScan = "full scan"
            /// Rows found through an index (a range, an equality, a spatial box).
            case index
            /// Rows found by the primary key (SQLite's rowid, PostgreSQL's `_pkey` index).
            case primaryKey = "primary key"
            case sort, join, aggregate
            /// Anything else, in the engine's own words.
            case other
        }

        public var kind: Kind
        /// The table the step reads, by its name (not the query's alias).
        public var table: String?
        public var index: String?
        /// The condition the index or the scan applies, as the engine prints it.
        public var condition: String?
        /// Whether the index alone answers the query (SQLite's covering index, PostgreSQL's
        /// index-only scan).
        public var covering: Bool
        /// The engine's own words for the step.
        public var detail: String
        public var estimatedRows: Double?
        public var actualRows: Double?
        public var milliseconds: Double?
        public var children: [Step]

        public init(
            _ kind: Kind, table: String? = nil, index: String? = nil, condition: String? = nil, covering: Bool = false, detail: String,
            estimatedRows: Double? = nil, actualRows: Double? = nil, milliseconds: Double? = nil, children: [Step] = []
        ) {
            self.kind = kind
            self.table = table
            self.index = index
            self.condition = condition
            self.covering = covering
            self.detail = detail
            self.estimatedRows = estimatedRows
            self.actualRows = actualRows
            self.milliseconds = milliseconds
            self.children = children
        }

        /// The step in the shared vocabulary: `full scan of quakes`, `index quakes_mag_idx on
        /// quakes (magnitude >= $1)`, `sort`, or the engine's words.
        public var summary: String {
            let on = table.map { " on \($0)" } ?? ""
            let condition = self.condition.map { " (\($0))" } ?? ""
            switch kind {
            case .fullScan: return "full scan of \(table ?? "?")\(condition)"
            case .index: return "\(covering ? "covering " : "")index \(index ?? "?")\(on)\(condition)"
            case .primaryKey: return "primary key\(on)\(condition)"
            case .sort, .join, .aggregate: return "\(kind.rawValue) (\(detail))"
            case .other: return detail
            }
        }
    }

    /// Every step, depth first, with its depth.
    public var flattened: [(depth: Int, step: Step)] {
        var result: [(Int, Step)] = []
        func walk(_ steps: [Step], _ depth: Int) {
            for step in steps {
                result.append((depth, step))
                walk(step.children, depth + 1)
            }
        }
        walk(steps, 0)
        return result
    }

    /// The tables the plan reads whole that hold more than `threshold` rows, largest first.
    public func fullScans(over threshold: Double) -> [String] {
        let scanned = Set(flattened.compactMap { $0.step.kind == .fullScan ? $0.step.table : nil })
        return scanned.filter { (tableRows[$0] ?? 0) > threshold }.sorted { (tableRows[$0] ?? 0, $1) > (tableRows[$1] ?? 0, $0) }
    }

    /// The plan as indented lines, each step with its rows and time where known.
    public var lines: [String] {
        flattened.map { depth, step in
            var line = String(repeating: "  ", count: depth) + step.summary
            var rows: [String] = []
            if let estimated = step.estimatedRows { rows.append("est \(Self.rowCount(estimated))") }
            if let actual = step.actualRows { rows.append("actual \(Self.rowCount(actual))") }
            if !rows.isEmpty { line += "  rows " + rows.joined(separator: " ") }
            if let time = step.milliseconds { line += "  " + Self.duration(time) }
            return line
        }
    }

    /// A row count with thousands separated: `1,204`.
    public static func rowCount(_ value: Double) -> String {
        let rounded = Int64(value.rounded())
        var digits = String(rounded)
        var index = digits.count - 3
        while index > 0 {
            digits.insert(",", at: digits.index(digits.startIndex, offsetBy: index))
            index -= 3
        }
        return digits
    }

    /// A duration in milliseconds: `0.87 ms` below ten, `412 ms` above.
    public static func duration(_ value: Double) -> String {
        value < 10 ? "\((value * 100).rounded() / 100) ms" : "\(Int(value.rounded())) ms"
    }
}

/// A connection whose engine can plan with indexes that do not exist (PostgreSQL's HypoPG):
/// ``IndexAdvisor`` compares plan costs with and without each candidate without building it.
public protocol HypotheticalIndexing: QueryExplaining {
    /// Makes hypothetical indexes available to this session; `false` where they cannot be
    /// (the extension is not installed, or the role may not create it).
    func enableHypotheticalIndexes() -> Bool
    /// Creates a hypothetical index and returns the name plans show for it.
    func createHypotheticalIndex(_ index: IndexDefinition, on table: String) throws -> String
    /// Forgets every hypothetical index of the session.
    func dropHypotheticalIndexes() throws
}

/// A connection that reports how its engine runs a query (``QueryPlan``).
public protocol QueryExplaining: DatabaseConnection {
    /// The plan of `sql` with `arguments`; with `analyze`, the query runs (in a transaction
    /// rolled back after, so a statement that writes changes nothing) and the plan carries
    /// actual rows and times.
    func explain(_ sql: String, _ arguments: [DatabaseValue], analyze: Bool) throws -> QueryPlan
}

import Meridian

extension Schema {
    /// A view or a function: a name, and its SQL for each dialect.
    public struct SQLDefinition: Sendable, Equatable {
        public var name: String
        public var description: String?
        public var sql: DialectSQL

        public init(_ name: String, description: String? = nil, sql: DialectSQL) {
            self.name = name
            self.description = description
            self.sql = sql
        }
    }

    /// A view, with its `SELECT` for each dialect (rendered as `CREATE VIEW name AS …`).
    public typealias View = SQLDefinition

    /// A function, as the statement that creates it on each dialect.
    ///
    /// SQLite has no stored functions: Meridian's driver registers them on every connection
    /// (`now()`, `gen_random_uuid()`, `calculate_distance_km`). Leave `sqlite` out, or give a
    /// statement that fails where the function is missing (`SELECT calculate_distance_km(0, 0, 0, 0)`).
    public typealias Function = SQLDefinition

    /// A PostgreSQL role and its privileges in the schema (``RoleDefinition``); not applicable
    /// to SQLite, where the file's permissions are the access control.
    public typealias Role = RoleDefinition

    /// How PostgreSQL would split a table into partitions (declarative partitioning).
    ///
    /// ```yaml
    /// partition_by: {strategy: range, column: occurred_at, interval: month}
    /// ```
    public struct Partitioning: Sendable, Equatable {
        public enum Strategy: String, Sendable, CaseIterable { case range, list, hash }
        public enum Interval: String, Sendable, CaseIterable { case day, week, month, year }

        public var strategy: Strategy
        public var column: String
        /// For a range over a timestamp or date: the span of one partition.
        public var interval: Interval?

        public init(_ strategy: Strategy, column: String, interval: Interval? = nil) {
            self.strategy = strategy
            self.column = column
            self.interval = interval
        }
    }

    /// An aggregate of a table kept by time bucket and grouping columns.
    ///
    /// ```yaml
    /// rollups:
    ///   - name: earthquakes_daily
    ///     time_column: occurred_at
    ///     interval: day
    ///     group_by: [magnitude_type]
    ///     measures:
    ///       - {name: quakes, function: count}
    ///       - {name: strongest, function: max, column: magnitude}
    /// ```
    public struct Rollup: Sendable, Equatable {
        public enum Aggregate: String, Sendable, CaseIterable { case count, sum, min, max, avg }

        public struct Measure: Sendable, Equatable {
            public var name: String
            public var function: Aggregate
            /// The column aggregated; `nil` for `count` of rows.
            public var column: String?

            public init(_ name: String, _ function: Aggregate, column: String? = nil) {
                self.name = name
                self.function = function
                self.column = column
            }
        }

        public var name: String
        public var timeColumn: String
        public var interval: Partitioning.Interval
        public var groupBy: [String]
        public var measures: [Measure]

        public init(_ name: String, timeColumn: String, interval: Partitioning.Interval, groupBy: [String] = [], measures: [Measure]) {
            self.name = name
            self.timeColumn = timeColumn
            self.interval = interval
            self.groupBy = groupBy
            self.measures = measures
        }
    }
}

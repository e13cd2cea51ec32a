import Meridian

extension Schema {
    /// A table of the schema file: columns, keys, constraints, indexes, and what later versions
    /// render (partitioning, rollups).
    public struct Table: Sendable, Equatable {
        public var name: String
        /// The table's earlier name, when a migration should rename it rather than drop one
        /// table and create another (`renamed_from:` in the file).
        public var renamedFrom: String?
        public var description: String?
        public var columns: [Column]
        public var primaryKey: [String]
        public var foreignKeys: [ForeignKey]
        public var unique: [Unique]
        /// CHECKs over the table (a column's own is ``Column/check``).
        public var checks: [Check]
        public var indexes: [Index]
        /// How PostgreSQL splits the table; carried and validated, not rendered yet.
        public var partitionBy: Partitioning?
        /// Aggregates kept up to date from the table; carried and validated, not rendered yet.
        public var rollups: [Rollup]

        public init(
            _ name: String, description: String? = nil, columns: [Column], primaryKey: [String] = [], foreignKeys: [ForeignKey] = [],
            unique: [Unique] = [], checks: [Check] = [], indexes: [Index] = [], partitionBy: Partitioning? = nil, rollups: [Rollup] = []
        ) {
            self.name = name
            self.description = description
            self.columns = columns
            self.primaryKey = primaryKey
            self.foreignKeys = foreignKeys
            self.unique = unique
            self.checks = checks
            self.indexes = indexes
            self.partitionBy = partitionBy
            self.rollups = rollups
        }

        /// The column named `name`, or `nil`.
        public func column(_ name: String) -> Column? { columns.first { $0.name == name } }

        /// Whether an insert without this column's value numbers it: an `int` column that is the
        /// whole primary key, unless the file says `identity: false`.
        public func isIdentity(_ column: Column) -> Bool {
            column.identity ?? (column.type == .int && primaryKey == [column.name] && column.generated == nil && column.default == nil)
        }
    }

    /// A column: its logical type and what the database does with its values.
    public struct Column: Sendable, Equatable {
        public var name: String
        /// The column's earlier name, when a migration should rename it rather than drop one
        /// column and add another (`renamed_from:` in the file).
        public var renamedFrom: String?
        public var type: LogicalType
        /// Columns are NOT NULL unless the file says `nullable: true`.
        public var nullable: Bool
        /// `now` (timestamps), `today` (dates), `uuid`, or a literal of the column's type.
        public var `default`: ColumnDefault?
        /// The portable expression a stored generated column is computed from.
        public var generated: SchemaExpression?
        public var description: String?
        /// Classification tags (`pii`, `secret`, …) for tools that treat columns by kind.
        public var tags: [String]
        /// A CHECK on this column alone, named `<table>_<column>_check`.
        public var check: CheckCondition?
        /// Set to the current time by the database on every update that does not set it.
        public var setOnUpdate: Bool
        /// Whether an insert without the value numbers it; `nil` lets ``Table/isIdentity(_:)`` decide.
        public var identity: Bool?

        public init(
            _ name: String, _ type: LogicalType, nullable: Bool = false, default: ColumnDefault? = nil, generated: SchemaExpression? = nil,
            description: String? = nil, tags: [String] = [], check: CheckCondition? = nil, setOnUpdate: Bool = false, identity: Bool? = nil
        ) {
            self.name = name
            self.type = type
            self.nullable = nullable
            self.default = `default`
            self.generated = generated
            self.description = description
            self.tags = tags
            self.check = check
            self.setOnUpdate = setOnUpdate
            self.identity = identity
        }
    }

    /// `FOREIGN KEY (columns) REFERENCES table (referencedColumns) ON DELETE … ON UPDATE …`:
    /// the core's ``Meridian/ForeignKey``, which the renderer takes as it is.
    public typealias ForeignKey = Meridian.ForeignKey

    /// A UNIQUE constraint: the core's ``UniqueConstraint``.
    public typealias Unique = UniqueConstraint

    /// A named CHECK over the table.
    public struct Check: Sendable, Equatable {
        public var name: String
        public var condition: CheckCondition

        public init(_ name: String, _ condition: CheckCondition) {
            self.name = name
            self.condition = condition
        }
    }

    /// What a CHECK requires: a portable expression rendered for each dialect, or SQL written
    /// for each (the escape hatch for what the portable subset cannot say).
    public enum CheckCondition: Sendable, Equatable {
        case portable(SchemaExpression)
        case perDialect(DialectSQL)
    }

    /// An index: plain, unique, partial (`where`), or spatial.
    public struct Index: Sendable, Equatable {
        public var name: String
        public var columns: [String]
        public var unique: Bool
        public var spatial: Bool
        /// The rows a partial index covers.
        public var condition: SchemaExpression?

        public init(_ name: String, _ columns: [String], unique: Bool = false, spatial: Bool = false, condition: SchemaExpression? = nil) {
            self.name = name
            self.columns = columns
            self.unique = unique
            self.spatial = spatial
            self.condition = condition
        }
    }
}

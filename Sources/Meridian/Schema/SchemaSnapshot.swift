/// A live schema read back from a database, in terms both engines share.
///
/// `meridian check` builds one from each migration folder's scratch database and compares them
/// (``SchemaFindings``). What an engine names on its own (primary keys, unique and foreign key
/// constraints) is left out, and an index's name does not count in `==`, so two engines that
/// built the same schema give equal snapshots. Columns keep what the value contract compares
/// in a form both engines share: defaults as ``ColumnDefault`` (`now()` and
/// `strftime('…', 'now')` are both the current time), widths as ``ColumnWidth``; the declared
/// type is kept for messages only (``SchemaSnapshot/Column``).
///
/// ```swift
/// let snapshot = try connection.inspectSchema()
/// print(snapshot.table("stations")?.primaryKey ?? [])   // ["id"]
/// ```
public struct SchemaSnapshot: Sendable, Equatable, Codable {
    /// Tables, sorted by name.
    public var tables: [Table]
    /// Views, sorted by name.
    public var views: [View]
    /// The SQL text behind what the snapshot describes, for `schema inspect`; not compared
    /// and not encoded (``SchemaSQL``).
    public var sql: SchemaSQL

    public init(tables: [Table], views: [View] = [], sql: SchemaSQL = SchemaSQL()) {
        self.tables = tables.sorted { $0.name < $1.name }
        self.views = views.sorted { $0.name < $1.name }
        self.sql = sql
    }

    /// Two snapshots are equal when their tables and views are; ``sql`` does not count.
    public static func == (a: SchemaSnapshot, b: SchemaSnapshot) -> Bool { a.tables == b.tables && a.views == b.views }

    private enum CodingKeys: String, CodingKey { case tables, views }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(tables: try container.decode([Table].self, forKey: .tables), views: try container.decode([View].self, forKey: .views))
    }

    /// The table named `name`, or `nil`.
    public func table(_ name: String) -> Table? { tables.first { $0.name == name } }

    /// The view named `name`, or `nil`.
    public func view(_ name: String) -> View? { views.first { $0.name == name } }
}

extension SchemaSnapshot {
    public struct Table: Sendable, Equatable, Codable {
        public var name: String
        /// In the order the table declares them (SpatiaLite appends geometry columns, so
        /// ``SchemaDifference`` compares columns by name, not by position).
        public var columns: [Column]
        /// Key columns in key order; empty when there is no primary key.
        public var primaryKey: [String]
        /// Sorted by their columns.
        public var foreignKeys: [ForeignKey]
        /// The column lists of UNIQUE constraints, sorted; unique indexes are in ``indexes``.
        public var uniqueConstraints: [[String]]
        /// Indexes made by `CREATE INDEX` and spatial indexes, sorted by columns; not those
        /// behind a primary key or UNIQUE constraint.
        public var indexes: [Index]
        /// Names of CHECK constraints, sorted, leaving out those a column's type stands for
        /// (an enumeration, SQLite's contract checks).
        public var checks: [String]

        public init(
            _ name: String, columns: [Column], primaryKey: [String] = [], foreignKeys: [ForeignKey] = [],
            uniqueConstraints: [[String]] = [], indexes: [Index] = [], checks: [String] = []
        ) {
            self.name = name
            self.columns = columns
            self.primaryKey = primaryKey
            self.foreignKeys = foreignKeys.sorted { $0.sortKey < $1.sortKey }
            self.uniqueConstraints = uniqueConstraints.sorted { $0.lexicographicallyPrecedes($1) }
            self.indexes = indexes.sorted { $0.sortKey < $1.sortKey }
            self.checks = checks.sorted()
        }

        /// The column named `name`, or `nil`.
        public func column(_ name: String) -> Column? { columns.first { $0.name == name } }
    }

    public struct ForeignKey: Sendable, Equatable, Codable {
        public typealias Action = Meridian.ForeignKey.Action

        public var columns: [String]
        public var referencedTable: String
        public var referencedColumns: [String]
        public var onDelete: Action
        public var onUpdate: Action

        public init(
            _ columns: [String], references table: String, _ referencedColumns: [String], onDelete: Action = .noAction,
            onUpdate: Action = .noAction
        ) {
            self.columns = columns
            self.referencedTable = table
            self.referencedColumns = referencedColumns
            self.onDelete = onDelete
            self.onUpdate = onUpdate
        }

        var sortKey: String { (columns + [referencedTable] + referencedColumns).joined(separator: "\u{0}") }
    }

    /// An index, compared by what it indexes and how; its name is kept only for messages.
    public struct Index: Sendable, Equatable, Codable {
        /// Stands for an indexed expression: engines print expressions too differently to compare.
        public static let expression = "(expression)"

        public var name: String
        public var columns: [String]
        public var unique: Bool
        /// An R*Tree (SpatiaLite) or GiST / SP-GiST (PostgreSQL) index.
        public var spatial: Bool
        /// Whether it covers only rows matching a `WHERE` clause.
        public var partial: Bool

        public init(_ name: String, _ columns: [String], unique: Bool = false, spatial: Bool = false, partial: Bool = false) {
            self.name = name
            self.columns = columns
            self.unique = unique
            self.spatial = spatial
            self.partial = partial
        }

        public static func == (a: Index, b: Index) -> Bool {
            a.columns == b.columns && a.unique == b.unique && a.spatial == b.spatial && a.partial == b.partial
        }

        var sortKey: String { (columns + ["\(unique)\(spatial)\(partial)", name]).joined(separator: "\u{0}") }
    }

    public struct View: Sendable, Equatable, Codable {
        public var name: String
        /// Column names in order.
        public var columns: [String]

        public init(_ name: String, columns: [String]) {
            self.name = name
            self.columns = columns
        }
    }
}

extension ForeignKey.Action: Codable {}

extension GeometryColumnType: Codable {}

/// A live schema read back from a database, in terms both engines share.
///
/// `meridian check` builds one from each migration folder's scratch database and compares them
/// (``SchemaDifference/differences(between:named:and:named:)``). What an engine names on its own
/// (primary keys, unique and foreign key constraints) is left out, and an index's name does not
/// count in `==`, so two engines that built the same schema give equal snapshots. Column
/// defaults are kept only as "has one or not": `now()` and `strftime(…)` mean the same and
/// cannot be compared as text.
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

    public init(tables: [Table], views: [View] = []) {
        self.tables = tables.sorted { $0.name < $1.name }
        self.views = views.sorted { $0.name < $1.name }
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

    public struct Column: Sendable, Equatable, Codable {
        public var name: String
        public var type: ColumnType
        public var nullable: Bool
        /// Whether the value is computed from other columns (`GENERATED ALWAYS AS`).
        public var generated: Bool
        /// Whether a `DEFAULT` is declared. Automatic keys (SQLite's rowid alias, PostgreSQL's
        /// identity and serial columns) do not count: SQLite gives every `INTEGER PRIMARY KEY`
        /// one without saying so.
        public var hasDefault: Bool
        /// The collation text sorts by; `nil` for byte order (SQLite's BINARY, PostgreSQL's
        /// "C"), which is what the value contract asks for.
        public var collation: String?

        public init(
            _ name: String, _ type: ColumnType, nullable: Bool = true, generated: Bool = false, hasDefault: Bool = false,
            collation: String? = nil
        ) {
            self.name = name
            self.type = type
            self.nullable = nullable
            self.generated = generated
            self.hasDefault = hasDefault
            self.collation = collation
        }

        /// A column of a logical type: `Column("id", .int, nullable: false)`.
        public init(
            _ name: String, _ type: LogicalType, nullable: Bool = true, generated: Bool = false, hasDefault: Bool = false,
            collation: String? = nil
        ) {
            self.init(name, .logical(type), nullable: nullable, generated: generated, hasDefault: hasDefault, collation: collation)
        }
    }

    /// A column's type: a logical type of the value contract, or a declared type outside it.
    public enum ColumnType: Sendable, Hashable, CustomStringConvertible {
        case logical(LogicalType)
        /// A declared type the value contract has no logical type for, as the engine spells it:
        /// PostgreSQL's 32-bit `integer`, `character varying(20)`, SQLite's `JSON` without
        /// `TEXT` (whose NUMERIC affinity turns the document `'123'` into a number).
        case unknown(String)

        /// `int`, `geometry(Point, 4326)`, `enum('a', 'b')`, `integer (outside the value contract)`.
        public var description: String {
            switch self {
            case .logical(.geometry(let type, let srid)): "geometry(\(type.postGISName), \(srid))"
            case .logical(.enumeration(let values)): "enum(" + values.map { "'\($0)'" }.joined(separator: ", ") + ")"
            case .logical(let type): Self.scalarNames.first { $0.1 == type }?.0 ?? "\(type)"
            case .unknown(let declared): "\(declared) (outside the value contract)"
            }
        }

        static let scalarNames: [(String, LogicalType)] = [
            ("int", .int), ("double", .double), ("text", .text), ("bool", .bool), ("uuid", .uuid),
            ("timestamp", .timestamp), ("date", .date), ("json", .json), ("bytes", .bytes),
        ]
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

/// Encoded as `{"logical": "int"}`, `{"logical": "geometry", "geometry": "POINT", "srid": 4326}`,
/// `{"logical": "enum", "values": […]}` or `{"declared": "integer"}`, for `check --json`.
extension SchemaSnapshot.ColumnType: Codable {
    private enum Key: String, CodingKey { case logical, geometry, srid, values, declared }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        if let declared = try container.decodeIfPresent(String.self, forKey: .declared) {
            self = .unknown(declared)
            return
        }
        let name = try container.decode(String.self, forKey: .logical)
        switch name {
        case "geometry":
            let type = try container.decode(GeometryColumnType.self, forKey: .geometry)
            self = .logical(.geometry(type, srid: try container.decode(Int32.self, forKey: .srid)))
        case "enum":
            self = .logical(.enumeration(try container.decode([String].self, forKey: .values)))
        default:
            guard let type = Self.scalarNames.first(where: { $0.0 == name })?.1 else {
                throw DecodingError.dataCorruptedError(forKey: .logical, in: container, debugDescription: "unknown logical type \(name)")
            }
            self = .logical(type)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        switch self {
        case .unknown(let declared):
            try container.encode(declared, forKey: .declared)
        case .logical(.geometry(let type, let srid)):
            try container.encode("geometry", forKey: .logical)
            try container.encode(type, forKey: .geometry)
            try container.encode(srid, forKey: .srid)
        case .logical(.enumeration(let values)):
            try container.encode("enum", forKey: .logical)
            try container.encode(values, forKey: .values)
        case .logical(let type):
            try container.encode(Self.scalarNames.first { $0.1 == type }?.0, forKey: .logical)
        }
    }
}

extension GeometryColumnType: Codable {}

/// A table described once, rendered for each dialect by ``SQLDialect/createTableStatements(_:)``.
///
/// ```swift
/// let stations = TableDefinition("stations", columns: [
///     .init("id", .int, nullable: false),
///     .init("code", .text, nullable: false),
///     .init("location", .geometry(.point, srid: 4326)),
/// ], primaryKey: ["id"], unique: [.init("stations_code_key", ["code"])])
/// ```
public struct TableDefinition: Sendable, Equatable {
    public var name: String
    public var columns: [ColumnDefinition]
    public var primaryKey: [String]
    public var unique: [UniqueConstraint]
    public var foreignKeys: [ForeignKey]
    public var checks: [CheckConstraint]

    public init(
        _ name: String, columns: [ColumnDefinition], primaryKey: [String] = [], unique: [UniqueConstraint] = [],
        foreignKeys: [ForeignKey] = [], checks: [CheckConstraint] = []
    ) {
        self.name = name
        self.columns = columns
        self.primaryKey = primaryKey
        self.unique = unique
        self.foreignKeys = foreignKeys
        self.checks = checks
    }
}

extension TableDefinition {
    /// PostgreSQL keeps 63 bytes of a name and silently cuts the rest; SQLite keeps it whole.
    public static let maximumNameLength = 63

    /// The primary key constraint's name, `<table>_pkey` as PostgreSQL names it.
    public var primaryKeyName: String { "\(name)_pkey" }

    /// The name of the CHECK that holds `column` to its logical type.
    public func checkName(_ column: String) -> String { "\(name)_\(column)_check" }

    /// The name of the spatial index on `column`.
    public static func spatialIndexName(table: String, column: String) -> String { "\(table)_\(column)_gist" }

    /// Refuses definitions the two engines would not store alike: names past 63 bytes (which
    /// PostgreSQL would shorten) and tables of geometry columns only (SpatiaLite adds geometry
    /// after `CREATE TABLE`, which needs one ordinary column).
    public func validate() throws(DatabaseError) {
        var names = [name, primaryKeyName] + unique.map(\.name) + foreignKeys.map(\.name) + checks.map(\.name)
        for column in columns {
            names += [column.name, checkName(column.name)]
            if column.isGeometry { names.append(Self.spatialIndexName(table: name, column: column.name)) }
        }
        if let long = names.first(where: { $0.utf8.count > Self.maximumNameLength }) {
            throw DatabaseError(
                .invalidValue,
                "the name \(long) is \(long.utf8.count) bytes long; PostgreSQL keeps only \(Self.maximumNameLength), so use shorter table, column or constraint names",
                table: name)
        }
        guard columns.contains(where: { !$0.isGeometry }) else {
            throw DatabaseError(.invalidValue, "table \(name) needs at least one column that is not a geometry", table: name)
        }
    }
}

/// One column of a ``TableDefinition``.
///
/// ```swift
/// ColumnDefinition("id", .uuid, nullable: false, default: .randomUUID)
/// ColumnDefinition("is_large", .bool, nullable: false, generated: "\"magnitude\" >= 6")
/// ```
public struct ColumnDefinition: Sendable, Equatable {
    public var name: String
    public var type: LogicalType
    public var nullable: Bool
    /// For geometry columns: whether to build a spatial index (GiST / SpatiaLite R*Tree).
    public var spatialIndex: Bool
    /// The value an insert that leaves the column out stores; `nil` for NULL.
    public var `default`: ColumnDefault?
    /// The expression, in the dialect's SQL, a stored generated column is computed from; `nil`
    /// for an ordinary column.
    public var generated: String?
    /// Whether an insert that leaves this integer key out gets the next number
    /// (``SQLDialect/identityClause``; SQLite's rowid alias does this by itself).
    public var identity: Bool

    public init(
        _ name: String, _ type: LogicalType, nullable: Bool = true, spatialIndex: Bool = true, default: ColumnDefault? = nil,
        generated: String? = nil, identity: Bool = false
    ) {
        self.name = name
        self.type = type
        self.nullable = nullable
        self.spatialIndex = spatialIndex
        self.default = `default`
        self.generated = generated
        self.identity = identity
    }

    public var isGeometry: Bool {
        if case .geometry = type { return true }
        return false
    }
}

public struct UniqueConstraint: Sendable, Equatable {
    public var name: String
    public var columns: [String]
    public init(_ name: String, _ columns: [String]) {
        self.name = name
        self.columns = columns
    }
}

public struct CheckConstraint: Sendable, Equatable {
    public var name: String
    /// A boolean SQL expression both dialects accept.
    public var expression: String
    public init(_ name: String, _ expression: String) {
        self.name = name
        self.expression = expression
    }
}

public struct ForeignKey: Sendable, Equatable {
    public enum Action: String, Sendable, Equatable {
        case noAction = "NO ACTION", restrict = "RESTRICT", cascade = "CASCADE", setNull = "SET NULL", setDefault = "SET DEFAULT"
    }

    public var name: String
    public var columns: [String]
    public var referencedTable: String
    public var referencedColumns: [String]
    public var onDelete: Action
    public var onUpdate: Action

    public init(
        _ name: String, _ columns: [String], references table: String, _ referencedColumns: [String],
        onDelete: Action = .noAction, onUpdate: Action = .noAction
    ) {
        self.name = name
        self.columns = columns
        self.referencedTable = table
        self.referencedColumns = referencedColumns
        self.onDelete = onDelete
        self.onUpdate = onUpdate
    }
}

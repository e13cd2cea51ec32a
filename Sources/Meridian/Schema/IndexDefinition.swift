/// An index described once, rendered for each dialect by ``SQLDialect/createIndexStatement(_:on:)``.
///
/// ```swift
/// IndexDefinition("alerts_open_idx", ["severity"], condition: "NOT \"acknowledged\"")
/// IndexDefinition("earthquakes_location_gist", ["location"], spatial: true)
/// ```
public struct IndexDefinition: Sendable, Equatable {
    public var name: String
    public var columns: [String]
    public var unique: Bool
    /// A GiST (PostGIS) or R*Tree (SpatiaLite) index on one geometry column; its name is the
    /// engine's (``TableDefinition/spatialIndexName(table:column:)`` on PostgreSQL).
    public var spatial: Bool
    /// The `WHERE` of a partial index, in the dialect's SQL; `nil` for an index of every row.
    public var condition: String?

    public init(_ name: String, _ columns: [String], unique: Bool = false, spatial: Bool = false, condition: String? = nil) {
        self.name = name
        self.columns = columns
        self.unique = unique
        self.spatial = spatial
        self.condition = condition
    }
}

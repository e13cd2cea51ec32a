/// Reads a live schema from an engine's catalog into a ``SchemaSnapshot``.
///
/// Each backend has one (`SQLiteInspector`, `PostgresInspector`), and each connection names
/// its own (``DatabaseConnection/schemaInspector``), so code that holds any connection, such as
/// `meridian check`, calls ``DatabaseConnection/inspectSchema(excluding:)`` without asking which
/// engine it is. Inspectors leave out what the engine and its spatial extension keep for
/// themselves (SQLite's `sqlite_*` tables, SpatiaLite's metadata and R*Tree tables, PostGIS's
/// `spatial_ref_sys`, anything outside PostgreSQL's current schema).
public protocol SchemaInspector: Sendable {
    /// The schema `connection` sees, without the tables and views named in `excluded`.
    func inspect(_ connection: any DatabaseConnection, excluding excluded: Set<String>) throws -> SchemaSnapshot
}

extension DatabaseConnection {
    /// The schema this connection sees, read by its engine's ``SchemaInspector``; by default
    /// without Meridian's tracking table (``MigrationHistory/tableName``), which is bookkeeping,
    /// not schema.
    public func inspectSchema(excluding excluded: Set<String> = [MigrationHistory.tableName]) throws -> SchemaSnapshot {
        try schemaInspector.inspect(self, excluding: excluded)
    }
}

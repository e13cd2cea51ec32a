/// The SQL text an engine keeps behind what a ``SchemaSnapshot`` describes: CHECK expressions,
/// generated columns' expressions, partial indexes' `WHERE`, view bodies, triggers,
/// functions and roles' grants, each as the engine prints it.
///
/// Snapshots compare without it (each engine prints an expression its own way:
/// SQLite keeps the text as written, PostgreSQL prints `(x >= (0)::double precision)`);
/// `meridian schema inspect` reads it to write CHECKs, views and `updated_at` triggers into a
/// schema file.
///
/// ```swift
/// let snapshot = try connection.inspectSchema()
/// snapshot.sql.checks["orbital_elements"]?["orbital_elements_eccentricity_check"]   // "\"eccentricity\" >= 0"
/// snapshot.sql.views["v_active_alerts_summary"]                                     // "SELECT …"
/// ```
public struct SchemaSQL: Sendable, Equatable {
    /// CHECK expressions by table, then by the constraint's name as the snapshot lists it.
    public var checks: [String: [String: String]] = [:]
    /// Expressions of generated columns, by table, then column.
    public var generated: [String: [String: String]] = [:]
    /// The `WHERE` of partial indexes, by index name.
    public var indexConditions: [String: String] = [:]
    /// View bodies (the `SELECT`), by view name.
    public var views: [String: String] = [:]
    /// Names of the triggers on each table.
    public var triggers: [String: [String]] = [:]
    /// Functions the schema defines, in name order, each as the statement that creates it.
    public var functions: [Function] = []
    /// Names of UNIQUE constraints, by table, then the constraint's columns (snapshots compare
    /// constraints by their columns; these keep the names for a schema file).
    public var uniqueNames: [String: [[String]: String]] = [:]
    /// Names of foreign keys, by table, then the key's columns.
    public var foreignKeyNames: [String: [[String]: String]] = [:]
    /// Columns the engine numbers when an insert leaves them out, by table: SQLite's rowid
    /// alias (an `INTEGER` primary key), PostgreSQL's identity and serial columns.
    public var identities: [String: [String]] = [:]
    /// Descriptions (PostgreSQL's `COMMENT ON`) of tables and views, by name.
    public var descriptions: [String: String] = [:]
    /// Descriptions of columns, by table or view, then column.
    public var columnDescriptions: [String: [String: String]] = [:]
    /// Roles other than the owner holding privileges on the schema's tables or sequences
    /// (PostgreSQL), with the privileges every table (and every sequence) grants them.
    public var roles: [RoleDefinition] = []
    /// Roles whose privileges differ from table to table, which a ``RoleDefinition`` (the same
    /// on every table) cannot say.
    public var unevenRoles: [String] = []

    public struct Function: Sendable, Equatable {
        public var name: String
        public var sql: String

        public init(_ name: String, sql: String) {
            self.name = name
            self.sql = sql
        }
    }

    public init() {}
}

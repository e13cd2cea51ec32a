/// A PostgreSQL role and what it may do in the schema, rendered by
/// ``SQLDialect/roleStatements(_:)``; SQLite has no roles and renders nothing.
///
/// ```swift
/// RoleDefinition("celestial_app", tablePrivileges: ["SELECT", "INSERT", "UPDATE", "DELETE"],
///                sequencePrivileges: ["USAGE", "SELECT"])
/// ```
///
/// Roles belong to the cluster, not to one database: the role is created when missing and
/// kept otherwise; its privileges are granted on every table and sequence of the current schema,
/// and on those created later (`ALTER DEFAULT PRIVILEGES`).
public struct RoleDefinition: Sendable, Equatable {
    public var name: String
    /// Whether the role can log in; a role without login is granted to login roles.
    public var login: Bool
    /// Privileges on every table: `SELECT`, `INSERT`, `UPDATE`, `DELETE`, `TRUNCATE`, `REFERENCES`, `TRIGGER`.
    public var tablePrivileges: [String]
    /// Privileges on every sequence: `USAGE`, `SELECT`, `UPDATE`.
    public var sequencePrivileges: [String]

    /// The privileges PostgreSQL can grant on tables.
    public static let tablePrivilegeNames: Set<String> = ["SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER"]
    /// The privileges PostgreSQL can grant on sequences.
    public static let sequencePrivilegeNames: Set<String> = ["USAGE", "SELECT", "UPDATE"]

    public init(_ name: String, login: Bool = false, tablePrivileges: [String] = [], sequencePrivileges: [String] = []) {
        self.name = name
        self.login = login
        self.tablePrivileges = tablePrivileges
        self.sequencePrivileges = sequencePrivileges
    }
}

/// A Swift type stored as the rows of one table: what typed writes need to know of it.
///
/// ```swift
/// struct Task: TableRecord, Codable, Sendable {
///     static let tableName = "tasks"
///     static let primaryKey = ["id"]
///
///     var id: UUID?              // nil on insert: the database's default (gen_random_uuid())
///     var userId: UUID
///     var title: String
///     var completed = false
///     var createdAt: Timestamp?  // filled by the database
/// }
///
/// let saved = try conn.insertAndFetch(Task(userId: user, title: "Write the README"))
/// print(saved.id!, saved.createdAt!)
/// ```
///
/// Properties map to snake_case columns, as rows decode. `meridian generate models` writes such
/// types from a schema.
public protocol TableRecord: Encodable {
    /// The table's name, as the schema spells it.
    static var tableName: String { get }
    /// The primary key's columns, in key order; updates and upserts find rows by them.
    static var primaryKey: [String] { get }
    /// Columns the database computes (stored generated columns): read, never written.
    static var computedColumns: [String] { get }
}

extension TableRecord {
    public static var computedColumns: [String] { [] }
}

/// The statement methods with arguments of any ``DatabaseValueConvertible`` type, so that a
/// `UUID`, a `Timestamp`, an optional or an enumeration goes in as it is.
///
/// ```swift
/// let userID: UUID = …
/// let since: Timestamp? = nil
/// let open = try conn.fetchAll(Task.self, "SELECT * FROM tasks WHERE user_id = $1 AND ($2 IS NULL OR created_at >= $2) LIMIT $3",
///                              [userID, since, 20])
/// ```
///
/// Each value goes through its ``DatabaseValueConvertible/databaseValue`` and is bound like any
/// other. These overloads are disfavoured, so that an array of literals and `.text(…)`-style
/// ``DatabaseValue`` cases keeps meaning `[DatabaseValue]`.
extension DatabaseConnection {
    @_disfavoredOverload
    @discardableResult
    public func execute(_ sql: String, _ arguments: [any DatabaseValueConvertible]) throws -> Int {
        try execute(sql, arguments.map(\.databaseValue))
    }

    @_disfavoredOverload
    public func fetchAll(_ sql: String, _ arguments: [any DatabaseValueConvertible]) throws -> [Row] {
        try fetchAll(sql, arguments.map(\.databaseValue))
    }

    @_disfavoredOverload
    public func fetchAll<T: Decodable>(_ type: T.Type, _ sql: String, _ arguments: [any DatabaseValueConvertible]) throws -> [T] {
        try fetchAll(type, sql, arguments.map(\.databaseValue))
    }

    @_disfavoredOverload
    public func fetchOne(_ sql: String, _ arguments: [any DatabaseValueConvertible]) throws -> Row? {
        try fetchOne(sql, arguments.map(\.databaseValue))
    }

    @_disfavoredOverload
    public func fetchValue<T: DatabaseValueConvertible>(_ type: T.Type, _ sql: String, _ arguments: [any DatabaseValueConvertible]) throws -> T? {
        try fetchValue(type, sql, arguments.map(\.databaseValue))
    }

    @_disfavoredOverload
    public func forEachRow(_ sql: String, _ arguments: [any DatabaseValueConvertible], until body: (Row) throws -> RowIteration) throws {
        try forEachRow(sql, arguments.map(\.databaseValue), until: body)
    }
}

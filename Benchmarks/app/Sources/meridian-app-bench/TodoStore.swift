import Foundation

/// The todo application's data layer, as each contender writes it with its own library: the
/// workloads call only these, so every side runs the same loops around them.
protocol TodoStore: Sendable {
    /// The task with this primary key.
    func task(_ id: UUID) async throws -> TaskRecord?
    /// The user's open tasks, oldest first, at most 20 (``TodoSQL/openTasks``).
    func openTasks(of user: UUID) async throws -> [TaskRecord]
    /// Adds one task in a transaction of its own.
    func add(_ task: TaskRecord) async throws
    /// Adds all `tasks` in one transaction.
    func addAll(_ tasks: [TaskRecord]) async throws
    /// Rows in `tasks`.
    func countTasks() async throws -> Int
}

/// The statements, the same text on every side (GRDB gets `?` for `$1`).
enum TodoSQL {
    static let columns = "id, user_id, title, description, completed, created_at, updated_at"
    static let taskByID = "SELECT \(columns) FROM tasks WHERE id = $1"
    static let openTasksLimit = 20
    static let openTasks = "SELECT \(columns) FROM tasks WHERE user_id = $1 AND NOT completed ORDER BY created_at LIMIT 20"
    static let insertTask = "INSERT INTO tasks (\(columns)) VALUES ($1, $2, $3, $4, $5, $6, $7)"
    static let countTasks = "SELECT count(*) FROM tasks"

    /// `sql` with `?` placeholders, for SQLite libraries that number them by position.
    static func positional(_ sql: String) -> String {
        var out = sql
        for n in (1...9).reversed() { out = out.replacingOccurrences(of: "$\(n)", with: "?") }
        return out
    }
}

import Foundation
import GRDB
import Meridian

/// The generated `TaskRecord` as a GRDB record, written as GRDB's documentation writes a fast
/// one: `init(row:)` reads columns by name, `encode(to:)` fills the persistence container.
///
/// The schema stores a UUID as lowercase text and a timestamp as fixed-width text
/// (`2026-12-01T00:00:00.000000Z`), so the record converts them as any GRDB user of this schema
/// must (GRDB's own defaults, a 16-byte blob and `yyyy-MM-dd HH:mm:ss.SSS`, fail its checks).
extension TaskRecord: GRDB.FetchableRecord, GRDB.PersistableRecord {
    static let databaseTableName = "tasks"

    init(row: GRDB.Row) throws {
        self.init(
            id: UUID(uuidString: row["id"]), userId: UUID(uuidString: row["user_id"])!, title: row["title"],
            description: row["description"], completed: row["completed"],
            createdAt: Timestamp(iso8601: row["created_at"]), updatedAt: Timestamp(iso8601: row["updated_at"]))
    }

    func encode(to container: inout GRDB.PersistenceContainer) throws {
        container["id"] = id?.uuidString.lowercased()
        container["user_id"] = userId.uuidString.lowercased()
        container["title"] = title
        container["description"] = description
        container["completed"] = completed
        container["created_at"] = createdAt?.iso8601
        container["updated_at"] = updatedAt?.iso8601
    }
}

/// The todo data layer on GRDB 7: a `DatabasePool` (WAL, one writer and four readers, as
/// Meridian's `SQLiteDatabase`), async `read`/`write`, cached statements, records.
struct GRDBStore: TodoStore {
    let pool: DatabasePool
    private static let taskByID = TodoSQL.positional(TodoSQL.taskByID)
    private static let openTasks = TodoSQL.positional(TodoSQL.openTasks)

    init(path: String) throws {
        var configuration = Configuration()
        configuration.maximumReaderCount = 4
        configuration.prepareDatabase { db in
            // The schema's defaults and triggers call these; Meridian's driver registers its own.
            db.add(function: DatabaseFunction("now", argumentCount: 0) { _ in Timestamp.now().iso8601 })
            db.add(function: DatabaseFunction("gen_random_uuid", argumentCount: 0) { _ in UUID().uuidString.lowercased() })
        }
        pool = try DatabasePool(path: path, configuration: configuration)
    }

    func task(_ id: UUID) async throws -> TaskRecord? {
        try await pool.read { db in
            try TaskRecord.fetchOne(db.cachedStatement(sql: Self.taskByID), arguments: [id.uuidString.lowercased()])
        }
    }

    func openTasks(of user: UUID) async throws -> [TaskRecord] {
        try await pool.read { db in
            try TaskRecord.fetchAll(db.cachedStatement(sql: Self.openTasks), arguments: [user.uuidString.lowercased()])
        }
    }

    func add(_ task: TaskRecord) async throws {
        try await pool.write { db in try task.insert(db) }
    }

    func addAll(_ tasks: [TaskRecord]) async throws {
        try await pool.write { db in
            for task in tasks { try task.insert(db) }
        }
    }

    func countTasks() async throws -> Int {
        try await pool.read { db in try TaskRecord.fetchCount(db) }
    }
}

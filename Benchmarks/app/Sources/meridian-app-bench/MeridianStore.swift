import Foundation
import Meridian

/// The todo data layer on Meridian, one implementation for both backends: `SQLiteDatabase` or
/// `PostgresDatabase`, async `read`/`write`, rows decoded into the generated `TaskRecord`, and
/// typed inserts (`insert`), as the README's "Using the library" shows.
struct MeridianStore<D: Database>: TodoStore {
    let db: D

    func task(_ id: UUID) async throws -> TaskRecord? {
        try await db.read { conn in try conn.fetchOne(TodoSQL.taskByID, [.uuid(id)])?.decode(TaskRecord.self) }
    }

    func openTasks(of user: UUID) async throws -> [TaskRecord] {
        try await db.read { conn in try conn.fetchAll(TaskRecord.self, TodoSQL.openTasks, [.uuid(user)]) }
    }

    func add(_ task: TaskRecord) async throws {
        try await db.write { conn in try conn.insert(task) }
    }

    func addAll(_ tasks: [TaskRecord]) async throws {
        try await db.write { conn in
            for task in tasks { try conn.insert(task) }
        }
    }

    func countTasks() async throws -> Int {
        try await db.read { conn in Int(try conn.fetchValue(Int64.self, TodoSQL.countTasks) ?? -1) }
    }
}

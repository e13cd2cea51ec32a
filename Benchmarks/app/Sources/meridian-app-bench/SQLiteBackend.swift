import Foundation
import Meridian
import MeridianSQLite

/// The SQLite side: a file of 10,000 tasks that Meridian's `SQLiteDatabase` and GRDB's
/// `DatabasePool` both open, and for the bulk insert a fresh copy of a users-only file for each
/// contender and round.
final class SQLiteBackend {
    let folder: URL
    let tasksPath: String
    private let usersOnlyPath: String

    init(schema: TodoSchema, data: TodoData) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("meridian-app-bench-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        usersOnlyPath = folder.appendingPathComponent("users.sqlite").path
        tasksPath = folder.appendingPathComponent("tasks.sqlite").path
        // Each connection closes (and checkpoints its WAL) before the file is copied or shared.
        try schema.build(SQLiteConnection(path: usersOnlyPath, spatiaLite: false), folder: "migrations-sqlite", data: data, tasks: false)
        try schema.build(SQLiteConnection(path: tasksPath, spatiaLite: false), folder: "migrations-sqlite", data: data, tasks: true)
    }

    /// A fresh copy of the users-only file, and a way to delete it.
    func bulkFile(_ label: String, round: Int) throws -> (path: String, remove: () -> Void) {
        let path = folder.appendingPathComponent("bulk-\(label)-\(round + 1).sqlite").path
        try FileManager.default.copyItem(atPath: usersOnlyPath, toPath: path)
        return (path, {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        })
    }

    func contenders() throws -> [AppContender] {
        [
            AppContender(label: "meridian", store: MeridianStore(db: try SQLiteDatabase(path: tasksPath))) { round in
                let (path, remove) = try self.bulkFile("meridian", round: round)
                return (MeridianStore(db: try SQLiteDatabase(path: path)), remove)
            },
            AppContender(label: "GRDB", store: try GRDBStore(path: tasksPath)) { round in
                let (path, remove) = try self.bulkFile("grdb", round: round)
                return (try GRDBStore(path: path), remove)
            },
        ]
    }

    /// Runs a clean-up statement through a connection of its own.
    func execute(_ sql: String) throws {
        try SQLiteConnection(path: tasksPath, spatiaLite: false).execute(sql)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }
}

import Foundation
import Meridian

/// The todo example's migrations (examples/todo/migrations-sqlite|postgres), applied as they
/// are, and its seed rows, written with Meridian outside every timing.
struct TodoSchema {
    /// `examples/todo`.
    let root: URL

    /// The `.up.sql` files of one dialect's folder, in version order.
    func upMigrations(_ folder: String) throws -> [String] {
        let directory = root.appendingPathComponent(folder)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".up.sql") }.sorted()
        guard !names.isEmpty else { throw BenchmarkError("no migrations in \(directory.path)") }
        return try names.map { try String(contentsOf: directory.appendingPathComponent($0), encoding: .utf8) }
    }

    /// Creates the schema on `conn` and writes the users, and the tasks too when `tasks` is set;
    /// then `ANALYZE`.
    func build(_ conn: some DatabaseConnection, folder: String, data: TodoData, tasks: Bool) throws {
        for script in try upMigrations(folder) { try conn.executeScript(script) }
        try conn.transaction {
            for user in data.users { try conn.insert(user) }
            if tasks { for task in data.tasks { try conn.insert(task) } }
        }
        // Planner statistics, as a deployed database has them; both sides read the same ones.
        try conn.executeScript("ANALYZE")
    }
}

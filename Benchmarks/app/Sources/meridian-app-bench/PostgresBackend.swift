import Foundation
import Meridian
import MeridianPostgres
import PostgresNIO

/// The PostgreSQL side: two scratch databases on the server (10,000 tasks; users only, for the
/// bulk insert, whose `tasks` is truncated before each round), dropped at the end. Meridian's
/// `PostgresDatabase` and postgres-nio's `PostgresClient` each keep a pool on both.
final class PostgresBackend {
    private let tasksDatabase: PostgresScratchDatabase
    private let usersOnlyDatabase: PostgresScratchDatabase
    let clients: [PostgresClient]

    init(serverURL: String, schema: TodoSchema, data: TodoData) throws {
        tasksDatabase = try PostgresScratchDatabase(serverURL: serverURL, purpose: "appbench")
        usersOnlyDatabase = try PostgresScratchDatabase(serverURL: serverURL, purpose: "appbench_bulk")
        try schema.build(PostgresConnection(url: tasksDatabase.url), folder: "migrations-postgres", data: data, tasks: true)
        try schema.build(PostgresConnection(url: usersOnlyDatabase.url), folder: "migrations-postgres", data: data, tasks: false)
        clients = [try PostgresNIOStore.makeClient(url: tasksDatabase.url), try PostgresNIOStore.makeClient(url: usersOnlyDatabase.url)]
    }

    func contenders() -> [AppContender] {
        let meridianBulk = MeridianStore(db: PostgresDatabase(url: usersOnlyDatabase.url))
        let nioBulk = PostgresNIOStore(client: clients[1])
        return [
            AppContender(label: "meridian", store: MeridianStore(db: PostgresDatabase(url: tasksDatabase.url))) { _ in
                try self.truncateBulkTasks()
                return (meridianBulk, {})
            },
            AppContender(label: "postgres-nio", store: PostgresNIOStore(client: clients[0])) { _ in
                try self.truncateBulkTasks()
                return (nioBulk, {})
            },
        ]
    }

    private func truncateBulkTasks() throws {
        let conn = try PostgresConnection(url: usersOnlyDatabase.url)
        try conn.executeScript("TRUNCATE tasks")
        try conn.executeScript("VACUUM ANALYZE tasks")
    }

    /// Runs a clean-up statement on the 10,000-task database through a session of its own, and
    /// vacuums the rows it deleted.
    func execute(_ sql: String) throws {
        let conn = try PostgresConnection(url: tasksDatabase.url)
        try conn.executeScript(sql)
        try conn.executeScript("VACUUM ANALYZE tasks")
    }

    /// Drops both databases (their sessions are closed by the drop).
    func drop() {
        tasksDatabase.drop()
        usersOnlyDatabase.drop()
    }
}

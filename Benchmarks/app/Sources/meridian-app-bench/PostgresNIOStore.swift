import Foundation
import Logging
import Meridian
import PostgresNIO

/// The todo data layer on postgres-nio: a `PostgresClient` (its pool of up to 20 connections,
/// as Meridian's `PostgresDatabase`), named prepared statements (`PostgresPreparedStatement`,
/// prepared once per connection), and rows decoded into the generated `TaskRecord`.
struct PostgresNIOStore: TodoStore {
    let client: PostgresClient
    private static let logger = Logger(label: "meridian-app-bench.postgres-nio") { _ in SwiftLogNoOpLogHandler() }

    /// A client for the database `url` names; run it with `client.run()` in a task of its own.
    static func makeClient(url: String) throws -> PostgresClient {
        guard let parts = URLComponents(string: url), let host = parts.host, let user = parts.user else {
            throw BenchmarkError("postgres-nio needs a postgres://user[:password]@host[:port]/database URL")
        }
        let database = parts.path.split(separator: "/").first.map(String.init)
        let configuration = PostgresClient.Configuration(
            host: host, port: parts.port ?? 5432, username: user, password: parts.password, database: database, tls: .disable)
        return PostgresClient(configuration: configuration, backgroundLogger: logger)
    }

    func task(_ id: UUID) async throws -> TaskRecord? {
        var found: TaskRecord?
        for try await task in try await client.execute(TaskByID(id: id), logger: Self.logger) { found = task }
        return found
    }

    func openTasks(of user: UUID) async throws -> [TaskRecord] {
        var tasks: [TaskRecord] = []
        tasks.reserveCapacity(TodoSQL.openTasksLimit)
        for try await task in try await client.execute(OpenTasks(user: user), logger: Self.logger) { tasks.append(task) }
        return tasks
    }

    func add(_ task: TaskRecord) async throws {
        for try await _ in try await client.execute(InsertTask(task: task), logger: Self.logger) {}
    }

    func addAll(_ tasks: [TaskRecord]) async throws {
        try await client.withTransaction(logger: Self.logger) { connection in
            for task in tasks {
                // The overload returning the command tag trips a precondition in postgres-nio
                // 1.33.2 (PSQLRowStream.commandTag before the stream is consumed).
                for try await _ in try await connection.execute(InsertTask(task: task), logger: Self.logger) {}
            }
        }
    }

    func countTasks() async throws -> Int {
        var count = -1
        for try await value in try await client.query("SELECT count(*) FROM tasks", logger: Self.logger).decode(Int.self) { count = value }
        return count
    }
}

// MARK: - Statements

/// A task row in `TodoSQL.columns` order, decoded into the generated struct.
private func decodeTask(_ row: PostgresRow) throws -> TaskRecord {
    let (id, userId, title, description, completed, createdAt, updatedAt) =
        try row.decode((UUID, UUID, String, String?, Bool, PostgresTimestamp, PostgresTimestamp).self)
    return TaskRecord(
        id: id, userId: userId, title: title, description: description, completed: completed,
        createdAt: createdAt.value, updatedAt: updatedAt.value)
}

private struct TaskByID: PostgresPreparedStatement {
    static let sql = TodoSQL.taskByID
    let id: UUID

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 1)
        bindings.append(id)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> TaskRecord { try decodeTask(row) }
}

private struct OpenTasks: PostgresPreparedStatement {
    static let sql = TodoSQL.openTasks
    let user: UUID

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 1)
        bindings.append(user)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> TaskRecord { try decodeTask(row) }
}

private struct InsertTask: PostgresPreparedStatement {
    typealias Row = ()
    static let sql = TodoSQL.insertTask
    static let bindingDataTypes: [PostgresDataType] = [.uuid, .uuid, .text, .text, .bool, .timestamptz, .timestamptz]
    let task: TaskRecord

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 7)
        bindings.append(task.id)
        bindings.append(task.userId)
        bindings.append(task.title)
        bindings.append(task.description)
        bindings.append(task.completed)
        bindings.append(task.createdAt.map(PostgresTimestamp.init))
        bindings.append(task.updatedAt.map(PostgresTimestamp.init))
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws {}
}

/// Meridian's `Timestamp` (microseconds since 1970) in PostgreSQL's binary `timestamptz`
/// (microseconds since 2000), exact; postgres-nio's own `Date` goes through a `Double`.
struct PostgresTimestamp: PostgresDecodable, PostgresNonThrowingEncodable {
    static let microsecondsFrom1970To2000: Int64 = 946_684_800_000_000
    var value: Timestamp

    init(_ value: Timestamp) { self.value = value }

    static var psqlType: PostgresDataType { .timestamptz }
    static var psqlFormat: PostgresFormat { .binary }

    func encode<JSONEncoder: PostgresJSONEncoder>(into byteBuffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>) {
        byteBuffer.writeInteger(value.microsecondsSinceEpoch - Self.microsecondsFrom1970To2000)
    }

    init<JSONDecoder: PostgresJSONDecoder>(
        from buffer: inout ByteBuffer, type: PostgresDataType, format: PostgresFormat, context: PostgresDecodingContext<JSONDecoder>
    ) throws {
        guard type == .timestamptz, format == .binary, buffer.readableBytes == 8, let micros = buffer.readInteger(as: Int64.self) else {
            throw PostgresDecodingError.Code.typeMismatch
        }
        value = Timestamp(microsecondsSinceEpoch: micros + Self.microsecondsFrom1970To2000)
    }
}

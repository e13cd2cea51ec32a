import ArgumentParser
import Foundation

/// `meridian-app-bench`: the todo example's data layer written with Meridian's application API
/// against GRDB 7 (SQLite) and postgres-nio (PostgreSQL), the same workloads on each, RESULT
/// lines as `meridian-bench` prints them (`meridian-bench app` tells how to run it).
@main
struct AppBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "meridian-app-bench",
        abstract: "Meridian's application API against GRDB 7 on SQLite and postgres-nio on PostgreSQL: point query, user-scoped query, bulk insert, concurrent sessions.")

    enum Workload: String, CaseIterable, ExpressibleByArgument {
        case pointQuery = "point-query", userScoped = "user-scoped", concurrent, insert
    }

    @Option(help: "Rounds per contender, in rotating order after a warm-up; the median is reported.") var rounds = 5
    @Option(help: "Queries a round for the point and user-scoped queries, each timed alone.") var queries = 2_000
    @Option(help: "Tasks inserted in one transaction a round.") var inserts = 100_000
    @Option(help: "Concurrent sessions.") var sessions = 20
    @Option(help: "Operations per session (four reads to one write).") var operations = 50
    @Option(help: "PostgreSQL URL of a server to create (and drop) two scratch databases on (default: $MERIDIAN_POSTGRES_URL; SQLite only without one).")
    var postgres: String?
    @Flag(name: .customLong("no-sqlite"), help: "Skip the SQLite side.") var noSQLite = false
    @Option(help: "Run only this workload (repeatable): \(Workload.allCases.map(\.rawValue).joined(separator: ", ")).")
    var workload: [Workload] = []
    @Option(help: "The todo example's folder (default: examples/todo of the Meridian checkout this was built from).")
    var todo: String?

    func validate() throws {
        guard rounds >= 1, queries >= 1, inserts >= 1, sessions >= 1, operations >= 5 else {
            throw ValidationError("--rounds, --queries, --inserts and --sessions must be at least 1, --operations at least 5")
        }
    }

    func run() async throws {
        let data = TodoData()
        let schema = TodoSchema(root: todo.map { URL(fileURLWithPath: $0) } ?? Self.defaultTodoFolder)
        let sizes = AppWorkloadSizes(rounds: rounds, queries: queries, inserts: inserts, sessions: sessions, operations: operations)
        let selected = workload.isEmpty ? Workload.allCases : workload
        let url = (postgres ?? ProcessInfo.processInfo.environment["MERIDIAN_POSTGRES_URL"]).flatMap { $0.isEmpty ? nil : $0 }

        if !noSQLite {
            let backend = try SQLiteBackend(schema: schema, data: data)
            let workloads = AppWorkloads(backend: "sqlite", peerName: "GRDB 7.10.0", goalRatio: 1.0, data: data, sizes: sizes) { sql in
                try backend.execute(sql)
            }
            try await Self.run(selected, workloads, try backend.contenders())
        }
        guard let url else {
            Progress.log("app: no --postgres or MERIDIAN_POSTGRES_URL: the PostgreSQL side (against postgres-nio) was skipped")
            return
        }
        let backend = try PostgresBackend(serverURL: url, schema: schema, data: data)
        defer { backend.drop() }
        let workloads = AppWorkloads(backend: "postgres", peerName: "postgres-nio 1.33.2", goalRatio: 0.8, data: data, sizes: sizes) { sql in
            try backend.execute(sql)
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for client in backend.clients { group.addTask { await client.run() } }
            defer { group.cancelAll() }
            try await Self.run(selected, workloads, backend.contenders())
        }
    }

    private static func run(_ selected: [Workload], _ workloads: AppWorkloads, _ contenders: [AppContender]) async throws {
        try await workloads.verify(contenders)
        let backend = workloads.backend
        if selected.contains(.pointQuery) {
            let latencies = try await workloads.pointQueries(contenders)
            workloads.reportQueries("app-point-query-\(backend)", latencies, contenders, what: "lookups by primary key")
        }
        if selected.contains(.userScoped) {
            let latencies = try await workloads.userScopedQueries(contenders)
            workloads.reportQueries("app-user-scoped-\(backend)", latencies, contenders, what: "queries of a user's 20 oldest open tasks")
            workloads.reportUserScopedBudget(latencies)
        }
        if selected.contains(.concurrent) {
            let times = try await workloads.concurrentSessions(contenders)
            let sizes = workloads.sizes
            workloads.emit("app-concurrent-\(backend)", BenchmarkClock.median(times[0]), BenchmarkClock.median(times[1]), [
                "\(sizes.sessions) tasks × \(sizes.operations) operations (4 reads of 20 rows : 1 insert)",
                "counts checked after each round",
            ])
        }
        if selected.contains(.insert) {
            let times = try await workloads.bulkInsert(contenders)
            workloads.emit("app-insert-\(backend)", BenchmarkClock.median(times[0]), BenchmarkClock.median(times[1]), [
                "\(workloads.sizes.inserts) tasks inserted as structs in one transaction, 3 indexes", "count checked",
            ])
        }
    }

    /// examples/todo of the checkout this file was compiled in.
    static let defaultTodoFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("examples/todo")
}

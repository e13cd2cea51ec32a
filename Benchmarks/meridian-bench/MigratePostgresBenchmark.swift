import Foundation
import Meridian
import MeridianPostgres

/// `migrate`, PostgreSQL: the 30-migration folder into a fresh database each round (created
/// from the server's template, untimed, and dropped afterwards).
///
/// Meridian: `MigrationDirectory.load`, `PostgresConnection(url:)` and `Migrator.up()` (which
/// also takes the advisory lock and re-reads its tracking table before each migration), up to
/// the connection's close. The limit is `psql -X -q -v ON_ERROR_STOP=1 -f script.sql`, one
/// process with one connection, running every up file in its own `BEGIN … COMMIT` with its
/// tracking row (``MigratePeerScripts``; `psql -1` would make it one transaction, which is not
/// what a migration tool may do). Both connect over the same URL and so pay the same
/// authentication. When the `meridian` binary is found, a third line times
/// `meridian migrate up` as a process against `psql`. Every side is checked afterwards
/// (``MigrateCheck``).
struct MigratePostgresBenchmark {
    var rounds: Int
    var serverURL: String
    var folder: String
    var directory: TemporaryDirectory
    var scripts: MigratePeerScripts
    var meridianBinary: String?

    /// The schema Meridian built, for comparing with SQLite's.
    private(set) var schema: SchemaSnapshot?

    mutating func run() throws {
        let check = MigrateCheck(dialect: "postgres", migrations: scripts.migrations)
        let script = directory.file("peer-postgres.sql")
        try scripts.postgresScript.write(toFile: script, atomically: false, encoding: .utf8)
        guard let psql = Subprocess.which("psql") else { throw BenchmarkError("psql is not installed (apt-get install postgresql-client)") }

        var contenders: [RotatingRounds.Contender] = [
            .init(label: "meridian") { [self] _ in try scratch { try meridian($0, check) } },
            .init(label: "psql") { [self] _ in try scratch { try psqlPeer(psql, script, $0, check) } },
        ]
        if let meridianBinary {
            contenders.append(.init(label: "meridian migrate up") { [self] _ in try scratch { try meridianProcess(meridianBinary, $0, check) } })
        }
        let rounds = try RotatingRounds(benchmark: "migrate-postgres", rounds: rounds, warmUp: true, contenders)
        schema = check.reference?.schema

        let details = ["\(scripts.migrations.count) migrations", "fresh database", "median of \(self.rounds)"]
        ResultLine(benchmark: "migrate-postgres", meridianMilliseconds: rounds.median(0), peerMilliseconds: rounds.median(1),
                   details: ["psql -f, a transaction per migration"] + details).emit()
        if meridianBinary != nil {
            ResultLine(benchmark: "migrate-postgres-cli", meridianMilliseconds: rounds.median(2), peerMilliseconds: rounds.median(1),
                       details: ["meridian migrate up vs psql -f, both a process per round"] + details).emit()
        }
    }

    /// Runs `body` on a new scratch database and drops it afterwards.
    private func scratch(_ body: (PostgresScratchDatabase) throws -> Double) throws -> Double {
        let database = try PostgresScratchDatabase(serverURL: serverURL, purpose: "bench_migrate")
        defer { database.drop() }
        return try body(database)
    }

    private func meridian(_ database: PostgresScratchDatabase, _ check: MigrateCheck) throws -> Double {
        let start = BenchmarkClock.nowMilliseconds()
        let applied: Int = try {
            let migrations = try MigrationDirectory(path: folder).load(dialect: .postgres)
            let db = try PostgresConnection(url: database.url)
            return try Migrator(connection: db, migrations: migrations).up().count
        }()
        let milliseconds = BenchmarkClock.nowMilliseconds() - start
        guard applied == scripts.migrations.count else { throw BenchmarkError("meridian applied \(applied) migrations") }
        try check.verify(PostgresConnection(url: database.url), trackingTable: MigrationHistory.tableName, label: "meridian")
        return milliseconds
    }

    private func psqlPeer(_ psql: String, _ script: String, _ database: PostgresScratchDatabase, _ check: MigrateCheck) throws -> Double {
        let milliseconds = try Subprocess.run([psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", script, database.url],
                                              stderr: directory.file("peer-psql.err"))
        try check.verify(PostgresConnection(url: database.url), trackingTable: MigratePeerScripts.trackingTable, label: "psql")
        return milliseconds
    }

    private func meridianProcess(_ binary: String, _ database: PostgresScratchDatabase, _ check: MigrateCheck) throws -> Double {
        let milliseconds = try Subprocess.run([binary, "migrate", "up", "--database", database.url, "--migrations", folder],
                                              stderr: directory.file("meridian-cli.err"))
        try check.verify(PostgresConnection(url: database.url), trackingTable: MigrationHistory.tableName, label: "meridian migrate up")
        return milliseconds
    }
}

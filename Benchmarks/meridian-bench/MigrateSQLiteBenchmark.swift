import CMeridianSQLite
import Foundation
import Meridian
import MeridianSQLite

/// `migrate`, SQLite: the 30-migration folder onto a fresh SpatiaLite file, each round.
///
/// Meridian: `MigrationDirectory.load` (reading, splitting and hashing the files is part of what
/// a user pays), `SQLiteConnection(path:)` and `Migrator.up()`, up to the connection's close.
///
/// The limit is the `sqlite3` shell fed one script on standard input with `-bail`: `.load
/// mod_spatialite`, Meridian's file settings (WAL, `synchronous = NORMAL`, cache, temp store,
/// foreign keys), `InitSpatialMetadata(1, 'WGS84')` as Meridian calls it, then every up file in
/// its own `BEGIN IMMEDIATE … COMMIT` with its tracking row (``MigratePeerScripts``). The shell
/// is a fresh process each round, so it pays its start-up and the loading of SpatiaLite and its
/// libraries (GEOS, PROJ, …), which Meridian, in this already-running process, pays only
/// once in the warm-up; the second peer removes that difference: the same scripts through
/// `sqlite3_exec` in this process, one call per migration. When the `meridian` binary is
/// found, a third line times `meridian migrate up` as a process, against the shell, so both
/// sides start from nothing. Every side closes its file inside the timing (the close
/// checkpoints the WAL) and is checked afterwards (``MigrateCheck``).
struct MigrateSQLiteBenchmark {
    var rounds: Int
    var folder: String
    var directory: TemporaryDirectory
    var scripts: MigratePeerScripts
    var meridianBinary: String?

    /// The file the last Meridian round left, for the start-up measurement.
    var resultPath: String { directory.file("meridian.sqlite") }

    func run() throws {
        let check = MigrateCheck(dialect: "sqlite", migrations: scripts.migrations)
        let shellScript = directory.file("peer-sqlite.sql")
        try scripts.sqliteShellScript.write(toFile: shellScript, atomically: false, encoding: .utf8)
        guard let shell = Subprocess.which("sqlite3") else { throw BenchmarkError("sqlite3 is not installed (apt-get install sqlite3)") }

        var contenders: [RotatingRounds.Contender] = [
            .init(label: "meridian") { _ in try meridian(check) },
            .init(label: "sqlite3 shell") { _ in try shellPeer(shell, shellScript, check) },
            .init(label: "sqlite3_exec") { _ in try inProcessPeer(check) },
        ]
        if let meridianBinary {
            contenders.append(.init(label: "meridian migrate up") { _ in try meridianProcess(meridianBinary, check) })
        }
        let rounds = try RotatingRounds(benchmark: "migrate-sqlite", rounds: rounds, warmUp: true, contenders)

        let details = ["\(scripts.migrations.count) migrations", "fresh SpatiaLite file", "median of \(self.rounds)"]
        ResultLine(benchmark: "migrate-sqlite", meridianMilliseconds: rounds.median(0), peerMilliseconds: rounds.median(1),
                   details: ["sqlite3 shell, one script with -bail, a process per round"] + details).emit()
        ResultLine(benchmark: "migrate-sqlite-vs-c-api", meridianMilliseconds: rounds.median(0), peerMilliseconds: rounds.median(2),
                   details: ["sqlite3_exec per migration in this process"] + details).emit()
        if meridianBinary != nil {
            ResultLine(benchmark: "migrate-sqlite-cli", meridianMilliseconds: rounds.median(3), peerMilliseconds: rounds.median(1),
                       details: ["meridian migrate up vs sqlite3 shell, both a process per round"] + details).emit()
        }
    }

    private func fresh(_ name: String) -> String {
        directory.removeDatabase(name)
        return directory.file(name)
    }

    private func meridian(_ check: MigrateCheck) throws -> Double {
        let path = fresh("meridian.sqlite")
        let start = BenchmarkClock.nowMilliseconds()
        let applied: Int = try {
            let migrations = try MigrationDirectory(path: folder).load(dialect: .sqlite)
            let db = try SQLiteConnection(path: path)
            return try Migrator(connection: db, migrations: migrations).up().count
        }()
        let milliseconds = BenchmarkClock.nowMilliseconds() - start
        guard applied == scripts.migrations.count else { throw BenchmarkError("meridian applied \(applied) migrations") }
        try check.verify(SQLiteConnection(path: path), trackingTable: MigrationHistory.tableName, label: "meridian")
        return milliseconds
    }

    private func shellPeer(_ shell: String, _ script: String, _ check: MigrateCheck) throws -> Double {
        let path = fresh("peer-shell.sqlite")
        let output = directory.file("peer-shell.out")
        let milliseconds = try Subprocess.run([shell, "-bail", path], stdin: script, stdout: output, stderr: directory.file("peer-shell.err"))
        // Its output is `wal` and the 1s of the SpatiaLite calls; a 0 is a call that failed.
        let lines = try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n")
        guard !lines.contains("0") else { throw BenchmarkError("sqlite3: a SpatiaLite call returned 0") }
        try check.verify(SQLiteConnection(path: path), trackingTable: MigratePeerScripts.trackingTable, label: "sqlite3 shell")
        return milliseconds
    }

    private func inProcessPeer(_ check: MigrateCheck) throws -> Double {
        let path = fresh("peer-exec.sqlite")
        let setup = scripts.sqliteSetup
        let chunks = scripts.sqliteMigrations
        var zeros: Int32 = 0
        let start = BenchmarkClock.nowMilliseconds()
        let db = try RawSQLite.open(path, spatiaLite: true, walLikeMeridian: true)
        do {
            for sql in [setup] + chunks {
                var message: UnsafeMutablePointer<CChar>?
                // Counts SELECTs that returned 0: a SpatiaLite call that failed.
                let code = sqlite3_exec(db, sql, { context, count, values, _ in
                    if count == 1, let value = values?[0], strcmp(value, "0") == 0 {
                        context!.assumingMemoryBound(to: Int32.self).pointee += 1
                    }
                    return 0
                }, &zeros, &message)
                defer { sqlite3_free(message) }
                guard code == SQLITE_OK else {
                    throw BenchmarkError("sqlite3_exec: \(message.map { String(cString: $0) } ?? "SQLite error \(code)")")
                }
            }
        } catch {
            RawSQLite.close(db)
            throw error
        }
        RawSQLite.close(db)
        let milliseconds = BenchmarkClock.nowMilliseconds() - start
        guard zeros == 0 else { throw BenchmarkError("sqlite3_exec: \(zeros) SpatiaLite calls returned 0") }
        try check.verify(SQLiteConnection(path: path), trackingTable: MigratePeerScripts.trackingTable, label: "sqlite3_exec")
        return milliseconds
    }

    private func meridianProcess(_ binary: String, _ check: MigrateCheck) throws -> Double {
        let path = fresh("meridian-cli.sqlite")
        let milliseconds = try Subprocess.run([binary, "migrate", "up", "--database", "sqlite:" + path, "--migrations", folder],
                                              stderr: directory.file("meridian-cli.err"))
        try check.verify(SQLiteConnection(path: path), trackingTable: MigrationHistory.tableName, label: "meridian migrate up")
        return milliseconds
    }
}

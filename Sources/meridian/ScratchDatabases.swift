import ArgumentParser
import Foundation
import Meridian
import MeridianPostgres
import MeridianSQLite

/// What `check` and `smoke` share: both folders, and scratch databases of both dialects.
struct ScratchOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The SQLite migrations.", valueName: "dir"))
    var sqliteMigrations = "migrations-sqlite"

    @Option(help: ArgumentHelp("The PostgreSQL migrations.", valueName: "dir"))
    var postgresMigrations = "migrations-postgres"

    @Option(
        help: ArgumentHelp(
            "A PostgreSQL server on which to create (and drop) a scratch database; the account needs CREATEDB.",
            discussion: "Defaults to MERIDIAN_POSTGRES_URL.", valueName: "url"))
    var postgres: String?

    /// Both folders, loaded and checked for lockstep; throws when they disagree.
    func loadFolders() throws -> (sqlite: [Migration], postgres: [Migration]) {
        let folders = try loadFolders(requireDown: true)
        guard folders.lockstep.isEmpty else { throw ReportedProblems(folders.lockstep) }
        return (folders.sqlite, folders.postgres)
    }

    /// Both folders, loaded, and each way their histories differ in versions and names
    /// (``MigrationLockstep``), for the caller to judge.
    func loadFolders(requireDown: Bool) throws -> (sqlite: [Migration], postgres: [Migration], lockstep: [String]) {
        let sqlite = try MigrationDirectory(path: sqliteMigrations).load(dialect: .sqlite, requireDown: requireDown)
        let postgres = try MigrationDirectory(path: postgresMigrations).load(dialect: .postgres, requireDown: requireDown)
        return (sqlite, postgres, MigrationLockstep.differences(sqlite, named: sqliteMigrations, postgres, named: postgresMigrations))
    }

    /// The server for scratch databases, or a usage error saying how to name one.
    func serverURL() throws -> String {
        if let postgres { return postgres }
        if let url = ProcessInfo.processInfo.environment["MERIDIAN_POSTGRES_URL"], !url.isEmpty { return url }
        throw ValidationError("this command compares both dialects and needs a PostgreSQL server for a scratch database: pass --postgres URL or set MERIDIAN_POSTGRES_URL")
    }

    /// Runs `body` on a new SQLite file in a temporary folder, removed afterwards.
    static func withScratchSQLite<T>(_ body: (SQLiteConnection) throws -> T) throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("meridian-scratch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        return try body(try SQLiteConnection(path: folder.appendingPathComponent("scratch.sqlite").path))
    }

    /// Runs `body` on a new database on the server, dropped afterwards.
    func withScratchPostgres<T>(purpose: String, _ body: (PostgresConnection) throws -> T) throws -> T {
        let scratch = try PostgresScratchDatabase(serverURL: try serverURL(), purpose: purpose)
        defer { scratch.drop() }
        return try body(try PostgresConnection(url: scratch.url))
    }
}

/// Problems a command found, one per line on stderr, then what to do about them if there is a
/// general way; exit status 1.
struct ReportedProblems: Error, CustomStringConvertible {
    let problems: [String]
    let hint: String?

    init(_ problems: [String], hint: String? = nil) {
        self.problems = problems
        self.hint = hint
    }

    var description: String {
        let list = problems.isEmpty ? [] : ["\(plural(problems.count, "problem")):"] + problems.map { "  - \($0)" }
        return (list + [hint].compactMap { $0 }).joined(separator: "\n")
    }
}

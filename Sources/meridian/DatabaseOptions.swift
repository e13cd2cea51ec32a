import ArgumentParser
import Foundation
import Meridian
import MeridianPostgres
import MeridianSQLite

/// The `--database` option every command shares.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: [.short, .long],
        help: ArgumentHelp(
            "The database: sqlite:FILE or a postgres:// URL.",
            discussion: "Defaults to DATABASE_URL, else sqlite:meridian.sqlite in the working directory. An SQLite file must exist: only `meridian migrate up` and `meridian info` create one. Commands that read leave the file byte for byte as it was; those that write through Meridian (migrations, seed, load) switch it to WAL. Append ?mode=ro to a SQLite path to refuse writes too.",
            valueName: "url"))
    var database: String?

    /// The database named by the option, `DATABASE_URL`, or the default SpatiaLite file.
    func url() throws -> DatabaseURL {
        if let database { return try DatabaseURL(parsing: database) }
        if let environment = ProcessInfo.processInfo.environment["DATABASE_URL"], !environment.isEmpty {
            return try DatabaseURL(parsing: environment)
        }
        return .defaultSQLite
    }

    /// A connection to the database, opened for `use`.
    func connect(for use: DatabaseUse) throws -> any DatabaseConnection {
        try Self.connect(try url(), for: use)
    }

    /// A connection to `url`, opened for `use`: an SQLite file is opened as ``DatabaseUse``
    /// says, and must exist unless `use` is `.create` (``MissingDatabaseFile``); `?mode=ro`
    /// after its path opens it to read whatever the use.
    ///
    /// - Parameter spatiaLite: whether SQLite connections load SpatiaLite; commands that only
    ///   read the tracking table skip it and start in half the time.
    static func connect(_ url: DatabaseURL, for use: DatabaseUse, spatiaLite: Bool = true) throws -> any DatabaseConnection {
        switch url {
        case .postgres(let conninfo):
            return try PostgresConnection(url: conninfo)
        case .sqlite(let given):
            let (path, readOnly) = try sqliteFile(given)
            if !use.createsMissingFile { try MissingDatabaseFile.check(path, isDefault: url == .defaultSQLite) }
            if readOnly { return try SQLiteConnection(path: path, access: .read, spatiaLite: spatiaLite) }
            switch use {
            case .read: return try SQLiteConnection(path: path, access: .read, spatiaLite: spatiaLite)
            case .run(let sql): return try SQLiteConnection.opening(path: path, toRun: sql, spatiaLite: spatiaLite)
            case .write, .create: return try SQLiteConnection(path: path, access: .manage, spatiaLite: spatiaLite)
            }
        }
    }
}

extension DatabaseOptions {
    /// The file of an `sqlite:` URL's path, and whether `?mode=ro` follows it.
    ///
    /// - Throws: ``DatabaseError`` (`.misuse`) for any other query (`?mode=bogus`, `?cache=shared`), which
    ///   would otherwise become part of the file's name; a `file:` URI is SQLite's to read.
    static func sqliteFile(_ given: String) throws -> (path: String, readOnly: Bool) {
        if given.hasSuffix("?mode=ro") { return (String(given.dropLast("?mode=ro".count)), true) }
        if !given.hasPrefix("file:"), let mark = given.firstIndex(of: "?") {
            throw DatabaseError(
                .misuse, "sqlite:\(given): the only query an sqlite: path takes is ?mode=ro, not \(given[mark...]); "
                    + "for SQLite's own URI parameters write sqlite:file:\(given[..<mark])\(given[mark...])")
        }
        return (given, false)
    }
}

/// The `--migrations` option of the commands that read migration files.
struct MigrationOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The folder of migration files.",
            discussion: "Defaults to migrations-sqlite/ or migrations-postgres/ in the working directory, by the database's dialect. Reads Meridian and golang-migrate (NNNN_name.up.sql + .down.sql), dbmate (NNNN_name.sql with -- migrate:up / -- migrate:down) and Diesel (VERSION_name/up.sql + down.sql) layouts.",
            valueName: "dir"))
    var migrations: String?

    /// The folder for `url`'s dialect.
    func directory(for url: DatabaseURL) -> MigrationDirectory {
        MigrationDirectory(path: migrations ?? Self.defaultFolder(for: url))
    }

    static func defaultFolder(for url: DatabaseURL) -> String {
        switch url {
        case .sqlite: "migrations-sqlite"
        case .postgres: "migrations-postgres"
        }
    }

    /// The folder's migrations; warnings about its versions go to stderr.
    func load(for url: DatabaseURL) throws -> [Migration] {
        let directory = directory(for: url)
        let migrations = try directory.load(dialect: url.statementDialect)
        for warning in MigrationDirectory.warnings(migrations) { Console.progress("warning: \(directory.path): \(warning)") }
        return migrations
    }
}

extension DatabaseURL {
    var statementDialect: StatementDialect {
        switch self {
        case .sqlite: .sqlite
        case .postgres: .postgres
        }
    }
}

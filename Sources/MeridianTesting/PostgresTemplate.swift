import Foundation
import Meridian
import MeridianPostgres

/// A migrated, seeded template database on a PostgreSQL server, cloned per test with
/// `CREATE DATABASE … TEMPLATE`.
///
/// ```swift
/// let template = try PostgresTemplate.shared(for: recipe, serverURL: url)
/// let db = try template.fresh()      // its own database
/// defer { db.close() }               // DROP DATABASE … WITH (FORCE)
/// ```
///
/// The template is `meridian_tpl_<first 16 hex digits of the fingerprint>`; its full
/// fingerprint is stored as the database's comment, so a later process (or another test
/// process) reuses it when the files are unchanged and rebuilds it when they changed or a
/// build was interrupted (the comment is written last). Builds take an advisory lock so
/// parallel processes build once. Cloning needs no session on the template, so the building
/// connection is closed before the first clone.
///
/// A clone costs tens of milliseconds on the server, so a few are created ahead on a
/// background thread; those not taken are dropped at process exit.
/// `@unchecked Sendable`: its properties are constants set in `init`; the clones come from a
/// ``PreparedPool``, which hands each one to a single caller under its own lock.
public final class PostgresTemplate: @unchecked Sendable {
    public let recipe: DatabaseRecipe
    public let serverURL: String
    public let fingerprint: String
    /// The template database's name.
    public let name: String
    /// Whether this process built the template (false: an up-to-date one was reused).
    public let built: Bool
    private let pool: PreparedPool<PostgresFreshDatabase>

    /// Ensures the template exists and matches `recipe`; `prepareAhead` clones are kept ready.
    public init(recipe: DatabaseRecipe, serverURL: String, prepareAhead: Int = 2) throws {
        self.recipe = recipe
        self.serverURL = serverURL
        fingerprint = try recipe.fingerprint(for: .postgres)
        let name = "meridian_tpl_" + fingerprint.prefix(16)
        self.name = name
        built = try Self.ensure(recipe: recipe, serverURL: serverURL, name: name, fingerprint: fingerprint)
        pool = PreparedPool(capacity: prepareAhead, name: "meridian-postgres-clones",
                            make: { try PostgresFreshDatabase(serverURL: serverURL, template: name) },
                            discard: { $0.close() })
        BackgroundWork.installExitHook(after: .libpq)
    }

    deinit { pool.shutdown() }

    /// A fresh database for one test, a copy of the template; close it (or let it go) to drop it.
    public func fresh() throws -> PostgresFreshDatabase { try pool.take().item }

    /// Creates the template unless one with this fingerprint exists; returns whether it built.
    private static func ensure(recipe: DatabaseRecipe, serverURL: String, name: String, fingerprint: String) throws -> Bool {
        let admin = try PostgresConnection(url: serverURL)
        let lock = "SELECT pg_advisory_lock(hashtext('\(name)'))"
        try admin.executeScript(lock)
        defer { try? admin.executeScript("SELECT pg_advisory_unlock(hashtext('\(name)'))") }
        let comment = try admin.fetchAll(
            "SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1", [.text(name)])
        if let row = comment.first, case .text(let existing)? = row.values.first, existing == fingerprint { return false }
        try admin.executeScript("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
        try admin.executeScript("CREATE DATABASE \(name)")
        do {
            // Scoped so the building session is closed before anyone clones the template.
            try {
                try recipe.prepare(PostgresConnection(url: databaseURL(serverURL, database: name)), for: .postgres)
            }()
        } catch {
            try? admin.executeScript("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
            throw error
        }
        try admin.executeScript("COMMENT ON DATABASE \(name) IS '\(fingerprint)'")
        return true
    }

    /// `serverURL` pointed at the database `database` (URI path or `dbname=` keyword).
    public static func databaseURL(_ serverURL: String, database: String) -> String {
        MeridianTesting.databaseURL(serverURL, database: database)
    }

    // MARK: - Registry

    private static let registryLock = NSLock()
    nonisolated(unsafe) private static var registry: [String: PostgresTemplate] = [:]

    /// The process's template for `recipe` on `serverURL` (default `MERIDIAN_POSTGRES_URL`),
    /// checked against the files on first use in this process and rebuilt when they changed.
    public static func shared(for recipe: DatabaseRecipe, serverURL: String? = nil, prepareAhead: Int = 2) throws -> PostgresTemplate {
        guard let url = serverURL ?? TestDatabase.postgresURL else {
            throw DatabaseError(.connection, "no PostgreSQL server: set MERIDIAN_POSTGRES_URL or pass serverURL")
        }
        let fingerprint = try recipe.fingerprint(for: .postgres)
        let key = url + "\u{0}" + fingerprint
        registryLock.lock()
        defer { registryLock.unlock() }
        if let template = registry[key] { return template }
        let template = try PostgresTemplate(recipe: recipe, serverURL: url, prepareAhead: prepareAhead)
        registry[key] = template
        return template
    }
}

/// One test's own PostgreSQL database, cloned from a template; dropped by ``close()`` or when
/// the handle goes away.
/// `@unchecked Sendable`: made on the pool's thread and handed to one test; its sessions are
/// dropped under `lock`, so a close at process exit and one by the test cannot race.
public final class PostgresFreshDatabase: @unchecked Sendable {
    /// The database's name, `meridian_t_<random>`.
    public let name: String
    /// A libpq URL for it, for further sessions.
    public let url: String
    /// A session on it.
    public private(set) var connection: PostgresConnection?
    /// The session that created the database, kept to drop it: clones prepared ahead are
    /// dropped while the process exits, when connecting anew is no longer safe (libpq's TLS
    /// library may have been torn down already).
    private var admin: PostgresConnection?
    private let lock = NSLock()
    private var dropped = false

    init(serverURL: String, template: String) throws {
        name = "meridian_t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        url = databaseURL(serverURL, database: name)
        let admin = try PostgresConnection(url: serverURL)
        try admin.executeScript("CREATE DATABASE \(name) TEMPLATE \(template)")
        do { connection = try PostgresConnection(url: url) } catch {
            try? admin.executeScript("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
            throw error
        }
        self.admin = admin
    }

    /// The session on the database (fails after ``close()``).
    public var db: PostgresConnection {
        get throws {
            guard let connection else { throw DatabaseError(.connection, "\(name) was closed and dropped") }
            return connection
        }
    }

    /// Another session on the same database.
    public func connect() throws -> PostgresConnection { try PostgresConnection(url: url) }

    /// Closes the session and drops the database (`WITH (FORCE)` ends other sessions on it).
    public func close() {
        lock.lock()
        defer { lock.unlock() }
        guard !dropped else { return }
        dropped = true
        connection = nil
        try? admin?.executeScript("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
        admin = nil
    }

    deinit { close() }
}

/// `serverURL` pointed at another database: the URI path, or a later `dbname=` keyword, which
/// libpq lets override an earlier one (as `PostgresScratchDatabase` does).
func databaseURL(_ serverURL: String, database: String) -> String {
    guard serverURL.contains("://"), var components = URLComponents(string: serverURL) else {
        return serverURL + " dbname=\(database)"
    }
    components.path = "/" + database
    return components.string ?? serverURL
}

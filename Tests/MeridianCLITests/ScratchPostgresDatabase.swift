import Foundation
import MeridianPostgres
import MeridianTesting

/// A database of its own on the test server, for one test: created through the admin URL
/// (`MERIDIAN_POSTGRES_ADMIN_URL`, else `MERIDIAN_POSTGRES_URL`) and dropped with `WITH (FORCE)`.
///
/// The CLI is a separate process that connects by URL, so it cannot be confined to a schema as
/// the in-process tests are; a whole database also gives it its own advisory-lock space.
final class ScratchPostgresDatabase {
    let name: String
    /// `MERIDIAN_POSTGRES_URL` pointing at this database.
    let url: String
    private let adminURL: String
    private var dropped = false

    static var adminURL: String? {
        ProcessInfo.processInfo.environment["MERIDIAN_POSTGRES_ADMIN_URL"].flatMap { $0.isEmpty ? nil : $0 }
            ?? TestDatabase.postgresURL
    }

    /// Creates the database from `template1` (where the test clusters install PostGIS), or
    /// from `template0` when `withoutPostGIS`, for tests of a database's first spatial migration.
    init(serverURL: String, adminURL: String, withoutPostGIS: Bool = false) throws {
        name = "meridian_cli_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        url = try Self.url(serverURL, database: name)
        self.adminURL = adminURL
        try PostgresConnection(url: adminURL).executeScript("CREATE DATABASE \(name)" + (withoutPostGIS ? " TEMPLATE template0" : ""))
    }

    /// `url` with its database (the path) replaced.
    static func url(_ url: String, database: String) throws -> String {
        guard var components = URLComponents(string: url) else {
            throw CLIError.setup("MERIDIAN_POSTGRES_URL is not a postgres:// URL")
        }
        components.path = "/" + database
        return components.string ?? url
    }

    /// `url` with `password` in place of its password (none when `nil`), for tests of a wrong one.
    static func url(_ url: String, password: String?) -> String {
        guard var components = URLComponents(string: url) else { return url }
        components.password = password
        return components.string ?? url
    }

    /// Runs SQL as the admin user inside this database (for set-up the CLI should not do).
    func execute(_ sql: String) throws {
        try PostgresConnection(url: url).executeScript(sql)
    }

    func drop() {
        guard !dropped else { return }
        dropped = true
        try? PostgresConnection(url: adminURL).executeScript("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }

    deinit { drop() }
}

import Foundation
import Meridian

/// A database created on a server for one job (`meridian check`, `smoke`, benchmarks) and
/// dropped afterwards.
public final class PostgresScratchDatabase {
    /// The new database's name.
    public let name: String
    /// A libpq URL for the new database.
    public let url: String
    private let serverURL: String
    private var dropped = false

    /// Creates `meridian_<purpose>_<random>` on the server `serverURL` points at; the account
    /// needs CREATEDB.
    public init(serverURL: String, purpose: String) throws {
        self.serverURL = serverURL
        name = "meridian_\(purpose)_" + UUID().uuidString.prefix(8).lowercased()
        let admin = try PostgresConnection(url: serverURL)
        try admin.executeScript("CREATE DATABASE \(name)")
        url = Self.url(serverURL, database: name)
    }

    /// `serverURL` pointed at another database: the URI path, or a later `dbname=` keyword,
    /// which libpq lets override an earlier one.
    static func url(_ serverURL: String, database: String) -> String {
        guard serverURL.contains("://"), var components = URLComponents(string: serverURL) else {
            return serverURL + " dbname=\(database)"
        }
        components.path = "/" + database
        return components.string ?? serverURL
    }

    /// Drops the database, closing any sessions still on it.
    public func drop() {
        guard !dropped else { return }
        dropped = true
        try? PostgresConnection(url: serverURL).executeScript("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }

    deinit { drop() }
}

import Meridian

/// Installing PostGIS in a database that needs it: the counterpart of SQLite's `SpatiaLite`.
enum PostGIS {
    /// Installs the `postgis` extension unless it is there.
    ///
    /// `CREATE EXTENSION IF NOT EXISTS` is not safe against itself: two sessions that both find
    /// the extension missing both create it, and the second fails on a duplicate key in
    /// `pg_extension` or an existing type. So the test and the creation run in one transaction
    /// that first takes an advisory lock of its own (database-wide, unlike the migration lock,
    /// which is per schema): a second session waits, then finds the extension. A session killed
    /// while creating it holds the lock until its server process has rolled back or committed,
    /// so a run started right after waits for that too.
    static func ensureExtension(on connection: PostgresConnection) throws {
        guard try !isInstalled(on: connection) else { return }
        try connection.transaction {
            try connection.executeScript("SELECT pg_advisory_xact_lock(hashtext('meridian.postgis'))")
            if try !isInstalled(on: connection) { try connection.executeScript("CREATE EXTENSION postgis") }
        }
    }

    static func isInstalled(on connection: PostgresConnection) throws -> Bool {
        try connection.fetchValue(Int64.self, "SELECT count(*) FROM pg_extension WHERE extname = 'postgis'") == 1
    }
}

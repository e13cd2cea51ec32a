import Foundation
import Meridian
import MeridianPostgres
import MeridianSQLite

/// The peers' side of `meridian-bench migrate`: the same migration files as SQL scripts for
/// `sqlite3`, `psql` and `sqlite3_exec`, doing the bookkeeping Meridian does.
///
/// Each migration's up file runs in its own transaction (`BEGIN IMMEDIATE` on SQLite, as
/// Meridian takes the write lock; `BEGIN` on PostgreSQL) together with one `INSERT` into a
/// tracking table, `peer_migrations`, created from the same column list as Meridian's
/// `meridian_migrations` (version, slug, checksum, applied-at, duration, applied-by, dirty) and
/// rendered by the same dialect code. The checksums and the `user@host` are computed beforehand,
/// as a hand-written script would have them. What the peers do not do is Meridian's extra
/// safety: re-reading the tracking table before each migration, the advisory lock, validating
/// the files against the table first, and checking that SpatiaLite's calls returned 1 (the
/// benchmark checks that afterwards, untimed).
struct MigratePeerScripts {
    static let trackingTable = "peer_migrations"

    /// The columns of Meridian's tracking table (`MigrationHistory`).
    static let tracking = MigrationHistory.definition(named: trackingTable)

    var migrations: [Migration]
    var appliedBy: String

    // MARK: - SQLite

    /// The file settings `SQLiteConnection` makes; `RawSQLite.open(walLikeMeridian:)` makes them
    /// for the in-process peer.
    static let sqlitePragmas = """
        PRAGMA journal_mode = WAL;
        PRAGMA synchronous = NORMAL;
        PRAGMA cache_size = -65536;
        PRAGMA temp_store = MEMORY;

        """

    /// Foreign keys, SpatiaLite's metadata as Meridian makes it, the tracking table, and a
    /// clock row each migration's duration is measured from.
    var sqliteSetup: String {
        "PRAGMA foreign_keys = ON;\nSELECT InitSpatialMetadata(1, 'WGS84');\n"
            + Self.ddl(SQLiteDialect())
            + "CREATE TEMP TABLE peer_clock (started REAL NOT NULL);\nINSERT INTO temp.peer_clock VALUES (0);\n"
    }

    /// One script per migration: its up file and its tracking row in one transaction.
    var sqliteMigrations: [String] {
        migrations.map { migration in
            "BEGIN IMMEDIATE;\nUPDATE temp.peer_clock SET started = julianday('now');\n"
                + Self.terminated(migration.up.text)
                + trackingInsert(migration, appliedAt: "strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')",
                                 duration: "(julianday('now') - (SELECT started FROM temp.peer_clock)) * 86400000.0", dirty: "0")
                + "COMMIT;\n"
        }
    }

    /// The whole job for the `sqlite3` shell, fed on standard input with `-bail`.
    var sqliteShellScript: String {
        ".load \(Self.spatiaLitePath)\n" + Self.sqlitePragmas + sqliteSetup + sqliteMigrations.joined()
    }

    /// What `SQLiteConnection` loads.
    static var spatiaLitePath: String {
        let path = ProcessInfo.processInfo.environment["MERIDIAN_SPATIALITE_PATH"] ?? ""
        return path.isEmpty ? "mod_spatialite" : path
    }

    // MARK: - PostgreSQL

    /// The whole job for `psql -f`: PostGIS as Meridian ensures it, the tracking table, then
    /// each migration with its row in an explicit transaction (`now()` is the transaction's
    /// start, so the duration is `clock_timestamp() - now()`).
    var postgresScript: String {
        "CREATE EXTENSION IF NOT EXISTS postgis;\n" + Self.ddl(PostgresDialect())
            + migrations.map { migration in
                "BEGIN;\n" + Self.terminated(migration.up.text)
                    + trackingInsert(migration, appliedAt: "now()", duration: "1000 * extract(epoch FROM clock_timestamp() - now())", dirty: "false")
                    + "COMMIT;\n"
            }.joined()
    }

    // MARK: - Pieces

    private static func ddl(_ dialect: any SQLDialect) -> String {
        dialect.createTableStatements(tracking).map { statement -> String in
            guard case .execute(let sql) = statement else { preconditionFailure("the tracking table has no spatial column") }
            return sql + ";\n"
        }.joined()
    }

    private func trackingInsert(_ migration: Migration, appliedAt: String, duration: String, dirty: String) -> String {
        func literal(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }
        return "INSERT INTO \(Self.trackingTable) (version, slug, checksum, applied_at, duration_ms, applied_by, dirty) VALUES ("
            + "\(migration.version), \(literal(migration.slug)), \(literal(migration.checksum)), \(appliedAt), \(duration), "
            + "\(literal(appliedBy)), \(dirty));\n"
    }

    /// A file's text ending in a semicolon and a newline, so the next statement starts clean.
    private static func terminated(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed + (trimmed.hasSuffix(";") ? "\n" : "\n;\n")
    }
}

/// Why the migration files and a database's tracking table disagree; found before anything runs.
public enum MigrationHistoryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An applied migration's file changed after it ran.
    case drift(version: MigrationVersion, path: String, applied: String, current: String)
    /// An applied migration was renamed.
    case renamed(version: MigrationVersion, applied: String, current: String)
    /// An applied migration's file is gone, while newer files exist.
    case missingFile(version: MigrationVersion, slug: String)
    /// The database has applied versions newer than every file.
    case databaseAhead(databaseVersion: MigrationVersion, newestFile: MigrationVersion)
    /// A file older than the newest applied migration was never applied.
    case outOfOrder(version: MigrationVersion, path: String, latestApplied: MigrationVersion)
    /// A migration without a transaction failed half-way; `previous` is the version before it
    /// (``MigrationVersion/zero`` for none).
    case dirty(version: MigrationVersion, slug: String, previous: MigrationVersion)
    /// A target version that no file has.
    case unknownVersion(MigrationVersion)
    /// Rolling back needs a down script the migration lacks.
    case noDownScript(version: MigrationVersion, slug: String)
    /// The down script (`path`) holds no statement: running it would record a rollback that
    /// undid nothing.
    case irreversible(version: MigrationVersion, slug: String, path: String)

    public var description: String {
        switch self {
        case .drift(let version, let path, let applied, let current):
            "migration \(version) was edited after it was applied: \(path) now has checksum \(current.prefix(12))…, the database recorded \(applied.prefix(12))…; restore the file, or add a new migration for the change"
        case .renamed(let version, let applied, let current):
            "migration \(version) was applied as \(applied) but its file is now named \(current); restore the name"
        case .missingFile(let version, let slug):
            "migration \(version)_\(slug) is applied but its file is missing: restore it from version control"
        case .databaseAhead(let databaseVersion, let newestFile):
            "the database is at version \(databaseVersion), ahead of the newest file \(newestFile): update your checkout, or point --migrations at the right folder"
        case .outOfOrder(let version, let path, let latestApplied):
            "\(path) (version \(version)) was never applied, but the database is already at \(latestApplied): give it a version above \(latestApplied)"
        case .dirty(let version, let slug, let previous):
            "migration \(version)_\(slug) ran without a transaction and failed half-way; repair the database by hand, then run `meridian migrate force \(version)` if it is now fully applied, or `meridian migrate force \(previous)` if it is fully undone"
        case .unknownVersion(let version):
            "no migration has version \(version)"
        case .noDownScript(let version, let slug):
            "migration \(version)_\(slug) has no down script, so it cannot be rolled back"
        case .irreversible(let version, let slug, let path):
            "\(path) has no SQL statements, so migration \(version)_\(slug) cannot be rolled back: what it made would stay in the database. Write the SQL that undoes it, or pass --allow-empty-down to record it as rolled back anyway (the database keeps what it made); nothing was rolled back"
        }
    }
}

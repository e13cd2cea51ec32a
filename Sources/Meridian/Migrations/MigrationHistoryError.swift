/// Why the migration files and a database's tracking table disagree; found before anything runs.
public enum MigrationHistoryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An applied migration's file changed after it ran.
    case drift(version: Int64, path: String, applied: String, current: String)
    /// An applied migration was renamed.
    case renamed(version: Int64, applied: String, current: String)
    /// An applied migration's file is gone, while newer files exist.
    case missingFile(version: Int64, slug: String)
    /// The database has applied versions newer than every file.
    case databaseAhead(databaseVersion: Int64, newestFile: Int64)
    /// A file older than the newest applied migration was never applied.
    case outOfOrder(version: Int64, path: String, latestApplied: Int64)
    /// A migration without a transaction failed half-way.
    case dirty(version: Int64, slug: String)
    /// A target version that no file has.
    case unknownVersion(Int64)
    /// Rolling back needs a down script the migration lacks.
    case noDownScript(version: Int64, slug: String)
    /// The down script (`path`) holds no statement: running it would record a rollback that
    /// undid nothing.
    case irreversible(version: Int64, slug: String, path: String)

    public var description: String {
        switch self {
        case .drift(let version, let path, let applied, let current):
            "migration \(Migration.format(version)) was edited after it was applied: \(path) now has checksum \(current.prefix(12))…, the database recorded \(applied.prefix(12))…; restore the file, or add a new migration for the change"
        case .renamed(let version, let applied, let current):
            "migration \(Migration.format(version)) was applied as \(applied) but its file is now named \(current); restore the name"
        case .missingFile(let version, let slug):
            "migration \(Migration.format(version))_\(slug) is applied but its file is missing: restore it from version control"
        case .databaseAhead(let databaseVersion, let newestFile):
            "the database is at version \(Migration.format(databaseVersion)), ahead of the newest file \(Migration.format(newestFile)): update your checkout, or point --migrations at the right folder"
        case .outOfOrder(let version, let path, let latestApplied):
            "\(path) (version \(Migration.format(version))) was never applied, but the database is already at \(Migration.format(latestApplied)): give it a version above \(Migration.format(latestApplied))"
        case .dirty(let version, let slug):
            "migration \(Migration.format(version))_\(slug) ran without a transaction and failed half-way; repair the database by hand, then run `meridian migrate force \(Migration.format(version))` if it is now fully applied, or `meridian migrate force \(Migration.format(version - 1))` if it is fully undone"
        case .unknownVersion(let version):
            "no migration has version \(Migration.format(version))"
        case .noDownScript(let version, let slug):
            "migration \(Migration.format(version))_\(slug) has no down script, so it cannot be rolled back"
        case .irreversible(let version, let slug, let path):
            "\(path) has no SQL statements, so migration \(Migration.format(version))_\(slug) cannot be rolled back: what it made would stay in the database. Write the SQL that undoes it, or pass --allow-empty-down to record it as rolled back anyway (the database keeps what it made); nothing was rolled back"
        }
    }
}

/// What a command does with its database, which decides how an SQLite file is opened
/// (``SQLiteConnection/Access``) and whether a missing one is created.
///
/// A file is switched to WAL or given SpatiaLite's metadata only by a command that creates it
/// or writes to it through Meridian; a command that reads leaves it byte for byte as it was.
enum DatabaseUse {
    /// Reads only (`info`, `near`, `migrate status`, `schema inspect`): the file must exist
    /// and SQLite refuses writes.
    case read
    /// Runs the user's own statement (`query`): read-only when SQLite judges that it only
    /// reads, else read-write in the file's own journal mode. The file must exist.
    case run(String)
    /// Writes through Meridian (`seed`, `load`, `migrate down`): the file must exist, and is
    /// switched to WAL.
    case write
    /// Creates the file when it is missing (`migrate up`), switched to WAL.
    case create

    /// Whether a missing SQLite file is created rather than refused (``MissingDatabaseFile``).
    var createsMissingFile: Bool {
        if case .create = self { true } else { false }
    }
}

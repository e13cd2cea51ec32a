/// A problem with migration files, found before anything touches a database.
///
/// Each case names the file (or folder) and its description says how to fix it.
public enum MigrationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A `.sql` file or a folder whose name fits no layout; `reason` gives the expected pattern.
    case malformedName(path: String, reason: String)
    /// File content that fits no layout: SQL outside dbmate sections, a misplaced directive.
    case malformedScript(path: String, line: Int, reason: String)
    /// An up script (`path`) whose down script does not exist.
    case missingDown(path: String)
    /// A down script (`path`) whose up script does not exist.
    case missingUp(path: String)
    /// Several migrations share a version; `paths` are their up scripts.
    case duplicateVersion(version: MigrationVersion, paths: [String])
    /// Up scripts with nothing but whitespace and comments, in a Meridian folder (dbmate and
    /// Diesel run them as migrations that do nothing).
    case emptyScripts(paths: [String])
    case unreadable(path: String, reason: String)
    /// A new migration file that could not be written.
    case unwritable(path: String, reason: String)
    /// A string, quoted identifier, comment, dollar quote or body still open at the end of the file;
    /// `line` is where it opens.
    case unterminated(path: String, line: Int, what: String)
    case noMigrations(directory: String)
    /// The migrations folder is missing or is a file.
    case notADirectory(path: String)

    public var description: String {
        switch self {
        case .malformedName(let path, let reason):
            "\(path): \(reason)"
        case .malformedScript(let path, let line, let reason):
            "\(path):\(line): \(reason)"
        case .missingDown(let path):
            "\(path) has no down migration: add \(Self.counterpart(ofUp: path)) with the SQL that undoes it "
                + "(it may hold only a comment if the change cannot be undone)"
        case .missingUp(let path):
            "\(path) has no up migration: add \(Self.counterpart(ofDown: path)), or delete this file"
        case .duplicateVersion(let version, let paths):
            "version \(version.id) is used by \(paths.count) migrations (\(paths.joined(separator: ", "))): "
                + "renumber all but one so that each version is unique"
        case .emptyScripts(let paths):
            (paths.count == 1 ? "\(paths[0]) has" : "\(paths.count) up scripts have")
                + " no SQL statements, only whitespace or comments: write each migration's SQL, or delete the migration"
                + (paths.count == 1 ? "" : ":\n" + paths.map { "  \($0)" }.joined(separator: "\n"))
        case .unreadable(let path, let reason):
            "cannot read \(path): \(reason)"
        case .unwritable(let path, let reason):
            "cannot write \(path): \(reason)"
        case .unterminated(let path, let line, let what):
            "\(path):\(line): \(what) opened here is never closed, so the rest of the file would be "
                + "part of it: close it"
        case .noMigrations(let directory):
            "no migrations in \(directory): create one with `meridian migrate new NAME`, or point "
                + "--migrations at the folder that holds them"
        case .notADirectory(let path):
            "\(path) is not a folder (it is missing or is a file): point --migrations at the folder of "
                + "migrations, or create it with `meridian init`"
        }
    }

    /// The down script that goes with an up script, in words, for each layout.
    private static func counterpart(ofUp path: String) -> String {
        if path.hasSuffix(".up.sql") { return String(path.dropLast(7)) + ".down.sql" }
        if path.hasSuffix("/up.sql") { return String(path.dropLast(6)) + "down.sql" }
        return "a `-- migrate:down` section to \(path)"
    }

    /// The up script that goes with a down script: `0003_x.up.sql`, or a Diesel folder's `up.sql`.
    private static func counterpart(ofDown path: String) -> String {
        path.hasSuffix(".down.sql") ? String(path.dropLast(9)) + ".up.sql" : String(path.dropLast(8)) + "up.sql"
    }
}

import CMeridianSQLite
import Foundation
import Meridian

extension SQLiteConnection {
    /// What a connection may do to its file, and so how it opens it.
    ///
    /// ```swift
    /// let reader = try SQLiteConnection(path: "theirs.sqlite", access: .read)    // left as it was
    /// let app = try SQLiteConnection(path: "events.sqlite")                       // .manage: WAL
    /// ```
    ///
    /// A file Meridian did not make keeps its journal mode and gains no SpatiaLite metadata
    /// unless Meridian writes to it through a migration, a seed, a load or an import.
    public enum Access: Sendable {
        /// Reads an existing file and leaves it byte for byte as it was, with no `-wal` or
        /// `-shm` file left beside it that was not there: SQLite refuses every write.
        ///
        /// A file in WAL mode with no `-wal` beside it, in a folder this process can write, is
        /// opened read-write with [`PRAGMA query_only`](https://sqlite.org/pragma.html#pragma_query_only):
        /// a read-only connection would leave the `-wal` and `-shm` files it creates behind,
        /// where the last read-write connection removes them as it closes. Any other file is
        /// opened with `SQLITE_OPEN_READONLY` (``readOnlyTarget(_:)``).
        case read
        /// Reads and writes an existing file in the journal mode it has: the user's own
        /// statements, as `meridian query` runs them.
        case write
        /// Meridian's working mode: creates the file when it is missing and switches it to
        /// WAL with `synchronous = NORMAL`, so that readers run beside a writer and bulk
        /// writes are fast. For files Meridian makes, migrates, seeds or loads.
        case manage
    }

    /// What `sqlite3_open_v2` opens for `access` (`path`, or a `file:` URI), and with which flags.
    /// Every reader also sets `query_only`, which refuses writes on one opened read-write.
    static func openTarget(_ path: String, for access: Access) throws -> (target: String, flags: Int32) {
        let shared = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI
        switch access {
        case .manage: return (path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | shared)
        case .write: return (path, SQLITE_OPEN_READWRITE | shared)
        case .read where readsThroughWriter(path): return (path, SQLITE_OPEN_READWRITE | shared)
        case .read: return (try readOnlyTarget(path), SQLITE_OPEN_READONLY | shared)
        }
    }

    /// A connection to `path` for running `sql`: a reader (``Access/read``) when SQLite judges
    /// that the statement only reads and it calls none of SpatiaLite's functions that write,
    /// else a writer (``Access/write``) that keeps the file's journal mode. `meridian query`
    /// opens its database this way.
    ///
    /// ```swift
    /// let db = try SQLiteConnection.opening(path: "theirs.sqlite", toRun: "SELECT count(*) FROM t")
    /// ```
    ///
    /// SQLite's judgement ([`sqlite3_stmt_readonly`](https://sqlite.org/c3ref/stmt_readonly.html))
    /// sees the statement, not the functions it calls, so a `SELECT` of SpatiaLite's
    /// `CreateSpatialIndex` or `AddGeometryColumn` gets a writer too (``SpatiaLite/mayWrite(_:)``).
    /// An application-defined function of another library that writes is refused on the reader.
    public static func opening(path: String, toRun sql: String, spatiaLite: Bool = true) throws -> SQLiteConnection {
        if !(spatiaLite && SpatiaLite.mayWrite(sql)) {
            let reader = try SQLiteConnection(path: path, access: .read, spatiaLite: spatiaLite)
            if try reader.statement(sql).onlyReads { return reader }
        }
        return try SQLiteConnection(path: path, access: .write, spatiaLite: spatiaLite)
    }

    /// Whether a reader of `path` opens it read-write under `query_only`: a file in WAL mode
    /// with no `-wal` file beside it (so none is left behind by the reader), which this
    /// process can write, in a folder it can write.
    private static func readsThroughWriter(_ path: String) -> Bool {
        guard path != ":memory:", !path.hasPrefix("file:"), isInWALMode(path) else { return false }
        let manager = FileManager.default
        let folder = (path as NSString).deletingLastPathComponent
        return !manager.fileExists(atPath: path + "-wal") && manager.isWritableFile(atPath: path)
            && manager.isWritableFile(atPath: folder.isEmpty ? "." : folder)
    }

    /// What to open for a read-only connection to `path`: the path itself, or, for a database in
    /// WAL mode in a folder this process cannot write, a `file:` URI with `immutable=1`.
    ///
    /// Even a read-only reader of a WAL database needs the `-shm` file beside it, and SQLite
    /// creates it on first open: in a read-only folder (a mounted image, a shared dataset) that
    /// fails with "attempt to write a readonly database". When no `-wal` file holds changes
    /// the file does not have yet, nothing can be missed, so the file is opened as immutable
    /// ([SQLite: immutable](https://sqlite.org/uri.html#uriimmutable)), which needs neither
    /// file. When one does, those changes would be missed, so the error says what to do.
    static func readOnlyTarget(_ path: String) throws -> String {
        guard path != ":memory:", !path.hasPrefix("file:"), isInWALMode(path) else { return path }
        let folder = (path as NSString).deletingLastPathComponent
        let manager = FileManager.default
        guard !manager.isWritableFile(atPath: folder.isEmpty ? "." : folder), !manager.fileExists(atPath: path + "-shm") else {
            return path
        }
        let walBytes = (try? manager.attributesOfItem(atPath: path + "-wal")[.size] as? NSNumber)?.intValue ?? 0
        guard walBytes == 0 else {
            throw DatabaseError(
                .readOnly,
                "\(path) has changes in \(path)-wal that are not in the file yet, and its folder is read-only, so SQLite cannot read them: open it once where its folder is writable (any query moves the changes into the file), or copy the file with its -wal to a writable folder")
        }
        let absolute = path.hasPrefix("/") ? path : manager.currentDirectoryPath + "/" + path
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        return "file:" + (absolute.addingPercentEncoding(withAllowedCharacters: allowed) ?? absolute) + "?immutable=1"
    }

    /// Whether the file's header marks a database in WAL mode (bytes 18 and 19 are 2).
    private static func isInWALMode(_ path: String) -> Bool {
        guard let file = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? file.close() }
        let header = (try? file.read(upToCount: 20)) ?? Data()
        return header.count == 20 && header[18] == 2 && header[19] == 2
    }
}

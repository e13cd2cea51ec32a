import Foundation
import Meridian

extension SQLiteConnection {
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

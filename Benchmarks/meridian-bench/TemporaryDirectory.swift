import Foundation

/// A fresh directory under the system temporary directory, removed by ``remove()``.
struct TemporaryDirectory {
    let path: String

    init(_ prefix: String) throws {
        let base = FileManager.default.temporaryDirectory.path
        path = "\(base)/meridian-bench-\(prefix)-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// A path inside the directory.
    func file(_ name: String) -> String { "\(path)/\(name)" }

    /// Deletes an SQLite file and its WAL and shared-memory files, if present.
    func removeDatabase(_ name: String) {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            try? FileManager.default.removeItem(atPath: file(name) + suffix)
        }
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

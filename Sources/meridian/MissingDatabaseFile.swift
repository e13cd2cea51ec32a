import Foundation
import Meridian

/// An SQLite file that a command needs but that does not exist.
///
/// Only `meridian migrate up`, `meridian info` (the command `meridian` runs on its own) and
/// `meridian import` into a new file create a database; every other command refuses a
/// missing file rather than leaving an empty one behind, and says how to make it.
struct MissingDatabaseFile: Error, CustomStringConvertible {
    /// The path as the user gave it.
    let path: String
    /// Whether the path is the default one, which no `--database` or `DATABASE_URL` named.
    let isDefault: Bool

    /// Throws unless `path` exists; `:memory:` and `file:` URIs, which SQLite resolves itself, pass.
    static func check(_ path: String, isDefault: Bool) throws {
        guard path != ":memory:", !path.hasPrefix("file:"), !FileManager.default.fileExists(atPath: path) else { return }
        throw MissingDatabaseFile(path: path, isDefault: isDefault)
    }

    var description: String {
        let folder = (path as NSString).deletingLastPathComponent
        let place = path.hasPrefix("/") ? "" : " in \(folder.isEmpty ? FileManager.default.currentDirectoryPath : folder)"
        let unnamed = isDefault ? ", the default database (no --database or DATABASE_URL names one)" : ""
        return "sqlite:\(path) does not exist\(place)\(unnamed): check the path, or create it first: "
            + "`meridian migrate up --database sqlite:\(path)` creates it and applies the migrations, "
            + "`meridian info --database sqlite:\(path)` creates an empty SpatiaLite file"
    }
}

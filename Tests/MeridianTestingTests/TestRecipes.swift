import Foundation
import Meridian
import MeridianTesting

/// The repository's reference folders, found from this file's path.
enum TestRecipes {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static let reference = DatabaseRecipe.standard(root: root)

    /// Fixture row counts per table, read from the files.
    static let fixtureCounts: [String: Int] = {
        let files = (try? FixtureFile.load(directory: root + "/fixtures")) ?? []
        return files.reduce(into: [:]) { counts, file in counts[file.table, default: 0] += file.rows.count }
    }()

    /// Every migration version in a folder, from the file names.
    static func versions(_ folder: String) -> Set<Int64> {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root + "/" + folder)) ?? []
        return Set(names.filter { $0.hasSuffix(".up.sql") }.compactMap { Int64($0.prefix(while: \.isNumber)) })
    }

    /// A copy of the reference folders in a temporary directory, for tests that edit files.
    static func scratchCopy() throws -> (recipe: DatabaseRecipe, root: String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("meridian-recipe-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for folder in ["migrations-sqlite", "migrations-postgres", "fixtures"] {
            try FileManager.default.copyItem(atPath: root + "/" + folder, toPath: dir + "/" + folder)
        }
        // A comment unique to this copy, so its templates (named by fingerprint) never share a
        // name with the reference template other tests and processes reuse.
        for folder in ["migrations-sqlite", "migrations-postgres"] {
            let path = dir + "/" + folder + "/0001_initial_schema.up.sql"
            let text = try String(contentsOfFile: path, encoding: .utf8)
            try (text + "\n-- scratch copy \(UUID().uuidString)\n").write(toFile: path, atomically: true, encoding: .utf8)
        }
        return (DatabaseRecipe.standard(root: dir), dir)
    }
}

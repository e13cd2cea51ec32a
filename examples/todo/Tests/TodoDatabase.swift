import Foundation
import Meridian
import MeridianTesting

/// Where the todo example's files are, and what its tests start from.
enum TodoDatabase {
    /// `examples/todo`, found from this file's location (SwiftPM bundles no files outside a
    /// target's folder, and the migrations are read by path).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()

    /// The example's two migration folders and its fixtures: each test's database is cloned from
    /// a template migrated to the newest version and seeded.
    static let recipe = DatabaseRecipe.standard(root: root.path)

    /// The example's migrations for `backend`, loaded from its folder.
    static func migrations(_ backend: Backend) throws -> [Migration] {
        try MigrationDirectory(path: try recipe.migrations(for: backend)).load(dialect: backend.expect(sqlite: .sqlite, postgres: .postgres))
    }

    /// The id of the seeded user with `email` (`ada@example.com`, `grace@example.com`,
    /// `linus@example.com`).
    static func user(_ email: String, in db: any DatabaseConnection) throws -> UUID {
        guard let id = try db.fetchValue(UUID.self, "SELECT id FROM users WHERE email = $1", [.text(email)]) else {
            throw DatabaseError(.undefinedObject, "the fixtures hold no user \(email)")
        }
        return id
    }
}

import Foundation
import Meridian

/// What a test database is built from: a migrations folder per dialect and, optionally, a
/// folder of fixtures to seed it with.
///
/// ```swift
/// let recipe = DatabaseRecipe(sqliteMigrations: "migrations-sqlite",
///                             postgresMigrations: "migrations-postgres", fixtures: "fixtures")
/// let db = try SQLiteTemplate.shared(for: recipe).fresh()
/// ```
///
/// Templates are keyed by ``fingerprint(for:)``, a SHA-256 over every file's name and content,
/// so editing a migration or a fixture rebuilds the template; nothing else does.
public struct DatabaseRecipe: Sendable, Hashable {
    public var sqliteMigrations: String?
    public var postgresMigrations: String?
    public var fixtures: String?

    public init(sqliteMigrations: String? = nil, postgresMigrations: String? = nil, fixtures: String? = nil) {
        self.sqliteMigrations = sqliteMigrations
        self.postgresMigrations = postgresMigrations
        self.fixtures = fixtures
    }

    /// The layout DESIGN.md prescribes: `migrations-sqlite`, `migrations-postgres` and
    /// `fixtures` (when present) under `root`.
    public static func standard(root: String) -> DatabaseRecipe {
        let fixtures = (root as NSString).appendingPathComponent("fixtures")
        return DatabaseRecipe(
            sqliteMigrations: (root as NSString).appendingPathComponent("migrations-sqlite"),
            postgresMigrations: (root as NSString).appendingPathComponent("migrations-postgres"),
            fixtures: FileManager.default.fileExists(atPath: fixtures) ? fixtures : nil)
    }

    /// The migrations folder for `backend`.
    public func migrations(for backend: Backend) throws -> String {
        guard let folder = backend == .sqlite ? sqliteMigrations : postgresMigrations else {
            throw DatabaseError(.undefinedObject, "this DatabaseRecipe has no \(backend) migrations folder")
        }
        return folder
    }

    /// Migrates `connection` with the backend's folder and seeds it with the fixtures: what a
    /// template is built from, and what a test that cannot use a template (a database shared
    /// between tasks) starts from.
    ///
    /// ```swift
    /// try DatabaseRecipe.standard(root: "examples/todo").prepare(connection, for: .sqlite)
    /// ```
    public func prepare(_ connection: any DatabaseConnection, for backend: Backend) throws {
        let dialect: StatementDialect = backend == .sqlite ? .sqlite : .postgres
        let migrations = try MigrationDirectory(path: try migrations(for: backend)).load(dialect: dialect)
        try Migrator(connection: connection, migrations: migrations).up()
        if let fixtures {
            try FixtureLoader(connection).load(try FixtureFile.load(directory: fixtures))
        }
    }

    /// SHA-256 (hex) over the name and content of every file under the backend's migrations
    /// folder and the fixtures folder, in a fixed order; the backend's name is mixed in, so the
    /// two dialects never share a template.
    public func fingerprint(for backend: Backend) throws -> String {
        var bytes = Array("meridian-recipe-1 \(backend)\n".utf8)
        for (label, folder) in [("migrations", try migrations(for: backend)), ("fixtures", fixtures)] {
            guard let folder else { continue }
            for relative in try Self.files(under: folder) {
                guard let data = FileManager.default.contents(atPath: (folder as NSString).appendingPathComponent(relative)) else {
                    throw DatabaseError(.undefinedObject, "cannot read \(folder)/\(relative)")
                }
                bytes += Array("\(label)/\(relative)\n\(data.count)\n".utf8)
                bytes += data
            }
        }
        return ContentDigest.sha256Hex(bytes)
    }

    /// A cheap signature (names, sizes, modification times) that changes whenever the
    /// fingerprint may have; lets a registry skip rehashing on every call.
    func statSignature(for backend: Backend) -> String {
        var parts: [String] = []
        for folder in [try? migrations(for: backend), fixtures].compactMap({ $0 }) {
            for relative in (try? Self.files(under: folder)) ?? [] {
                let attributes = try? FileManager.default.attributesOfItem(atPath: (folder as NSString).appendingPathComponent(relative))
                let size = (attributes?[.size] as? NSNumber)?.intValue ?? -1
                let modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
                parts.append("\(folder)/\(relative):\(size):\(modified)")
            }
        }
        return parts.joined(separator: "|")
    }

    /// Relative paths of the regular files under `folder`, sorted; dotfiles left out.
    static func files(under folder: String) throws -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else {
            throw DatabaseError(.undefinedObject, "cannot read the folder \(folder)")
        }
        var files: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            if name.hasPrefix(".") { continue }
            var isDirectory: ObjCBool = false
            let path = (folder as NSString).appendingPathComponent(relative)
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files.append(relative)
            }
        }
        return files.sorted()
    }
}

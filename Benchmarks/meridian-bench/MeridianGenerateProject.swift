import Foundation

/// A Meridian project as `meridian migrate generate` works on it: a root folder holding
/// `schema.yaml` and the two migration folders, `migrations-sqlite/` and `migrations-postgres/`.
///
/// The "before" schema is written and `meridian migrate generate init` writes the first pair
/// (untimed); then the "after" schema replaces it, and ``generate()`` times
/// `meridian migrate generate change --root DIR --allow-data-loss`, the process a user runs,
/// which writes the next pair for both dialects at once. ``reset()`` deletes that pair, so
/// each round diffs the same state.
struct MeridianGenerateProject {
    let root: String
    let meridian: String
    /// The files `init` wrote; anything else in the migration folders is a later round's.
    private var initialFiles: Set<String> = []

    static let folders = ["migrations-sqlite", "migrations-postgres"]
    var schemaFile: String { root + "/schema.yaml" }

    init(root: String, meridian: String, before: GenerateSchema, after: GenerateSchema) throws {
        self.root = root
        self.meridian = meridian
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try GenerateSchemaYAML.render(before).write(toFile: schemaFile, atomically: true, encoding: .utf8)
        try Subprocess.run([meridian, "migrate", "generate", "init", "--root", root],
                           stdout: log("meridian-init.out"), stderr: log("meridian-init.err"))
        initialFiles = try migrationFiles()
        guard initialFiles.count >= 4 else { throw BenchmarkError("meridian migrate generate init wrote \(initialFiles.sorted())") }
        try GenerateSchemaYAML.render(after).write(toFile: schemaFile, atomically: true, encoding: .utf8)
    }

    /// Times `meridian migrate generate change`, and checks that it wrote a pair per dialect.
    func generate() throws -> Double {
        try reset()
        let milliseconds = try Subprocess.run([meridian, "migrate", "generate", "change", "--root", root, "--allow-data-loss"],
                                              stdout: log("meridian-generate.out"), stderr: log("meridian-generate.err"))
        let created = try migrationFiles().subtracting(initialFiles).sorted()
        guard created.count == 4 else { throw BenchmarkError("meridian migrate generate change wrote \(created), not a pair per dialect") }
        return milliseconds
    }

    /// Deletes what an earlier ``generate()`` wrote.
    func reset() throws {
        for file in try migrationFiles().subtracting(initialFiles) { try FileManager.default.removeItem(atPath: root + "/" + file) }
    }

    /// `meridian schema diff --json` of the after schema against the first pair.
    func diff() throws -> GenerateDetection.MeridianDiff {
        try reset()
        let output = log("meridian-diff.json")
        try Subprocess.run([meridian, "schema", "diff", "--root", root, "--json"], stdout: output, stderr: log("meridian-diff.err"))
        return try JSONDecoder().decode(GenerateDetection.MeridianDiff.self, from: Data(contentsOf: URL(fileURLWithPath: output)))
    }

    /// `meridian migrate up` of the SQLite folder onto `file`.
    func migrateUp(sqliteFile file: String) throws {
        try migrateUp(database: "sqlite:" + file, folder: "migrations-sqlite")
    }

    /// `meridian migrate up` of the PostgreSQL folder onto the database at `url`.
    func migrateUp(postgres url: String) throws {
        try migrateUp(database: url, folder: "migrations-postgres")
    }

    private func migrateUp(database: String, folder: String) throws {
        try Subprocess.run([meridian, "migrate", "up", "--database", database, "--migrations", root + "/" + folder],
                           stdout: log("meridian-up.out"), stderr: log("meridian-up.err"))
    }

    /// A file for a command's output, beside the root rather than in it.
    private func log(_ name: String) -> String { URL(fileURLWithPath: root).deletingLastPathComponent().path + "/" + name }

    /// The migration files, as `migrations-sqlite/0001_init.up.sql` and so on.
    private func migrationFiles() throws -> Set<String> {
        var files: Set<String> = []
        for folder in Self.folders {
            let path = root + "/" + folder
            guard FileManager.default.fileExists(atPath: path) else { continue }
            for file in try FileManager.default.contentsOfDirectory(atPath: path) { files.insert(folder + "/" + file) }
        }
        return files
    }
}

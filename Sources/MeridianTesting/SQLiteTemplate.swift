import Foundation
import Meridian
import MeridianSQLite

/// A migrated, seeded SpatiaLite database built once per process and recipe, cloned for each
/// test into a private in-memory copy.
///
/// ```swift
/// let db = try SQLiteTemplate.shared(for: .standard(root: projectRoot)).fresh()
/// ```
///
/// How a clone is made, and why: `meridian-bench fresh-db` measures three ways. Deserializing
/// the template's bytes (`sqlite3_deserialize`) into a new connection that has SpatiaLite
/// loaded is the fastest; the backup API copies page by page from one template connection
/// (which then serializes every clone on a lock) and a file copy pays for the file system and
/// WAL set-up. Deserialized clones keep SpatiaLite's functions, its geometry triggers and the
/// R*Tree spatial indexes working, since those are ordinary tables and triggers in the image
/// and the functions belong to the new connection.
///
/// Loading `mod_spatialite` into the new connection (0.7–3 ms) dominates a clone, so a few
/// clones are prepared ahead on a background thread (`prepareAhead`); a test that finds one
/// ready waits only to take it. The template keeps one connection open, which also keeps the
/// library loaded (it unloads, and costs ~20 ms to load again, when its last connection closes).
/// `@unchecked Sendable`: the image and fingerprint are constants; the template connection is
/// used only under `keeperLock`; clones come from a ``PreparedPool``, one caller each.
public final class SQLiteTemplate: @unchecked Sendable {
    public let recipe: DatabaseRecipe
    /// ``DatabaseRecipe/fingerprint(for:)`` of the files the template was built from.
    public let fingerprint: String
    /// The serialized template, the image each clone starts from.
    public let image: [UInt8]
    /// How long building the template took (migrating and seeding included).
    public let buildMilliseconds: Double
    /// An open connection to the template: keeps SpatiaLite loaded; source of backup clones.
    private let keeper: SQLiteConnection
    private let keeperLock = NSLock()
    private let pool: PreparedPool<SQLiteConnection>

    /// Builds the template now; `prepareAhead` clones are kept ready (0 for none).
    public init(recipe: DatabaseRecipe, prepareAhead: Int = 3) throws {
        let start = DispatchTime.now()
        self.recipe = recipe
        fingerprint = try recipe.fingerprint(for: .sqlite)
        keeper = try Self.build(recipe)
        image = try keeper.serialize()
        buildMilliseconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6
        let image = self.image
        pool = PreparedPool(capacity: prepareAhead, name: "meridian-sqlite-clones") { try Self.clone(image) }
        BackgroundWork.installExitHook(after: .spatiaLite)
    }

    deinit { pool.shutdown() }

    /// A fresh database for one test: a private in-memory copy of the template, migrated and
    /// seeded. Safe to call from many threads at once; each call gets its own database.
    public func fresh() throws -> SQLiteConnection { try pool.take().item }

    /// Like ``fresh()``, also saying whether the clone was ready or made on this call.
    public func freshReportingWait() throws -> (connection: SQLiteConnection, wasReady: Bool) {
        let taken = try pool.take()
        return (taken.item, taken.wasReady)
    }

    /// One clone made now, bypassing the prepared ones: the full cost of a clone.
    public func makeClone() throws -> SQLiteConnection { try Self.clone(image) }

    /// A deserialized copy whose schema is already read: the first statement on a new image
    /// parses `sqlite_master` (~0.7 ms), work that belongs to the clone, not to the test.
    private static func clone(_ image: [UInt8]) throws -> SQLiteConnection {
        let db = try SQLiteConnection(deserializing: image)
        try db.executeScript("SELECT 1 FROM sqlite_master LIMIT 1")
        return db
    }

    /// A clone made with the backup API from the template connection (for comparison).
    public func makeCloneByBackup() throws -> SQLiteConnection {
        let clone = try SQLiteConnection(path: ":memory:")
        keeperLock.lock()
        defer { keeperLock.unlock() }
        try keeper.backup(into: clone)
        return clone
    }

    /// A new in-memory SpatiaLite database, migrated to the latest version and seeded: what a
    /// template holds, and what a suite without templates builds for every test.
    ///
    /// In memory, so never in WAL mode: a WAL-mode image does not deserialize into a working
    /// database.
    public static func build(_ recipe: DatabaseRecipe) throws -> SQLiteConnection {
        let db = try SQLiteConnection(path: ":memory:")
        try recipe.prepare(db, for: .sqlite)
        return db
    }

    // MARK: - Registry

    private struct Entry {
        var signature: String
        var template: SQLiteTemplate
    }

    private static let registryLock = NSLock()
    nonisolated(unsafe) private static var registry: [DatabaseRecipe: Entry] = [:]

    /// The process's template for `recipe`, built on first use and rebuilt when a migration or
    /// fixture file changed (its fingerprint differs). Thread-safe: concurrent first callers
    /// wait for one build.
    public static func shared(for recipe: DatabaseRecipe, prepareAhead: Int = 3) throws -> SQLiteTemplate {
        registryLock.lock()
        defer { registryLock.unlock() }
        let signature = recipe.statSignature(for: .sqlite)
        if let entry = registry[recipe] {
            if entry.signature == signature { return entry.template }
            if try recipe.fingerprint(for: .sqlite) == entry.template.fingerprint {
                registry[recipe]?.signature = signature
                return entry.template
            }
        }
        let template = try SQLiteTemplate(recipe: recipe, prepareAhead: prepareAhead)
        registry[recipe] = Entry(signature: signature, template: template)
        return template
    }
}

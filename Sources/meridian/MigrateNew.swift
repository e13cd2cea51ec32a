import ArgumentParser
import Foundation
import Meridian

struct MigrateNew: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new", abstract: "Create the next migration in both folders, with the same version and name.",
        discussion: """
            Each folder gets the migration in its own layout: NNNN_name.up.sql + .down.sql \
            (Meridian, golang-migrate), VERSION_name.sql with -- migrate:up / -- migrate:down \
            (dbmate), or VERSION_name/up.sql + down.sql (Diesel). Meridian numbers count up; \
            dbmate and Diesel versions are the current UTC time, as those tools write them. An \
            empty folder takes the layout of the other, or Meridian's.
            """)

    @Argument(help: "What the migration does, e.g. \"add alerts table\".")
    var name: String

    @Option(help: ArgumentHelp("The folder holding migrations-sqlite/ and migrations-postgres/.", valueName: "dir"))
    var root = "."

    @Option(help: ArgumentHelp("A folder to write the migration into, instead of the two under --root; repeat it for several.", valueName: "dir"))
    var migrations: [String] = []

    func run() throws {
        let slug = MigrationDirectory.slugify(name)
        let paths = migrations.isEmpty ? ["migrations-sqlite", "migrations-postgres"].map { (root as NSString).appendingPathComponent($0) } : migrations
        let directories = paths.map(MigrationDirectory.init(path:))
        let layout = try directories.lazy.compactMap { try $0.layout() }.first ?? .meridian
        let version = layout.nextVersion(after: try directories.flatMap { try $0.versions() })
        for directory in directories {
            for path in try directory.scaffold(slug: slug, version: version, layout: layout) { print("created \(path)") }
        }
    }
}

import ArgumentParser
import Foundation
import Meridian

/// `meridian init`: the two migration folders and a first, empty migration in each.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create migrations-sqlite/ and migrations-postgres/ with a first empty migration pair.",
        discussion: """
            Both folders hold the same versions with the same names: one for SpatiaLite files, \
            one for PostgreSQL + PostGIS. Write each change twice, once per dialect; \
            `meridian check` proves the two build the same schema.
            """)

    @Argument(help: "The first migration's name.")
    var name = "init"

    @Option(help: ArgumentHelp("Where to create the folders.", valueName: "dir"))
    var root = "."

    func run() throws {
        let slug = MigrationDirectory.slugify(name)
        for folder in ["migrations-sqlite", "migrations-postgres"] {
            let path = (root as NSString).appendingPathComponent(folder)
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            let directory = MigrationDirectory(path: path)
            let existing = try? directory.versions()
            guard existing?.isEmpty ?? true else {
                throw ValidationError("\(path) already holds migrations; use `meridian migrate new NAME` to add one")
            }
            let created = try directory.scaffold(slug: slug, version: 1)
            print("created \(created.up)")
            print("created \(created.down)")
        }
    }
}

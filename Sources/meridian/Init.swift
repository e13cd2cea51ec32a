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
        let directories = ["migrations-sqlite", "migrations-postgres"].map {
            MigrationDirectory(path: (root as NSString).appendingPathComponent($0))
        }
        // Both folders are checked before either is written, so init never does half its job.
        let occupied = directories.filter { !((try? $0.versions())?.isEmpty ?? true) }
        guard occupied.isEmpty else {
            throw ReportedProblems(occupied.map { "\($0.path) already holds migrations; add one with `meridian migrate new NAME`" })
        }
        for directory in directories {
            for path in try directory.scaffold(slug: slug, version: 1) { print("created \(path)") }
        }
        print("write the SQL of each file, then run `meridian migrate up`; an empty migration is refused")
    }
}

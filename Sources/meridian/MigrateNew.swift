import ArgumentParser
import Foundation
import Meridian

struct MigrateNew: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new", abstract: "Create the next migration pair in both folders, with the same version and name.")

    @Argument(help: "What the migration does, e.g. \"add alerts table\".")
    var name: String

    @Option(help: ArgumentHelp("The folder holding migrations-sqlite/ and migrations-postgres/.", valueName: "dir"))
    var root = "."

    func run() throws {
        let slug = MigrationDirectory.slugify(name)
        let folders: [(String, StatementDialect)] = [("migrations-sqlite", .sqlite), ("migrations-postgres", .postgres)]
        let directories = folders.map { (MigrationDirectory(path: (root as NSString).appendingPathComponent($0.0)), $0.1) }
        let version = (try directories.flatMap { try $0.0.versions() }.max() ?? 0) + 1
        for (directory, _) in directories {
            try FileManager.default.createDirectory(atPath: directory.path, withIntermediateDirectories: true)
            let created = try directory.scaffold(slug: slug, version: version)
            print("created \(created.up)")
            print("created \(created.down)")
        }
    }
}

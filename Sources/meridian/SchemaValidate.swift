import ArgumentParser
import Foundation
import MeridianSchema

/// `meridian schema validate`: checks a schema file, printing every problem.
struct SchemaValidate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a schema file and print every problem, with its file, line and column and what to do.",
        discussion: "Exit status 0 when the file is valid, 1 when it has problems (each on its own line on stderr).")

    @Argument(help: ArgumentHelp("The schema file.", valueName: "file"))
    var file = "schema.yaml"

    func run() throws {
        let schema = try SchemaFileOptions.load(file)
        let counts = [(schema.tables.count, "table"), (schema.views.count, "view"), (schema.functions.count, "function"), (schema.roles.count, "role")]
        print("\(file): valid (\(counts.map { plural($0.0, $0.1) }.joined(separator: ", ")))")
    }
}

/// What the `schema` subcommands that read a schema file share.
enum SchemaFileOptions {
    /// The file, loaded and validated; its problems, one per line, as the command's error.
    static func load(_ file: String) throws -> Schema {
        do {
            let schema = try Schema.load(path: file)
            try schema.validate()
            return schema
        } catch let error as SchemaError {
            throw ReportedProblems(error.problems.map(\.description))
        }
    }
}

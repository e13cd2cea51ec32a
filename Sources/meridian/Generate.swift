import ArgumentParser

/// `meridian generate …`: code written from the schema file.
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write code from the schema file: Swift models for its tables.",
        subcommands: [GenerateModels.self])
}

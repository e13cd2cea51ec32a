import ArgumentParser

/// `meridian fixtures …`: data for development databases.
struct Fixtures: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Development data for the reference database.",
        subcommands: [FixturesGenerate.self])
}

import ArgumentParser

/// `meridian load …`: data files from outside into the reference database.
struct Load: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Load data files into the reference database's tables.",
        subcommands: [LoadCSV.self])
}

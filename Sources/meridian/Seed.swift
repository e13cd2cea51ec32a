import ArgumentParser
import Meridian

/// `meridian seed`: fixture files into the database.
struct Seed: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Load fixture files (fixtures/NN_table.json) into the database, in one transaction.",
        discussion: "Values are converted to each column's logical type; a value that does not fit stops the load, names the file, row and column, and leaves the database as it was.")

    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp("The fixture files to load.", valueName: "dir"))
    var fixtures = "fixtures"

    func run() throws {
        let files = try FixtureFile.load(directory: fixtures)
        let counts = try FixtureLoader(try database.connect()).load(files)
        for (table, rows) in counts { print("\(table): \(rows) rows") }
        print("\(try database.url()): loaded \(counts.reduce(0) { $0 + $1.rows }) rows into \(counts.count) tables")
    }
}

import ArgumentParser
import Meridian

/// `meridian seed`: fixture files into the database.
struct Seed: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Load the fixture files (every .json file under fixtures/) into the database, in one transaction.",
        discussion: """
            Tables are loaded in foreign-key order, whatever the files are called. A row whose primary key is \
            already in its table is left as it is, so seeding twice changes nothing. Values are converted to \
            each column's logical type; a value that does not fit stops the load, names the file, row and \
            column, and leaves the database as it was.
            """)

    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp("The folder of fixture files (searched recursively).", valueName: "dir"))
    var fixtures = "fixtures"

    func run() throws {
        let files = try FixtureFile.load(directory: fixtures)
        let counts = try FixtureLoader(try database.connect(for: .write)).load(files)
        for count in counts {
            let present = count.rows - count.inserted
            print("\(count.table): \(count.inserted) new rows" + (present > 0 ? ", \(present) already present" : ""))
        }
        let inserted = counts.reduce(0) { $0 + $1.inserted }
        let present = counts.reduce(0) { $0 + $1.rows } - inserted
        print("\(try database.url()): \(inserted) new rows in \(Set(counts.map(\.table)).count) tables, \(present) already present")
    }
}

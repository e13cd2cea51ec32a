import ArgumentParser
import Meridian

/// What `export` and `import` share: the mode for tables that hold rows, verification, schema
/// preparation, the tables to move, and the output.
struct TransferOptions: ParsableArguments {
    @Flag(help: "Empty the target tables first (in the same transaction).")
    var replace = false

    @Flag(help: "Add the rows to what the target tables hold; a key that exists already fails the transfer.")
    var append = false

    @Flag(help: "Insert new rows and overwrite rows whose primary key exists already.")
    var upsert = false

    @Flag(inversion: .prefixedNo, help: "Read the target back before committing and compare each table's row count and content digest with the source's.")
    var verify = true

    @Flag(help: "Bring an empty or older target up to the source's migration version first, with the target dialect's migrations (--migrations), in the same transaction.")
    var migrate = false

    @Flag(help: "Create the tables the target lacks from the source's schema: columns with mapped types, keys, indexes and geometry columns. For databases not made by Meridian.")
    var createSchema = false

    @Option(name: .customLong("table"), help: ArgumentHelp("Move only this table (repeat for more); default: every table.", valueName: "name"))
    var tables: [String] = []

    @OptionGroup var output: OutputOptions

    var mode: TransferMode {
        if replace { return .replace }
        if append { return .append }
        if upsert { return .upsert }
        return .refuse
    }

    func validate() throws {
        guard [replace, append, upsert].filter({ $0 }).count <= 1 else {
            throw ValidationError("--replace, --append and --upsert exclude each other: pick one")
        }
    }
}

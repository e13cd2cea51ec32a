import ArgumentParser
import Foundation
import Meridian

/// `meridian query`: SQL through the storage layer, as the library sees it.
struct Query: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run one SQL statement through Meridian's storage layer and print the rows.",
        discussion: """
            The connection has Meridian's settings (SpatiaLite loaded, foreign keys on, UTC \
            sessions), and values are shown as their logical types, so what prints is what the \
            library reads. Pass values with --arg for $1, $2, …; they are bound as text.

            On an SQLite file, a statement that only reads (as SQLite judges it) runs on a \
            connection that cannot write, and the file is left as it was; one that writes runs \
            in the file's own journal mode. The file must exist: `meridian migrate up` creates it.
            """)

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: "The SQL statement.")
    var sql: String

    /// Taken whole whatever it looks like, so that `--arg -149.9` is a value, not an option.
    @Option(
        name: .customLong("arg"), parsing: .unconditionalSingleValue,
        help: ArgumentHelp("A value for the next placeholder, as text; a negative number (--arg -149.9) is a value too.", valueName: "value"))
    var arguments: [String] = []

    func run() throws {
        let connection = try database.connect(for: .run(sql))
        let rows = try connection.fetchAll(sql, arguments.map(DatabaseValue.text))
        if output.json {
            let objects = rows.map { row in
                JSON.object(JSONObject(Array(zip(row.columnNames, row.values.map(\.jsonValue)))))
            }
            print(JSON.array(objects).canonicalText)
            return
        }
        guard let first = rows.first else {
            print("(no rows)")
            return
        }
        print(TextTable(header: first.columnNames, rows: rows.map { $0.values.map(\.description) }).rendered)
        print("(\(rows.count) row\(rows.count == 1 ? "" : "s"))")
    }
}

extension DatabaseValue {
    /// The value as JSON for `--json` output: numbers, strings, booleans, nested JSON.
    var jsonValue: JSON {
        switch self {
        case .null: .null
        case .int(let v): .number(JSONNumber(v))
        case .double(let v): JSONNumber(v).map(JSON.number) ?? .string(description)
        case .bool(let v): .bool(v)
        case .json(let v): v
        default: .string(description)
        }
    }
}

/// Rows as an aligned text table; control characters in names and values are escaped
/// (``Swift/String/escapingControlCharacters(keepingLayout:)``), so a value cannot drive the
/// terminal, and long ones are cut at 60 characters.
struct TextTable {
    let header: [String]
    let rows: [[String]]

    var rendered: String {
        let cells = ([header] + rows).map { $0.map { text in
            let shown = text.escapingControlCharacters()
            return shown.count > 60 ? String(shown.prefix(59)) + "…" : shown
        } }
        let widths = header.indices.map { column in cells.map { $0[column].count }.max() ?? 0 }
        func line(_ row: [String]) -> String {
            zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: " | ")
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "-+-")
        return ([line(cells[0]), rule] + cells.dropFirst().map(line)).joined(separator: "\n")
    }
}

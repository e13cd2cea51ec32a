/// Why a transfer stopped. Each is found before the target commits, so the target is left as it
/// was; each message names what to fix.
public enum TransferError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Tables or columns missing on one side, or types that disagree.
    case planProblems([String])
    /// Columns `--create-schema` cannot create: their declared type maps to no logical type.
    case unmappableColumns([String])
    /// Tables whose foreign keys form a cycle.
    case foreignKeyCycle([String])
    /// Target tables that hold rows, with their counts, under ``TransferMode/refuse``.
    case targetNotEmpty([TableCount])
    /// ``TransferMode/upsert`` needs a primary key to match rows on.
    case noPrimaryKey(table: String)
    /// The two databases are at different migration versions.
    case versionMismatch(String)
    /// A source row holds a value that cannot move as its column's logical type.
    case badValue(table: String, row: Int64, key: String?, column: String, reason: String)
    /// Source rows whose foreign key matches no row of the referenced table: the target's key
    /// would refuse them.
    case orphanRows(table: String, columns: [String], referencedTable: String, rows: Int64, example: String)
    /// Reading a table of the source failed (a damaged file, a lost connection): the source's
    /// fault, not the target's.
    case sourceUnreadable(table: String, reason: String)
    /// The target refused a row (a constraint, a value its column rejects).
    case rowRejected(table: String, row: Int64?, key: String?, reason: String)
    /// The connection to the target broke while writing a table; the server abandons the
    /// transaction, so nothing of the transfer stays.
    case connectionLost(table: String, reason: String)
    /// After the copy the digests differ; nothing was committed.
    case verificationFailed([String])

    public struct TableCount: Sendable, Equatable, Codable {
        public var table: String
        public var rows: Int64
        public init(table: String, rows: Int64) {
            self.table = table
            self.rows = rows
        }
    }

    public var description: String {
        switch self {
        case .planProblems(let problems):
            return "the target's schema does not match the source's:\n" + problems.map { "  - \($0)" }.joined(separator: "\n")
                + "\nmigrate the target to the source's version (--migrate), or create the tables from the source (--create-schema)"
        case .unmappableColumns(let problems):
            return "some columns have no counterpart in the value contract, so their tables cannot be created:\n" + problems.map { "  - \($0)" }.joined(separator: "\n")
                + "\ndeclare them with a type of the contract in the source, or create the target tables yourself and export without --create-schema"
        case .foreignKeyCycle(let tables):
            return "the foreign keys of \(tables.joined(separator: ", ")) form a cycle, so no table can be loaded before the others; make one of the keys DEFERRABLE or nullable"
        case .targetNotEmpty(let tables):
            let list = tables.map { "\($0.table) (\($0.rows) rows)" }.joined(separator: ", ")
            return "the target already holds rows in \(list); pass --replace to empty those tables first, --append to add to them, or --upsert to overwrite rows by primary key"
        case .noPrimaryKey(let table):
            return "--upsert matches rows by primary key, and table \(table) has none in the target; use --append or --replace"
        case .versionMismatch(let detail):
            return detail
        case .badValue(let table, let row, let key, let column, let reason):
            return "table \(table), row \(row)\(key.map { " (\($0))" } ?? ""), column \(column): \(reason); nothing was written"
        case .orphanRows(let table, let columns, let referenced, let rows, let example):
            return "table \(table) has \(rows) row\(rows == 1 ? "" : "s") whose \(columns.joined(separator: ", ")) matches no row of \(referenced) (first: \(example)); "
                + "the target's foreign key would refuse them: delete or fix those rows in the source, then export again"
        case .sourceUnreadable(let table, let reason):
            return "the source could not be read at table \(table): \(reason); nothing was written to the target"
        case .rowRejected(let table, let row, let key, let reason):
            let position = row.map { ", row \($0)" } ?? ""
            return "the target refused table \(table)\(position)\(key.map { " (\($0))" } ?? ""): \(reason); nothing was written"
        case .connectionLost(let table, let reason):
            return "the connection to the target broke while writing table \(table) (\(reason)); the server rolls back the whole transfer, so nothing of it was kept: check the server, then export again"
        case .verificationFailed(let tables):
            return "the target does not hold what the source holds (nothing was committed):\n" + tables.map { "  - \($0)" }.joined(separator: "\n")
        }
    }
}

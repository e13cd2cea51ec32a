/// The operations of an Alembic revision's `upgrade()`, read from the Python source
/// autogenerate writes, each with the table it acts on.
///
/// Autogenerate writes one call per operation, its name and leading arguments on the first line:
///
///     op.create_table('t018', ...)                       # the table is the first string
///     op.add_column('t001', sa.Column('extra', ...))     # PostgreSQL: plain operations
///     op.create_index('t015_created_at_idx', 't015', ['created_at'], unique=False)
///     with op.batch_alter_table('t001', schema=None) as batch_op:     # SQLite, batch mode:
///         batch_op.add_column(sa.Column('extra', ...))   # the table is the block's
///
/// An operation's text runs until the next operation or block, so its arguments
/// (`nullable=False`, `type_=…`, `sqlite_where=…`) can be looked for in it.
struct AlembicRevision {
    struct Operation {
        var name: String
        var table: String
        var text: String

        /// Whether the call passes `argument` (`nullable=False`, `type_=`, …) as written, and not
        /// as part of a longer keyword (`existing_nullable=False`).
        func passes(_ argument: String) -> Bool {
            var rest = Substring(text)
            while let range = rest.range(of: argument) {
                let before = rest[..<range.lowerBound].last
                if before == nil || !(before!.isLetter || before!.isNumber || before! == "_") { return true }
                rest = rest[range.upperBound...]
            }
            return false
        }
    }

    var operations: [Operation]

    /// Operations whose table is the first quoted string of the call; the others' is the second
    /// (the first being the constraint's or index's name).
    private static let tableFirst: Set = ["create_table", "drop_table", "add_column", "drop_column", "alter_column", "rename_table"]

    init(source: String) {
        operations = []
        var batchTable: String?
        var inUpgrade = false
        for line in source.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("def ") {
                inUpgrade = line.hasPrefix("def upgrade(")
                continue
            }
            guard inUpgrade else { continue }
            if trimmed.hasPrefix("with op.batch_alter_table(") {
                batchTable = Self.quotedStrings(trimmed).first
            } else if let call = Self.call(trimmed, prefix: "batch_op."), let batchTable {
                operations.append(Operation(name: call, table: batchTable, text: trimmed))
            } else if let call = Self.call(trimmed, prefix: "op.") {
                batchTable = nil
                let strings = Self.quotedStrings(trimmed)
                let table = Self.tableFirst.contains(call) ? strings.first : strings.dropFirst().first
                operations.append(Operation(name: call, table: table ?? "?", text: trimmed))
            } else if !operations.isEmpty, !trimmed.isEmpty, !trimmed.hasPrefix("#") {
                operations[operations.count - 1].text += " " + trimmed
            }
        }
    }

    /// The operations on `table`.
    func operations(on table: String) -> [Operation] { operations.filter { $0.table == table } }

    /// `add_column` of `op.add_column(…` or `batch_op.add_column(…`.
    private static func call(_ line: String, prefix: String) -> String? {
        guard line.hasPrefix(prefix), let parenthesis = line.firstIndex(of: "(") else { return nil }
        let name = line[line.index(line.startIndex, offsetBy: prefix.count)..<parenthesis]
        return name.allSatisfy { $0.isLetter || $0 == "_" } ? String(name) : nil
    }

    /// The single- or double-quoted strings of a line, in order.
    private static func quotedStrings(_ line: String) -> [String] {
        var strings: [String] = []
        var quote: Character?
        var current = ""
        for character in line {
            if let open = quote {
                if character == open {
                    strings.append(current)
                    current = ""
                    quote = nil
                } else {
                    current.append(character)
                }
            } else if character == "'" || character == "\"" {
                quote = character
            }
        }
        return strings
    }
}

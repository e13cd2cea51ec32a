import Foundation

/// Builds ``MigrationScript`` values from file text: the transaction directive, the statements
/// and the checksum.
public enum MigrationScriptParser {
    /// A whole file (or one section of a file starting at `firstLine`) as a script.
    ///
    /// A first non-empty line `-- meridian:no-transaction` (any case and spacing) makes it
    /// non-transactional; the directive anywhere else is an error rather than silently ignored.
    /// A transactional script may not control transactions itself (``refuseTransactionControl(_:path:)``).
    ///
    /// - Parameter transactional: `false` when the layout already opted out (dbmate's
    ///   `transaction:false`, Diesel's `run_in_transaction = false`).
    public static func parse(
        _ text: String, path: String, dialect: StatementDialect, firstLine: Int = 1, transactional layoutTransactional: Bool = true
    ) throws(MigrationError) -> MigrationScript {
        var transactional = layoutTransactional
        var seenContent = false
        // Most scripts carry no directive; only those that mention it are read line by line.
        let lines = ASCIISearch.contains(text, "no-transaction")
            ? text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) : []
        for (index, line) in lines.enumerated() {
            if isNoTransactionDirective(line) {
                guard !seenContent else {
                    throw .malformedScript(
                        path: path, line: firstLine + index,
                        reason: "`-- meridian:no-transaction` only counts as the first line of a script: move it there")
                }
                transactional = false
            }
            seenContent = seenContent || line.contains { !$0.isWhitespace }
        }
        let statements = try StatementSplitter.split(text, dialect: dialect, path: path, firstLine: firstLine)
        if transactional { try refuseTransactionControl(statements, path: path) }
        return MigrationScript(
            path: path, text: text, transactional: transactional, statements: statements, checksum: SHA256.hex(text))
    }

    /// The up and down scripts of a dbmate file: `-- migrate:up` and `-- migrate:down` lines
    /// open the sections, and `transaction:false` on a marker makes that section non-transactional.
    ///
    /// Each script's text, and so the checksum, is its section without the marker line.
    static func parseDbmate(
        _ text: String, path: String, dialect: StatementDialect
    ) throws(MigrationError) -> (up: MigrationScript, down: MigrationScript?)? {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        var markers: [(index: Int, direction: Substring, transactional: Bool)] = []
        for (index, line) in lines.enumerated() {
            guard let marker = try dbmateMarker(line, path: path, line: index + 1) else { continue }
            if markers.contains(where: { $0.direction == marker.direction }) || (marker.direction == "up") != markers.isEmpty {
                throw .malformedScript(
                    path: path, line: index + 1,
                    reason: "a dbmate file has one `-- migrate:up` section, then at most one `-- migrate:down` section")
            }
            markers.append((index, marker.direction, marker.transactional))
        }
        guard let up = markers.first else { return nil }
        let preamble = lines[..<up.index].joined(separator: "\n")
        if let stray = try StatementSplitter.split(preamble, dialect: dialect, path: path).first {
            throw .malformedScript(
                path: path, line: stray.line,
                reason: "SQL before `-- migrate:up` belongs to no section: move it below the marker")
        }
        func section(_ at: Int) throws(MigrationError) -> MigrationScript {
            let end = at + 1 < markers.count ? markers[at + 1].index : lines.count
            let start = markers[at].index + 1
            return try parse(
                lines[min(start, end)..<end].joined(separator: "\n"), path: path, dialect: dialect, firstLine: start + 1,
                transactional: markers[at].transactional)
        }
        return try (section(0), markers.count > 1 ? section(1) : nil)
    }

    /// Refuses a top-level `BEGIN`, `COMMIT`, `ROLLBACK`, `END`, `SAVEPOINT` or `RELEASE` in a
    /// script Meridian runs in its own transaction: the statement would end (or nest under)
    /// that transaction, so the migration would commit without its tracking row, or a failure
    /// would leave half of it behind. Hand-written files often carry their own `BEGIN; … COMMIT;`,
    /// so the message says how little is needed to fix it.
    static func refuseTransactionControl(_ statements: [SQLStatement], path: String) throws(MigrationError) {
        guard let statement = statements.first(where: { $0.transactionControlKeyword != nil }),
              let keyword = statement.transactionControlKeyword else { return }
        throw .malformedScript(
            path: path, line: statement.line,
            reason: "`\(keyword)` controls a transaction, but Meridian already runs this migration in one and commits it "
                + "together with its tracking row, so a file's own BEGIN/COMMIT is not needed: delete those statements. "
                + "To manage transactions yourself instead, make `-- meridian:no-transaction` the script's first line")
    }

    private static func isNoTransactionDirective(_ line: Substring) -> Bool {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("--") else { return false }
        let parts = trimmed.dropFirst(2).split(separator: ":", maxSplits: 1)
        return parts.count == 2 && parts[0].trimmingCharacters(in: .whitespaces).lowercased() == "meridian"
            && parts[1].trimmingCharacters(in: .whitespaces).lowercased() == "no-transaction"
    }

    /// `-- migrate:up` or `-- migrate:down` with its options, as dbmate matches them.
    private static func dbmateMarker(
        _ line: Substring, path: String, line number: Int
    ) throws(MigrationError) -> (direction: Substring, transactional: Bool)? {
        guard line.hasPrefix("--") else { return nil }
        let words = line.dropFirst(2).split(whereSeparator: \.isWhitespace)
        guard let first = words.first, first == "migrate:up" || first == "migrate:down" else { return nil }
        var transactional = true
        for option in words.dropFirst() {
            switch option {
            case "transaction:false": transactional = false
            case "transaction:true": transactional = true
            default:
                throw .malformedScript(
                    path: path, line: number,
                    reason: "unknown dbmate option `\(option)`; the only one is transaction:false")
            }
        }
        return (first.dropFirst(8), transactional)
    }
}

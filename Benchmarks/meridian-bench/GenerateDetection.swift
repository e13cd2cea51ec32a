import Foundation

/// Whether each tool saw each table's change: Meridian's from the `kind`s of
/// `meridian schema diff --json` (and, for a partial index, its statements), Alembic's from the operations of the revision autogenerate
/// wrote (``AlembicRevision``). A verdict per table, gathered per ``GenerateChange``.
///
/// Verdicts: `detected`; `not-detected`; `seen-as-drop+add` (a rename Alembic writes as a drop
/// and an add, losing the column's or table's data); `detected,predicate-lost` (a partial index
/// created without its WHERE). Changes a tool reports on a table beyond the one made to it are
/// counted as `+N unexpected`.
enum GenerateDetection {
    /// The part of `meridian schema diff --json` the benchmark reads.
    struct MeridianDiff: Decodable {
        struct Change: Decodable {
            var kind: String
            var table: String
        }

        var changes: [Change]
        /// The statements each dialect's migration would run.
        var sqlite: [String]
        var postgres: [String]
    }

    /// Meridian's verdict on `table` (as it is after the change; `number` finds it before).
    static func meridian(_ diff: MeridianDiff, table: GenerateSchema.Table) -> String {
        let names = Set([table.name, GenerateSchema.name(table.number)])
        let changes = diff.changes.filter { names.contains($0.table) }
        let expected = changes.filter { $0.kind == table.change.meridianKind }
        let companions = changes.filter { table.change.meridianCompanionKinds.contains($0.kind) }
        let unexpected = changes.count - expected.count - companions.count
        if expected.isEmpty { return verdict("not-detected", unexpected: unexpected) }
        if table.change == .addPartialIndex, let index = table.indexes.last {
            let kept = [diff.sqlite, diff.postgres].allSatisfy { statements in
                statements.contains { $0.contains("\"\(index.name)\"") && $0.contains(" WHERE ") }
            }
            if !kept { return verdict("detected,predicate-lost", unexpected: unexpected) }
        }
        return verdict("detected", unexpected: unexpected)
    }

    /// Alembic's verdict on `table`.
    static func alembic(_ revision: AlembicRevision, table: GenerateSchema.Table) -> String {
        let operations = revision.operations(on: table.name)
            + (table.renamedFrom.map(revision.operations(on:)) ?? [])
        let change = table.change
        let (name, argument) = change.alembicExpectation
        let expected = operations.filter { $0.name == name && (argument.map($0.passes) ?? true) }
        if !expected.isEmpty {
            let predicateLost = change == .addPartialIndex && !expected.contains { $0.passes("sqlite_where=") || $0.passes("postgresql_where=") }
            return verdict(predicateLost ? "detected,predicate-lost" : "detected", unexpected: operations.count - expected.count)
        }
        if let pair = change.renameSeenAs {
            let seen = operations.filter { $0.name == pair.drop || $0.name == pair.add }
            if Set(seen.map(\.name)).count == 2 { return verdict("seen-as-drop+add", unexpected: operations.count - seen.count) }
        }
        return verdict("not-detected", unexpected: operations.count)
    }

    private static func verdict(_ word: String, unexpected: Int) -> String {
        unexpected > 0 ? "\(word)+\(unexpected)-unexpected" : word
    }

    /// One word for a kind's tables: their common verdict, or each verdict with its count.
    static func gather(_ verdicts: [String]) -> String {
        let counts = Dictionary(grouping: verdicts, by: { $0 }).mapValues(\.count)
        if counts.count == 1 { return verdicts[0] }
        return counts.sorted { $0.value > $1.value }.map { "\($0.key)(\($0.value)/\(verdicts.count))" }.joined(separator: ",")
    }
}

/// An index that might serve a query: a table and its columns, in index order.
///
/// ```swift
/// let shape = QueryShape("SELECT * FROM quakes WHERE kind = $1 AND at >= $2", schema: snapshot)
/// IndexCandidate.proposals(for: shape, schema: snapshot) { table, column in distinct[column] ?? 0 }
/// // quakes (kind, at), quakes (kind)
/// ```
public struct IndexCandidate: Sendable, Hashable, CustomStringConvertible {
    public var table: String
    public var columns: [String]

    public init(_ table: String, _ columns: [String]) {
        self.table = table
        self.columns = columns
    }

    /// `<table>_<columns>_idx`, cut to PostgreSQL's 63 bytes.
    public var name: String {
        let full = "\(table)_\(columns.joined(separator: "_"))_idx"
        guard full.utf8.count > TableDefinition.maximumNameLength else { return full }
        return String(decoding: full.utf8.prefix(TableDefinition.maximumNameLength - 4), as: UTF8.self) + "_idx"
    }

    public var definition: IndexDefinition { IndexDefinition(name, columns) }

    /// `table (a, b)`.
    public var description: String { "\(table) (\(columns.joined(separator: ", ")))" }

    /// The candidates for one query: per table, the columns it compares for equality (the
    /// most distinct values first), then one compared in a range — or, with none, the columns
    /// it orders by — at most three; and the first of them alone. Those an existing index,
    /// primary key or unique constraint already serves (its columns start with the
    /// candidate's) are left out, and so is a table the query finds by equality on a whole key.
    ///
    /// - Parameter distinctValues: how many distinct values a table's column holds.
    public static func proposals(
        for shape: QueryShape, schema: SchemaSnapshot, distinctValues: (String, String) throws -> Double
    ) rethrows -> [IndexCandidate] {
        var proposals: [IndexCandidate] = []
        for (table, use) in shape.tables.sorted(by: { $0.key < $1.key }) {
            guard let snapshot = schema.table(table) else { continue }
            // Equality on a whole key finds one row at most: no index does better.
            let keys = ([snapshot.primaryKey] + snapshot.uniqueConstraints + snapshot.indexes.filter { $0.unique && !$0.partial }.map(\.columns)).filter { !$0.isEmpty }
            if keys.contains(where: { Set($0).isSubset(of: Set(use.equality)) }) { continue }
            let served = [snapshot.primaryKey] + snapshot.uniqueConstraints + snapshot.indexes.filter { !$0.spatial && !$0.partial }.map(\.columns)
            let distinct = try use.equality.map { ($0, try distinctValues(table, $0)) }
            var columns = distinct.sorted { $0.1 > $1.1 }.map(\.0)
            if let range = use.range.first(where: { !columns.contains($0) }) {
                columns.append(range)
            } else {
                columns += use.order.filter { !columns.contains($0) }
            }
            columns = Array(columns.prefix(3))
            for candidate in [columns, Array(columns.prefix(1))] where !candidate.isEmpty {
                let proposal = IndexCandidate(table, candidate)
                guard !proposals.contains(proposal), !served.contains(where: { $0.starts(with: candidate) }) else { continue }
                proposals.append(proposal)
            }
        }
        return proposals
    }
}

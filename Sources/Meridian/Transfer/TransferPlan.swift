/// What a transfer moves: the tables in foreign-key order and, per table, the columns with the
/// logical type each is read and written as. A pure function of the two schemas, worked out
/// before any row moves, so that a table or column the target lacks, or a type it holds
/// differently, stops the transfer with every problem named.
///
/// ```swift
/// let plan = try TransferPlan(source: try sqlite.inspectSchema(), target: try postgres.inspectSchema())
/// plan.tables.map(\.name)   // parents first: ["stations", "readings"]
/// ```
public struct TransferPlan: Sendable, Equatable {
    public struct Table: Sendable, Equatable {
        public var name: String
        /// Columns written to the target first, then those only read (``writtenColumnCount``).
        public var columns: [Column]
        /// How many of ``columns`` (from the first) the target takes; the rest are columns the
        /// target computes (generated), read from both sides for the digest only.
        public var writtenColumnCount: Int
        /// The target's primary key, for ``TransferMode/upsert``.
        public var primaryKey: [String]

        public var writtenColumns: ArraySlice<Column> { columns.prefix(writtenColumnCount) }
    }

    public struct Column: Sendable, Equatable {
        public var name: String
        /// The logical type both sides read it as; `nil` for a column whose type is outside the
        /// value contract on both sides, whose values then move as each source row stores them.
        public var type: LogicalType?
    }

    /// In an order where each table comes after those its foreign keys reference.
    public var tables: [Table]

    public init(tables: [Table]) { self.tables = tables }

    /// Plans moving `tables` (all of the source's when `nil`) from `source` into `target`.
    ///
    /// Columns pair by name. A target column the source lacks must be nullable, have a default
    /// or be generated; a generated target column is not written, but read on both sides and so
    /// checked by the digest. Logical types must agree (enumerations count as text); where one
    /// side's type is outside the contract the other side's type is used, and a value that does
    /// not fit it fails that row.
    ///
    /// - Throws: ``TransferError/planProblems(_:)`` with every missing table or column and
    ///   every type disagreement; ``TransferError/foreignKeyCycle(_:)`` when the tables cannot
    ///   be ordered.
    public init(source: SchemaSnapshot, target: SchemaSnapshot, tables names: [String]? = nil) throws(TransferError) {
        let wanted = names ?? source.tables.map(\.name)
        var problems: [String] = []
        for name in wanted where source.table(name) == nil { problems.append("table \(name) is not in the source") }
        let order: [String]
        do {
            order = try source.dependencyOrder(of: wanted.filter { source.table($0) != nil })
        } catch {
            throw .foreignKeyCycle(error.tables)
        }
        var tables: [Table] = []
        for name in order {
            guard let from = source.table(name) else { continue }
            guard let to = target.table(name) else {
                problems.append("table \(name) is not in the target")
                continue
            }
            if let table = Self.table(from, to, problems: &problems) { tables.append(table) }
        }
        guard problems.isEmpty else { throw .planProblems(problems) }
        self.tables = tables
    }

    private static func table(_ source: SchemaSnapshot.Table, _ target: SchemaSnapshot.Table, problems: inout [String]) -> Table? {
        var written: [Column] = []
        var computed: [Column] = []
        let before = problems.count
        for column in source.columns {
            guard let other = target.column(column.name) else {
                problems.append("table \(source.name): column \(column.name) is not in the target")
                continue
            }
            guard let type = commonType(column.type, other.type) else {
                problems.append("table \(source.name): column \(column.name) is \(column.type) in the source but \(other.type) in the target")
                continue
            }
            if other.generated {
                computed.append(Column(name: column.name, type: type))
            } else {
                written.append(Column(name: column.name, type: type))
            }
        }
        for column in target.columns where source.column(column.name) == nil && !column.nullable && !column.hasDefault && !column.generated {
            problems.append("table \(source.name): the target's column \(column.name) is NOT NULL without a default, and the source has no such column")
        }
        guard problems.count == before else { return nil }
        return Table(name: source.name, columns: written + computed, writtenColumnCount: written.count, primaryKey: target.primaryKey)
    }

    /// The type a column moves as, or `nil` in `.some` when neither side has a logical type;
    /// `nil` when the sides disagree.
    private static func commonType(_ a: SchemaSnapshot.ColumnType, _ b: SchemaSnapshot.ColumnType) -> LogicalType?? {
        switch (a, b) {
        case (.unknown, .unknown): return .some(nil)
        case (.logical(let type), .unknown), (.unknown, .logical(let type)): return .some(plain(type))
        case (.logical(let x), .logical(let y)): return plain(x) == plain(y) ? .some(plain(x)) : nil
        }
    }

    /// Enumerations move as text: each side's CHECK holds its own list.
    private static func plain(_ type: LogicalType) -> LogicalType {
        if case .enumeration = type { return .text }
        return type
    }
}

/// What comparing two schemas finds, in three kinds: differences, width notes and portability
/// warnings.
///
/// ```swift
/// let findings = SchemaFindings(between: sqlite, named: "sqlite", and: postgres, named: "postgres")
/// findings.differences           // [] when both build the same schema
/// findings.widthNotes            // one per column with a width only one side enforces
/// findings.portabilityWarnings   // one per column one side lets values into that the other refuses
/// ```
///
/// Columns are compared under the value contract: the same logical type with the same behaviour
/// is no difference, however each engine spells it.
///
/// - **Types** are compared by ``SchemaSnapshot/Column/nearestLogicalType``: SQLite `DATETIME`
///   and PostgreSQL `timestamp`, `CHAR(36)` and `character(36)`, `VARCHAR` and `text` are the
///   same. Two types outside the contract are compared by their declared names.
/// - **Defaults** are compared in their shared form (``ColumnDefault``): `0` on an SQLite boolean
///   and `false`, `CURRENT_TIMESTAMP` and `now()`, `'x'` and `'x'::text`, `1.0` and `1`,
///   `DEFAULT NULL` and none are the same; `true` and `false` differ.
/// - **Collations** count only where a migration chose one (``SchemaSnapshot/Column/collation``).
/// - **Widths** one side enforces and the other does not (`varchar(100)`, PostgreSQL's 32-bit
///   `integer`) are a width note per column, naming the smallest value one side refuses and the
///   CHECK that makes the other refuse it too.
/// - **Values one side accepts outside the logical type** (a column with a
///   ``SchemaSnapshot/Column/contractFix`` on that side only) are a portability warning naming
///   the fix.
public struct SchemaFindings: Sendable, Equatable, Codable {
    /// Tables first, in name order; then views.
    public var differences: [SchemaDifference]
    public var widthNotes: [ColumnNote]
    public var portabilityWarnings: [ColumnNote]

    /// Compares `a` with `b`; `aName` and `bName` name the sides in messages (`sqlite`, `postgres`).
    public init(between a: SchemaSnapshot, named aName: String, and b: SchemaSnapshot, named bName: String) {
        var comparison = SchemaComparison(aName: aName, bName: bName)
        comparison.compare(a.tables, b.tables, kind: .table, by: \.name) { $0.compareTables($1, $2) }
        comparison.compare(a.views, b.views, kind: .view, by: \.name) { $0.compareViews($1, $2) }
        differences = comparison.differences
        widthNotes = comparison.widthNotes
        portabilityWarnings = comparison.portabilityWarnings
    }
}

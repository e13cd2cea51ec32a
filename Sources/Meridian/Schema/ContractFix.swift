/// What a column needs so that it holds only its logical type's values, as its engine says it:
/// the column accepts values the logical type refuses.
///
/// ```swift
/// // SQLite: created_at TIMESTAMP, hand-written, without the contract's CHECK
/// column.contractFix?.declaredType   // "TIMESTAMP TEXT"
/// column.contractFix?.check          // "length(\"created_at\") = 27 AND \"created_at\" GLOB '…'"
/// ```
///
/// Only an engine whose declared types do not refuse other values needs one: SQLite stores
/// `'not a time'` in a `TIMESTAMP` column unless the CHECK ``SQLDialect/contractCheck(column:type:)``
/// renders is there. PostgreSQL's types refuse such values by themselves, so its inspector never
/// sets one. `meridian check` reports a column with a fix on one side only as a portability
/// warning, naming the fix.
public struct ContractFix: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The declared type to use instead, when the column's declared type lets the engine change
    /// values (SQLite's NUMERIC affinity turns the JSON document `'123'` into the number 123);
    /// `nil` when the declared type is right.
    public var declaredType: String?
    /// The `DEFAULT` expression to use instead, when the column's own gives a value the CHECK
    /// refuses (SQLite's `CURRENT_TIMESTAMP` is `2024-05-01 12:00:00`, not the contract's
    /// `2024-05-01T12:00:00.000000Z`; `'f'` in a boolean is text); `nil` when it is right.
    public var `default`: String?
    /// The CHECK expression to add, as the engine's dialect renders it.
    public var check: String

    public init(declaredType: String? = nil, default: String? = nil, check: String) {
        self.declaredType = declaredType
        self.default = `default`
        self.check = check
    }

    /// `declare it TIMESTAMP TEXT, make its default (now()) and add CHECK (…)`, for messages.
    public var description: String {
        let changes = [declaredType.map { "declare it \($0)" }, self.default.map { "make its default \($0)" }].compactMap { $0 }
        return (changes.isEmpty ? "" : changes.joined(separator: ", ") + " and ") + "add CHECK (\(check))"
    }
}

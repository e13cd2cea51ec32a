/// One way two schemas differ, named so a reader can find it in both migration folders.
///
/// ```
/// table alerts: column severity is text on sqlite but int on postgres
/// table readings: foreign key (station_id) → stations(id) ON DELETE CASCADE on sqlite, ON DELETE NO ACTION on postgres
/// table notes only on sqlite
/// ```
public struct SchemaDifference: Sendable, Equatable, Codable, CustomStringConvertible {
    /// What differs, for tools that group or filter differences.
    public enum Kind: String, Sendable, Codable {
        case table, view, column, primaryKey, foreignKey, unique, index, check
    }

    public var kind: Kind
    /// The table or view the difference is in.
    public var object: String
    /// The whole sentence, naming the object and both sides.
    public var message: String

    public init(_ kind: Kind, object: String, message: String) {
        self.kind = kind
        self.object = object
        self.message = message
    }

    public var description: String { message }

    /// Every difference between two snapshots, tables first, in name order; empty when they
    /// are the same schema. `aName` and `bName` name the sides in messages (`sqlite`, `postgres`).
    ///
    /// Columns are compared by name, not position, and under the value contract (see
    /// ``SchemaFindings``); unique constraints by their set of columns; indexes by columns and
    /// kind, with their names only in messages; check constraints by name. ``SchemaFindings``
    /// holds these together with the width notes and portability warnings.
    public static func differences(
        between a: SchemaSnapshot, named aName: String, and b: SchemaSnapshot, named bName: String
    ) -> [SchemaDifference] {
        SchemaFindings(between: a, named: aName, and: b, named: bName).differences
    }
}

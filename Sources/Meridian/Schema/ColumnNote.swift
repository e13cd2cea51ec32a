/// A column that behaves alike on two engines for most values but not for all: a width only one
/// of them enforces (a *width note*), or values one stores where the other refuses them (a
/// *portability warning*). Neither is a difference between the schemas: the logical type is the
/// same on both sides.
///
/// ```
/// table users: column email is character varying(100) on postgres, VARCHAR on sqlite: postgres rejects a 101-character value; sqlite accepts it (add CHECK (length("email") <= 100) on sqlite to refuse it there too)
/// table events: column created_at is TIMESTAMP on sqlite, which stores 'not a time' where postgres refuses it: declare it TIMESTAMP TEXT and add CHECK (…) on sqlite
/// ```
///
/// Besides the sentence, a note carries the changes that remove it, for tools: they belong on
/// ``side``, the side that accepts what the other refuses.
public struct ColumnNote: Sendable, Equatable, Codable, CustomStringConvertible {
    public var table: String
    public var column: String
    /// The whole sentence, naming the table, the column, both sides and the changes.
    public var message: String
    /// The side the changes belong on; `nil` when there are none.
    public var side: String?
    /// The CHECK expression to add on ``side``: `length("email") <= 100`.
    public var check: String?
    /// The declared type to give the column on ``side`` (``ContractFix/declaredType``).
    public var declaredType: String?
    /// The default to give the column on ``side`` (``ContractFix/default``).
    public var `default`: String?

    public init(
        table: String, column: String, message: String, side: String? = nil, check: String? = nil, declaredType: String? = nil,
        default: String? = nil
    ) {
        self.table = table
        self.column = column
        self.message = message
        self.side = side
        self.check = check
        self.declaredType = declaredType
        self.default = `default`
    }

    public var description: String { message }
}

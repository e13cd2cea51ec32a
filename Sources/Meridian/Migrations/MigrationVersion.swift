/// A migration's version, as the tool whose folder layout it follows defines it.
///
/// ```swift
/// MigrationVersion(spelling: "0003", ordering: .numeric).id          // "3"
/// MigrationVersion(spelling: "2024-03-13", ordering: .text).id       // "20240313"
/// MigrationVersion(spelling: "2024-03-13", ordering: .text) > "20180101000000"   // true, as Diesel orders them
/// ```
///
/// Meridian and golang-migrate read the digits before the first `_` as an unsigned number:
/// `0003` and `3` are the same version, and versions order numerically. dbmate and Diesel keep
/// the version as text — Diesel after removing its dashes — and order versions as strings, so
/// in a Diesel folder `2024-03-13_170000_x` (version `20240313`) runs *after*
/// `2018-01-01-000000_y` (version `20180101000000`). Each layout's rule is followed, the
/// tracking table records ``id``, and messages show ``spelling``, the user's own.
public struct MigrationVersion: Sendable, Hashable, Comparable, CustomStringConvertible, ExpressibleByIntegerLiteral {
    /// How a layout orders its versions.
    public enum Ordering: String, Sendable, Codable {
        /// As unsigned numbers (Meridian, golang-migrate).
        case numeric
        /// As strings of digits, character by character (dbmate, Diesel).
        case text
    }

    /// What the tracking table records: the number without leading zeros (`"3"`), or the
    /// digits as the tool reads them (`"20240313"`).
    public let id: String
    /// As the file or folder name spells it: `0003`, `2024-03-13-170000`.
    public let spelling: String
    public let ordering: Ordering

    /// The version a name spells; dashes are dropped from the id, as Diesel does.
    public init(spelling: String, ordering: Ordering) {
        let digits = spelling.filter { $0 != "-" }
        self.spelling = spelling
        self.ordering = ordering
        switch ordering {
        case .numeric:
            let trimmed = digits.drop { $0 == "0" }
            id = trimmed.isEmpty ? "0" : String(trimmed)
        case .text:
            id = digits
        }
    }

    /// A version read back from the tracking table, spelled as Meridian's files spell it
    /// (at least four digits) when it is a number.
    public init(id: String, ordering: Ordering) {
        self.init(spelling: ordering == .numeric && id.count < 4 ? String(repeating: "0", count: 4 - id.count) + id : id, ordering: ordering)
    }

    /// A numeric version: `3` is `0003`.
    public init(integerLiteral value: UInt64) {
        self.init(id: String(value), ordering: .numeric)
    }

    /// The version before every other, for "roll everything back" (`--to 0`).
    public static let zero: MigrationVersion = 0

    /// Whether this is ``zero``.
    public var isZero: Bool { id.allSatisfy { $0 == "0" } }

    /// How many digits the version has, for warnings about mixed widths.
    public var width: Int { spelling.filter { $0 != "-" }.count }

    public var description: String { spelling }

    /// Versions are the same when their ids are; the spelling may differ (`3`, `0003`).
    public static func == (a: MigrationVersion, b: MigrationVersion) -> Bool { a.id == b.id }

    public func hash(into hasher: inout Hasher) { hasher.combine(id) }

    /// Numerically when both are numeric; otherwise as strings, as dbmate and Diesel sort.
    public static func < (a: MigrationVersion, b: MigrationVersion) -> Bool {
        if a.ordering == .numeric && b.ordering == .numeric && a.id.count != b.id.count {
            return a.id.count < b.id.count
        }
        return a.id.utf8.lexicographicallyPrecedes(b.id.utf8)
    }
}

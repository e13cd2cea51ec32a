import Foundation

/// The ways projects lay out a migrations folder, each read as its own tool reads it.
///
/// | layout | files | versions |
/// |---|---|---|
/// | ``meridian`` (and golang-migrate) | `0003_add_alerts.up.sql` + `0003_add_alerts.down.sql` | unsigned numbers |
/// | ``dbmate`` | `20240501120000_add_alerts.sql` with `-- migrate:up` / `-- migrate:down` | text |
/// | ``diesel`` | `2024-05-01-120000_add_alerts/up.sql` + `down.sql` | text, dashes removed |
public enum MigrationLayout: String, Sendable, CaseIterable {
    case meridian
    case dbmate
    case diesel

    /// How the layout's tool orders versions.
    public var ordering: MigrationVersion.Ordering {
        self == .meridian ? .numeric : .text
    }

    /// Whether an up script without statements (comments only) is a migration that does
    /// nothing, as dbmate and Diesel run it, rather than a mistake (Meridian refuses it).
    public var acceptsEmptyUp: Bool { self != .meridian }

    /// The layout, in words, for messages.
    public var summary: String {
        switch self {
        case .meridian: "Meridian/golang-migrate pairs (NNNN_slug.up.sql + NNNN_slug.down.sql)"
        case .dbmate: "dbmate files (NNNN_slug.sql with -- migrate:up / -- migrate:down)"
        case .diesel: "Diesel folders (<version>_<name>/up.sql + down.sql)"
        }
    }

    /// The version a new migration gets, after every version in `existing`.
    ///
    /// Meridian's numbers count up from the newest, spelled with as many digits (at least
    /// four); a folder numbered by UTC timestamps (14 digits, as golang-migrate's
    /// `-format 20060102150405` writes them) gets the current timestamp. dbmate and Diesel
    /// versions are the current UTC time (`20240501120000`, `2024-05-01-120000`), moved a
    /// second on while one is taken.
    public func nextVersion(after existing: [MigrationVersion], now: Date = Date()) -> MigrationVersion {
        let newest = existing.max()
        if self == .meridian, let newest, newest.width != 14 {
            let next = Self.increment(newest.id)
            let width = max(4, newest.width)
            return MigrationVersion(spelling: String(repeating: "0", count: max(0, width - next.count)) + next, ordering: .numeric)
        }
        if self == .meridian && newest == nil { return 1 }
        var instant = now
        while true {
            let version = MigrationVersion(spelling: Self.stamp(instant, dashed: self == .diesel), ordering: ordering)
            if newest.map({ $0 < version }) ?? true { return version }
            instant += 1
        }
    }

    /// `20240501120000`, or `2024-05-01-120000` when `dashed`, in UTC.
    private static func stamp(_ date: Date, dashed: Bool) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let pad = { (value: Int?, width: Int) in String(format: "%0\(width)d", value ?? 0) }
        let day = [pad(c.year, 4), pad(c.month, 2), pad(c.day, 2)].joined(separator: dashed ? "-" : "")
        return day + (dashed ? "-" : "") + pad(c.hour, 2) + pad(c.minute, 2) + pad(c.second, 2)
    }

    /// A decimal number's digits plus one, however long.
    private static func increment(_ digits: String) -> String {
        var result = Array(digits.utf8)
        var index = result.count - 1
        while index >= 0 {
            if result[index] == UInt8(ascii: "9") {
                result[index] = UInt8(ascii: "0")
                index -= 1
            } else {
                result[index] += 1
                return String(decoding: result, as: UTF8.self)
            }
        }
        return "1" + String(decoding: result, as: UTF8.self)
    }
}

import Foundation
import Meridian

/// Makes the rows of one table of the reference database from a seed: row `index` is a pure
/// function of the seed and the index.
///
/// Every row draws from its own random stream (``SeededGenerator/init(seed:index:)``), so a row
/// can be made without the rows before it, generating more rows later leaves the first ones as
/// they were, and the same seed gives the same values, bit for bit, wherever it runs. Floating
/// values are rounded to the precision their catalogues publish (coordinates to 1e-4 degrees,
/// depths to 10 m, positions to 1 m), which also hides any last-bit difference between the
/// platforms' `sin` and `log`.
public protocol SyntheticTableGenerator: Sendable {
    /// The table's name in the reference schema.
    var table: String { get }
    /// The columns each row fills, in the order of ``row(_:)``'s values; the others are left to
    /// their defaults (`created_at`, `updated_at`, integer keys).
    var columns: [String] { get }
    /// The columns of a unique key that identify a row regardless of the database's own keys,
    /// for comparing two databases (`id` for UUID-keyed tables).
    var naturalKey: [String] { get }
    /// The most rows the table can have with distinct keys (a meteor shower returns once a
    /// year, instants run out in a window); counts above it are refused.
    var capacity: Int { get }
    /// Row `index` (0-based), values in ``columns`` order.
    func row(_ index: Int) -> [DatabaseValue]
    /// The point column whose location orders each batch on the way in (``SpatialOrder``), or
    /// `nil` to write rows in index order.
    var locationColumn: String? { get }
}

extension SyntheticTableGenerator {
    public var locationColumn: String? { columns.contains("location") ? "location" : nil }
}

/// The window generated events fall in: 1990-01-01 up to 2026-01-01 (UTC).
enum EventWindow {
    static let start = Timestamp(year: 1990, month: 1, day: 1)!
    static let end = Timestamp(year: 2026, month: 1, day: 1)!
    static var range: Range<Timestamp> { start..<end }
    static let microsecondsPerMinute: Int64 = 60_000_000
}

extension Double {
    /// Rounded to `places` decimals, as catalogues publish values; never `-0.0`, which the
    /// value contract stores as `0.0` through statements but a COPY would keep as it is.
    func rounded(places: Int) -> Double {
        let scale = [1.0, 10, 100, 1_000, 10_000, 100_000, 1_000_000][places]
        return (self * scale).rounded() / scale + 0
    }
}

extension JSON {
    /// A JSON number for a finite double.
    static func number(_ value: Double) -> JSON { .number(JSONNumber(value)!) }

    static func number(_ value: Int) -> JSON { .number(JSONNumber(Int64(value))) }
}

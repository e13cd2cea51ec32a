/// A length on the ground, in metres: the unit of every radius and distance Meridian's spatial
/// API takes or returns.
///
/// ```swift
/// let nearby = try db.fetchWithin(.kilometers(50), of: Position(x: 179.9, y: 10),
///                                 table: "places", column: "location", select: ["id"])
/// ```
///
/// A bare `Double` would invite degrees: PostGIS `ST_DWithin` on a `geometry` in SRID 4326
/// measures in degrees, on a `geography` in metres, and SpatiaLite's `PtDistWithin` in metres
/// only when its last argument asks for the ellipsoid (DIVERGENCES.md 41–43). A distance has
/// no initialiser from degrees, so that mistake cannot be written.
public struct Distance: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The length in metres.
    public var meters: Double

    /// A distance of `meters` metres.
    public init(meters: Double) {
        self.meters = meters
    }

    /// A distance of `value` metres.
    public static func meters(_ value: Double) -> Distance { Distance(meters: value) }

    /// A distance of `value` kilometres.
    public static func kilometers(_ value: Double) -> Distance { Distance(meters: value * 1000) }

    /// No distance at all.
    public static let zero = Distance(meters: 0)

    /// The length in kilometres.
    public var kilometers: Double { meters / 1000 }

    /// Whether the distance can be a search radius: finite and not negative.
    public var isValidRadius: Bool { meters.isFinite && meters >= 0 }

    public static func < (lhs: Distance, rhs: Distance) -> Bool { lhs.meters < rhs.meters }

    public static func + (lhs: Distance, rhs: Distance) -> Distance { Distance(meters: lhs.meters + rhs.meters) }

    public static func - (lhs: Distance, rhs: Distance) -> Distance { Distance(meters: lhs.meters - rhs.meters) }

    public var description: String {
        meters.magnitude >= 1000 ? "\(meters / 1000) km" : "\(meters) m"
    }
}

/// A longitude/latitude box in degrees, edges included, that may cross the antimeridian: what
/// ``DatabaseConnection/fetchInBox(_:table:column:select:)`` searches.
///
/// ```swift
/// let pacific = BoundingBox(west: 170, south: -20, east: -170, north: 0)   // crosses 180°
/// let arctic = BoundingBox(west: -180, south: 80, east: 180, north: 90)    // reaches the pole
/// ```
///
/// The box holds the points whose stored coordinates lie in it, with three rules for the
/// places where coordinates are not unique:
///
/// - A west edge east of the east edge (`west > east`) makes a box that crosses the
///   antimeridian: longitudes from `west` to 180 and from -180 to `east`. `west == east` is one
///   meridian; the whole globe is `west: -180, east: 180`.
/// - The antimeridian has two names: a point stored at longitude 180 is in a box whose west
///   edge is -180, and one stored at -180 in a box whose east edge is 180.
/// - A pole has every longitude: a box whose `north` is 90 holds a point stored at latitude 90
///   whatever its longitude, and likewise for `south` at -90.
///
/// ``contains(_:)`` is the same rule in Swift.
public struct BoundingBox: Sendable, Hashable, CustomStringConvertible {
    /// The west edge's longitude, in [-180, 180].
    public var west: Double
    /// The south edge's latitude, in [-90, 90].
    public var south: Double
    /// The east edge's longitude, in [-180, 180]; less than `west` for a box across the antimeridian.
    public var east: Double
    /// The north edge's latitude, in [-90, 90], not less than `south`.
    public var north: Double

    public init(west: Double, south: Double, east: Double, north: Double) {
        self.west = west
        self.south = south
        self.east = east
        self.north = north
    }

    /// Whether the box spans the antimeridian (`west > east`).
    public var crossesAntimeridian: Bool { west > east }

    /// Rectangles that do not cross the antimeridian and whose union is the box under the rules
    /// above: the box, or its two halves either side of 180°; a one-meridian strip for the other
    /// name of an edge at ±180°; the pole, as a line of every longitude, for a box that reaches it.
    public var pieces: [GeodesicBox] {
        var longitudes: [ClosedRange<Double>] = crossesAntimeridian ? [west...180, -180...east] : [west...east]
        if west == -180 && east != 180 { longitudes.append(180...180) }
        if east == 180 && west != -180 { longitudes.append(-180...(-180)) }
        var pieces = longitudes.map {
            GeodesicBox(minLongitude: $0.lowerBound, maxLongitude: $0.upperBound, minLatitude: south, maxLatitude: north)
        }
        if north == 90 { pieces.append(GeodesicBox(minLongitude: -180, maxLongitude: 180, minLatitude: 90, maxLatitude: 90)) }
        if south == -90 { pieces.append(GeodesicBox(minLongitude: -180, maxLongitude: 180, minLatitude: -90, maxLatitude: -90)) }
        return pieces
    }

    /// Whether a point stored at `position` (`x` longitude, `y` latitude) is in the box.
    public func contains(_ position: Position) -> Bool {
        pieces.contains { $0.contains(position) }
    }

    /// Refuses edges off the globe or NaN, and a south edge north of the north edge (a box
    /// cannot cross a pole; split it in two).
    public func validate(table: String, column: String) throws(DatabaseError) {
        for (name, value, limit) in [("west", west, 180.0), ("east", east, 180), ("south", south, 90), ("north", north, 90)] {
            guard value.isFinite, value.magnitude <= limit else {
                throw DatabaseError(
                    .invalidValue, "the box's \(name) edge \(value) is outside -\(Int(limit))…\(Int(limit))", table: table, column: column)
            }
        }
        guard south <= north else {
            throw DatabaseError(
                .invalidValue, "the box's south edge \(south) is north of its north edge \(north): a box cannot cross a pole",
                table: table, column: column)
        }
    }

    public var description: String {
        "lon \(west)…\(east), lat \(south)…\(north)"
    }
}

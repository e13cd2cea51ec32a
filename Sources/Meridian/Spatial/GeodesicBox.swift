import Foundation

/// A longitude/latitude rectangle, in degrees, for the spatial index's coarse filter: one of
/// the boxes ``covering(_:within:margin:)`` returns around a search circle.
///
/// The index narrows a radius search to the rows in these boxes and the engine's exact
/// spheroid test decides; the boxes must therefore hold every true match and may hold more.
/// On SpatiaLite they are the R*Tree query (DIVERGENCES.md 45–46); PostGIS's GiST index does
/// the same by itself inside `ST_DWithin`.
public struct GeodesicBox: Sendable, Hashable, CustomStringConvertible {
    public var minLongitude: Double
    public var maxLongitude: Double
    public var minLatitude: Double
    public var maxLatitude: Double

    public init(minLongitude: Double, maxLongitude: Double, minLatitude: Double, maxLatitude: Double) {
        self.minLongitude = minLongitude
        self.maxLongitude = maxLongitude
        self.minLatitude = minLatitude
        self.maxLatitude = maxLatitude
    }

    /// Whether `position` (`x` longitude, `y` latitude) lies in the box, edges included.
    public func contains(_ position: Position) -> Bool {
        (minLongitude...maxLongitude).contains(position.x) && (minLatitude...maxLatitude).contains(position.y)
    }

    /// Whether the box spans every longitude.
    public var coversAllLongitudes: Bool { minLongitude <= -180 && maxLongitude >= 180 }

    public var description: String {
        "lon \(minLongitude)…\(maxLongitude), lat \(minLatitude)…\(maxLatitude)"
    }

    /// How far every box is widened, in degrees: two units in the last place of a 32-bit
    /// float at 180° (2 × 2⁻¹⁶ ≈ 3.05e-5°, about 3.4 m).
    ///
    /// SpatiaLite's R*Tree stores each box edge as a 32-bit float (SQLite `rtree`), which holds
    /// only about 7 significant digits: near ±180° neighbouring floats are 1.5e-5° apart. SQLite
    /// rounds stored edges outward, but that is an implementation detail a build may not share;
    /// rounded to nearest, a point just inside the query box could be stored just outside it and
    /// be lost before the exact test sees it. Widening by two float steps at the largest
    /// coordinate magnitude makes that impossible for any rounding, at the cost of a few extra
    /// candidates that the exact test rejects.
    public static let singlePrecisionMargin = 2 * Double(Float(180).ulp)

    /// The smallest length of one radian of latitude on WGS84: the meridian's radius of
    /// curvature at the equator, a (1 − e²) ≈ 6 335 439 m (110 574 m per degree).
    static let minimumMeridianRadius = Geodesic.equatorialRadius * (1 - Geodesic.eccentricitySquared)

    /// One or two boxes whose union holds every point within `radius` of `center` on the WGS84
    /// ellipsoid, each widened by `margin` degrees and clamped to longitudes [-180, 180] and
    /// latitudes [-90, 90].
    ///
    /// The bounds are proved, not estimated. Any path of length r changes latitude by at most
    /// r / a(1 − e²), the meridian's smallest radius of curvature, so every point within r of
    /// the centre, and every point of the shortest path to it, lies in that latitude band. In
    /// the band a parallel's radius N cos φ is at least a cos φ at the edge nearest the pole, so
    /// the path gains at most r / (a cos φ_edge) of longitude. A band that reaches a pole, or a
    /// longitude span of 360° or more, covers every longitude; a span past ±180° is split into
    /// two boxes at the antimeridian. For radii beyond a few hundred kilometres the longitude
    /// bound is loose (more candidates, never fewer).
    public static func covering(_ center: Position, within radius: Distance, margin: Double = singlePrecisionMargin) -> [GeodesicBox] {
        let degrees = 180 / Double.pi
        let r = max(0, radius.meters)
        let longitude = remainder(center.x, 360)
        let latitudeSpan = r / minimumMeridianRadius * degrees
        let south = center.y - latitudeSpan
        let north = center.y + latitudeSpan

        var boxes: [GeodesicBox]
        let edge = max(south.magnitude, north.magnitude)
        let longitudeSpan = edge < 90 ? r / (Geodesic.equatorialRadius * cos(edge / degrees)) * degrees : .infinity
        if longitudeSpan >= 180 {
            boxes = [GeodesicBox(minLongitude: -180, maxLongitude: 180, minLatitude: south, maxLatitude: north)]
        } else {
            let west = longitude - longitudeSpan
            let east = longitude + longitudeSpan
            if west < -180 {
                boxes = [
                    GeodesicBox(minLongitude: west + 360, maxLongitude: 180, minLatitude: south, maxLatitude: north),
                    GeodesicBox(minLongitude: -180, maxLongitude: east, minLatitude: south, maxLatitude: north),
                ]
            } else if east > 180 {
                boxes = [
                    GeodesicBox(minLongitude: west, maxLongitude: 180, minLatitude: south, maxLatitude: north),
                    GeodesicBox(minLongitude: -180, maxLongitude: east - 360, minLatitude: south, maxLatitude: north),
                ]
            } else {
                boxes = [GeodesicBox(minLongitude: west, maxLongitude: east, minLatitude: south, maxLatitude: north)]
            }
        }
        return boxes.map { $0.widened(by: margin) }
    }

    /// The box grown by `margin` degrees on every side and clamped to longitudes [-180, 180]
    /// and latitudes [-90, 90].
    ///
    /// Clamping after widening is safe for the R*Tree: ±180 and ±90 are exact in a float, so no
    /// stored coordinate of a valid point rounds past them.
    public func widened(by margin: Double) -> GeodesicBox {
        GeodesicBox(
            minLongitude: max(-180, minLongitude - margin), maxLongitude: min(180, maxLongitude + margin),
            minLatitude: max(-90, minLatitude - margin), maxLatitude: min(90, maxLatitude + margin))
    }

    /// The positions whose geocentric coordinates (x = cos φ cos λ, y = cos φ sin λ, z = sin φ)
    /// span the same box as the whole box's: its corners, and where its edges meet the meridians
    /// −90°, 0° and 90° and the equator.
    ///
    /// Each coordinate is a product of a factor of φ and a factor of λ, each monotonic between
    /// those meridians and the equator, so its extremes over the box lie at these positions.
    /// PostGIS indexes `geography` by such geocentric boxes; see the PostgreSQL dialect's
    /// ``SQLDialect/spatialIndexFilter(table:column:boxes:bind:)``.
    public var geocentricExtremes: [Position] {
        let longitudes = [minLongitude] + [-90.0, 0, 90].filter { minLongitude < $0 && $0 < maxLongitude } + [maxLongitude]
        let latitudes = [minLatitude] + (minLatitude < 0 && 0 < maxLatitude ? [0] : []) + [maxLatitude]
        return latitudes.flatMap { y in longitudes.map { x in Position(x: x, y: y) } }
    }
}

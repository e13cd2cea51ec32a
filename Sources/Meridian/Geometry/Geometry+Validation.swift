// Validation run before a geometry is written to either backend.
//
// The two databases disagree on what they accept (PostGIS geography wraps a latitude of 95 to
// 85, SpatiaLite stores it; NaN handling differs), so Meridian rejects these values itself, the
// same way on both (DIVERGENCES.md #49, #51).

extension Geometry {
    /// Why the geometry does not fit a column of `shape` and `srid`, as the rest of a sentence
    /// about it (`a Polygon, but the column holds Point geometries`); `nil` when it fits.
    /// Checked before a write, so the message names the column on both backends, where
    /// SpatiaLite's triggers and PostGIS would each refuse it in words of their own.
    public func mismatch(withColumn shape: GeometryColumnType, srid: Int32) -> String? {
        if (self.srid ?? 0) != srid {
            return "a geometry with SRID \(self.srid ?? 0), but the column's SRID is \(srid): transform it (ST_Transform) or fix the column's SRID"
        }
        if GeometryColumnType(self.shape) != shape {
            return "a \(GeometryColumnType(self.shape).postGISName), but the column holds \(shape.postGISName) geometries"
        }
        return nil
    }

    /// Throws unless every coordinate is finite and in range for the SRID and every part has
    /// enough points.
    ///
    /// - Coordinates must be finite (``GeometryError/nonFinite(_:)``).
    /// - For SRID 4326, longitude `x` must lie in [-180, 180] and latitude `y` in [-90, 90]
    ///   (``GeometryError/coordinateOutOfRange(_:)``).
    /// - Line strings need at least 2 points; a polygon needs an exterior ring; rings need at
    ///   least 4 points and must be closed, first point bit-identical to the last, as PostGIS
    ///   checks it (``GeometryError/malformed(_:)``).
    /// - Empty MULTI geometries are allowed.
    public func validate() throws(GeometryError) {
        let geographic = srid == 4326
        switch shape {
        case .point(let p):
            try Self.check(p, geographic) { "the point" }
        case .lineString(let points):
            try Self.checkLine(points, geographic) { "the line string" }
        case .polygon(let rings):
            try Self.checkPolygon(rings, geographic) { "the polygon" }
        case .multiPoint(let points):
            for (i, p) in points.enumerated() {
                try Self.check(p, geographic) { "point \(i) of the multi point" }
            }
        case .multiLineString(let lines):
            for (i, line) in lines.enumerated() {
                try Self.checkLine(line, geographic) { "line string \(i) of the multi line string" }
            }
        case .multiPolygon(let polygons):
            for (i, rings) in polygons.enumerated() {
                try Self.checkPolygon(rings, geographic) { "polygon \(i) of the multi polygon" }
            }
        }
    }

    private static func checkLine(
        _ points: [Position], _ geographic: Bool, _ whereabouts: () -> String
    ) throws(GeometryError) {
        guard points.count >= 2 else {
            throw .malformed("\(whereabouts()) has \(points.count) point(s); a line string needs at least 2")
        }
        for (i, p) in points.enumerated() {
            try check(p, geographic) { "point \(i) of \(whereabouts())" }
        }
    }

    private static func checkPolygon(
        _ rings: [[Position]], _ geographic: Bool, _ whereabouts: () -> String
    ) throws(GeometryError) {
        guard !rings.isEmpty else {
            throw .malformed("\(whereabouts()) has no rings; a polygon needs at least an exterior ring")
        }
        for (r, ring) in rings.enumerated() {
            guard ring.count >= 4 else {
                throw .malformed(
                    "ring \(r) of \(whereabouts()) has \(ring.count) point(s); a ring needs at least 4 "
                        + "(three corners and the first point repeated)")
            }
            guard ring[0] == ring[ring.count - 1] else {
                throw .malformed(
                    "ring \(r) of \(whereabouts()) is not closed; repeat its first point, bit for bit, as its last")
            }
            for (i, p) in ring.enumerated() {
                try check(p, geographic) { "point \(i) of ring \(r) of \(whereabouts())" }
            }
        }
    }

    @inline(__always) private static func check(
        _ p: Position, _ geographic: Bool, _ whereabouts: () -> String
    ) throws(GeometryError) {
        guard p.x.isFinite, p.y.isFinite else {
            let (axis, value) = p.x.isFinite ? ("y", p.y) : ("x", p.x)
            throw .nonFinite("\(axis) of \(whereabouts()) is \(value)")
        }
        guard geographic else { return }
        guard (-180...180).contains(p.x) else {
            throw .coordinateOutOfRange(
                "longitude \(p.x) is outside [-180, 180] for SRID 4326 (x of \(whereabouts())); "
                    + "PostGIS would silently wrap it, Meridian rejects it on both backends")
        }
        guard (-90...90).contains(p.y) else {
            throw .coordinateOutOfRange(
                "latitude \(p.y) is outside [-90, 90] for SRID 4326 (y of \(whereabouts())); "
                    + "PostGIS would silently wrap it, Meridian rejects it on both backends")
        }
    }
}

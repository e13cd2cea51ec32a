/// The spatial reference systems a schema file may name: EPSG codes that PostGIS's and
/// SpatiaLite's `spatial_ref_sys` both carry and that are in common use.
///
/// ```swift
/// KnownSRID.contains(4326)    // true: WGS 84
/// KnownSRID.contains(32633)   // true: WGS 84 / UTM zone 33N
/// KnownSRID.contains(4327)    // false
/// ```
///
/// A schema that needs another asks for it to be added here, with the engines' versions that
/// know it: a code neither engine knows fails only when the migration runs, on one backend.
public enum KnownSRID {
    /// Geographic and projected systems by name; UTM zones are ``utmZones``.
    public static let named: [Int32: String] = [
        4326: "WGS 84", 4258: "ETRS89", 4269: "NAD83", 4283: "GDA94", 4167: "NZGD2000", 4979: "WGS 84 (3D)",
        3857: "WGS 84 / Pseudo-Mercator", 3395: "WGS 84 / World Mercator", 6933: "WGS 84 / NSIDC EASE-Grid 2.0 Global",
        3035: "ETRS89-extended / LAEA Europe", 27700: "OSGB36 / British National Grid", 2154: "RGF93 / Lambert-93",
        28992: "Amersfoort / RD New", 31467: "DHDN / 3-degree Gauss-Kruger zone 3", 25832: "ETRS89 / UTM zone 32N",
        25833: "ETRS89 / UTM zone 33N", 2056: "CH1903+ / LV95", 3006: "SWEREF99 TM", 3067: "ETRS89 / TM35FIN",
        5070: "NAD83 / Conus Albers", 3978: "NAD83 / Canada Atlas Lambert", 3577: "GDA94 / Australian Albers", 2193: "NZGD2000 / NZTM2000",
    ]

    /// WGS 84 / UTM zones 1–60, north (326xx) and south (327xx).
    public static let utmZones: ClosedRange<Int32> = 32601...32760

    public static func contains(_ srid: Int32) -> Bool {
        named[srid] != nil || (utmZones.contains(srid) && srid % 100 != 0 && srid % 100 <= 60)
    }

    /// For messages: `4326 (WGS 84), 3857 (…), …, or a WGS 84 UTM zone 32601–32660, 32701–32760`.
    static var summary: String {
        named.keys.sorted().map { "\($0) (\(named[$0]!))" }.joined(separator: ", ") + ", or a WGS 84 UTM zone 32601–32660, 32701–32760"
    }
}

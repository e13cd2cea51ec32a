import Meridian

/// The order in which a batch of generated rows is written when they carry a location: along
/// a Z-order (Morton) curve over longitude and latitude, so that rows near each other on the
/// globe land near each other in the table.
///
/// Generated events are scattered over the globe in index order, so written in that order the
/// rows a radius search finds lie one per page: of a million earthquakes, the 3,271 within
/// 100 km of Tonga sat on 3,991 PostgreSQL heap pages, and PostGIS took 7.4–8.7 ms to find
/// them. Written a batch (10,000 rows) at a time in this order they sat on 447 pages and took
/// 3.0–3.7 ms; SpatiaLite went from 6.7–8.3 to 5.6–5.9 ms with its cache warm, and further when
/// searches elsewhere compete for the cache (`meridian-bench radius`). It is what `CLUSTER` on
/// the spatial index does on PostgreSQL and what a spatial bulk load does anywhere. Only the
/// physical order changes: keys and values are those of ``SyntheticTableGenerator/row(_:)``.
enum SpatialOrder {
    /// Sorts `rows` by the Morton code of the point in column `column`; rows without a point
    /// go last, and equal codes keep their order.
    static func sort(_ rows: inout [[DatabaseValue]], byPointIn column: Int) {
        let keys = rows.map { row -> UInt64 in
            guard case .geometry(let geometry) = row[column], case .point(let p) = geometry.shape else { return .max }
            return morton(longitude: p.x, latitude: p.y)
        }
        let order = rows.indices.sorted { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : $0 < $1 }
        rows = order.map { rows[$0] }
    }

    /// Longitude and latitude quantised to 16 bits each, their bits interleaved.
    static func morton(longitude: Double, latitude: Double) -> UInt64 {
        let x = UInt64(((longitude + 180) / 360 * 65_535).rounded())
        let y = UInt64(((latitude + 90) / 180 * 65_535).rounded())
        return spread(x) | spread(y) << 1
    }

    /// The 16 low bits of `value` moved to the even bit positions.
    private static func spread(_ value: UInt64) -> UInt64 {
        var v = value & 0xFFFF
        v = (v | v << 8) & 0x00FF_00FF
        v = (v | v << 4) & 0x0F0F_0F0F
        v = (v | v << 2) & 0x3333_3333
        v = (v | v << 1) & 0x5555_5555
        return v
    }
}

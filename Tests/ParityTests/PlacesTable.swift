import Foundation
import Meridian
import MeridianTesting

/// The table the spatial search cases fill: an id and a WGS84 point with its spatial index.
enum PlacesTable {
    static let definition = TableDefinition(
        "places",
        columns: [.init("id", .int, nullable: false), .init("location", .geometry(.point, srid: 4326), nullable: false)],
        primaryKey: ["id"])

    /// Creates `places` and inserts `points`, the first with id 1, 500 rows per statement.
    static func load(_ points: [Position], into db: any DatabaseConnection) throws {
        try db.create(definition)
        try db.transaction {
            for chunk in stride(from: 0, to: points.count, by: 500) {
                let rows = points[chunk..<min(chunk + 500, points.count)]
                var values: [String] = []
                var arguments: [DatabaseValue] = []
                for (offset, point) in zip(rows.indices, rows) {
                    values.append("($\(arguments.count + 1), $\(arguments.count + 2))")
                    arguments += [.int(Int64(offset + 1)), .geometry(.point(x: point.x, y: point.y))]
                }
                try db.execute("INSERT INTO places (id, location) VALUES " + values.joined(separator: ", "), arguments)
            }
        }
    }

    /// The ids in the first column of `rows`.
    static func ids(_ rows: [Row]) throws -> [Int64] {
        try rows.map { try $0.decode(Int64.self, at: 0) }
    }

    /// The query plan of `sql` as text: `EXPLAIN QUERY PLAN` on SQLite, `EXPLAIN` on PostgreSQL
    /// with sequential scans off, so that the plan shows whether the index can serve the query.
    static func plan(_ db: any DatabaseConnection, _ backend: Backend, _ sql: String, _ arguments: [DatabaseValue]) throws -> String {
        if backend == .postgres { try db.execute("SET enable_seqscan = off") }
        let explain = backend.expect(sqlite: "EXPLAIN QUERY PLAN ", postgres: "EXPLAIN ")
        return try db.fetchAll(explain + sql, arguments)
            .map { row in row.values.map { "\($0)" }.joined(separator: " ") }.joined(separator: "\n")
    }

    /// The great-circle distance in metres on the mean sphere: a quick bound for the exact
    /// geodesic, which it matches to within 1 % (WGS84's scale against that sphere lies between
    /// 0.9944, north–south at the equator, and 1.0045, at the poles).
    static func greatCircleDistance(_ a: Position, _ b: Position) -> Double {
        let radians = Double.pi / 180
        let dLat = (b.y - a.y) * radians, dLon = (b.x - a.x) * radians
        let h = sin(dLat / 2) * sin(dLat / 2) + cos(a.y * radians) * cos(b.y * radians) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * 6_371_008.771 * asin(min(1, h.squareRoot()))
    }

    /// The spatial index of `places.location` as each backend's plan names it.
    static func indexName(_ backend: Backend) -> String {
        backend.expect(sqlite: "idx_places_location", postgres: "places_location_gist")
    }
}

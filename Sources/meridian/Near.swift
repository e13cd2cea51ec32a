import ArgumentParser
import Foundation
import Meridian

/// `meridian near`: the rows whose point lies within a distance of a place, nearest first.
struct Near: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the rows whose point lies within a distance of a place, nearest first.",
        discussion: """
            A nearest search through Meridian's portable spatial API (fetchNearest): the \
            column's spatial index narrows the search and the engine measures on the WGS84 \
            spheroid, so SQLite and PostgreSQL return the same rows in the same order, also \
            across the antimeridian and near the poles. Rows are ordered by distance in whole \
            millimetres, then by --key: by default the table's natural key, a column that is \
            UNIQUE on its own (usgs_id for earthquakes), else its one-column primary key — so \
            that rows at the same distance come in the same order on both backends even when \
            the primary key is a random UUID each database drew for itself. Distances are \
            geodesic, in kilometres.

            Example: meridian near --lat 35.68 --lon 139.69 --km 300 --select usgs_id,magnitude,place
            """)

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "The table to search.") var table = "earthquakes"
    @Option(help: "Its point column (SRID 4326, with a spatial index).") var column = "location"
    @Option(help: ArgumentHelp(
        "The column that orders rows at the same distance.",
        discussion: "Defaults to a column UNIQUE on its own, else the one-column primary key.", valueName: "column"))
    var key: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("Latitude of the place, degrees north (-90…90).", valueName: "degrees")) var lat: Double
    @Option(parsing: .unconditional, help: ArgumentHelp("Longitude of the place, degrees east (-180…180).", valueName: "degrees")) var lon: Double
    @Option(parsing: .unconditional, help: ArgumentHelp("The search radius in kilometres.", valueName: "km")) var km: Double
    @Option(parsing: .unconditional, help: ArgumentHelp("Print at most this many rows.", valueName: "n")) var limit = 10
    @Option(
        help: ArgumentHelp(
            "Columns to print, comma-separated.", discussion: "Defaults to every column but the point column.", valueName: "columns"))
    var select: String?

    func validate() throws {
        guard lat.isFinite, (-90...90).contains(lat) else { throw ValidationError("--lat must lie within -90…90, not \(lat)") }
        guard lon.isFinite, (-180...180).contains(lon) else { throw ValidationError("--lon must lie within -180…180, not \(lon)") }
        guard km.isFinite, km >= 0 else { throw ValidationError("--km must be 0 or more, not \(km)") }
        guard limit >= 0 else { throw ValidationError("--limit must be 0 or more, not \(limit)") }
        if let select, columns(select).isEmpty { throw ValidationError("--select needs at least one column name") }
    }

    func run() throws {
        let connection = try database.connect(for: .read)
        let center = Position(x: lon, y: lat)
        let shown = select.map(columns)
        let fetched = shown.map { $0.contains(column) ? $0 : $0 + [column] } ?? []
        let rows = try connection.fetchNearest(
            limit, to: center, table: table, column: column, key: try key ?? naturalKey(on: connection), select: fetched, within: .kilometers(km))
        let nearest: [(distance: Double, row: Row)] = try rows.map { row in
            guard case .geometry(let point)? = row[column], case .point(let position) = point.shape else {
                throw ValidationError("\(table).\(column) is not a point column")
            }
            return (Geodesic.distance(from: center, to: position).kilometers, row)
        }
        let names = shown ?? (rows.first?.columnNames.filter { $0 != column } ?? [])

        if output.json {
            let objects = nearest.map { entry in
                JSON.object(JSONObject([("distance_km", JSON.number(JSONNumber((entry.distance * 1000).rounded() / 1000)!))]
                    + names.map { ($0, entry.row[$0]?.jsonValue ?? .null) }))
            }
            print(JSON.array(objects).canonicalText)
            return
        }
        print("\(plural(rows.count, "row")) of \(table) within \(Self.format(km)) km of \(Self.format(lat)), \(Self.format(lon)), nearest first"
            + (rows.count == limit ? " (at most \(limit)):" : ":"))
        guard !nearest.isEmpty else { return }
        let cells = nearest.map { entry in [String(format: "%.1f", entry.distance)] + names.map { entry.row[$0]?.description ?? "" } }
        print(TextTable(header: ["distance_km"] + names, rows: cells).rendered)
    }

    private func columns(_ list: String) -> [String] {
        list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// `300`, `35.68`: a number without a needless `.0`.
    private static func format(_ value: Double) -> String {
        value == value.rounded() && value.magnitude < 1e15 ? String(Int64(value)) : String(value)
    }

    /// The column that orders ties when `--key` is left out: one UNIQUE on its own (a natural
    /// key, the same on every copy of the data), else the one-column primary key, else `id`.
    private func naturalKey(on connection: any DatabaseConnection) throws -> String {
        guard let found = try connection.inspectSchema().table(table) else { return "id" }
        if let unique = found.uniqueConstraints.first(where: { $0.count == 1 }) { return unique[0] }
        if let index = found.indexes.first(where: { $0.unique && !$0.partial && $0.columns.count == 1 }) { return index.columns[0] }
        return found.primaryKey.count == 1 ? found.primaryKey[0] : "id"
    }
}

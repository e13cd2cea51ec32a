/// Why a USGS catalogue file was not loaded. Messages name the line and say what to do; the
/// caller prefixes the file's name.
public enum USGSCatalogueError: Error, Sendable, CustomStringConvertible {
    /// The input holds no header line.
    case emptyInput
    /// The header cannot be read as column names.
    case badHeader(line: Int, reason: String)
    /// Columns the `earthquakes` table needs are not in the header.
    case missingColumns([String], line: Int)
    /// Rows are filtered by type but the file has no `type` column.
    case noTypeColumn
    /// The database has no `earthquakes` table.
    case notMigrated
    /// The `earthquakes` table lacks a column the loader writes.
    case incompatibleTable(reason: String)
    /// Bad rows were found with ``USGSCatalogueLoader/ErrorPolicy/reject``: nothing was loaded.
    /// The report lists them.
    case rejected(USGSLoadReport)
    /// The database refused a batch of rows that passed every check here.
    case writeFailed(lines: ClosedRange<Int>, DatabaseError)

    public var description: String {
        switch self {
        case .emptyInput:
            "the input is empty; expected a header line such as time,latitude,longitude,depth,mag,…"
        case .badHeader(let line, let reason):
            "line \(line): the header is not a list of column names: \(reason)"
        case .missingColumns(let names, let line):
            "line \(line): the header has no \(names.joined(separator: ", ")) column\(names.count == 1 ? "" : "s"); "
                + "a USGS FDSN event CSV starts with time,latitude,longitude,depth,mag,magType,…,id,updated,place,type,…"
        case .noTypeColumn:
            "the header has no type column to filter events by; pass --type all to load every row"
        case .notMigrated:
            "the database has no earthquakes table; apply the reference schema first (meridian migrate up)"
        case .incompatibleTable(let reason):
            "the earthquakes table is not the reference schema's (\(reason)); migrate the database to the latest version"
        case .rejected(let report):
            "\(report.rejected) bad row\(report.rejected == 1 ? "" : "s"); nothing was loaded (load the good rows with --on-error skip)"
        case .writeFailed(let lines, let error):
            "lines \(lines.lowerBound)–\(lines.upperBound): the database refused the rows: \(error)"
        }
    }
}

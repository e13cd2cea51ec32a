/// Where each field of the USGS FDSN event CSV format is in one file, found by name in its header.
///
/// The format is what `https://earthquake.usgs.gov/fdsnws/event/1/query?format=csv` serves:
///
/// ```
/// time,latitude,longitude,depth,mag,magType,nst,gap,dmin,rms,net,id,updated,place,type,horizontalError,depthError,magError,magNst,status,locationSource,magSource
/// ```
///
/// Columns are matched by name, so their order may vary. `time`, `latitude`, `longitude`,
/// `mag` and `id` fill the `earthquakes` table's required columns and must be present; `depth`,
/// `magType` and `place` fill optional ones. Every other column, known or not, goes into the
/// `properties` JSON object under its header name (see ``USGSEvent``).
///
/// See the [USGS CSV format](https://earthquake.usgs.gov/data/comcat/data-eventterms.php).
public struct USGSCatalogueColumns: Sendable {
    /// The columns a file must have.
    public static let required = ["time", "latitude", "longitude", "mag", "id"]
    /// The columns whose values are numbers, stored as JSON numbers in `properties`.
    public static let numericProperties: Set<String> = ["nst", "gap", "dmin", "rms", "horizontalError", "depthError", "magError", "magNst"]

    /// How many fields each record must have.
    public let count: Int
    let time: Int, latitude: Int, longitude: Int, mag: Int, id: Int
    let depth: Int?, magType: Int?, place: Int?, updated: Int?
    /// The `type` column (`earthquake`, `quarry blast`, …), if the file has one.
    public let type: Int?
    /// The columns that go into `properties`, in header order.
    let properties: [Property]

    struct Property: Sendable {
        let name: String
        let index: Int
        let kind: Kind
        enum Kind: Sendable { case number, timestamp, text }
    }

    /// The columns of a header record; throws when a required column is missing, a name
    /// repeats or a name is empty.
    public init(header: CSVRecord) throws(USGSCatalogueError) {
        if let problem = header.problem { throw .badHeader(line: header.line, reason: problem.description) }
        var index: [String: Int] = [:]
        var names: [String] = []
        for position in 0..<header.count {
            guard let raw = header.field(at: position) else {
                throw .badHeader(line: header.line, reason: "column \(position + 1)'s name is not valid UTF-8")
            }
            guard !header.bytes(at: position).contains(0) else {
                throw .badHeader(line: header.line, reason: "column \(position + 1)'s name contains a NUL character: remove it")
            }
            let name = raw.trimmingSpaces
            guard !name.isEmpty else { throw .badHeader(line: header.line, reason: "column \(position + 1) has no name") }
            guard index[name] == nil else { throw .badHeader(line: header.line, reason: "the column \(name) appears twice") }
            index[name] = position
            names.append(name)
        }
        let missing = Self.required.filter { index[$0] == nil }
        guard missing.isEmpty else { throw .missingColumns(missing, line: header.line) }
        count = header.count
        time = index["time"]!
        latitude = index["latitude"]!
        longitude = index["longitude"]!
        mag = index["mag"]!
        id = index["id"]!
        depth = index["depth"]
        magType = index["magType"]
        place = index["place"]
        updated = index["updated"]
        type = index["type"]
        let mapped: Set<String> = ["time", "latitude", "longitude", "depth", "mag", "magType", "id", "place"]
        properties = names.enumerated().compactMap { position, name in
            guard !mapped.contains(name) else { return nil }
            let kind: Property.Kind = Self.numericProperties.contains(name) ? .number : (name == "updated" ? .timestamp : .text)
            return Property(name: name, index: position, kind: kind)
        }
    }
}

extension String {
    /// Without leading and trailing spaces and tabs.
    fileprivate var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}

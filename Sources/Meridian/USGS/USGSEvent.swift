/// One event of the USGS catalogue, read from a record of the FDSN event CSV format and checked
/// against what the `earthquakes` table accepts.
///
/// ```swift
/// let columns = try USGSCatalogueColumns(header: header)
/// let event = try USGSEvent(record, columns: columns)
/// ```
///
/// `time` becomes ``occurredAt`` (ISO 8601 in UTC, kept to the microsecond; a time without a
/// zone is read as UTC, as FDSN specifies), `latitude`/`longitude` the ``location``, `depth`
/// ``depthKm``, `mag` ``magnitude``, `magType` ``magnitudeType``, `id` ``usgsID`` and `place`
/// ``place``. Every other column goes into ``properties`` under its header name, empty fields
/// left out: the numeric ones (`nst`, `gap`, `dmin`, `rms`, the errors, `magNst`) as JSON
/// numbers with their digits kept, `updated` as a timestamp in Meridian's fixed-width form
/// (`2024-01-01T07:25:04.040000Z`, so that text order is time order), the rest as strings.
public struct USGSEvent: Sendable, Hashable {
    public var usgsID: String
    public var occurredAt: Timestamp
    public var latitude: Double
    public var longitude: Double
    public var depthKm: Double?
    public var magnitude: Double
    public var magnitudeType: String?
    public var place: String?
    /// When USGS last revised the event; a load replaces a stored event only with a later one.
    public var updated: Timestamp?
    public var properties: JSONObject

    /// The ranges the `earthquakes` table's CHECK constraints allow.
    public static let magnitudeRange = -2.0...10.0
    public static let depthRange = -10.0...800.0

    /// The event in `record`; throws the reason the record cannot be loaded.
    public init(_ record: CSVRecord, columns: USGSCatalogueColumns) throws(USGSRowError) {
        if let problem = record.problem { throw USGSRowError(problem.description) }
        guard record.count == columns.count else {
            throw USGSRowError("has \(record.count) fields; the header has \(columns.count)")
        }
        guard let id = try Self.text(record, columns.id, "id") else { throw USGSRowError("id is empty") }
        guard let time = try Self.timestamp(record, columns.time, "time") else { throw USGSRowError("time is empty") }
        guard let latitude = try Self.number(record, columns.latitude, "latitude", in: -90...90) else {
            throw USGSRowError("latitude is empty")
        }
        guard let longitude = try Self.number(record, columns.longitude, "longitude", in: -180...180) else {
            throw USGSRowError("longitude is empty")
        }
        guard let magnitude = try Self.number(record, columns.mag, "mag", in: Self.magnitudeRange) else {
            throw USGSRowError("mag is empty; the earthquakes table needs a magnitude")
        }
        usgsID = id
        occurredAt = time
        self.latitude = latitude
        self.longitude = longitude
        self.magnitude = magnitude
        depthKm = if let index = columns.depth { try Self.number(record, index, "depth", in: Self.depthRange) } else { nil }
        magnitudeType = if let index = columns.magType { try Self.text(record, index, "magType") } else { nil }
        place = if let index = columns.place { try Self.text(record, index, "place") } else { nil }
        updated = nil
        var members: [(String, JSON)] = []
        members.reserveCapacity(columns.properties.count)
        for property in columns.properties {
            guard let text = try Self.text(record, property.index, property.name) else { continue }
            switch property.kind {
            case .text:
                members.append((property.name, .string(text)))
            case .number:
                guard let number = JSONNumber(literal: text) ?? Self.double(text).flatMap(JSONNumber.init) else {
                    throw USGSRowError("\(property.name) \(Self.quoted(text)) is not a number")
                }
                members.append((property.name, .number(number)))
            case .timestamp:
                guard let instant = Self.parseTimestamp(text) else { throw Self.notATime(property.name, text) }
                updated = instant
                members.append((property.name, .string(instant.iso8601)))
            }
        }
        properties = JSONObject(members)
    }

    /// The `type` field of `record` (`earthquake`, `quarry blast`, …), or `nil` when the file
    /// has no such column or the record is too short to have it.
    public static func type(of record: CSVRecord, columns: USGSCatalogueColumns) -> String? {
        guard let index = columns.type, index < record.count else { return nil }
        return record.field(at: index)
    }

    /// The event's point: longitude and latitude in WGS84 (SRID 4326).
    public var location: Geometry { .point(x: longitude, y: latitude, srid: 4326) }

    // MARK: - Fields

    /// The field's text, or `nil` when it is empty; throws for bytes that are not UTF-8 or hold NUL.
    private static func text(_ record: CSVRecord, _ index: Int, _ name: String) throws(USGSRowError) -> String? {
        if record.isEmpty(at: index) { return nil }
        guard let text = record.field(at: index) else { throw USGSRowError("\(name) is not valid UTF-8") }
        guard !record.bytes(at: index).contains(0) else { throw USGSRowError("\(name) contains a NUL character") }
        return text
    }

    private static func number(_ record: CSVRecord, _ index: Int, _ name: String, in range: ClosedRange<Double>) throws(USGSRowError) -> Double? {
        guard let text = try text(record, index, name) else { return nil }
        guard let value = double(text) else { throw USGSRowError("\(name) \(quoted(text)) is not a number") }
        guard range.contains(value) else { throw USGSRowError("\(name) \(text) is outside \(bound(range.lowerBound))…\(bound(range.upperBound))") }
        return value
    }

    private static func timestamp(_ record: CSVRecord, _ index: Int, _ name: String) throws(USGSRowError) -> Timestamp? {
        guard let text = try text(record, index, name) else { return nil }
        guard let instant = parseTimestamp(text) else { throw notATime(name, text) }
        return instant
    }

    /// A finite decimal number (`12.5`, `-0.3`, `1e-3`); not `nan`, `inf` or hexadecimal.
    static func double(_ text: String) -> Double? {
        guard text.utf8.allSatisfy({ (48...57).contains($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }),
              let value = Double(text), value.isFinite
        else { return nil }
        return value
    }

    /// ISO 8601 in UTC: `2024-01-01T07:10:09.476Z`, up to six decimals; without a zone it is UTC.
    static func parseTimestamp(_ text: String) -> Timestamp? {
        if let last = text.utf8.last, (48...57).contains(last) { return Timestamp(iso8601: text + "Z") }
        return Timestamp(iso8601: text)
    }

    private static func notATime(_ name: String, _ text: String) -> USGSRowError {
        USGSRowError("\(name) \(quoted(text)) is not a UTC time such as 2024-01-01T07:10:09.476Z")
    }

    private static func quoted(_ text: String) -> String {
        "\"" + (text.count > 40 ? text.prefix(40) + "…" : text) + "\""
    }

    private static func bound(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}

/// Why one record of a USGS catalogue file cannot be loaded.
public struct USGSRowError: Error, Sendable, Hashable, CustomStringConvertible {
    public let reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}

import Foundation

/// One fixture file: rows for one table, as JSON.
///
/// A `.json` file holds `{"table": "stations", "rows": [{"id": 1, …}, …]}`. Values are
/// JSON by logical type: numbers, strings, booleans; timestamps and dates as ISO text; UUIDs
/// as text; bytes as base64; geometry as GeoJSON; `json` columns as any JSON value.
public struct FixtureFile: Sendable, Equatable {
    public var path: String
    public var table: String
    public var rows: [JSONObject]

    public init(path: String, table: String, rows: [JSONObject]) {
        self.path = path
        self.table = table
        self.rows = rows
    }

    /// The `.json` files under `directory` and its subfolders, in path order; hidden files and
    /// folders are skipped. ``FixtureLoader`` orders the tables by their foreign keys, so the
    /// names need no numbering.
    public static func load(directory: String) throws(FixtureError) -> [FixtureFile] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue,
              let enumerator = FileManager.default.enumerator(atPath: directory)
        else { throw .unreadable(path: directory, reason: "no such folder; check --fixtures") }
        var paths: [String] = []
        while let relative = enumerator.nextObject() as? String {
            if (relative as NSString).lastPathComponent.hasPrefix(".") {
                enumerator.skipDescendants()
            } else if relative.hasSuffix(".json") {
                paths.append(relative)
            }
        }
        var files: [FixtureFile] = []
        for relative in paths.sorted() {
            files.append(try parse((directory as NSString).appendingPathComponent(relative)))
        }
        return files
    }

    /// Reads one file; a NUL byte or invalid JSON is refused naming its line and column.
    static func parse(_ path: String) throws(FixtureError) -> FixtureFile {
        let text: String
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(path: path, reason: "it could not be opened; check its permissions")
        }
        let bytes = data.starts(with: [0xEF, 0xBB, 0xBF]) ? data.dropFirst(3) : data[...]  // a byte order mark
        guard let decoded = String(validating: bytes, as: UTF8.self) else {
            let position = TextPosition.firstInvalidUTF8(in: bytes) ?? TextPosition(line: 1, column: 1)
            throw .unreadable(path: path, reason: "\(position) holds a byte that is not UTF-8: save the file as UTF-8")
        }
        text = decoded
        if let nul = TextPosition.firstNUL(in: text) {
            throw .unreadable(path: path, reason: "\(nul) holds a NUL byte (U+0000), which neither database can store: remove it")
        }
        let document: JSON
        do { document = try JSON(parsingRejectingDuplicateKeys: text) } catch {
            throw .unreadable(path: path, reason: "invalid JSON at \(TextPosition(utf8Offset: error.offset, in: text.utf8)): \(error.reason)")
        }
        guard case .object(let object) = document, case .string(let table)? = object["table"],
              case .array(let rows)? = object["rows"]
        else { throw .unreadable(path: path, reason: "expected {\"table\": NAME, \"rows\": [ … ]}") }
        var objects: [JSONObject] = []
        for (index, row) in rows.enumerated() {
            guard case .object(let values) = row else {
                throw .badValue(path: path, row: index, column: "", reason: "each row is a JSON object of column values")
            }
            objects.append(values)
        }
        return FixtureFile(path: path, table: table, rows: objects)
    }
}

/// Why fixtures could not be loaded; each names the file, and the row and column where known.
public enum FixtureError: Error, Sendable, Equatable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case unknownTable(path: String, table: String)
    case unknownColumn(path: String, row: Int, column: String, table: String)
    case badValue(path: String, row: Int, column: String, reason: String)
    case unordered(reason: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): "\(path): \(reason)"
        case .unknownTable(let path, let table): "\(path): table \(table) does not exist; apply the migrations first (meridian migrate up)"
        case .unknownColumn(let path, let row, let column, let table): "\(path): row \(row + 1): table \(table) has no column \(column)"
        case .badValue(let path, let row, let column, let reason): "\(path): row \(row + 1)\(column.isEmpty ? "" : ", column \(column)"): \(reason)"
        case .unordered(let reason): "fixtures: \(reason)"
        }
    }
}

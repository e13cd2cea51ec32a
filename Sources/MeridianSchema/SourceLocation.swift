/// A place in a schema file: the file's path, and the line and column (from 1) of a YAML node.
///
/// ```swift
/// SourceLocation(file: "schema.yaml", line: 12, column: 7).description   // "schema.yaml:12:7"
/// ```
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }
}

/// Where each part of a loaded schema was written, by its path in the file
/// (`tables.earthquakes.columns.id.default`), so that validation can point at it.
public struct SourceMap: Sendable {
    var file: String
    var locations: [String: SourceLocation] = [:]

    init(file: String) { self.file = file }

    /// The location of `path`, else of its nearest enclosing part, else the file's start.
    public func location(_ path: String) -> SourceLocation {
        var path = Substring(path)
        while true {
            if let location = locations[String(path)] { return location }
            guard let dot = path.lastIndex(of: ".") else { return SourceLocation(file: file, line: 1, column: 1) }
            path = path[..<dot]
        }
    }
}

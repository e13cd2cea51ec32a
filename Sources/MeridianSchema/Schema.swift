import Foundation
import Meridian

/// A database schema declared once, in the value contract's logical types, and rendered for
/// SQLite + SpatiaLite and PostgreSQL + PostGIS alike: the model of a schema file.
///
/// ```swift
/// let schema = try Schema.load(path: "schema.yaml")   // throws SchemaError naming file:line:column
/// try schema.validate()                               // every problem at once, as SchemaError
/// for statement in try schema.statements(for: SQLiteDialect()) {
///     try connection.execute(statement.sql)
/// }
/// ```
///
/// A schema file is YAML (the format is `schema/meridian-schema.json`, a JSON Schema editors
/// use to complete and check it):
///
/// ```yaml
/// tables:
///   stations:
///     columns:
///       id: int                                   # NOT NULL unless `nullable: true`
///       code: {type: text, check: "length(code) BETWEEN 3 AND 8"}
///       kind: {type: enum, values: [seismic, tidal]}
///       location: {type: geometry, shape: point, srid: 4326}
///       updated_at: {type: timestamp, default: now, on_update: now}
///     primary_key: [id]
///     indexes:
///       - {columns: [location], spatial: true}
/// ```
///
/// Tables render in an order where each follows the tables its foreign keys reference; views
/// and functions in the order of the file.
public struct Schema: Sendable {
    public var tables: [Table]
    public var views: [View]
    public var functions: [Function]
    /// PostgreSQL roles; SQLite has none, and renders nothing for them.
    public var roles: [Role]
    /// Where each part was written; empty for a schema built in code.
    public var sourceMap: SourceMap

    public init(tables: [Table] = [], views: [View] = [], functions: [Function] = [], roles: [Role] = [], file: String = "(schema)") {
        self.tables = tables
        self.views = views
        self.functions = functions
        self.roles = roles
        self.sourceMap = SourceMap(file: file)
    }

    /// The table named `name`, or `nil`.
    public func table(_ name: String) -> Table? { tables.first { $0.name == name } }

    /// Reads a schema file.
    ///
    /// - Throws: ``SchemaError`` with every problem of the file's form (YAML syntax, unknown
    ///   keys, values of the wrong kind, a byte that is not UTF-8), each at its line and column;
    ///   an error of `FileManager` when the file cannot be read. Call ``validate()`` for what the parts say together.
    public static func load(path: String) throws -> Schema {
        guard let data = FileManager.default.contents(atPath: path) else {
            // The error of FileManager says why (missing, a folder, permissions) and names the path.
            return try load(yaml: String(contentsOfFile: path, encoding: .utf8), file: path)
        }
        let bytes = data.starts(with: [0xEF, 0xBB, 0xBF]) ? data.dropFirst(3) : data[...]  // a byte order mark
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let position = TextPosition.firstInvalidUTF8(in: bytes) ?? TextPosition(line: 1, column: 1)
            throw SchemaError([SchemaProblem(
                SourceLocation(file: path, line: position.line, column: position.column),
                "a byte that is not UTF-8", fix: "save the file as UTF-8")])
        }
        return try load(yaml: text, file: path)
    }

    /// Reads a schema file's text; `file` names it in problems.
    public static func load(yaml: String, file: String = "schema.yaml") throws(SchemaError) -> Schema {
        var reader = SchemaFileReader(file: file)
        return try reader.read(yaml)
    }
}

extension Schema: Equatable {
    /// Two schemas are equal when they declare the same; where they were written does not count.
    public static func == (a: Schema, b: Schema) -> Bool {
        a.tables == b.tables && a.views == b.views && a.functions == b.functions && a.roles == b.roles
    }
}

/// SQL written for each dialect: view bodies, functions, and CHECKs outside the portable subset.
///
/// ```yaml
/// sql: "SELECT id FROM alerts WHERE NOT acknowledged"             # the same on both
/// sql: {sqlite: "SELECT … meridian_now() …", postgres: "SELECT … now() …"}
/// ```
///
/// Each text is found by its dialect's ``SQLDialect/schemaFileKey`` (`sqlite`, `postgres`).
public struct DialectSQL: Sendable, Equatable {
    /// The text for each dialect, by ``SQLDialect/schemaFileKey``.
    public var texts: [String: String]

    public init(sqlite: String?, postgres: String?) {
        texts = [:]
        texts["sqlite"] = sqlite
        texts["postgres"] = postgres
    }

    /// The same text for both dialects.
    public init(_ both: String) { self.init(sqlite: both, postgres: both) }

    public var sqlite: String? { texts["sqlite"] }
    public var postgres: String? { texts["postgres"] }

    /// The text for `dialect`, or `nil` when the file gives none.
    public func text(for dialect: any SQLDialect) -> String? { texts[dialect.schemaFileKey] }

    /// The keys a schema file may use, one per dialect.
    static let keys = ["sqlite", "postgres"]
}

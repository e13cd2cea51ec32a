import Foundation
import Meridian

/// The SQLite + SpatiaLite dialect.
///
/// Declared types carry the logical type for reading back (`TIMESTAMP TEXT`, `UUID TEXT`, …) and
/// contain `TEXT` where the value is text, so SQLite gives the column TEXT affinity: a column
/// declared `JSONB` alone gets NUMERIC affinity and turns the document `'123'` into the number
/// 123. CHECK constraints hold each column to the contract's storage form.
public struct SQLiteDialect: SQLDialect {
    public init() {}

    public var name: String { "SQLite" }

    public var schemaFileKey: String { "sqlite" }

    public var beginTransactionSQL: String { "BEGIN IMMEDIATE" }

    public var tableExistsSQL: String { "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = $1" }

    /// SpatiaLite's management functions print to stderr and return 0 when they fail.
    ///
    /// Matched by hand over the UTF-8 bytes (leading comments, `SELECT`, the function's name,
    /// `(`): a regular expression here cost a few milliseconds per migration run.
    public func returnsSuccessFlag(_ statement: String) -> Bool {
        let s = Array(statement.utf8)
        var i = 0
        func skipSpaceAndComments() {
            while i < s.count {
                if s[i] == 0x20 || (0x09...0x0D).contains(s[i]) {
                    i += 1
                } else if s[i] == UInt8(ascii: "-"), i + 1 < s.count, s[i + 1] == UInt8(ascii: "-") {
                    while i < s.count, s[i] != 0x0A { i += 1 }
                } else if s[i] == UInt8(ascii: "/"), i + 1 < s.count, s[i + 1] == UInt8(ascii: "*") {
                    i += 2
                    while i + 1 < s.count, !(s[i] == UInt8(ascii: "*") && s[i + 1] == UInt8(ascii: "/")) { i += 1 }
                    i += 2
                } else {
                    return
                }
            }
        }
        func word() -> String {
            let start = i
            while i < s.count, (0x30...0x39).contains(s[i]) || (0x41...0x5A).contains(s[i]) || (0x61...0x7A).contains(s[i]) || s[i] == 0x5F {
                i += 1
            }
            return String(decoding: s[start..<i], as: UTF8.self).lowercased()
        }
        skipSpaceAndComments()
        guard word() == "select" else { return false }
        skipSpaceAndComments()
        guard Self.managementFunctions.contains(word()) else { return false }
        skipSpaceAndComments()
        return i < s.count && s[i] == UInt8(ascii: "(")
    }

    /// SpatiaLite's functions that print their errors and return 0.
    private static let managementFunctions: Set<String> = [
        "addgeometrycolumn", "recovergeometrycolumn", "discardgeometrycolumn", "createspatialindex", "creatembrcache",
        "disablespatialindex", "recoverspatialindex", "initspatialmetadata", "dropgeotable", "droptable",
        "renametable", "renamecolumn", "updatelayerstatistics",
    ]

    /// Rowid keys continue from the largest value by themselves.
    public func sequenceResetSQL(table: String, column: String) -> String? { nil }

    public func booleanLiteral(_ value: Bool) -> String { value ? "1" : "0" }

    public var identityClause: String? { nil }

    public func updatedAtFunction(column: String) -> SchemaStatement? { nil }

    /// `AFTER UPDATE … WHEN NEW.updated_at IS OLD.updated_at`: SQLite triggers cannot change
    /// `NEW`, so the trigger updates the row again; the second update sets the column and
    /// does not fire it again.
    public func updatedAtTrigger(table: String, column: String, key: [String]) -> [SchemaStatement] {
        let match = key.map { "\(quote($0)) = NEW.\(quote($0))" }.joined(separator: " AND ")
        return [
            .execute(
                """
                CREATE TRIGGER \(quote("\(table)_set_\(column)")) AFTER UPDATE ON \(quote(table)) FOR EACH ROW WHEN NEW.\(quote(column)) IS OLD.\(quote(column))
                BEGIN
                    UPDATE \(quote(table)) SET \(quote(column)) = now() WHERE \(match);
                END
                """)
        ]
    }

    public func roleStatements(_ role: RoleDefinition) -> [SchemaStatement] { [] }

    public func comment(on relation: String, kind: RelationKind, column: String?, text: String) -> SchemaStatement? { nil }

    /// `$n` becomes `?n`: SQLite reads `$1` as a *named* parameter numbered by first
    /// appearance, so `$2 … $1` would bind the wrong values.
    public func renderPlaceholders(_ sql: String, _ scan: PlaceholderScan) -> String {
        scan.rewrite(sql) { "?\($0)" }
    }

    public func columnType(_ type: LogicalType) -> String {
        switch type {
        case .int: "INTEGER"
        case .double: "REAL"
        case .text, .enumeration: "TEXT"
        case .bool: "BOOLEAN"
        case .uuid: "UUID TEXT"
        case .timestamp: "TIMESTAMP TEXT"
        case .date: "DATE TEXT"
        case .json: "JSON TEXT"
        case .bytes: "BLOB"
        case .geometry(let type, _): type.rawValue
        }
    }

    public func contractCheck(column: String, type: LogicalType) -> String? {
        let digit = "[0-9]"
        let hex = "[0-9a-f]"
        func repeated(_ pattern: String, _ n: Int) -> String { String(repeating: pattern, count: n) }
        switch type {
        case .bool:
            return "\(column) IN (0, 1)"
        case .uuid:
            let glob = [8, 4, 4, 4, 12].map { repeated(hex, $0) }.joined(separator: "-")
            return "length(\(column)) = 36 AND \(column) GLOB '\(glob)'"
        case .timestamp:
            let d = { repeated(digit, $0) }
            return "length(\(column)) = 27 AND \(column) GLOB '\(d(4))-\(d(2))-\(d(2))T\(d(2)):\(d(2)):\(d(2)).\(d(6))Z'"
        case .date:
            return "length(\(column)) = 10 AND \(column) GLOB '\(repeated(digit, 4))-\(repeated(digit, 2))-\(repeated(digit, 2))'"
        case .json:
            // json_valid(NULL) is 0 before SQLite 3.45, which would forbid NULL in nullable columns.
            return "\(column) IS NULL OR json_valid(\(column))"
        case .int, .double, .text, .bytes, .geometry, .enumeration:
            return nil
        }
    }

    /// SpatiaLite geometry columns are registered by `AddGeometryColumn`, which also installs
    /// the triggers that check type and SRID; it refuses STRICT tables.
    public func addGeometryColumn(table: String, column: ColumnDefinition, type: GeometryColumnType, srid: Int32) -> [SchemaStatement]? {
        let sql = "SELECT AddGeometryColumn(\(literal(table)), \(literal(column.name)), \(srid), '\(type.rawValue)', 'XY', \(column.nullable ? 0 : 1))"
        return [.expectTrue(sql, failure: "SpatiaLite could not add geometry column \(table).\(column.name) (\(type.rawValue), SRID \(srid)): check that the table exists, the SRID is in spatial_ref_sys and the column is new")]
    }

    public func spatialIndex(table: String, column: String) -> SchemaStatement {
        .expectTrue(
            "SELECT CreateSpatialIndex(\(literal(table)), \(literal(column)))",
            failure: "SpatiaLite could not create the spatial index on \(table).\(column)"
        )
    }

    /// SpatiaLite [`MakePoint(x, y, srid)`](https://www.gaia-gis.it/gaia-sins/spatialite-sql-latest.html).
    public func geographicPoint(longitude: String, latitude: String) -> String {
        "MakePoint(\(longitude), \(latitude), 4326)"
    }

    /// SpatiaLite [`PtDistWithin(a, b, metres, 1)`](https://www.gaia-gis.it/gaia-sins/spatialite-sql-latest.html):
    /// with its last argument 1 it measures on the
    /// ellipsoid (GeographicLib), agreeing with PostGIS geography to 1e-8 m; 0 would use a
    /// sphere. It returns NULL for NULL or malformed input, and SpatiaLite's predicates answer
    /// -1 on errors (`ST_Intersects` on a bad blob), which SQLite's WHERE would take as true;
    /// `= 1` counts only a true answer.
    public func withinDistance(_ a: String, _ b: String, meters: String) -> String {
        "PtDistWithin(\(a), \(b), \(meters), 1) = 1"
    }

    /// SpatiaLite `PtDistWithin(a, b, m, 0)`: great-circle metres.
    public func withinSphericalDistance(_ a: String, _ b: String, meters: String) -> String {
        "PtDistWithin(\(a), \(b), \(meters), 0) = 1"
    }

    /// `PtDistWithin(…, 0)` costs about a third of `PtDistWithin(…, 1)`, which dominates a search.
    public var radiusSearchTestsGreatCircleFirst: Bool { true }

    /// SpatiaLite `ST_Distance(a, b, 1)`: metres on the ellipsoid for two SRID 4326 points.
    public func geodesicDistance(_ a: String, _ b: String) -> String {
        "ST_Distance(\(a), \(b), 1)"
    }

    /// SpatiaLite keeps each spatial index as an SQLite R*Tree, `idx_<table>_<column>(pkid,
    /// xmin, xmax, ymin, ymax)` whose `pkid` is the row's rowid, and reads it only when a query
    /// names it. One range query per box, joined by `UNION ALL`, so each is a plain R*Tree
    /// search on any SQLite version; the rows are matched on `rowid`, which needs no key column
    /// (an INTEGER PRIMARY KEY is the rowid under another name; a column of the table's own
    /// named `rowid` would hide it).
    public func spatialIndexFilter(table: String, column: String, boxes: [GeodesicBox], bind: (Double) -> String) -> String {
        let index = quote(Self.spatialIndexTable(table: table, column: column))
        let searches = boxes.map { box in
            "SELECT pkid FROM \(index) WHERE xmax >= \(bind(box.minLongitude)) AND xmin <= \(bind(box.maxLongitude)) AND ymax >= \(bind(box.minLatitude)) AND ymin <= \(bind(box.maxLatitude))"
        }
        guard !searches.isEmpty else { return "0 = 1" }
        return "\(quote(table)).rowid IN (\(searches.joined(separator: " UNION ALL ")))"
    }

    /// The R*Tree virtual table SpatiaLite's `CreateSpatialIndex` builds for a column.
    public static func spatialIndexTable(table: String, column: String) -> String { "idx_\(table)_\(column)" }

    public func spatialIndexTable(table: String, column: String) -> String? { Self.spatialIndexTable(table: table, column: column) }

    /// `PtDistWithin` never reads the R*Tree; ``spatialIndexFilter(table:column:boxes:bind:)`` does.
    public var withinDistanceUsesSpatialIndex: Bool { false }

    /// SpatiaLite [`ST_X`](https://www.gaia-gis.it/gaia-sins/spatialite-sql-latest.html).
    public func longitude(_ point: String) -> String { "ST_X(\(point))" }

    /// SpatiaLite `ST_Y`.
    public func latitude(_ point: String) -> String { "ST_Y(\(point))" }

    /// A cast, which truncates: `floor()` exists only in SQLite builds with math functions.
    public func integerPart(_ nonNegative: String) -> String { "CAST(\(nonNegative) AS INTEGER)" }
}

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

    public var beginTransactionSQL: String { "BEGIN IMMEDIATE" }

    public var tableExistsSQL: String { "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = $1" }

    /// SpatiaLite's management functions print to stderr and return 0 when they fail.
    public func returnsSuccessFlag(_ statement: String) -> Bool {
        statement.range(of: Self.managementCall, options: [.regularExpression, .caseInsensitive]) != nil
    }

    private static let managementCall =
        #"^(?:\s|--[^\n]*\n|/\*[\s\S]*?\*/)*SELECT\s+(AddGeometryColumn|RecoverGeometryColumn|DiscardGeometryColumn|CreateSpatialIndex|CreateMbrCache|DisableSpatialIndex|RecoverSpatialIndex|InitSpatialMetadata|DropGeoTable|DropTable|UpdateLayerStatistics)\s*\("#

    /// Rowid keys continue from the largest value by themselves.
    public func sequenceResetSQL(table: String, column: String) -> String? { nil }

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
}

import Foundation
import Meridian
import XCTest

/// Tables the parity cases share, defined once and rendered by each dialect.
enum Fixtures {
    static let logicalTypes: [(String, LogicalType)] = [
        ("i", .int), ("d", .double), ("t", .text), ("b", .bool), ("u", .uuid), ("ts", .timestamp),
        ("dt", .date), ("j", .json), ("by", .bytes),
    ]

    /// One nullable column per non-spatial logical type, plus an id.
    static let values = TableDefinition(
        "value_samples",
        columns: [.init("id", .int, nullable: false)] + logicalTypes.map { .init($0.0, $0.1) },
        primaryKey: ["id"])

    static func shapes(_ type: GeometryColumnType, srid: Int32 = 4326) -> TableDefinition {
        TableDefinition(
            "shapes", columns: [.init("id", .int, nullable: false), .init("g", .geometry(type, srid: srid))],
            primaryKey: ["id"])
    }

    static let stations = TableDefinition(
        "stations",
        columns: [
            .init("id", .int, nullable: false),
            .init("code", .text, nullable: false),
            .init("name", .text),
            .init("elevation_m", .double),
            .init("kind", .enumeration(["seismic", "magnetic", "solar"]), nullable: false),
        ],
        primaryKey: ["id"],
        unique: [.init("stations_code_key", ["code"])],
        checks: [.init("stations_elevation_check", "elevation_m > -500")])

    static let readings = TableDefinition(
        "readings",
        columns: [
            .init("id", .int, nullable: false),
            .init("station_id", .int, nullable: false),
            .init("value", .double),
        ],
        primaryKey: ["id"],
        foreignKeys: [.init("readings_station_fkey", ["station_id"], references: "stations", ["id"], onDelete: .cascade)])

    static let notes = TableDefinition(
        "notes",
        columns: [.init("id", .int, nullable: false), .init("station_id", .int), .init("body", .text)],
        primaryKey: ["id"],
        foreignKeys: [.init("notes_station_fkey", ["station_id"], references: "stations", ["id"], onDelete: .restrict)])

    /// `stations` with two rows: 1 KEV and 2 ABK.
    static func twoStations(_ db: any DatabaseConnection) throws {
        try db.create(stations)
        try db.execute("INSERT INTO stations (id, code, kind) VALUES (1, 'KEV', 'solar'), (2, 'ABK', 'solar')")
    }

    /// Writes `value` into column `column` of `value_samples` and reads it back as `T`.
    static func roundTrip<T: DatabaseValueConvertible>(
        _ db: any DatabaseConnection, column: String, _ value: DatabaseValue, as type: T.Type = T.self, id: Int64 = 1
    ) throws -> T {
        try db.execute("INSERT INTO value_samples (id, \(column)) VALUES ($1, $2)", [.int(id), value])
        return try XCTUnwrap(try db.fetchValue(T.self, "SELECT \(column) FROM value_samples WHERE id = $1", [.int(id)]))
    }

    /// The error `body` throws, which must be a ``DatabaseError``.
    static func databaseError(_ body: () throws -> Void, file: StaticString = #filePath, line: UInt = #line) -> DatabaseError? {
        do {
            try body()
            XCTFail("expected a DatabaseError, but nothing was thrown", file: file, line: line)
        } catch let error as DatabaseError {
            return error
        } catch {
            XCTFail("expected a DatabaseError, got \(error)", file: file, line: line)
        }
        return nil
    }

    static func count(_ db: any DatabaseConnection, _ table: String) throws -> Int64 {
        try db.fetchValue(Int64.self, "SELECT count(*) FROM \(table)") ?? -1
    }
}

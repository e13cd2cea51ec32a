import CMeridianSQLite
import Foundation
import Meridian

/// Loading SpatiaLite into a connection and creating its metadata when a database needs it.
enum SpatiaLite {
    /// The extension to load: `MERIDIAN_SPATIALITE_PATH` if set (Homebrew installs it outside
    /// the loader's search path), else `mod_spatialite` found by the system loader.
    static let libraryPath = ProcessInfo.processInfo.environment["MERIDIAN_SPATIALITE_PATH"].flatMap { $0.isEmpty ? nil : $0 }
        ?? "mod_spatialite"

    /// Loads SpatiaLite (about 20 ms for the first connection of a process, 1–3 ms after),
    /// then switches extension loading off again so SQL cannot load other libraries.
    static func load(into connection: SQLiteConnection) throws {
        let db = connection.handle
        sqlite3_enable_load_extension(db, 1)
        defer { sqlite3_enable_load_extension(db, 0) }
        var message: UnsafeMutablePointer<CChar>?
        let code = sqlite3_load_extension(db, libraryPath, nil, &message)
        defer { sqlite3_free(message) }
        guard code == SQLITE_OK else {
            let detail = message.map { String(cString: $0) } ?? "unknown error"
            throw DatabaseError(
                .connection,
                "cannot load SpatiaLite (\(libraryPath)): install libsqlite3-mod-spatialite (Debian) or libspatialite (Homebrew), or set MERIDIAN_SPATIALITE_PATH to mod_spatialite's full path",
                nativeCode: "\(code)", nativeMessage: detail)
        }
    }

    /// Creates SpatiaLite's metadata tables unless they exist.
    ///
    /// `InitSpatialMetadata` with no arguments inserts 6,215 reference systems one transaction
    /// each (8–10 s on a file in SQLite's default journal mode, 0.2 s in WAL); with the `'WGS84'`
    /// mode it inserts only the WGS84 family (129 systems: 4326 and its UTM zones) in about
    /// 8 ms (`meridian-bench spatial-metadata`), which keeps ellipsoidal distances
    /// working ('NONE' would make them NULL). The function reports failure by returning 0, not
    /// by raising, so the result is checked.
    ///
    /// The test and the set-up run in one writing transaction (`BEGIN IMMEDIATE`, or a
    /// savepoint inside the caller's), with `InitSpatialMetadata`'s own transaction turned off
    /// by its first argument: a second process waits for the write lock and then finds the
    /// tables, where a test outside the lock would let both create them and one fail.
    static func ensureMetadata(on connection: SQLiteConnection) throws {
        guard try !connection.hasSpatialMetadata() else { return }
        try connection.transaction {
            guard try !connection.hasSpatialMetadata() else { return }
            try connection.run(.expectTrue(
                "SELECT InitSpatialMetadata(0, 'WGS84')",
                failure: "SpatiaLite could not create its metadata tables (InitSpatialMetadata returned 0)"))
        }
    }

    /// Whether `sql` may call one of SpatiaLite's functions that write the file from inside a
    /// `SELECT`: metadata, geometry columns, spatial indexes, statistics, imports
    /// (`InitSpatialMetadata`, `AddGeometryColumn`, `CreateSpatialIndex`,
    /// `UpdateLayerStatistics`, `DropTable`, `ImportSHP`, `gpkgCreateBaseTables`, …; see
    /// [SpatiaLite's SQL functions](https://www.gaia-gis.it/gaia-sins/spatialite-sql-latest.html)).
    ///
    /// SQLite judges only the statement (`sqlite3_stmt_readonly`), and such a function, run on
    /// a connection that cannot write, fails quietly (it returns 0). Judged by the name's verb,
    /// so a function that only reads may be taken for one that writes (`AddPoint`): that costs
    /// no more than opening the file for writing.
    static func mayWrite(_ sql: String) -> Bool {
        sql.range(of: writingFunctionCall, options: .regularExpression) != nil
    }

    private static let writingFunctionCall =
        #"(?i)\b(Init|Add|Create|Recover|Discard|Drop|Disable|Register|Unregister|Update|Invalidate|Rename|Clone|Import|Upgrade|gpkg)[A-Za-z0-9_]*\s*\("#

    /// The SpatiaLite version of a connection that loaded it.
    static func version(on connection: SQLiteConnection) throws -> String {
        try connection.fetchValue(String.self, "SELECT spatialite_version()") ?? "unknown"
    }
}

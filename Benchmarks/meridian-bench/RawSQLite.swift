import CMeridianSQLite

/// Setup helpers for the peers' bare `sqlite3*` handles: opening, scripts, errors.
///
/// The peers' measured loops call the sqlite3 C API directly; only setup and checking go
/// through these helpers.
enum RawSQLite {
    /// Opens (creating) `path` with the open flags Meridian uses.
    ///
    /// - Parameters:
    ///   - spatiaLite: load `mod_spatialite`, as `SQLiteConnection` does by default.
    ///   - walLikeMeridian: `journal_mode = WAL` and `synchronous = NORMAL`, Meridian's file
    ///     settings, so a write benchmark compares the code and not the journaling.
    static func open(_ path: String, spatiaLite: Bool = false, walLikeMeridian: Bool = false) throws -> OpaquePointer {
        var db: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let code = sqlite3_open_v2(path, &db, flags, nil)
        guard code == SQLITE_OK, let db else {
            if let db { sqlite3_close_v2(db) }
            throw BenchmarkError("cannot open \(path): SQLite error \(code)")
        }
        if spatiaLite {
            sqlite3_enable_load_extension(db, 1)
            var message: UnsafeMutablePointer<CChar>?
            let loaded = sqlite3_load_extension(db, "mod_spatialite", nil, &message)
            defer { sqlite3_free(message) }
            sqlite3_enable_load_extension(db, 0)
            guard loaded == SQLITE_OK else {
                sqlite3_close_v2(db)
                throw BenchmarkError("cannot load mod_spatialite: \(message.map { String(cString: $0) } ?? "\(loaded)")")
            }
        }
        if walLikeMeridian {
            try exec(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY")
        }
        return db
    }

    static func close(_ db: OpaquePointer) { sqlite3_close_v2(db) }

    /// Runs a script without parameters.
    static func exec(_ db: OpaquePointer, _ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(db, sql, nil, nil, &message)
        defer { sqlite3_free(message) }
        guard code == SQLITE_OK else {
            throw BenchmarkError("\(sql): \(message.map { String(cString: $0) } ?? "SQLite error \(code)")")
        }
    }

    static func prepare(_ db: OpaquePointer, _ sql: String) throws -> OpaquePointer {
        var stmt: OpaquePointer?
        let code = sqlite3_prepare_v2(db, sql, -1, &stmt, nil)
        guard code == SQLITE_OK, let stmt else { throw failure(db, sql) }
        return stmt
    }

    /// The first column of the first row of `sql` as text (`nil` for NULL or no row).
    static func text(_ db: OpaquePointer, _ sql: String) throws -> String? {
        let stmt = try prepare(db, sql)
        defer { sqlite3_finalize(stmt) }
        let code = sqlite3_step(stmt)
        guard code == SQLITE_ROW || code == SQLITE_DONE else { throw failure(db, sql) }
        guard code == SQLITE_ROW else { return nil }
        return text(stmt, 0)
    }

    /// The first column of every row of `sql` as text.
    static func column(_ db: OpaquePointer, _ sql: String) throws -> [String?] {
        let stmt = try prepare(db, sql)
        defer { sqlite3_finalize(stmt) }
        var values: [String?] = []
        var code = sqlite3_step(stmt)
        while code == SQLITE_ROW {
            values.append(text(stmt, 0))
            code = sqlite3_step(stmt)
        }
        guard code == SQLITE_DONE else { throw failure(db, sql) }
        return values
    }

    /// Column `index` of the current row as text, `nil` for NULL.
    static func text(_ stmt: OpaquePointer, _ index: Int32) -> String? {
        guard let bytes = sqlite3_column_text(stmt, index) else { return nil }
        let count = Int(sqlite3_column_bytes(stmt, index))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    /// Column `index` of the current row as bytes, `nil` for NULL.
    static func blob(_ stmt: OpaquePointer, _ index: Int32) -> [UInt8]? {
        guard sqlite3_column_type(stmt, index) != SQLITE_NULL else { return nil }
        let count = Int(sqlite3_column_bytes(stmt, index))
        guard count > 0, let base = sqlite3_column_blob(stmt, index) else { return [] }
        return [UInt8](UnsafeRawBufferPointer(start: base, count: count))
    }

    static func failure(_ db: OpaquePointer, _ sql: String) -> BenchmarkError {
        BenchmarkError("\(sql): \(String(cString: sqlite3_errmsg(db)))")
    }
}

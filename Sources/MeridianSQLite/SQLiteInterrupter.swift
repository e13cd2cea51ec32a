import CMeridianSQLite
import Meridian

/// Stops an SQLite connection's running statement with `sqlite3_interrupt`, which SQLite allows
/// from any thread while the connection is open; the statement then fails with
/// `SQLITE_INTERRUPT`.
///
/// `@unchecked Sendable`: the only use of the handle is `sqlite3_interrupt`, documented as safe to
/// call from other threads; its owner keeps the connection open while the interrupter is in use
/// (``Database`` async calls drop it before handing the connection back).
struct SQLiteInterrupter: StatementInterrupter, @unchecked Sendable {
    let handle: OpaquePointer

    func interrupt() { sqlite3_interrupt(handle) }
}

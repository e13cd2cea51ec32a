import CMeridianSQLite
import Foundation
import Meridian

/// PostgreSQL functions SQLite lacks, registered on every connection so that the same SQL runs
/// on both backends:
///
/// - `now()`: the current instant as the contract's fixed-width UTC text, the same for every call
///   within one transaction (an autocommit statement is one), as PostgreSQL's `now()` is the
///   transaction's start.
/// - `gen_random_uuid()`: a random version-4 UUID in canonical lowercase text.
/// - `meridian_now()`: `now()`, unless the connection pinned the clock
///   (``SQLiteConnection/pinClock(to:)``); the reference schema's migrations define the same
///   function on PostgreSQL.
/// - `calculate_distance_km(lat1, lon1, lat2, lon2)`: the geodesic distance on WGS84, which the
///   reference schema's migrations define on PostgreSQL (see `SQLiteFunctions+Distance.swift`).
final class SQLiteFunctions {
    /// The instant `now()` returns until the transaction ends; `nil` before its first call.
    private var transactionInstant: Timestamp?
    /// What `meridian_now()` returns instead of `now()`, while set.
    var pinnedInstant: Timestamp?
    /// UUIDs for `gen_random_uuid()`, drawn in bulk (``RandomUUIDs``): a default-keyed insert
    /// of many rows otherwise pays a read of the system's random source per row.
    private var uuids: [UUID] = []

    private func randomUUID() -> UUID {
        if uuids.isEmpty { uuids = RandomUUIDs.make(256) }
        return uuids.removeLast()
    }

    /// The bodies of the text functions, kept alive as the user data SQLite calls them with.
    private var textFunctions: [TextFunction] = []

    /// A zero-argument SQL function returning text, computed by a Swift closure.
    private final class TextFunction {
        let body: () -> String
        init(_ body: @escaping () -> String) { self.body = body }
    }

    /// Registers the functions and the hooks that end a transaction's instant. The connection
    /// keeps this object alive for as long as the handle is open.
    init(registeringOn db: OpaquePointer) throws {
        let context = Unmanaged.passUnretained(self).toOpaque()
        try registerText("now", on: db) { [unowned self] in now().iso8601 }
        try registerText("meridian_now", on: db) { [unowned self] in (pinnedInstant ?? now()).iso8601 }
        try registerText("gen_random_uuid", on: db) { [unowned self] in randomUUID().uuidString.lowercased() }
        try SQLiteFunctions.registerDistance(on: db)
        sqlite3_commit_hook(db, { context in
            Unmanaged<SQLiteFunctions>.fromOpaque(context!).takeUnretainedValue().transactionInstant = nil
            return 0
        }, context)
        sqlite3_rollback_hook(db, { context in
            Unmanaged<SQLiteFunctions>.fromOpaque(context!).takeUnretainedValue().transactionInstant = nil
        }, context)
    }

    /// Registers `name()` on `db`, returning what `body` computes on each call.
    private func registerText(_ name: String, on db: OpaquePointer, _ body: @escaping () -> String) throws {
        let function = TextFunction(body)
        textFunctions.append(function)
        let code = sqlite3_create_function_v2(
            db, name, 0, SQLITE_UTF8 | SQLITE_INNOCUOUS, Unmanaged.passUnretained(function).toOpaque(),
            { invocation, _, _ in
                let function = Unmanaged<TextFunction>.fromOpaque(sqlite3_user_data(invocation)!).takeUnretainedValue()
                SQLiteFunctions.result(function.body(), invocation)
            }, nil, nil, nil)
        guard code == SQLITE_OK else { throw DatabaseError(.other, "cannot register \(name)() on SQLite", nativeCode: "\(code)") }
    }

    /// The instant of the running statement's transaction, fixed on first use.
    private func now() -> Timestamp {
        if let transactionInstant { return transactionInstant }
        let instant = Timestamp.now()
        transactionInstant = instant
        return instant
    }

    /// Starts a new instant for a statement that runs in its own (autocommit) transaction:
    /// otherwise a read-only statement, which fires no commit hook, would leave its instant to
    /// the next one.
    func statementStartsTransaction() {
        transactionInstant = nil
    }

    private static func result(_ text: String, _ invocation: OpaquePointer?) {
        var text = text
        text.withUTF8 { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                sqlite3_result_text(invocation, $0, Int32(buffer.count), meridian_sqlite_transient())
            }
        }
    }
}

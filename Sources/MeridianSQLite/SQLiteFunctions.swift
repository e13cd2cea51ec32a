import CMeridianSQLite
import Foundation
import Meridian

/// PostgreSQL functions SQLite lacks, registered on every connection so that the same SQL runs
/// on both backends:
///
/// - `now()`: the current instant as the contract's fixed-width UTC text, the same for every call
///   within one transaction, as PostgreSQL's `now()` is the transaction's start.
/// - `gen_random_uuid()`: a random version-4 UUID in canonical lowercase text.
final class SQLiteFunctions {
    /// The instant `now()` returns until the transaction ends; `nil` outside a transaction.
    private var transactionInstant: Timestamp?

    /// Registers the functions and the hooks that end a transaction's instant. The connection
    /// keeps this object alive for as long as the handle is open.
    init(registeringOn db: OpaquePointer) throws {
        let context = Unmanaged.passUnretained(self).toOpaque()
        let flags = SQLITE_UTF8 | SQLITE_INNOCUOUS
        var code = sqlite3_create_function_v2(db, "now", 0, flags, context, { invocation, _, _ in
            let functions = Unmanaged<SQLiteFunctions>.fromOpaque(sqlite3_user_data(invocation)!).takeUnretainedValue()
            let db = sqlite3_context_db_handle(invocation)
            SQLiteFunctions.result(functions.now(inTransaction: sqlite3_get_autocommit(db) == 0).iso8601, invocation)
        }, nil, nil, nil)
        guard code == SQLITE_OK else { throw DatabaseError(.other, "cannot register now() on SQLite", nativeCode: "\(code)") }
        code = sqlite3_create_function_v2(db, "gen_random_uuid", 0, flags, nil, { invocation, _, _ in
            SQLiteFunctions.result(UUID().uuidString.lowercased(), invocation)
        }, nil, nil, nil)
        guard code == SQLITE_OK else { throw DatabaseError(.other, "cannot register gen_random_uuid() on SQLite", nativeCode: "\(code)") }
        sqlite3_commit_hook(db, { context in
            Unmanaged<SQLiteFunctions>.fromOpaque(context!).takeUnretainedValue().transactionInstant = nil
            return 0
        }, context)
        sqlite3_rollback_hook(db, { context in
            Unmanaged<SQLiteFunctions>.fromOpaque(context!).takeUnretainedValue().transactionInstant = nil
        }, context)
    }

    private func now(inTransaction: Bool) -> Timestamp {
        guard inTransaction else { return .now() }
        if let transactionInstant { return transactionInstant }
        let instant = Timestamp.now()
        transactionInstant = instant
        return instant
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

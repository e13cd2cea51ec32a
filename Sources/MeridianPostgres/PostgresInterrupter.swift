import CMeridianLibPQ
import Meridian

/// Stops a PostgreSQL session's running statement with libpq's `PQcancel`, which sends a cancel
/// request on a connection of its own and is safe to call from any thread; the statement then
/// fails with SQLSTATE 57014 (query_canceled).
///
/// `@unchecked Sendable`: it owns its `PGcancel` object, freed in `deinit`, and libpq documents
/// `PQcancel` as thread-safe.
final class PostgresInterrupter: StatementInterrupter, @unchecked Sendable {
    private let cancel: OpaquePointer?

    init(connection: OpaquePointer) {
        cancel = PQgetCancel(connection)
    }

    deinit { if let cancel { PQfreeCancel(cancel) } }

    func interrupt() {
        guard let cancel else { return }
        var message = [CChar](repeating: 0, count: 256)
        _ = PQcancel(cancel, &message, Int32(message.count))
    }
}

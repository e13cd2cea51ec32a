import Foundation
import Meridian
import MeridianPostgres
import MeridianTesting
import XCTest

/// The todo schema on a server that accepts TLS only, with the certificate and its host name
/// verified (`sslmode=verify-full`), as a managed PostgreSQL is reached in production.
final class TodoSSLTests: XCTestCase {
    func testMigratesAndWritesOverVerifyFull() throws {
        guard let server = ProcessInfo.processInfo.environment["MERIDIAN_POSTGRES_SSL_URL"], !server.isEmpty else {
            if TestDatabase.postgresRequired { XCTFail("MERIDIAN_REQUIRE_POSTGRES=1 but MERIDIAN_POSTGRES_SSL_URL is not set") }
            throw XCTSkip("MERIDIAN_POSTGRES_SSL_URL is not set; make test starts an SSL server")
        }
        XCTAssertTrue(server.contains("sslmode=verify-full"), "the SSL test server is reached with verify-full")
        // A private schema, so the server's database is left as it was found.
        let scratch = try TestDatabase.postgres(url: server)
        defer { scratch.close() }
        let db = scratch.connection
        XCTAssertTrue(db.usesSSL)
        XCTAssertEqual(try db.fetchValue(Bool.self, "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()"), true)

        try TodoDatabase.recipe.prepare(db, for: .postgres)
        XCTAssertEqual(try Migrator(connection: db, migrations: try TodoDatabase.migrations(.postgres)).currentVersion(), "0002")
        let ada = try TodoDatabase.user("ada@example.com", in: db)
        let task = try db.insertAndFetch(TaskRecord(userId: ada, title: "Renew the server certificate"))
        XCTAssertNotNil(task.createdAt)
        XCTAssertEqual(try db.fetchValue(Int64.self, "SELECT count(*) FROM tasks WHERE user_id = $1", [.uuid(ada)]), 4)
    }
}

import Foundation
import Meridian
import MeridianTesting
import XCTest

@testable import MeridianPostgres

/// The libpq driver against real servers: SSL, credentials, unreachable hosts, the pool.
final class PostgresConnectionTests: XCTestCase {
    /// The URL in `variable`, or a skip (a failure under `MERIDIAN_REQUIRE_POSTGRES=1`).
    private func url(_ variable: String = "MERIDIAN_POSTGRES_URL") throws -> String {
        if let url = ProcessInfo.processInfo.environment[variable], !url.isEmpty { return url }
        if TestDatabase.postgresRequired {
            XCTFail("MERIDIAN_REQUIRE_POSTGRES=1 but \(variable) is not set")
        }
        throw XCTSkip("\(variable) is not set; make test starts a server")
    }

    /// The plain server's URL with one part changed.
    private func components() throws -> URLComponents {
        let server = try url()  // skips before XCTUnwrap, which would turn the skip into a failure
        return try XCTUnwrap(URLComponents(string: server))
    }

    func testSessionRunsInUTCWithISODates() throws {
        let db = try PostgresConnection(url: try url())
        XCTAssertEqual(try db.fetchValue(String.self, "SHOW TimeZone"), "UTC")
        XCTAssertEqual(try db.fetchValue(String.self, "SHOW DateStyle"), "ISO, YMD")
    }

    func testVerifyFullSSL() throws {
        let db = try PostgresConnection(url: try url("MERIDIAN_POSTGRES_SSL_URL"))
        XCTAssertTrue(db.usesSSL)
        XCTAssertEqual(try db.fetchValue(Bool.self, "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()"), true)
    }

    func testSSLServerRefusesPlainConnections() throws {
        let ssl = try url("MERIDIAN_POSTGRES_SSL_URL")
        let plain = ssl.replacingOccurrences(of: "sslmode=verify-full", with: "sslmode=disable")
        XCTAssertThrowsError(try PostgresConnection(url: plain)) { error in
            XCTAssertEqual((error as? DatabaseError)?.kind, .connection)
        }
    }

    func testVerifyFullRejectsAHostNameNotOnTheCertificate() throws {
        let ssl = try url("MERIDIAN_POSTGRES_SSL_URL")
        // The same server, reached under a name its certificate does not carry.
        let misnamed = ssl.replacingOccurrences(of: "@localhost:", with: "@wrong-name.invalid:") + "&hostaddr=127.0.0.1"
        XCTAssertThrowsError(try PostgresConnection(url: misnamed)) { error in
            XCTAssertEqual((error as? DatabaseError)?.kind, .connection)
            XCTAssertTrue(String(describing: error).contains("does not match host name"), "\(error)")
        }
    }

    func testWrongPasswordIsAnAuthenticationErrorThatNeverShowsThePassword() throws {
        var parts = try components()
        parts.password = "hunter2-wrong"
        XCTAssertThrowsError(try PostgresConnection(url: parts.string!)) { error in
            XCTAssertEqual((error as? DatabaseError)?.kind, .authentication)
            XCTAssertFalse(String(describing: error).contains("hunter2"))
            XCTAssertFalse(String(reflecting: error).contains("hunter2"))
        }
    }

    func testUnreachableServerIsAConnectionError() throws {
        var parts = try components()
        parts.port = 1
        parts.queryItems = [URLQueryItem(name: "connect_timeout", value: "2")]
        XCTAssertThrowsError(try PostgresConnection(url: parts.string!)) { error in
            XCTAssertEqual((error as? DatabaseError)?.kind, .connection)
        }
    }

    /// What a URL leaves out comes from the libpq environment variables, as with psql.
    func testLibpqEnvironmentVariablesFillTheGaps() throws {
        let parts = try components()
        setenv("PGPASSWORD", parts.password ?? "", 1)
        defer { unsetenv("PGPASSWORD") }
        var withoutPassword = parts
        withoutPassword.password = nil
        let db = try PostgresConnection(url: withoutPassword.string!)
        XCTAssertEqual(try db.fetchValue(Int64.self, "SELECT 1"), 1)
    }

    /// The pool never opens more sessions than its bound, however many callers wait.
    func testPoolIsBounded() throws {
        let target = try url()
        let pool = ConnectionPool<PostgresConnection>(maximumConnections: 5) { try PostgresConnection(url: target) }
        let peak = Peak()
        let failures = ErrorCollector()
        DispatchQueue.concurrentPerform(iterations: 24) { _ in
            do {
                try pool.withConnection { db in
                    peak.enter()
                    defer { peak.leave() }
                    _ = try db.fetchValue(Int64.self, "SELECT count(*) FROM pg_sleep(0.02)")
                }
            } catch {
                failures.record(error)
            }
        }
        XCTAssertEqual(failures.all, [])
        XCTAssertLessThanOrEqual(peak.maximum, 5)
        XCTAssertLessThanOrEqual(pool.openConnections, 5)
    }

    func testDatabaseWritesInTransactionsFromManyThreads() throws {
        let scratch = try TestDatabase.postgres(url: try url())
        defer { scratch.close() }
        let schema = scratch.schema
        let database = PostgresDatabase(url: try url(), maximumConnections: 4)
        try database.blockingWrite { try $0.execute("CREATE TABLE \(schema).items (id bigint PRIMARY KEY, thread bigint)") }
        let failures = ErrorCollector()
        DispatchQueue.concurrentPerform(iterations: 8) { thread in
            do {
                for n in 0..<10 {
                    try database.blockingWrite { try $0.execute("INSERT INTO \(schema).items (id, thread) VALUES ($1, $2)", [.int(Int64(thread * 100 + n)), .int(Int64(thread))]) }
                }
            } catch {
                failures.record(error)
            }
        }
        XCTAssertEqual(failures.all, [])
        XCTAssertEqual(try database.blockingRead { try $0.fetchValue(Int64.self, "SELECT count(*) FROM \(schema).items") }, 80)
        XCTAssertLessThanOrEqual(database.openConnections, 4)
    }

    func testBrokenTransactionIsNotReturnedToThePool() throws {
        let target = try url()
        let pool = ConnectionPool<PostgresConnection>(maximumConnections: 1) { try PostgresConnection(url: target) }
        try? pool.withConnection { db in
            try db.executeScript("BEGIN")
            db.transactionDepth = 1
            throw DatabaseError(.other, "the caller gave up mid-transaction")
        }
        XCTAssertEqual(pool.openConnections, 0)
        XCTAssertEqual(try pool.withConnection { try $0.fetchValue(Int64.self, "SELECT 1") }, 1)
    }
}

/// The most callers seen inside a section at once.
final class Peak: @unchecked Sendable {
    private let lock = NSLock()
    private var current = 0
    private(set) var maximum = 0

    func enter() {
        lock.lock()
        current += 1
        maximum = max(maximum, current)
        lock.unlock()
    }

    func leave() {
        lock.lock()
        current -= 1
        lock.unlock()
    }
}

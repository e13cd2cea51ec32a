import Foundation
import Meridian
import MeridianPostgres
import MeridianTesting
import XCTest

/// Needs `MERIDIAN_POSTGRES_URL`; skipped without it unless `MERIDIAN_REQUIRE_POSTGRES=1`.
final class PostgresTemplateTests: XCTestCase {
    private func serverURL() throws -> String {
        if let url = TestDatabase.postgresURL { return url }
        if TestDatabase.postgresRequired {
            XCTFail("MERIDIAN_REQUIRE_POSTGRES=1 but MERIDIAN_POSTGRES_URL is not set")
            throw XCTSkip("no server")
        }
        throw XCTSkip("MERIDIAN_POSTGRES_URL is not set: the PostgreSQL template tests were skipped")
    }

    private func template() throws -> PostgresTemplate {
        try PostgresTemplate.shared(for: TestRecipes.reference, serverURL: try serverURL())
    }

    func testCloneIsMigratedAndSeeded() throws {
        let fresh = try template().fresh()
        defer { fresh.close() }
        let db = try fresh.db
        let versions = try db.fetchAll("SELECT version FROM meridian_migrations").map { Int64(try $0.decode(String.self, at: 0)) }
        XCTAssertEqual(Set(versions), TestRecipes.versions("migrations-postgres"))
        for (table, rows) in TestRecipes.fixtureCounts {
            XCTAssertEqual(try db.fetchValue(Int64.self, "SELECT count(*) FROM \"\(table)\""), Int64(rows), table)
        }
    }

    func testClonesAreIndependentAndDropped() throws {
        let template = try template()
        let first = try template.fresh()
        let second = try template.fresh()
        defer { second.close() }
        XCTAssertNotEqual(first.name, second.name)
        let before = try second.db.fetchValue(Int64.self, "SELECT count(*) FROM earthquakes")
        try insertProbeQuake(try first.db, id: 900_001)
        XCTAssertEqual(try first.db.fetchValue(Int64.self, "SELECT count(*) FROM earthquakes"), before! + 1)
        XCTAssertEqual(try second.db.fetchValue(Int64.self, "SELECT count(*) FROM earthquakes"), before)
        let name = first.name
        first.close()
        let admin = try PostgresConnection(url: try serverURL())
        XCTAssertEqual(try admin.fetchValue(Int64.self, "SELECT count(*) FROM pg_database WHERE datname = $1", [.text(name)]), 0)
    }

    func testTemplateIsReusedAndRebuiltOnChange() throws {
        let url = try serverURL()
        let (recipe, root) = try TestRecipes.scratchCopy()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let first = try PostgresTemplate(recipe: recipe, serverURL: url, prepareAhead: 0)
        let again = try PostgresTemplate(recipe: recipe, serverURL: url, prepareAhead: 0)
        XCTAssertFalse(again.built, "an up-to-date template on the server is reused")
        XCTAssertEqual(again.name, first.name)
        let path = root + "/migrations-postgres/0002_create_views.up.sql"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try (text + "\nCREATE TABLE fingerprint_probe (id bigint PRIMARY KEY);\n").write(toFile: path, atomically: true, encoding: .utf8)
        let changed = try PostgresTemplate(recipe: recipe, serverURL: url, prepareAhead: 0)
        XCTAssertTrue(changed.built)
        XCTAssertNotEqual(changed.fingerprint, first.fingerprint)
        let fresh = try changed.fresh()
        defer { fresh.close() }
        XCTAssertEqual(try fresh.db.fetchValue(Int64.self, "SELECT count(*) FROM fingerprint_probe"), 0)
        let admin = try PostgresConnection(url: url)
        for name in Set([first.name, changed.name]) { try admin.executeScript("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
    }

    func testParallelFreshGivesDistinctDatabases() throws {
        let template = try template()
        let errors = ErrorCollector()
        let names = Names()
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            do {
                let fresh = try template.fresh()
                defer { fresh.close() }
                try insertProbeQuake(try fresh.db, id: 910_000)
                names.add(fresh.name)
            } catch { errors.record(error) }
        }
        XCTAssertEqual(errors.all, [])
        XCTAssertEqual(Set(names.all).count, 8)
    }
}

final class Names: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String] = []
    func add(_ value: String) { lock.lock(); values.append(value); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return values }
}

import Foundation
import MeridianTesting
import XCTest

/// Folders from dbmate and Diesel projects, read through `--migrations DIR` as they are.
final class LayoutTests: CLITestCase {
    func testDbmateLayoutOnSQLite() throws { try dbmateLayout(sandbox(.sqlite)) }
    func testDbmateLayoutOnPostgres() throws { try dbmateLayout(sandbox(.postgres)) }

    func testDieselLayoutOnSQLite() throws { try dieselLayout(sandbox(.sqlite)) }
    func testDieselLayoutOnPostgres() throws { try dieselLayout(sandbox(.postgres)) }

    private func dbmateLayout(_ s: CLISandbox) throws {
        try s.write("db/migrations/20240501120000_create_alerts.sql", """
            -- migrate:up
            CREATE TABLE alerts (id \(s.integer) PRIMARY KEY, message TEXT NOT NULL);

            -- migrate:down
            DROP TABLE alerts;

            """)
        try s.write("db/migrations/20240502090000_add_levels.sql", """
            -- migrate:up
            CREATE TABLE levels (id \(s.integer) PRIMARY KEY, name TEXT);
            INSERT INTO levels (id, name) VALUES (1, 'info'), (2, 'warning');

            -- migrate:down
            DROP TABLE levels;

            """)
        try appliesAndRollsBack(s, folder: "db/migrations", versions: [20240501120000, 20240502090000], tables: ["alerts", "levels"])
    }

    private func dieselLayout(_ s: CLISandbox) throws {
        try s.write("migrations/2024-05-01-120000_create_alerts/up.sql", "CREATE TABLE alerts (id \(s.integer) PRIMARY KEY, message TEXT NOT NULL);\n")
        try s.write("migrations/2024-05-01-120000_create_alerts/down.sql", "DROP TABLE alerts;\n")
        try s.write("migrations/2024-05-02-090000_add_levels/up.sql", "CREATE TABLE levels (id \(s.integer) PRIMARY KEY, name TEXT);\nINSERT INTO levels (id, name) VALUES (1, 'info'), (2, 'warning');\n")
        try s.write("migrations/2024-05-02-090000_add_levels/down.sql", "DROP TABLE levels;\n")
        try s.write("migrations/.keep", "")
        try appliesAndRollsBack(s, folder: "migrations", versions: [20240501120000, 20240502090000], tables: ["alerts", "levels"])
    }

    private func appliesAndRollsBack(_ s: CLISandbox, folder: String, versions: [Int64], tables: Set<String>) throws {
        try s.createDatabase()
        let status = try s.status("--migrations", folder)
        XCTAssertEqual(status.pending, versions, "[\(s.backend)] versions come from the names")

        let up = try s.migrate("up", "--migrations", folder)
        XCTAssertSucceeds(up)
        XCTAssertEqual(try s.tables(), tables.union(["meridian_migrations"]))
        XCTAssertEqual(try s.query("SELECT count(*) AS n FROM levels").first?["n"] as? Int, 2)
        XCTAssertEqual(try s.status("--migrations", folder).applied, versions)
        XCTAssertSucceeds(try s.migrate("validate", "--migrations", folder))

        let one = try s.migrate("down", "--migrations", folder)
        XCTAssertSucceeds(one)
        XCTAssertEqual(try s.tables(), ["alerts", "meridian_migrations"])
        XCTAssertSucceeds(try s.migrate("redo", "--migrations", folder))
        XCTAssertSucceeds(try s.migrate("up", "--migrations", folder))
        XCTAssertSucceeds(try s.migrate("down", "--all", "--migrations", folder))
        XCTAssertEqual(try s.tables(), ["meridian_migrations"])
        XCTAssertEqual(try s.status("--migrations", folder).pending, versions)
    }
}

import Foundation
import MeridianTesting
import XCTest

/// `meridian migrate adopt` on databases that golang-migrate, dbmate, Diesel, Flyway and Alembic
/// migrated: the other tool's history is recorded, its table left alone, and `up` applies only
/// what it had not.
final class AdoptTests: CLITestCase {
    func testGolangMigrateOnSQLite() throws { try golangMigrate(sandbox(.sqlite)) }
    func testGolangMigrateOnPostgres() throws { try golangMigrate(sandbox(.postgres)) }
    func testDbmateOnSQLite() throws { try dbmate(sandbox(.sqlite)) }
    func testDbmateOnPostgres() throws { try dbmate(sandbox(.postgres)) }
    func testDieselOnSQLite() throws { try diesel(sandbox(.sqlite)) }
    func testDieselOnPostgres() throws { try diesel(sandbox(.postgres)) }
    func testFlywayOnSQLite() throws { try flyway(sandbox(.sqlite)) }
    func testFlywayOnPostgres() throws { try flyway(sandbox(.postgres)) }
    func testAlembicAndBaselinesOnSQLite() throws { try alembicAndBaselines(sandbox(.sqlite)) }
    func testAlembicAndBaselinesOnPostgres() throws { try alembicAndBaselines(sandbox(.postgres)) }

    /// Runs the `;`-separated statements of `sql` on the sandbox's database, as the other tool would have.
    private func prepare(_ s: CLISandbox, _ sql: String) throws {
        // The other tool made the file; Meridian's commands other than `migrate up` make none.
        if !s.databaseExists { try makeSQLiteFile(s.path("db.sqlite"), "VACUUM;") }
        for statement in sql.split(separator: ";").map({ $0.trimmingCharacters(in: .whitespacesAndNewlines) }) where !statement.isEmpty {
            XCTAssertSucceeds(try s.meridian(["query", "--database", s.database, statement]), "[\(s.backend)] \(statement)")
        }
    }

    /// `adopt`, then the state: the recorded versions, the other table untouched, `up` applying the rest.
    private func adoptsThenApplies(
        _ s: CLISandbox, folder: String, foreignTable: String, adopted: [String], pending: [String], at: String? = nil
    ) throws {
        let before = try s.query("SELECT count(*) AS n FROM \(foreignTable)").first?["n"] as? Int
        let adopt = try s.meridian(["migrate", "adopt", "--database", s.database, "--migrations", folder] + (at.map { ["--at", $0] } ?? []))
        XCTAssertSucceeds(adopt)
        XCTAssertMentionsInOrder(adopt.stdout, ["recorded \(adopted.count) migration"] + adopted.map { "applied  \($0)" } + pending.map { "pending  \($0)" })
        let status = try s.status("--migrations", folder)
        XCTAssertEqual(status.migrations.filter { $0.state == "applied" }.map(\.name), adopted, "[\(s.backend)]")
        XCTAssertEqual(status.problems, [], "[\(s.backend)]")
        XCTAssertEqual(try s.query("SELECT count(*) AS n FROM \(foreignTable)").first?["n"] as? Int, before, "the other tool's table is left alone")
        let up = try s.migrate("up", "--migrations", folder)
        XCTAssertSucceeds(up)
        XCTAssertEqual(up.stdout.split(separator: "\n").filter { $0.hasPrefix("applied ") }.count, pending.count, "[\(s.backend)] \(up)")
        XCTAssertFailsCleanly(try s.migrate("adopt", "--migrations", folder), mentioning: ["already has migrations recorded"])
    }

    private func golangMigrate(_ s: CLISandbox) throws {
        for (version, table) in [(1, "a"), (2, "b"), (3, "c")] {
            try s.write(String(format: "migrations/%06d_create_%@.up.sql", version, table), "CREATE TABLE \(table) (id \(s.integer) PRIMARY KEY);\n")
            try s.write(String(format: "migrations/%06d_create_%@.down.sql", version, table), "DROP TABLE \(table);\n")
        }
        try prepare(s, "CREATE TABLE a (id \(s.integer) PRIMARY KEY); CREATE TABLE b (id \(s.integer) PRIMARY KEY)")
        try prepare(s, s.backend.expect(
            sqlite: "CREATE TABLE schema_migrations (version uint64, dirty bool); CREATE UNIQUE INDEX version_unique ON schema_migrations (version); INSERT INTO schema_migrations VALUES (2, 1)",
            postgres: "CREATE TABLE schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL); INSERT INTO schema_migrations VALUES (2, true)"))
        let dirty = try s.migrate("adopt", "--migrations", "migrations")
        XCTAssertFailsCleanly(dirty, mentioning: ["golang-migrate left version 2 half-applied", "nothing was recorded"])
        XCTAssertFalse(try s.tables().contains("meridian_migrations"), "[\(s.backend)] nothing was written")
        try prepare(s, s.backend.expect(sqlite: "UPDATE schema_migrations SET dirty = 0", postgres: "UPDATE schema_migrations SET dirty = false"))
        try adoptsThenApplies(s, folder: "migrations", foreignTable: "schema_migrations",
                              adopted: ["000001_create_a", "000002_create_b"], pending: ["000003_create_c"])
    }

    private func dbmate(_ s: CLISandbox) throws {
        for (version, table) in [("20240101000000", "a"), ("20240102000000", "b"), ("20240103000000", "c")] {
            try s.write("db/migrations/\(version)_create_\(table).sql",
                        "-- migrate:up\nCREATE TABLE \(table) (id \(s.integer) PRIMARY KEY);\n\n-- migrate:down\nDROP TABLE \(table);\n")
        }
        try prepare(s, "CREATE TABLE a (id \(s.integer) PRIMARY KEY); CREATE TABLE b (id \(s.integer) PRIMARY KEY)")
        try prepare(s, "CREATE TABLE schema_migrations (version varchar(128) PRIMARY KEY); INSERT INTO schema_migrations VALUES ('20240101000000'), ('20231231000000')")
        let missing = try s.migrate("adopt", "--migrations", "db/migrations")
        XCTAssertFailsCleanly(missing, mentioning: ["schema_migrations records version 20231231000000, and no migration file has it"])
        try prepare(s, "UPDATE schema_migrations SET version = '20240102000000' WHERE version = '20231231000000'")
        try adoptsThenApplies(s, folder: "db/migrations", foreignTable: "schema_migrations",
                              adopted: ["20240101000000_create_a", "20240102000000_create_b"], pending: ["20240103000000_create_c"])
    }

    private func diesel(_ s: CLISandbox) throws {
        for (version, table) in [("2018-01-01-000000", "a"), ("2019-01-01-000000", "b"), ("2024-03-13_170000", "c")] {
            try s.write("migrations/\(version)_create_\(table)/up.sql", "CREATE TABLE \(table) (id \(s.integer) PRIMARY KEY);\n")
            try s.write("migrations/\(version)_create_\(table)/down.sql", "DROP TABLE \(table);\n")
        }
        try prepare(s, "CREATE TABLE a (id \(s.integer) PRIMARY KEY); CREATE TABLE b (id \(s.integer) PRIMARY KEY)")
        try prepare(s, """
            CREATE TABLE __diesel_schema_migrations (version VARCHAR(50) PRIMARY KEY NOT NULL, run_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP);
            INSERT INTO __diesel_schema_migrations (version, run_on) VALUES ('20180101000000', '2020-05-05 10:00:00'), ('20190101000000', '2020-05-06 11:30:00')
            """)
        try adoptsThenApplies(s, folder: "migrations", foreignTable: "__diesel_schema_migrations",
                              adopted: ["2018-01-01-000000_create_a", "2019-01-01-000000_create_b"], pending: ["2024-03-13_170000_create_c"])
        XCTAssertEqual(try s.status("--migrations", "migrations").migrations.first?.appliedAt?.hasPrefix("2020-05-05T10:00:00"), true,
                       "[\(s.backend)] when Diesel ran it")
    }

    private func flyway(_ s: CLISandbox) throws {
        for (version, table) in [(1, "a"), (2, "b"), (3, "c")] {
            try s.writeMigration(version, "create_\(table)", up: "CREATE TABLE \(table) (id bigint PRIMARY KEY);\n", down: "DROP TABLE \(table);\n")
        }
        try prepare(s, "CREATE TABLE a (id bigint PRIMARY KEY); CREATE TABLE b (id bigint PRIMARY KEY)")
        try prepare(s, """
            CREATE TABLE flyway_schema_history (
                installed_rank INT NOT NULL PRIMARY KEY, version VARCHAR(50), description VARCHAR(200) NOT NULL, type VARCHAR(20) NOT NULL,
                script VARCHAR(1000) NOT NULL, checksum INT, installed_by VARCHAR(100) NOT NULL,
                installed_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP, execution_time INT NOT NULL, success BOOLEAN NOT NULL);
            INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum, installed_by, execution_time, success)
            VALUES (1, '1', 'create a', 'SQL', 'V1__create_a.sql', 1589182210, 'flyway', 5, true),
                   (2, '2', 'create b', 'SQL', 'V2__create_b.sql', 12345, 'flyway', 5, true)
            """)
        let changed = try s.migrate("adopt")
        XCTAssertFailsCleanly(changed, mentioning: [s.upFile(2, "create_b"), "Flyway checksum -1393618182", "recorded 12345 for V2__create_b.sql"])
        try prepare(s, "UPDATE flyway_schema_history SET checksum = -1393618182 WHERE installed_rank = 2")
        try adoptsThenApplies(s, folder: s.migrations, foreignTable: "flyway_schema_history",
                              adopted: ["0001_create_a", "0002_create_b"], pending: ["0003_create_c"])
    }

    private func alembicAndBaselines(_ s: CLISandbox) throws {
        for version in 1...3 { try s.writeTableMigration(version, "t\(version)") }
        if !s.databaseExists {
            XCTAssertFailsCleanly(try s.migrate("adopt"), mentioning: ["db.sqlite does not exist"], "adopt takes over a database; it makes none")
            try makeSQLiteFile(s.path("db.sqlite"), "VACUUM;")
        }
        XCTAssertFailsCleanly(try s.migrate("adopt"), mentioning: ["no other tool's migration table is here", "--at VERSION"])
        try prepare(s, "CREATE TABLE t1 (id \(s.integer) PRIMARY KEY, label TEXT); CREATE TABLE t2 (id \(s.integer) PRIMARY KEY, label TEXT)")
        try prepare(s, "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)); INSERT INTO alembic_version VALUES ('ae1027a6acf')")
        XCTAssertFailsCleanly(try s.migrate("adopt"), mentioning: ["revision ae1027a6acf", "--at VERSION"])
        XCTAssertFailsCleanly(try s.migrate("adopt", "--at", "9"), mentioning: ["no migration has version 9"])
        let dry = try s.migrate("adopt", "--at", "0002", "--dry-run")
        XCTAssertSucceeds(dry)
        XCTAssertTrue(dry.stdout.contains("would record 2 migrations"), "\(dry)")
        XCTAssertFalse(try s.tables().contains("meridian_migrations"), "[\(s.backend)] a dry run records nothing")
        try adoptsThenApplies(s, folder: s.migrations, foreignTable: "alembic_version", adopted: ["0001_create_t1", "0002_create_t2"], pending: ["0003_create_t3"], at: "0002")
    }
}

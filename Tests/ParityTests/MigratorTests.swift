import Foundation
import Meridian
import MeridianTesting
import XCTest

/// The migration engine on both backends: applying, rolling back, refusing, recovering.
final class MigratorTests: ParityTestCase {
    private func versions(_ migrator: Migrator) throws -> [MigrationVersion] { try migrator.applied().map(\.version) }

    private func tables(_ db: any DatabaseConnection) throws -> [String] {
        try db.inspectSchema().tables.map(\.name)
    }

    func testUpAppliesEverythingOnceAndRecordsIt() {
        parity { db, backend in
            let folder = try MigrationFolder(backend)
            defer { folder.remove() }
            try folder.writeStandard()
            let telemetry = RecordedTelemetry()
            let migrator = Migrator(connection: db, migrations: try folder.load(), telemetry: telemetry, appliedBy: "tester@host")
            XCTAssertEqual(try migrator.up().map(\.version), [1, 2, 3], "\(backend)")
            XCTAssertEqual(try migrator.up(), [], "\(backend): a second run has nothing to do")
            let rows = try migrator.applied()
            XCTAssertEqual(rows.map(\.slug), ["create_stations", "create_readings", "add_station_name"], "\(backend)")
            XCTAssertEqual(rows.map(\.checksum), try folder.load().map(\.checksum), "\(backend)")
            XCTAssertTrue(rows.allSatisfy { $0.appliedBy == "tester@host" && !$0.dirty && $0.durationMilliseconds >= 0 }, "\(backend)")
            XCTAssertEqual(telemetry.events.map(\.event), [.started, .finished, .started, .finished, .started, .finished], "\(backend)")
            XCTAssertNotNil(telemetry.events[1].durationMilliseconds, "\(backend)")
            XCTAssertEqual(try tables(db), ["readings", "stations"], "\(backend)")
        }
    }

    func testDownStepsToAndAll() {
        parity { db, backend in
            let folder = try MigrationFolder(backend)
            defer { folder.remove() }
            try folder.writeStandard()
            let migrator = Migrator(connection: db, migrations: try folder.load())
            try migrator.up()
            XCTAssertEqual(try migrator.down(.steps(1)).map(\.version), [3], "\(backend)")
            XCTAssertEqual(try migrator.down(.to(1)).map(\.version), [2], "\(backend)")
            XCTAssertEqual(try tables(db), ["stations"], "\(backend)")
            XCTAssertEqual(try migrator.up(to: 2).map(\.version), [2], "\(backend)")
            XCTAssertEqual(try migrator.down(.all).map(\.version), [2, 1], "\(backend)")
            XCTAssertEqual(try tables(db), [], "\(backend)")
            XCTAssertEqual(try versions(migrator), [], "\(backend)")
        }
    }

    /// Seeded rows in tables a rollback does not touch survive it and the reapply.
    func testRedoKeepsDataInUntouchedTables() {
        parity { db, backend in
            let folder = try MigrationFolder(backend)
            defer { folder.remove() }
            try folder.writeStandard()
            let migrator = Migrator(connection: db, migrations: try folder.load())
            try migrator.up()
            try db.execute("INSERT INTO stations (id, code, name) VALUES (1, 'KEV', 'Kevo')")
            XCTAssertEqual(try migrator.redo()?.version, 3, "\(backend)")
            XCTAssertEqual(try db.fetchValue(String.self, "SELECT code FROM stations WHERE id = 1"), "KEV", "\(backend)")
            XCTAssertEqual(try versions(migrator), [1, 2, 3], "\(backend)")
        }
    }

    func testEditedMigrationIsDriftAndNothingRuns() {
        parity { db, backend in
            let folder = try MigrationFolder(backend)
            defer { folder.remove() }
            try folder.writeStandard()
            try Migrator(connection: db, migrations: try folder.load()).up(to: 2)
            let int = backend.expect(sqlite: "INTEGER", postgres: "bigint")
            try folder.write(1, "create_stations", up: "CREATE TABLE stations (id \(int) PRIMARY KEY, code TEXT);\n", down: "DROP TABLE stations;\n")
            let migrator = Migrator(connection: db, migrations: try folder.load())
            XCTAssertThrowsError(try migrator.up(), "\(backend)") { error in
                guard case .drift(let version, let path, _, _) = error as? MigrationHistoryError else { return XCTFail("\(error)") }
                XCTAssertEqual(version, 1)
                XCTAssertTrue(path.hasSuffix("0001_create_stations.up.sql"))
            }
            XCTAssertEqual(try versions(migrator), [1, 2], "\(backend): migration 3 stayed pending")
        }
    }

    func testMissingFileAheadAndOutOfOrderAreDistinct() {
        parity { db, backend in
            let folder = try MigrationFolder(backend)
            defer { folder.remove() }
            try folder.writeStandard()
            let all = try folder.load()
            try Migrator(connection: db, migrations: all).up(to: 2)
            let problems = { (files: [Migration]) in try Migrator(connection: db, migrations: files).problems() }
            XCTAssertEqual(try problems([all[1], all[2]]).first, .missingFile(version: 1, slug: "create_stations"), "\(backend)")
            XCTAssertEqual(try problems([all[0]]).first, .databaseAhead(databaseVersion: 2, newestFile: 1), "\(backend)")
            try Migrator(connection: db, migrations: all).down(.all)
            try Migrator(connection: db, migrations: [all[0], all[2]]).up()
            guard case .outOfOrder(let version, _, let latest) = try problems(all).first else { return XCTFail("\(backend)") }
            XCTAssertEqual([version, latest], [2, 3], "\(backend)")
        }
    }

    /// A failure half-way through a migration leaves the database as it was, and names the
    /// file and the line of the failing statement.
    func testFailingMigrationRollsBackAndNamesTheLine() {
        parity { db, backend in
            let folder = try MigrationFolder(backend)
            defer { folder.remove() }
            try folder.writeStandard()
            try folder.write(
                4, "broken",
                up: "CREATE TABLE alerts (id INTEGER PRIMARY KEY);\nINSERT INTO alerts (id) VALUES (1);\n\nINSERT INTO alerts (id)\n  VALUES (1);\n",
                down: "DROP TABLE alerts;\n")
            let telemetry = RecordedTelemetry()
            let migrator = Migrator(connection: db, migrations: try folder.load(), telemetry: telemetry)
            XCTAssertThrowsError(try migrator.up(), "\(backend)") { error in
                guard let failure = error as? MigrationFailure else { return XCTFail("\(error)") }
                XCTAssertTrue(failure.path.hasSuffix("0004_broken.up.sql"), "\(backend)")
                XCTAssertEqual(failure.line, 4, "\(backend)")
                XCTAssertEqual(failure.underlying.kind, .uniqueViolation, "\(backend)")
                XCTAssertTrue(failure.rolledBack)
                XCTAssertTrue(failure.description.contains("0004_broken.up.sql:4"), failure.description)
            }
            XCTAssertEqual(try versions(migrator), [1, 2, 3], "\(backend)")
            XCTAssertFalse(try tables(db).contains("alerts"), "\(backend): the first statement was rolled back")
            let failed = try XCTUnwrap(telemetry.events.last)
            XCTAssertEqual(failed.event, .failed, "\(backend)")
            XCTAssertEqual(failed.line, 4, "\(backend)")
            XCTAssertEqual(failed.version, "0004", "\(backend)")
        }
    }

    func testSyntaxErrorNamesTheFileAndLine() {
        parity { db, backend in
            let folder = try MigrationFolder(backend)
            defer { folder.remove() }
            try folder.write(1, "typo", up: "CREATE TABLE a (id INTEGER);\n\nCREATE TABEL b (id INTEGER);\n", down: "DROP TABLE a;\n")
            let migrator = Migrator(connection: db, migrations: try folder.load())
            XCTAssertThrowsError(try migrator.up(), "\(backend)") { error in
                guard let failure = error as? MigrationFailure else { return XCTFail("\(error)") }
                XCTAssertEqual(failure.underlying.kind, .syntax, "\(backend)")
                XCTAssertEqual(failure.line, 3, "\(backend)")
            }
            XCTAssertEqual(try tables(db), [], "\(backend)")
        }
    }

    /// A migration without a transaction that fails half-way is recorded dirty; nothing runs
    /// until `force` records where the database really is.
    func testDirtyMigrationAndForce() {
        parity { db, backend in
            let folder = try MigrationFolder(backend)
            defer { folder.remove() }
            try folder.writeStandard()
            try folder.write(
                4, "outside_transaction",
                up: "-- meridian:no-transaction\nCREATE TABLE audit (id INTEGER);\nINSERT INTO missing_table VALUES (1);\n",
                down: "-- meridian:no-transaction\nDROP TABLE audit;\n")
            let migrator = Migrator(connection: db, migrations: try folder.load())
            XCTAssertThrowsError(try migrator.up(), "\(backend)") { error in
                XCTAssertEqual((error as? MigrationFailure)?.rolledBack, false)
            }
            XCTAssertEqual(try migrator.applied().last?.dirty, true, "\(backend)")
            XCTAssertThrowsError(try migrator.up(), "\(backend)") { error in
                guard case .dirty(4, _, let previous) = error as? MigrationHistoryError else { return XCTFail("\(error)") }
                XCTAssertEqual(previous, 3, "\(backend)")
                XCTAssertTrue("\(error)".contains("meridian migrate force 0003"), "\(error)")
            }
            try db.execute("DROP TABLE audit")
            try migrator.force(3)
            XCTAssertEqual(try versions(migrator), [1, 2, 3], "\(backend)")
            try folder.write(4, "outside_transaction", up: "-- meridian:no-transaction\nCREATE TABLE audit (id INTEGER);\n", down: "DROP TABLE audit;\n")
            XCTAssertEqual(try Migrator(connection: db, migrations: try folder.load()).up().map(\.version), [4], "\(backend)")
        }
    }

    /// Two migrators started together apply each migration once and both finish.
    func testConcurrentMigratorsApplyEachMigrationOnce() {
        parityShared { open, backend in
            let folder = try MigrationFolder(backend)
            defer { folder.remove() }
            let int = backend.expect(sqlite: "INTEGER", postgres: "bigint")
            for version in 1...8 {
                try folder.write(version, "table_\(version)", up: "CREATE TABLE t\(version) (id \(int) PRIMARY KEY);\n", down: "DROP TABLE t\(version);\n")
            }
            let migrations = try folder.load()
            let errors = ErrorCollector()
            nonisolated(unsafe) let connections = try (0..<3).map { _ in try open() }
            DispatchQueue.concurrentPerform(iterations: connections.count) { index in
                do { try Migrator(connection: connections[index], migrations: migrations).up() } catch { errors.record(error) }
            }
            XCTAssertEqual(errors.all, [], "\(backend)")
            let db = try open()
            XCTAssertEqual(try db.fetchValue(Int64.self, "SELECT count(*) FROM meridian_migrations"), 8, "\(backend)")
            XCTAssertEqual(try Migrator(connection: db, migrations: migrations).applied().map(\.version.id), (1...8).map(String.init), "\(backend)")
        }
    }

    /// Spatial migrations get SpatiaLite metadata or PostGIS on their own, and a SpatiaLite
    /// management function that returns 0 fails the migration instead of passing silently.
    func testSpatialMigrationAndSilentSpatiaLiteFailures() {
        parity { db, backend in
            let folder = try MigrationFolder(backend)
            defer { folder.remove() }
            try folder.write(
                1, "create_places",
                up: backend.expect(
                    sqlite: "CREATE TABLE places (id INTEGER PRIMARY KEY);\nSELECT AddGeometryColumn('places', 'at', 4326, 'POINT', 'XY', 0);\nSELECT CreateSpatialIndex('places', 'at');\n",
                    postgres: "CREATE TABLE places (id bigint PRIMARY KEY, at geography(Point,4326));\nCREATE INDEX places_at_gist ON places USING gist (at);\n"),
                down: backend.expect(sqlite: "SELECT DropGeoTable('places');\n", postgres: "DROP TABLE places;\n"))
            try folder.write(
                2, "bad_geometry",
                up: backend.expect(
                    sqlite: "SELECT AddGeometryColumn('no_such_table', 'at', 4326, 'POINT', 'XY', 0);\n",
                    postgres: "ALTER TABLE no_such_table ADD COLUMN at geography(Point,4326);\n"),
                down: "SELECT 1;\n")
            let migrator = Migrator(connection: db, migrations: try folder.load())
            XCTAssertThrowsError(try migrator.up(), "\(backend)") { error in
                XCTAssertTrue((error as? MigrationFailure)?.path.hasSuffix("0002_bad_geometry.up.sql") ?? false, "\(error)")
            }
            XCTAssertEqual(try versions(migrator), [1], "\(backend)")
            try db.execute("INSERT INTO places (id, at) VALUES (1, $1)", [.geometry(.point(x: 10, y: 20))])
            XCTAssertEqual(try db.fetchValue(Geometry.self, "SELECT at FROM places"), .point(x: 10, y: 20), "\(backend)")
        }
    }

    func testForceRejectsUnknownVersions() {
        parity { db, backend in
            let folder = try MigrationFolder(backend)
            defer { folder.remove() }
            try folder.writeStandard()
            XCTAssertThrowsError(try Migrator(connection: db, migrations: try folder.load()).force(9), "\(backend)") { error in
                XCTAssertEqual(error as? MigrationHistoryError, .unknownVersion(9))
            }
        }
    }

    /// A tracking table from an earlier Meridian, with integer versions, is converted to text
    /// versions by the next run that writes, keeping every row.
    func testIntegerVersionsFromAnEarlierMeridianAreConverted() {
        parity { db, backend in
            let folder = try MigrationFolder(backend)
            defer { folder.remove() }
            try folder.writeStandard()
            let files = try folder.load()
            var old = MigrationHistory.definition(named: MigrationHistory.tableName)
            old.columns[0] = ColumnDefinition("version", .int, nullable: false)
            try db.create(old)
            for file in files.prefix(2) {
                try db.execute(
                    "INSERT INTO meridian_migrations (version, slug, checksum, applied_at, duration_ms, applied_by, dirty) VALUES ($1, $2, $3, $4, 1, 'earlier', $5)",
                    [.int(Int64(file.version.id)!), .text(file.slug), .text(file.checksum), .timestamp(.now()), .bool(false)])
                try db.executeScript(file.up.statements.map(\.sql).joined(separator: ";\n"))
            }
            let migrator = Migrator(connection: db, migrations: files)
            XCTAssertEqual(try versions(migrator), [1, 2], "\(backend): an old table is read as it is")
            XCTAssertEqual(try migrator.up().map(\.version), [3], "\(backend)")
            XCTAssertEqual(try db.inspectSchema(excluding: []).table("meridian_migrations")?.column("version")?.type, .logical(.text), "\(backend)")
            XCTAssertEqual(try migrator.applied().map(\.appliedBy).prefix(2), ["earlier", "earlier"], "\(backend): the earlier rows were kept")
            XCTAssertEqual(try migrator.problems(), [], "\(backend)")
        }
    }
}

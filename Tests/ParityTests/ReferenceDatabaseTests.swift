import Foundation
import Meridian
import MeridianTesting
import XCTest

/// The reference celestial-events database: its migrations build on both backends, and every
/// fixture value reads back exactly as the fixture file states it.
final class ReferenceDatabaseTests: ParityTestCase {
    private static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    private func migrations(_ backend: Backend) throws -> [Migration] {
        let folder = backend.expect(sqlite: "migrations-sqlite", postgres: "migrations-postgres")
        return try MigrationDirectory(path: Self.root.appendingPathComponent(folder).path)
            .load(dialect: backend.expect(sqlite: .sqlite, postgres: .postgres))
    }

    private var fixtures: [FixtureFile] {
        get throws { try FixtureFile.load(directory: Self.root.appendingPathComponent("fixtures").path) }
    }

    /// A database cloned from the migrated, seeded template, as users' tests get it.
    private static let recipe = DatabaseRecipe.standard(root: root.path)

    func testFixturesReadBackExactly() {
        parity(recipe: Self.recipe) { db, backend in
            let files = try fixtures
            let schema = try db.inspectSchema()
            var compared = 0
            for file in files {
                let table = try XCTUnwrap(schema.table(file.table))
                let types = Dictionary(uniqueKeysWithValues: table.columns.map { ($0.name, $0.type) })
                let key = table.primaryKey
                for expected in file.rows {
                    let keyValues = try key.map { try FixtureLoader.value(try XCTUnwrap(expected[$0]), as: try XCTUnwrap(types[$0])) }
                    let condition = key.enumerated().map { "\(db.dialect.quote($1)) = $\($0 + 1)" }.joined(separator: " AND ")
                    let row = try XCTUnwrap(db.fetchOne("SELECT * FROM \(db.dialect.quote(file.table)) WHERE \(condition)", keyValues), "\(backend): \(file.table) \(keyValues)")
                    for (column, json) in expected {
                        let want = try FixtureLoader.value(json, as: try XCTUnwrap(types[column]))
                        let got = try XCTUnwrap(row[column], "\(backend): \(file.table).\(column)")
                        XCTAssertTrue(Self.same(got, want), "\(backend): \(file.table).\(column): \(got) != \(want)")
                        compared += 1
                    }
                }
            }
            XCTAssertEqual(compared, files.reduce(0) { $0 + $1.rows.reduce(0) { $0 + $1.count } }, "\(backend)")
        }
    }

    /// `meridian smoke`'s engine: every step down and back up keeps untouched tables' rows,
    /// and the rebuilt schema equals the first.
    func testSmokeTestPasses() {
        parity { db, backend in
            let migrations = try migrations(backend)
            let fixtures = try fixtures
            let report = try MigrationSmokeTest(migrator: Migrator(connection: db, migrations: migrations), fixtures: fixtures).run()
            XCTAssertEqual(report.problems, [], "\(backend)")
            XCTAssertEqual(report.steps.count, 2 * migrations.count, "\(backend)")
            XCTAssertEqual(report.rowsLoaded, fixtures.reduce(0) { $0 + $1.rows.count }, "\(backend)")
            if migrations.count > 1 {
                XCTAssertGreaterThan(report.steps.reduce(0) { $0 + $1.untouchedTables.count }, 10, "\(backend)")
            }
        }
    }

    /// The smoke test notices a down script that loses rows of a table it does not name: on
    /// PostgreSQL through a cascade. On SQLite, where foreign keys are off while a migration runs
    /// (so that table rebuilds keep their children), the same down is refused before it commits,
    /// naming the table whose rows it would leave without a parent.
    func testSmokeTestCatchesADownThatLosesData() {
        parity { db, backend in
            let folder = try MigrationFolder(backend)
            defer { folder.remove() }
            try folder.writeStandard()
            try folder.write(4, "careless", up: "CREATE TABLE scratch (id INTEGER);\n", down: "DROP TABLE scratch;\nDELETE FROM stations WHERE id = 2;\n")
            let fixture = FixtureFile(path: "stations.json", table: "stations", rows: [["id": 1, "code": "KEV", "name": "Kevo"], ["id": 2, "code": "ABK", "name": "Abisko"]])
            let readings = FixtureFile(path: "readings.json", table: "readings", rows: [["id": 1, "station_id": 1, "value": 2.5], ["id": 2, "station_id": 2, "value": 3.5]])
            let smoke = MigrationSmokeTest(migrator: Migrator(connection: db, migrations: try folder.load()), fixtures: [fixture, readings])
            switch backend {
            case .postgres:
                let report = try smoke.run()
                XCTAssertEqual(report.problems.count, 1, "\(backend): \(report.problems)")
                XCTAssertTrue(report.problems.first?.contains("0004_careless changed the rows of table readings") ?? false, "\(backend)")
            case .sqlite:
                XCTAssertThrowsError(try smoke.run(), "\(backend)") { error in
                    XCTAssertEqual((error as? MigrationFailure)?.underlying.kind, .foreignKeyViolation, "\(error)")
                    XCTAssertEqual((error as? MigrationFailure)?.underlying.table, "readings", "\(error)")
                }
                XCTAssertEqual(try db.fetchValue(Int64.self, "SELECT count(*) FROM readings"), 2, "\(backend): nothing was lost")
            }
        }
    }

    /// After seeding with explicit keys, inserting without a key continues after them.
    func testInsertsWithoutKeysContinueAfterTheFixtures() {
        parity(recipe: Self.recipe) { db, backend in
            let before = try db.fetchValue(Int64.self, "SELECT coalesce(max(id), 0) FROM prophecies")
            let id = try db.fetchValue(
                Int64.self,
                "INSERT INTO prophecies (reference, book, chapter, verse_start, verse_end, text, theme, translation) VALUES ('Test 1:1', 'Test', 1, 1, 1, 't', 'test', 'KJV') RETURNING id")
            XCTAssertEqual(id, (before ?? 0) + 1, "\(backend)")
        }
    }

    /// Values are compared as the value contract promises: doubles bit for bit.
    private static func same(_ a: DatabaseValue, _ b: DatabaseValue) -> Bool {
        if case .double(let x) = a, case .double(let y) = b { return x.bitPattern == y.bitPattern }
        return a == b
    }
}

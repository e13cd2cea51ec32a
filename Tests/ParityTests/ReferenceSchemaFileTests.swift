import Foundation
import Meridian
import MeridianSchema
import MeridianTesting
import XCTest

/// The reference schema file, rendered for each dialect and applied to an empty database, builds
/// the schema the hand-written migration folders build, as `meridian check` compares them; its
/// updated_at triggers, views and (on PostgreSQL) functions are there too.
final class ReferenceSchemaFileTests: ParityTestCase {
    static let file = ReferenceSchemaTests.root.appendingPathComponent("schema.yaml").path

    func testTheSchemaFileBuildsWhatTheMigrationFoldersBuild() throws {
        let schema = try Schema.load(path: Self.file)
        try schema.validate()
        parity { empty, backend in
            try empty.create(schema)
            let built = try empty.inspectSchema()
            guard let migrated = try FreshDatabase.make(backend, recipe: ReferenceSchemaTests.recipe) else { return }
            defer { migrated.close() }
            let expected = try migrated.connection.inspectSchema()
            let differences = SchemaDifference.differences(between: expected, named: "migrations", and: built, named: "schema.yaml")
            XCTAssertEqual(differences.map(\.message), [], "\(backend)")
            XCTAssertEqual(built.sql.triggers, expected.sql.triggers, "\(backend)")
            XCTAssertEqual(built.sql.views.keys.sorted(), expected.sql.views.keys.sorted(), "\(backend)")
            XCTAssertEqual(built.sql.functions.map(\.name), expected.sql.functions.map(\.name), "\(backend)")
            // Descriptions are kept where the engine keeps them (PostgreSQL's COMMENT ON).
            let described = Schema.inspecting(built, dialect: empty.dialect).schema
            let descriptions = Dictionary(uniqueKeysWithValues: schema.tables.map { ($0.name, $0.description) })
            for table in described.tables {
                XCTAssertEqual(table.description, backend.expect(sqlite: nil, postgres: descriptions[table.name] ?? nil), "\(backend): \(table.name)")
            }
            XCTAssertEqual(described.views.map(\.description), backend.expect(sqlite: [nil, nil, nil], postgres: schema.views.map(\.description)), "\(backend)")
        }
    }

    func testUpdatedAtIsMaintainedByTheDatabaseOnBoth() throws {
        let schema = try Schema.load(path: Self.file)
        parity { db, backend in
            try db.create(schema)
            try db.executeScript("INSERT INTO data_triggers (id, name, event_type, conditions, severity, updated_at) VALUES (1, 'a', 'earthquake', '{}', 'low', '2000-01-01T00:00:00.000000Z')")
            try db.executeScript("UPDATE data_triggers SET name = 'b' WHERE id = 1")
            let touched = try XCTUnwrap(db.fetchValue(Timestamp.self, "SELECT updated_at FROM data_triggers WHERE id = 1"), "\(backend)")
            XCTAssertGreaterThan(touched, Timestamp(iso8601: "2020-01-01T00:00:00.000000Z")!, "\(backend)")
            try db.executeScript("UPDATE data_triggers SET updated_at = '2001-01-01T00:00:00.000000Z' WHERE id = 1")
            XCTAssertEqual(try db.fetchValue(Timestamp.self, "SELECT updated_at FROM data_triggers WHERE id = 1"), Timestamp(iso8601: "2001-01-01T00:00:00.000000Z"), "\(backend)")
        }
    }

    func testTheContractsChecksRefuseWhatTheOtherEngineRefusesToo() throws {
        let schema = try Schema.load(path: Self.file)
        parity { db, backend in
            try db.create(schema)
            XCTAssertThrowsError(
                try db.executeScript("INSERT INTO prophecies (reference, book, chapter, verse_start, verse_end, text, theme, translation, created_at) VALUES ('r', 'b', 1, 1, 1, 't', 't', 't', 'not a time')"),
                "\(backend)")
        }
    }
}

import Foundation
import Meridian
import MeridianSchema
import MeridianTesting
import XCTest

/// `meridian schema inspect` writes the schema file of a migrations folder or a live database,
/// and names in warnings what the file cannot say; `schema validate` and `schema sql` check and
/// render one.
final class SchemaCommandTests: CLITestCase {
    private static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The reference folder's inspection is the committed schema.yaml, but for what a SQLite
    /// database cannot show (descriptions, PostgreSQL view bodies, functions and roles).
    func testTheReferenceFolderGivesTheReferenceSchemaFile() throws {
        let s = try sandbox(.sqlite)
        let result = try s.meridian([
            "schema", "inspect", "--migrations", Self.root.appendingPathComponent("migrations-sqlite").path, "--output", "schema.yaml",
        ])
        XCTAssertSucceeds(result)
        let inspected = try Schema.load(path: s.folder.appendingPathComponent("schema.yaml").path)
        let reference = try Schema.load(path: Self.root.appendingPathComponent("schema.yaml").path)
        var tables = reference.tables
        for index in tables.indices { tables[index].description = nil }
        XCTAssertEqual(inspected.tables, tables)
        XCTAssertEqual(inspected.views.map(\.name), reference.views.map(\.name))
        XCTAssertEqual(inspected.views.map(\.sql.sqlite), reference.views.map(\.sql.sqlite))
        XCTAssertTrue(result.stderr.contains("warning: view v_recent_significant_quakes: its SQLite body is kept for both dialects"), "\(result)")
    }

    /// PostgreSQL prints expressions its own way (`(x >= (0)::double precision)`); read back,
    /// the reference database's tables are the ones the SQLite folder gives.
    func testAPostgresDatabaseGivesTheSameTablesAsItsSQLiteTwin() throws {
        let s = try sandbox(.postgres)
        XCTAssertSucceeds(try s.meridian(["migrate", "up", "--database", s.database, "--migrations", Self.root.appendingPathComponent("migrations-postgres").path]))
        let result = try s.meridian(["schema", "inspect", "--database", s.database, "--output", "schema.yaml"])
        XCTAssertSucceeds(result)
        let inspected = try Schema.load(path: s.folder.appendingPathComponent("schema.yaml").path)
        var tables = try Schema.load(path: Self.root.appendingPathComponent("schema.yaml").path).tables
        for index in tables.indices { tables[index].description = nil }
        XCTAssertEqual(inspected.tables, tables)
        XCTAssertEqual(inspected.functions.map(\.name), ["calculate_distance_km", "meridian_now"])
        XCTAssertEqual(inspected.roles, try Schema.load(path: Self.root.appendingPathComponent("schema.yaml").path).roles)
        XCTAssertTrue(result.stderr.contains("warning: function meridian_now is kept for PostgreSQL only"), "\(result)")
    }

    func testALiveDatabaseWithTypesOutsideTheContractIsWrittenWithWarnings() throws {
        let s = try sandbox(.sqlite)
        try s.write("m/0001_notes.up.sql", """
            CREATE TABLE notes (
                id INTEGER PRIMARY KEY,
                body VARCHAR(100) NOT NULL,
                stamp TEXT DEFAULT (lower(hex(randomblob(4)))),
                CONSTRAINT notes_body_check CHECK (body <> '')
            );
            CREATE INDEX notes_upper ON notes (upper(body));
            """)
        try s.write("m/0001_notes.down.sql", "DROP TABLE notes;\n")
        XCTAssertSucceeds(try s.meridian(["migrate", "up", "--database", s.database, "--migrations", "m"]))
        let result = try s.meridian(["schema", "inspect", "--database", s.database])
        XCTAssertSucceeds(result)
        let schema = try Schema.load(yaml: result.stdout)
        let notes = try XCTUnwrap(schema.table("notes"))
        XCTAssertEqual(notes.column("body")?.type, .text)
        XCTAssertEqual(notes.column("body")?.check, .portable(try SchemaExpression.parse("body <> ''")))
        XCTAssertNil(notes.column("stamp")?.default)
        XCTAssertTrue(result.stderr.contains("warning: column notes.body is VARCHAR(100), outside the value contract; written as text"), "\(result)")
        XCTAssertTrue(result.stderr.contains("warning: column notes.stamp defaults to lower(hex(randomblob(4))), which a schema file cannot declare; left out"), "\(result)")
        XCTAssertTrue(result.stderr.contains("warning: index notes_upper on notes indexes an expression"), "\(result)")
    }

    func testValidatePrintsEveryProblemWithItsLineAndExitsOne() throws {
        let s = try sandbox(.sqlite)
        try s.write("schema.yaml", """
            tables:
              a:
                columns: {id: {type: int, nullable: true}, kind: {type: enum, values: [x], default: y}}
                primary_key: [id]
            """)
        let result = try s.meridian(["schema", "validate"])
        XCTAssertFailsCleanly(result, mentioning: [
            "schema.yaml:3:41: table a: primary key column id is nullable",
            "schema.yaml:3:89: column a.kind defaults to y",
        ])
        XCTAssertEqual(result.status, 1, "\(result)")
        let valid = try s.meridian(["schema", "validate", Self.root.appendingPathComponent("schema.yaml").path])
        XCTAssertSucceeds(valid)
        XCTAssertTrue(valid.stdout.contains("valid (14 tables, 3 views, 2 functions, 1 role)"), "\(valid)")
    }

    func testSQLPrintsEachDialectsDDL() throws {
        let s = try sandbox(.sqlite)
        let file = Self.root.appendingPathComponent("schema.yaml").path
        let sqlite = try s.meridian(["schema", "sql", file, "--dialect", "sqlite"])
        XCTAssertSucceeds(sqlite)
        XCTAssertTrue(sqlite.stdout.contains("SELECT AddGeometryColumn('earthquakes', 'location', 4326, 'POINT', 'XY', 1);"), "\(sqlite)")
        XCTAssertFalse(sqlite.stdout.contains("celestial_app"), "\(sqlite)")
        let postgres = try s.meridian(["schema", "sql", file, "--dialect", "postgres"])
        XCTAssertSucceeds(postgres)
        XCTAssertTrue(postgres.stdout.contains(#""location" geography(Point,4326) NOT NULL"#), "\(postgres)")
        XCTAssertTrue(postgres.stdout.contains(#"CREATE ROLE "celestial_app" NOLOGIN"#), "\(postgres)")
    }

    func testInspectNeedsExactlyOneSource() throws {
        let s = try sandbox(.sqlite)
        let result = try s.meridian(["schema", "inspect"])
        XCTAssertEqual(result.status, 64, "\(result)")
        XCTAssertTrue(result.stderr.contains("--database URL or --migrations DIR"), "\(result)")
    }
}

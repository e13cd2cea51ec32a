import Meridian
import MeridianTesting
import XCTest

/// Both inspectors read the same schema back as the same snapshot, which is what lets
/// `meridian check` compare migration folders.
final class SchemaInspectionTests: ParityTestCase {
    /// One column per logical type, geometry last (SpatiaLite appends geometry columns), and
    /// without a spatial index.
    private static let everyType = TableDefinition(
        "every_type",
        columns: [.init("id", .int, nullable: false)] + Fixtures.logicalTypes.map { .init($0.0, $0.1) } + [
            .init("level", .enumeration(["low", "high"])),
            .init("area", .geometry(.multiPolygon, srid: 32633), spatialIndex: false),
        ],
        primaryKey: ["id"])

    private func createSchema(_ db: any DatabaseConnection) throws {
        for table in [Fixtures.stations, Fixtures.readings, Fixtures.notes, Fixtures.shapes(.point), Self.everyType] {
            try db.create(table)
        }
        try db.executeScript("""
            CREATE INDEX readings_station_idx ON readings (station_id);
            CREATE UNIQUE INDEX stations_name_idx ON stations (name, elevation_m);
            CREATE VIEW station_codes AS SELECT id, code FROM stations
            """)
    }

    /// Written once: both backends must read exactly this back. Index names differ between the
    /// engines (`idx_shapes_g`, `shapes_g_gist`) and do not count.
    private static let expected = SchemaSnapshot(
        tables: [
            .init(
                "stations",
                columns: [
                    .init("id", .int, nullable: false), .init("code", .text, nullable: false), .init("name", .text),
                    .init("elevation_m", .double), .init("kind", .enumeration(["seismic", "magnetic", "solar"]), nullable: false),
                ],
                primaryKey: ["id"], uniqueConstraints: [["code"]],
                indexes: [.init("stations_name_idx", ["name", "elevation_m"], unique: true)],
                checks: ["stations_elevation_check"]),
            .init(
                "readings",
                columns: [.init("id", .int, nullable: false), .init("station_id", .int, nullable: false), .init("value", .double)],
                primaryKey: ["id"], foreignKeys: [.init(["station_id"], references: "stations", ["id"], onDelete: .cascade)],
                indexes: [.init("readings_station_idx", ["station_id"])]),
            .init(
                "notes",
                columns: [.init("id", .int, nullable: false), .init("station_id", .int), .init("body", .text)],
                primaryKey: ["id"], foreignKeys: [.init(["station_id"], references: "stations", ["id"], onDelete: .restrict)]),
            .init(
                "shapes", columns: [.init("id", .int, nullable: false), .init("g", .geometry(.point, srid: 4326))],
                primaryKey: ["id"], indexes: [.init("shapes_g", ["g"], spatial: true)]),
            .init(
                "every_type",
                columns: [.init("id", .int, nullable: false)] + Fixtures.logicalTypes.map { .init($0.0, $0.1) } + [
                    .init("level", .enumeration(["low", "high"])), .init("area", .geometry(.multiPolygon, srid: 32633)),
                ],
                primaryKey: ["id"]),
        ],
        views: [.init("station_codes", columns: ["id", "code"])])

    func testSnapshotMatchesTheSchemaOnBothBackends() {
        parity { db, backend in
            try createSchema(db)
            let snapshot = try db.inspectSchema()
            let differences = SchemaDifference.differences(between: snapshot, named: "\(backend)", and: Self.expected, named: "expected")
            XCTAssertEqual(differences.map(\.description), [], "\(backend)")
            XCTAssertEqual(snapshot, Self.expected, "\(backend)")
        }
    }

    func testBothBackendsBuildTheSameSnapshot() throws {
        let snapshots = snapshots { db, _ in try createSchema(db) }
        let (sqlite, postgres) = try bothOrSkip(snapshots)
        XCTAssertEqual(SchemaDifference.differences(between: sqlite, named: "sqlite", and: postgres, named: "postgres"), [])
        XCTAssertEqual(sqlite, postgres)
    }

    /// Migrations as people write them for each engine: a rowid alias against an identity
    /// column, `strftime` against `now()`, unnamed CHECKs, a REFERENCES without columns.
    private static let alertsSQL = (
        sqlite: """
            CREATE TABLE alerts (
              id INTEGER PRIMARY KEY,
              station_id INTEGER NOT NULL REFERENCES stations ON DELETE CASCADE,
              severity TEXT NOT NULL CHECK (severity IN ('low', 'high')),
              raised_at TIMESTAMP TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
              note TEXT CHECK (length(note) < 200),
              active BOOLEAN NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
              doubled INTEGER GENERATED ALWAYS AS (station_id * 2) STORED,
              UNIQUE (station_id, raised_at),
              CHECK (id > 0 AND station_id > 0)
            );
            CREATE INDEX alerts_raised_idx ON alerts (raised_at) WHERE active = 1
            """,
        postgres: """
            CREATE TABLE alerts (
              id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
              station_id bigint NOT NULL REFERENCES stations ON DELETE CASCADE,
              severity text COLLATE "C" NOT NULL CHECK (severity IN ('low', 'high')),
              raised_at timestamptz NOT NULL DEFAULT now(),
              note text COLLATE "C" CHECK (length(note) < 200),
              active boolean NOT NULL DEFAULT true,
              doubled bigint GENERATED ALWAYS AS (station_id * 2) STORED,
              UNIQUE (station_id, raised_at),
              CHECK (id > 0 AND station_id > 0)
            );
            CREATE INDEX alerts_raised_idx ON alerts (raised_at) WHERE active
            """)

    func testHandWrittenMigrationsReadBackAlike() {
        let expected = SchemaSnapshot.Table(
            "alerts",
            columns: [
                .init("id", .int, nullable: false), .init("station_id", .int, nullable: false),
                .init("severity", .enumeration(["low", "high"]), nullable: false),
                .init("raised_at", .timestamp, nullable: false, default: .currentTimestamp), .init("note", .text),
                .init("active", .bool, nullable: false, default: .bool(true)), .init("doubled", .int, generated: true),
            ],
            primaryKey: ["id"], foreignKeys: [.init(["station_id"], references: "stations", ["id"], onDelete: .cascade)],
            uniqueConstraints: [["station_id", "raised_at"]], indexes: [.init("alerts_raised_idx", ["raised_at"], partial: true)],
            checks: ["alerts_check", "alerts_note_check"])
        parity { db, backend in
            try db.create(Fixtures.stations)
            try db.executeScript(backend.expect(sqlite: Self.alertsSQL.sqlite, postgres: Self.alertsSQL.postgres))
            var alerts = try XCTUnwrap(try db.inspectSchema().table("alerts"), "\(backend)")
            // SQLite's raised_at lacks the CHECK that holds it to the contract's timestamp text,
            // which its strftime default (milliseconds) would fail; PostgreSQL's timestamptz
            // needs none.
            let raisedAt = try XCTUnwrap(alerts.columns.firstIndex { $0.name == "raised_at" })
            let fix = db.dialect.contractCheck(column: "\"raised_at\"", type: .timestamp).map { ContractFix(default: "(now())", check: $0) }
            XCTAssertEqual(alerts.columns[raisedAt].contractFix, fix, "\(backend)")
            XCTAssertEqual(fix == nil, backend == .postgres, "\(backend)")
            alerts.columns[raisedAt].contractFix = nil
            XCTAssertEqual(alerts, expected, "\(backend)")
        }
    }

    func testDifferencesNameWhatDiverges() throws {
        let findings = try findings(
            sqlite: "CREATE TABLE counters (id INTEGER PRIMARY KEY, hits INTEGER, doc JSON, owner INTEGER REFERENCES counters ON DELETE SET NULL)",
            postgres: "CREATE TABLE counters (id bigint PRIMARY KEY, hits integer, doc jsonb, owner bigint REFERENCES counters)")
        XCTAssertEqual(findings.differences.map(\.description), [
            "table counters: foreign key (owner) → counters(id) ON DELETE SET NULL on sqlite, ON DELETE NO ACTION on postgres",
        ])
        XCTAssertEqual(findings.widthNotes.map(\.description), [
            #"table counters: column hits is integer on postgres, INTEGER on sqlite: postgres rejects 2147483648; sqlite accepts it (declare it a 64-bit integer on postgres, or add CHECK ("hits" BETWEEN -2147483648 AND 2147483647) on sqlite)"#,
        ])
        XCTAssertEqual(findings.portabilityWarnings.map(\.description), [
            #"table counters: column doc is JSON on sqlite, which stores '{not json' where postgres refuses it: declare it JSON TEXT and add CHECK ("doc" IS NULL OR json_valid("doc")) on sqlite"#,
        ])
    }

    /// What real projects write on each side for the same schema: none of it is a difference.
    /// Widths only PostgreSQL enforces are width notes, and SQLite columns without the contract's
    /// CHECK portability warnings; with the CHECKs those notes name, both go away.
    func testSpellingsThatBehaveAlikeAreNoDifference() throws {
        let sqliteColumns = """
            id INTEGER PRIMARY KEY, created DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, seen TIMESTAMP, token CHAR(36),
            note TEXT DEFAULT NULL, email VARCHAR(100) NOT NULL, name VARCHAR, hits INTEGER DEFAULT 1.0, active BOOLEAN NOT NULL DEFAULT 0
            """
        let postgresColumns = """
            id serial PRIMARY KEY, created timestamp NOT NULL DEFAULT now(), seen timestamp, token character(36),
            note text, email varchar(100) NOT NULL, name character varying, hits bigint DEFAULT 1, active boolean NOT NULL DEFAULT false
            """
        let checks = """
            , CHECK (length(token) <= 36), CHECK (length("email") <= 100), CHECK (id BETWEEN -2147483648 AND 2147483647),
            CHECK (active IN (0, 1)), CHECK (length(created) = 27 AND created GLOB
              '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z')
            """
        let findings = try findings(
            sqlite: "CREATE TABLE plain (\(sqliteColumns)); CREATE TABLE checked (\(sqliteColumns)\(checks))",
            postgres: "CREATE TABLE plain (\(postgresColumns)); CREATE TABLE checked (\(postgresColumns))")
        XCTAssertEqual(findings.differences.map(\.description), [])
        XCTAssertEqual(findings.widthNotes.map { "\($0.table).\($0.column)" }, ["checked.token", "plain.id", "plain.token", "plain.email"])
        XCTAssertTrue(findings.widthNotes[0].description.contains("36 characters, padded with spaces"), findings.widthNotes[0].description)
        XCTAssertEqual(findings.portabilityWarnings.map { "\($0.table).\($0.column)" }, ["checked.seen", "plain.created", "plain.seen", "plain.active"])
    }

    /// Defaults as each engine spells them read back in one form.
    func testDefaultsReadBackInOneForm() {
        let expected: [(String, ColumnDefault?)] = [
            ("flag", .bool(false)), ("count", .number("1")), ("ratio", .number("0.5")), ("neg", .number("-1")), ("label", .text("x")),
            ("at", .currentTimestamp), ("day", .currentDate), ("key", .randomUUID), ("doc", .text("{}")), ("empty", nil),
            ("sum", .expression("abs(2)")),
        ]
        parity { db, backend in
            try db.execute(backend.expect(
                sqlite: """
                    CREATE TABLE defaults (flag BOOLEAN DEFAULT FALSE, count INTEGER DEFAULT '1', ratio REAL DEFAULT .50, neg INTEGER DEFAULT -1,
                      label TEXT DEFAULT 'x', at TIMESTAMP TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), day DATE TEXT DEFAULT (date('now')),
                      key UUID TEXT DEFAULT (gen_random_uuid()), doc JSON TEXT DEFAULT '{}', empty TEXT DEFAULT NULL, sum INTEGER DEFAULT (ABS(2)))
                    """,
                postgres: """
                    CREATE TABLE defaults (flag boolean DEFAULT 'f', count bigint DEFAULT 1.0, ratio double precision DEFAULT 0.5, neg bigint DEFAULT -1,
                      label text DEFAULT 'x', at timestamptz DEFAULT CURRENT_TIMESTAMP, day date DEFAULT CURRENT_DATE,
                      key uuid DEFAULT gen_random_uuid(), doc jsonb DEFAULT '{}', empty text DEFAULT NULL, sum bigint DEFAULT abs(2))
                    """))
            let table = try XCTUnwrap(try db.inspectSchema().table("defaults"), "\(backend)")
            for (column, value) in expected {
                XCTAssertEqual(table.column(column)?.default, value, "\(backend): \(column)")
            }
        }
    }

    /// SQLite keeps no name for an unnamed CHECK; the inspector gives the one PostgreSQL
    /// chooses, numbered as PostgreSQL numbers clashes. Quoted names with commas, comments and
    /// parenthesised defaults do not confuse the SQLite reader.
    func testUnnamedChecksGetPostgresNames() {
        parity { db, backend in
            let collate = backend.expect(sqlite: "", postgres: " COLLATE \"C\"")
            try db.executeScript("""
                CREATE TABLE "odd, table" (
                  id BIGINT NOT NULL PRIMARY KEY, -- a comment, with a comma
                  "a,b" TEXT\(collate) DEFAULT ('x,(y)') CHECK ("a,b" <> 'z'),
                  c TEXT\(collate) CHECK (c <> '') CHECK (length(c) < 5), /* (another, comment */
                  d BIGINT CHECK (d > 0 AND c IS NOT NULL),
                  CONSTRAINT "odd, table_c_check2" CHECK (c <> 'q'),
                  CHECK (d < 100 AND id > 0)
                )
                """)
            let table = try XCTUnwrap(try db.inspectSchema().table("odd, table"), "\(backend)")
            XCTAssertEqual(table.checks, [
                "odd, table_a,b_check", "odd, table_c_check", "odd, table_c_check1", "odd, table_c_check2",
                "odd, table_check", "odd, table_check1",
            ], "\(backend)")
            XCTAssertEqual(table.column("a,b"), .init("a,b", .text, default: .text("x,(y)")), "\(backend)")
        }
    }

    /// Meridian's tracking table and the engines' own tables stay out unless asked for.
    func testTrackingTableIsLeftOut() {
        parity { db, backend in
            try db.create(Fixtures.shapes(.point))
            try db.execute("CREATE TABLE meridian_migrations (version BIGINT PRIMARY KEY)")
            XCTAssertEqual(try db.inspectSchema().tables.map(\.name), ["shapes"], "\(backend)")
            XCTAssertEqual(try db.inspectSchema(excluding: []).tables.map(\.name), ["meridian_migrations", "shapes"], "\(backend)")
        }
    }

    // MARK: - Helpers

    /// The snapshot each backend reads after `build`.
    private func snapshots(_ build: (any DatabaseConnection, Backend) throws -> Void) -> [Backend: SchemaSnapshot] {
        var snapshots: [Backend: SchemaSnapshot] = [:]
        parity { db, backend in
            try build(db, backend)
            snapshots[backend] = try db.inspectSchema()
        }
        return snapshots
    }

    /// What comparing the schemas the two scripts build finds, or a skip when the PostgreSQL
    /// half did not run.
    private func findings(sqlite: String, postgres: String) throws -> SchemaFindings {
        let snapshots = snapshots { db, backend in try db.executeScript(backend.expect(sqlite: sqlite, postgres: postgres)) }
        let (sqliteSnapshot, postgresSnapshot) = try bothOrSkip(snapshots)
        return SchemaFindings(between: sqliteSnapshot, named: "sqlite", and: postgresSnapshot, named: "postgres")
    }

    /// Both snapshots, or a skip when the PostgreSQL half did not run (the runner already
    /// reported why, or failed the test if a server is required).
    private func bothOrSkip(_ snapshots: [Backend: SchemaSnapshot]) throws -> (SchemaSnapshot, SchemaSnapshot) {
        guard let sqlite = snapshots[.sqlite], let postgres = snapshots[.postgres] else {
            throw XCTSkip("comparing backends needs both; only \(snapshots.keys.map(\.description).sorted()) ran")
        }
        return (sqlite, postgres)
    }
}

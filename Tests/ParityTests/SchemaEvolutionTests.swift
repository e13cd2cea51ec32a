import Foundation
import Meridian
import MeridianPostgres
import MeridianSQLite
import MeridianSchema
import MeridianTesting
import XCTest

/// Fifteen changes to a schema file, each generated as a migration pair for both dialects and
/// applied to a database holding rows: after each one the rows that should survive have, value
/// by value; the database's schema is the one the file declares, built fresh; down then up
/// returns the same schema and rows; and both backends end each step with the same schema.
final class SchemaEvolutionTests: ParityTestCase {
    /// The schema each step starts from, as the file says it.
    private static let initial = """
        tables:
          customers:
            columns:
              id: int
              name: text
              email: {type: text, nullable: true}
              age: {type: int, nullable: true}
            primary_key: [id]
          orders:
            columns:
              id: int
              customer_id: int
              total: int
              note: {type: text, nullable: true}
              placed_at: {type: timestamp, nullable: true}
            primary_key: [id]
          places:
            columns:
              id: int
              label: text
              location: {type: geometry, shape: point, srid: 4326, nullable: true}
            primary_key: [id]

        """

    /// One edit of the schema file, with what it does to the rows the test expects.
    private struct Step: Sendable {
        var name: String
        var edit: @Sendable (inout String) -> Void
        var fills: [String] = []
        var expect: @Sendable (inout Dataset) -> Void
    }

    private static let steps: [Step] = [
        Step(name: "add customers.phone", edit: { $0.insert(after: "      age: {type: int, nullable: true}\n", "      phone: {type: text, nullable: true}\n") },
             expect: { $0.add("customers", "phone", .text, value: nil) }),
        Step(name: "drop orders.note", edit: { $0.remove("      note: {type: text, nullable: true}\n") },
             expect: { $0.drop("orders", "note") }),
        Step(name: "rename customers.name to full_name", edit: { $0.replace("      name: text\n", "      full_name: {type: text, renamed_from: name}\n") },
             expect: { $0.rename("customers", "name", to: "full_name") }),
        Step(name: "change orders.total from int to double", edit: { $0.replace("      total: int\n", "      total: double\n") },
             expect: { $0.convert("orders", "total", to: .double) }),
        Step(name: "add a foreign key from orders to customers",
             edit: {
                 $0.insert(after: "      placed_at: {type: timestamp, nullable: true}\n    primary_key: [id]\n",
                           "    foreign_keys:\n      - {columns: [customer_id], references: customers(id), on_delete: cascade}\n")
             },
             expect: { _ in }),
        Step(name: "add a check on orders.total",
             edit: { $0.insert(after: "      - {columns: [customer_id], references: customers(id), on_delete: cascade}\n", "    checks:\n      - {name: orders_total_positive, check: \"total >= 0\"}\n") },
             expect: { _ in }),
        Step(name: "add unique customers.email",
             edit: { $0.insert(after: "      phone: {type: text, nullable: true}\n    primary_key: [id]\n", "    unique:\n      - {columns: [email]}\n") },
             expect: { _ in }),
        Step(name: "add a partial index on orders.placed_at",
             edit: { $0.insert(after: "      - {name: orders_total_positive, check: \"total >= 0\"}\n", "    indexes:\n      - {name: orders_placed_idx, columns: [placed_at], where: \"placed_at IS NOT NULL\"}\n") },
             expect: { _ in }),
        Step(name: "add a spatial index on places.location",
             edit: { $0.append("    indexes:\n      - {columns: [location], spatial: true}\n") },
             expect: { _ in }),
        Step(name: "add a view of large orders",
             edit: { $0.append("views:\n  large_orders:\n    sql: 'SELECT \"id\", \"total\" FROM \"orders\" WHERE \"total\" > 100'\n") },
             expect: { _ in }),
        Step(name: "rename table places to sites", edit: { $0.replace("  places:\n", "  sites:\n    renamed_from: places\n") },
             expect: { $0.renameTable("places", to: "sites") }),
        Step(name: "make customers.age NOT NULL with a fill",
             edit: { $0.replace("      age: {type: int, nullable: true}\n", "      age: int\n") }, fills: ["customers.age=0"],
             expect: { $0.fill("customers", "age", with: "0") }),
        Step(name: "drop the foreign key from orders to customers",
             edit: { $0.remove("    foreign_keys:\n      - {columns: [customer_id], references: customers(id), on_delete: cascade}\n") },
             expect: { _ in }),
        Step(name: "add orders.status with a default",
             edit: { $0.insert(after: "      placed_at: {type: timestamp, nullable: true}\n", "      status: {type: enum, values: [open, closed], default: open}\n") },
             expect: { $0.add("orders", "status", .text, value: "open") }),
        Step(name: "add a NOT NULL column with a fill from another column",
             edit: { $0.insert(after: "      label: text\n", "      code: text\n") }, fills: ["sites.code=upper(label)"],
             expect: { $0.add("sites", "code", .text, from: "label") { $0?.uppercased() } }),
    ]

    func testFifteenGeneratedChangesKeepTheRowsOnBothBackends() throws {
        XCTAssertGreaterThanOrEqual(Self.steps.count, 15)
        var schemas: [Backend: [SchemaSnapshot]] = [:]
        parity { db, backend in
            let project = try GeneratedProject()
            defer { project.remove() }
            var text = Self.initial
            var expected = Dataset.seed
            try project.generate("create", schema: text, fills: [])
            try Migrator(connection: db, migrations: try project.migrations(backend)).up()
            try expected.insert(into: db)
            var snapshots: [SchemaSnapshot] = []
            for step in Self.steps {
                step.edit(&text)
                step.expect(&expected)
                let files = try project.generate(step.name, schema: text, fills: step.fills)
                XCTAssertEqual(files.count, 4, "[\(backend)] \(step.name): one pair in each folder")
                let migrations = try project.migrations(backend)
                try Migrator(connection: db, migrations: migrations).up()
                XCTAssertEqual(try expected.read(from: db), expected.rows, "[\(backend)] \(step.name): the rows after the migration")
                let schema = try db.inspectSchema()
                XCTAssertEqual(try project.differences(from: schema, declaredBy: text, backend: backend), [], "[\(backend)] \(step.name): the schema the file declares")

                try Migrator(connection: db, migrations: migrations).down(.steps(1))
                try Migrator(connection: db, migrations: migrations).up()
                XCTAssertEqual(try expected.read(from: db), expected.rows, "[\(backend)] \(step.name): the rows after down and up")
                XCTAssertEqual(SchemaDifference.differences(between: schema, named: "before", and: try db.inspectSchema(), named: "after down and up"), [],
                               "[\(backend)] \(step.name): the schema after down and up")
                XCTAssertTrue(try project.generateNothing(schema: text), "[\(backend)] \(step.name): generating again writes nothing")
                snapshots.append(schema)
            }
            schemas[backend] = snapshots
        }
        guard let sqlite = schemas[.sqlite], let postgres = schemas[.postgres] else { return }
        for (index, step) in Self.steps.enumerated() {
            XCTAssertEqual(SchemaDifference.differences(between: sqlite[index], named: "sqlite", and: postgres[index], named: "postgres"), [], step.name)
        }
    }

    func testGeneratedVersionsFollowTheChangesAndAreRecorded() throws {
        parity { db, backend in
            let project = try GeneratedProject()
            defer { project.remove() }
            var text = Self.initial
            try project.generate("create", schema: text, fills: [])
            Self.steps[0].edit(&text)   // a nullable column: MINOR
            try project.generate("minor", schema: text, fills: [])
            text.append("    indexes:\n      - {name: places_label_idx, columns: [label]}\n")   // an index: PATCH
            try project.generate("patch", schema: text, fills: [])
            Self.steps[1].edit(&text)   // a dropped column: MAJOR
            try project.generate("major", schema: text, fills: [])
            let migrations = try project.migrations(backend)
            XCTAssertEqual(migrations.map(\.schemaVersion), ["1.0.0", "1.1.0", "1.1.1", "2.0.0"], "[\(backend)]")
            try Migrator(connection: db, migrations: migrations).up()
            XCTAssertEqual(try MigrationHistory(db).load().map(\.schemaVersion), ["1.0.0", "1.1.0", "1.1.1", "2.0.0"], "[\(backend)]")
        }
    }
}

/// A project's two migration folders in a temporary directory, generated from schema texts as
/// `meridian migrate generate` does.
private struct GeneratedProject {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("meridian-generated-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    func folder(_ backend: Backend) -> MigrationDirectory {
        MigrationDirectory(path: root.appendingPathComponent(backend.expect(sqlite: "migrations-sqlite", postgres: "migrations-postgres")).path)
    }

    func migrations(_ backend: Backend) throws -> [Migration] {
        try folder(backend).load(dialect: backend.expect(sqlite: .sqlite, postgres: .postgres), requireDown: false)
    }

    /// Writes the next pair in both folders; data loss is allowed, as the steps ask for it.
    @discardableResult
    func generate(_ name: String, schema text: String, fills: [String]) throws -> [String] {
        let generated = try plan(text, fills: fills)
        XCTAssertFalse(generated.isEmpty, "\(name): the schema changed")
        XCTAssertEqual(generated.plan.columnsNeedingFill(generated.fills), [], name)
        let folders = [folder(.sqlite), folder(.postgres)]
        let version = MigrationLayout.meridian.nextVersion(after: try folders.flatMap { try $0.versions() })
        let slug = MigrationDirectory.slugify(name)
        var paths: [String] = []
        for (folder, dialect) in zip(folders, [SQLiteDialect() as any SQLDialect, PostgresDialect()]) {
            let stem = "\(version.spelling)_\(slug)"
            let scripts = (try generated.upScript(for: dialect, name: stem), generated.downScript(for: dialect, name: stem))
            XCTAssertFalse(scripts.1.contains("-- Irreversible: "), "\(name): the down script restores the schema on \(dialect.name):\n\(scripts.1)")
            paths += try folder.scaffold(slug: slug, version: version, scripts: scripts)
        }
        return paths
    }

    func generateNothing(schema text: String) throws -> Bool {
        try plan(text, fills: []).isEmpty
    }

    private func plan(_ text: String, fills: [String]) throws -> GeneratedMigration {
        let schema = try Schema.load(yaml: text)
        try schema.validate()
        let sqliteFolder = folder(.sqlite)
        let migrations = FileManager.default.fileExists(atPath: sqliteFolder.path) ? try sqliteFolder.load(dialect: .sqlite, requireDown: false) : []
        let replay = try TestDatabase.sqlite()
        let scratch = try TestDatabase.sqlite()
        return try GeneratedMigration(
            schema: schema, migrations: migrations, replayingOn: replay, normalizingOn: scratch, fills: try fills.map { try ColumnFill(parsing: $0) })
    }

    /// How `schema` differs from the schema `text` builds fresh on `backend`.
    func differences(from schema: SchemaSnapshot, declaredBy text: String, backend: Backend) throws -> [SchemaDifference] {
        let declared = try Schema.load(yaml: text)
        let fresh: SchemaSnapshot
        switch backend {
        case .sqlite:
            let db = try TestDatabase.sqlite()
            try db.create(declared)
            fresh = try db.inspectSchema()
        case .postgres:
            let scratch = try TestDatabase.postgres(url: TestDatabase.postgresURL ?? "")
            defer { scratch.close() }
            try scratch.connection.create(declared)
            fresh = try scratch.connection.inspectSchema()
        }
        return SchemaDifference.differences(between: schema, named: "migrated", and: fresh, named: "declared")
    }

    func remove() { try? FileManager.default.removeItem(at: root) }
}

/// The rows the test expects, as text, and the edits the steps make to them.
private struct Dataset {
    enum Kind { case int, double, text, timestamp, point }

    struct Table {
        var name: String
        var columns: [(name: String, kind: Kind)]
        var rows: [[String?]]
    }

    var tables: [Table]

    static let seed = Dataset(tables: [
        Table(name: "customers", columns: [("id", .int), ("name", .text), ("email", .text), ("age", .int)], rows: [
            ["1", "Ada", "ada@example.com", "36"], ["2", "Grace", nil, nil], ["3", "Linus", "linus@example.com", "28"],
        ]),
        Table(name: "orders", columns: [("id", .int), ("customer_id", .int), ("total", .int), ("note", .text), ("placed_at", .timestamp)], rows: [
            ["1", "1", "120", "gift", "2024-05-01T10:00:00.000000Z"], ["2", "1", "80", nil, nil],
            ["3", "3", "300", "rush", "2024-06-02T12:30:00.000000Z"], ["4", "2", "15", nil, "2024-07-03T08:15:00.000000Z"],
        ]),
        Table(name: "places", columns: [("id", .int), ("label", .text), ("location", .point)], rows: [
            ["1", "Home", "2.35 48.85"], ["2", "Work", nil],
        ]),
    ])

    /// Every table's rows, ordered by `id`.
    var rows: [String: [[String?]]] { Dictionary(uniqueKeysWithValues: tables.map { ($0.name, $0.rows) }) }

    func insert(into db: any DatabaseConnection) throws {
        for table in tables {
            let names = table.columns.map(\.name)
            let placeholders = (1...names.count).map { "$\($0)" }.joined(separator: ", ")
            for row in table.rows {
                let values = zip(table.columns, row).map { column, text in Self.value(text, column.kind) }
                try db.execute("INSERT INTO \(table.name) (\(names.joined(separator: ", "))) VALUES (\(placeholders))", values)
            }
        }
    }

    private static func value(_ text: String?, _ kind: Kind) -> DatabaseValue {
        guard let text else { return .null }
        switch kind {
        case .int: return .int(Int64(text)!)
        case .double: return .double(Double(text)!)
        case .text: return .text(text)
        case .timestamp: return .timestamp(Timestamp(iso8601: text)!)
        case .point:
            let xy = text.split(separator: " ").map { Double($0)! }
            return .geometry(.point(x: xy[0], y: xy[1]))
        }
    }

    /// The same tables and columns, read back from `db`.
    func read(from db: any DatabaseConnection) throws -> [String: [[String?]]] {
        var result: [String: [[String?]]] = [:]
        for table in tables {
            let selected = table.columns.map { column in
                column.kind == .point
                    ? "\(db.dialect.longitude(column.name)), \(db.dialect.latitude(column.name))"
                    : column.name
            }
            result[table.name] = try db.fetchAll("SELECT \(selected.joined(separator: ", ")) FROM \(table.name) ORDER BY id").map { row in
                var index = 0
                return try table.columns.map { column -> String? in
                    defer { index += column.kind == .point ? 2 : 1 }
                    switch column.kind {
                    case .int: return try row.decode(Int64?.self, at: index).map { String($0) }
                    case .double: return try row.decode(Double?.self, at: index).map { String($0) }
                    case .text: return try row.decode(String?.self, at: index)
                    case .timestamp: return try row.decode(Timestamp?.self, at: index)?.iso8601
                    case .point:
                        guard let x = try row.decode(Double?.self, at: index), let y = try row.decode(Double?.self, at: index + 1) else { return nil }
                        return "\(x) \(y)"
                    }
                }
            }
        }
        return result
    }

    private mutating func edit(_ table: String, _ body: (inout Table) -> Void) {
        body(&tables[tables.firstIndex { $0.name == table }!])
    }

    mutating func add(_ table: String, _ column: String, _ kind: Kind, value: String?) {
        edit(table) { t in
            t.columns.append((column, kind))
            for index in t.rows.indices { t.rows[index].append(value) }
        }
    }

    mutating func add(_ table: String, _ column: String, _ kind: Kind, from source: String, _ transform: @Sendable (String?) -> String?) {
        edit(table) { t in
            let position = t.columns.firstIndex { $0.name == source }!
            t.columns.append((column, kind))
            for index in t.rows.indices { t.rows[index].append(transform(t.rows[index][position])) }
        }
    }

    mutating func drop(_ table: String, _ column: String) {
        edit(table) { t in
            let position = t.columns.firstIndex { $0.name == column }!
            t.columns.remove(at: position)
            for index in t.rows.indices { t.rows[index].remove(at: position) }
        }
    }

    mutating func rename(_ table: String, _ column: String, to name: String) {
        edit(table) { t in t.columns[t.columns.firstIndex { $0.name == column }!].name = name }
    }

    mutating func convert(_ table: String, _ column: String, to kind: Kind) {
        edit(table) { t in
            let position = t.columns.firstIndex { $0.name == column }!
            t.columns[position].kind = kind
            for index in t.rows.indices { t.rows[index][position] = t.rows[index][position].map { String(Double($0)!) } }
        }
    }

    mutating func fill(_ table: String, _ column: String, with value: String) {
        edit(table) { t in
            let position = t.columns.firstIndex { $0.name == column }!
            for index in t.rows.indices where t.rows[index][position] == nil { t.rows[index][position] = value }
        }
    }

    mutating func renameTable(_ table: String, to name: String) {
        edit(table) { $0.name = name }
    }
}

extension String {
    /// Inserts `text` after the first `anchor`.
    fileprivate mutating func insert(after anchor: String, _ text: String) {
        guard let range = range(of: anchor) else { preconditionFailure("no \(anchor) in the schema text") }
        insert(contentsOf: text, at: range.upperBound)
    }

    fileprivate mutating func replace(_ old: String, _ new: String) {
        guard let range = range(of: old) else { preconditionFailure("no \(old) in the schema text") }
        replaceSubrange(range, with: new)
    }

    fileprivate mutating func remove(_ old: String) { replace(old, "") }
}

/// Applies every migration, loads fixtures, then rolls back one step at a time to nothing and
/// reapplies one step at a time to the top, proving at each step that tables the step did not
/// touch (neither reshaped nor named in its SQL) kept their rows — a cascade or a table rebuild
/// that loses another table's data shows here — and at the end that the schema is the one the
/// first run built.
public struct MigrationSmokeTest {
    public struct Step: Sendable, Codable, Equatable {
        public var direction: MigrationEvent.Direction
        public var migration: String
        /// Tables the step neither changed in shape nor names in its SQL, whose rows were compared.
        public var untouchedTables: [String]
    }

    public struct Report: Sendable, Codable, Equatable {
        public var migrations: Int
        public var rowsLoaded: Int
        public var steps: [Step]
        /// Everything that went wrong; empty when the smoke test passed.
        public var problems: [String]
    }

    public let migrator: Migrator
    public let fixtures: [FixtureFile]

    public init(migrator: Migrator, fixtures: [FixtureFile]) {
        self.migrator = migrator
        self.fixtures = fixtures
    }

    public func run() throws -> Report {
        let connection = migrator.connection
        try migrator.up()
        let rows = try FixtureLoader(connection).load(fixtures).reduce(0) { $0 + $1.rows }
        let top = try connection.inspectSchema()
        var report = Report(migrations: migrator.migrations.count, rowsLoaded: rows, steps: [], problems: [])
        for migration in migrator.migrations.reversed() {
            try step(.down, migration, &report) { try migrator.down(.steps(1)) }
        }
        for migration in migrator.migrations {
            try step(.up, migration, &report) { try migrator.up(to: migration.version) }
        }
        let rebuilt = try connection.inspectSchema()
        report.problems += SchemaDifference.differences(between: top, named: "the first run", and: rebuilt, named: "after rolling back and reapplying")
            .map(\.description)
        return report
    }

    /// Runs one step and compares the rows of every table whose schema it left alone.
    private func step(_ direction: MigrationEvent.Direction, _ migration: Migration, _ report: inout Report, _ body: () throws -> Void) throws {
        let connection = migrator.connection
        let before = try connection.inspectSchema()
        // A table the migration names may lose or gain rows on purpose (a data migration's
        // INSERT, a down's DELETE); any other table must keep its rows exactly.
        let scripts = [migration.up.text, migration.down?.text ?? ""]
        let untouched = before.tables.filter { table in !scripts.contains { ASCIISearch.containsWord($0, table.name) } }
        var fingerprints: [String: String] = [:]
        for table in untouched { fingerprints[table.name] = try TableFingerprint.of(table, on: connection) }
        try body()
        let after = try connection.inspectSchema()
        var checked: [String] = []
        for table in untouched where after.table(table.name) == table {
            checked.append(table.name)
            if try TableFingerprint.of(table, on: connection) != fingerprints[table.name] {
                report.problems.append("\(direction == .down ? "rolling back" : "reapplying") \(migration.name) changed the rows of table \(table.name), which its schema change did not touch")
            }
        }
        report.steps.append(Step(direction: direction, migration: migration.name, untouchedTables: checked))
    }
}

/// A digest of a table's rows, in primary-key order, for comparing contents before and after.
enum TableFingerprint {
    static func of(_ table: SchemaSnapshot.Table, on connection: any DatabaseConnection) throws -> String {
        let dialect = connection.dialect
        let order = (table.primaryKey.isEmpty ? table.columns.map(\.name) : table.primaryKey).map(dialect.quote).joined(separator: ", ")
        var text = ""
        try connection.forEachRow("SELECT * FROM \(dialect.quote(table.name)) ORDER BY \(order)", []) { row in
            for value in row.values { text += value.description + "\u{1F}" }
            text += "\u{1E}"
        }
        return SHA256.hex(text)
    }
}

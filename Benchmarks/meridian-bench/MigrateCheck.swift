import Meridian

/// Checks, outside the timing, that a side of `meridian-bench migrate` did the whole job: the
/// schema it built equals the first result's (read back with `inspectSchema`, tracking tables
/// left out), its tracking table lists every migration with the right slug and checksum, not
/// dirty, and the reference rows of the seeded tables hold the same values.
final class MigrateCheck {
    let dialect: String
    let migrations: [Migration]
    /// The first result, which every later one must equal.
    private(set) var reference: (label: String, schema: SchemaSnapshot, rows: [[[DatabaseValue]]])?

    static let excluded: Set<String> = [MigrationHistory.tableName, MigratePeerScripts.trackingTable]

    /// Tables that migrations fill with reference rows.
    static let seededTables: [String] = {
        var names: [String] = []
        for entry in MigrationCorpus.entries {
            for case .seed(let table, _, _) in entry.steps where !names.contains(table) { names.append(table) }
        }
        return names
    }()

    /// The tables and views the corpus creates.
    static let expected: (tables: Int, views: Int) = {
        var counts = (tables: 0, views: 0)
        for entry in MigrationCorpus.entries {
            for step in entry.steps {
                if case .table = step { counts.tables += 1 }
                if case .view = step { counts.views += 1 }
            }
        }
        return counts
    }()

    init(dialect: String, migrations: [Migration]) {
        self.dialect = dialect
        self.migrations = migrations
    }

    /// Throws a ``BenchmarkError`` naming the first thing `label`'s database got wrong.
    func verify(_ connection: any DatabaseConnection, trackingTable: String, label: String) throws {
        let schema = try connection.inspectSchema(excluding: Self.excluded)
        let rows = try Self.seededTables.map { table in
            try connection.fetchAll("SELECT * FROM \"\(table)\" ORDER BY 1").map(\.values)
        }
        try verifyTracking(connection, table: trackingTable, label: label)
        guard let reference else {
            guard schema.tables.count == Self.expected.tables, schema.views.count == Self.expected.views else {
                throw BenchmarkError("\(dialect) \(label): \(schema.tables.count) tables and \(schema.views.count) views, "
                    + "expected \(Self.expected.tables) and \(Self.expected.views)")
            }
            self.reference = (label, schema, rows)
            return
        }
        let differences = SchemaDifference.differences(between: reference.schema, named: reference.label, and: schema, named: label)
        guard differences.isEmpty, schema == reference.schema else {
            throw BenchmarkError("\(dialect): \(label) built another schema than \(reference.label): "
                + differences.prefix(5).map(\.description).joined(separator: "; "))
        }
        for (index, table) in Self.seededTables.enumerated() where rows[index] != reference.rows[index] {
            throw BenchmarkError("\(dialect): \(label) and \(reference.label) hold different rows in \(table)")
        }
    }

    private func verifyTracking(_ connection: any DatabaseConnection, table: String, label: String) throws {
        let recorded = try connection.fetchAll("SELECT version, slug, checksum, dirty FROM \(table) ORDER BY version")
        // Versions are text: ORDER BY sorts them as strings.
        let expected = migrations.sorted { $0.version.id.utf8.lexicographicallyPrecedes($1.version.id.utf8) }
            .map { [DatabaseValue.text($0.version.id), .text($0.slug), .text($0.checksum), .bool(false)] }
        let found = recorded.map { row in
            // SQLite hands back the BOOLEAN column as an integer through a bare SELECT.
            row.values.enumerated().map { $0.offset == 3 && $0.element == .int(0) ? .bool(false) : $0.element }
        }
        guard found == expected else {
            throw BenchmarkError("\(dialect) \(label): \(table) records \(recorded.count) migrations (expected \(migrations.count), "
                + "versions 1…\(migrations.count) with their slugs and checksums, none dirty)")
        }
    }
}

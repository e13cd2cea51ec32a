/// The tracking table, `meridian_migrations`: which migrations a database has applied.
///
/// It is created through the same schema renderer as any table, so its columns follow the
/// value contract on both backends. `version` is text, the version's ``MigrationVersion/id``,
/// so that dbmate's and Diesel's versions, which are text, keep their leading zeros and order;
/// a table from an earlier Meridian, with an integer `version`, is converted on the next run
/// that writes to it.
public struct MigrationHistory {
    public static let tableName = "meridian_migrations"

    static let definition = definition(named: tableName)

    /// The tracking table's columns under another name, for tools that keep the same records.
    public static func definition(named name: String) -> TableDefinition {
        TableDefinition(
            name,
            columns: [
                .init("version", .text, nullable: false),
                .init("slug", .text, nullable: false),
                .init("checksum", .text, nullable: false),
                .init("applied_at", .timestamp, nullable: false),
                .init("duration_ms", .double, nullable: false),
                .init("applied_by", .text, nullable: false),
                .init("dirty", .bool, nullable: false),
                schemaVersionColumn,
            ],
            primaryKey: ["version"])
    }

    /// The schema's version after each migration that carries one; added to tables of earlier versions.
    static let schemaVersionColumn = ColumnDefinition("schema_version", .text, nullable: true)

    let connection: any DatabaseConnection

    public init(_ connection: any DatabaseConnection) {
        self.connection = connection
    }

    public func exists() throws -> Bool {
        try connection.fetchValue(Int64.self, connection.dialect.tableExistsSQL, [.text(Self.tableName)]) == 1
    }

    /// Creates the table unless it exists, or converts one with an integer `version` from an
    /// earlier Meridian. The checks run inside the writing transaction, so two migrators
    /// starting together do the work once.
    public func prepare() throws {
        if try exists(), try isCurrent() { return }
        try connection.transaction {
            if try !exists() {
                try connection.create(Self.definition)
            } else if try hasIntegerVersions() {
                try upgradeIntegerVersions()
            } else if try !isCurrent() {
                try addSchemaVersions()
            }
        }
        // Read once outside a transaction: a statement cached over the table before it was
        // rebuilt is prepared again here (PostgreSQL refuses a changed result type), not later
        // inside a migration's transaction, where it could not be.
        _ = try load()
    }

    /// The applied migrations, in `ordering`; empty when the table does not exist yet.
    public func load(ordering: MigrationVersion.Ordering = .numeric) throws -> [AppliedMigration] {
        guard try exists() else { return [] }
        var rows: [AppliedMigration] = []
        try connection.forEachRow(
            "SELECT CAST(version AS TEXT), slug, checksum, applied_at, duration_ms, applied_by, dirty, schema_version FROM \(Self.tableName)", []
        ) { row in
            rows.append(AppliedMigration(
                version: MigrationVersion(id: try row.decode(String.self, at: 0), ordering: ordering),
                slug: try row.decode(at: 1), checksum: try row.decode(at: 2), appliedAt: try row.decode(at: 3),
                durationMilliseconds: try row.decode(at: 4), appliedBy: try row.decode(at: 5), dirty: try row.decode(at: 6),
                schemaVersion: try row.decode(String?.self, at: 7)))
        }
        return rows.sorted { $0.version < $1.version }
    }

    func insert(_ row: AppliedMigration) throws {
        try connection.execute(
            "INSERT INTO \(Self.tableName) (version, slug, checksum, applied_at, duration_ms, applied_by, dirty, schema_version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            [.text(row.version.id), .text(row.slug), .text(row.checksum), .timestamp(row.appliedAt),
             .double(row.durationMilliseconds), .text(row.appliedBy), .bool(row.dirty), row.schemaVersion.map(DatabaseValue.text) ?? .null])
    }

    func markClean(version: MigrationVersion, durationMilliseconds: Double) throws {
        try connection.execute(
            "UPDATE \(Self.tableName) SET dirty = $1, duration_ms = $2 WHERE version = $3",
            [.bool(false), .double(durationMilliseconds), .text(version.id)])
    }

    func markDirty(version: MigrationVersion) throws {
        try connection.execute("UPDATE \(Self.tableName) SET dirty = $1 WHERE version = $2", [.bool(true), .text(version.id)])
    }

    func delete(version: MigrationVersion) throws {
        try connection.execute("DELETE FROM \(Self.tableName) WHERE version = $1", [.text(version.id)])
    }

    func deleteAll() throws {
        try connection.execute("DELETE FROM \(Self.tableName)")
    }

    // MARK: - Tables of earlier versions

    /// Whether the table has this version's columns: a text `version` and `schema_version`.
    private func isCurrent() throws -> Bool {
        let table = try connection.inspectSchema(excluding: []).table(Self.tableName)
        return table?.column("version")?.type != .logical(.int) && table?.column(Self.schemaVersionColumn.name) != nil
    }

    /// Adds `schema_version` to a table of an earlier Meridian, in place.
    private func addSchemaVersions() throws {
        let statements = connection.dialect.alterTable(Self.definition, .addColumn(Self.schemaVersionColumn, checks: [])) ?? []
        for statement in statements { try connection.run(statement) }
    }

    /// Whether `version` is an integer column, as Meridian made it before versions were text.
    private func hasIntegerVersions() throws -> Bool {
        let table = try connection.inspectSchema(excluding: []).table(Self.tableName)
        return table?.column("version")?.type == .logical(.int)
    }

    /// Rebuilds the table with a text `version`, keeping every row.
    private func upgradeIntegerVersions() throws {
        let staging = Self.tableName + "_upgrade"
        try connection.create(Self.definition(named: staging))
        try connection.execute("""
            INSERT INTO \(staging) (version, slug, checksum, applied_at, duration_ms, applied_by, dirty)
            SELECT CAST(version AS TEXT), slug, checksum, applied_at, duration_ms, applied_by, dirty FROM \(Self.tableName)
            """)
        try connection.execute("DROP TABLE \(Self.tableName)")
        try connection.execute("ALTER TABLE \(staging) RENAME TO \(Self.tableName)")
    }
}

/// The tracking table, `meridian_migrations`: which migrations a database has applied.
///
/// It is created through the same schema renderer as any table, so its columns follow the
/// value contract on both backends.
public struct MigrationHistory {
    public static let tableName = "meridian_migrations"

    static let definition = definition(named: tableName)

    /// The tracking table's columns under another name, for tools that keep the same records.
    public static func definition(named name: String) -> TableDefinition {
        TableDefinition(
            name,
            columns: [
                .init("version", .int, nullable: false),
                .init("slug", .text, nullable: false),
                .init("checksum", .text, nullable: false),
                .init("applied_at", .timestamp, nullable: false),
                .init("duration_ms", .double, nullable: false),
                .init("applied_by", .text, nullable: false),
                .init("dirty", .bool, nullable: false),
            ],
            primaryKey: ["version"])
    }

    let connection: any DatabaseConnection

    public init(_ connection: any DatabaseConnection) {
        self.connection = connection
    }

    public func exists() throws -> Bool {
        try connection.fetchValue(Int64.self, connection.dialect.tableExistsSQL, [.text(Self.tableName)]) == 1
    }

    /// Creates the table unless it exists. The check runs inside the writing transaction, so
    /// two migrators starting together create it once.
    public func prepare() throws {
        guard try !exists() else { return }
        try connection.transaction {
            if try !exists() { try connection.create(Self.definition) }
        }
    }

    /// The applied migrations, by version; empty when the table does not exist yet.
    public func load() throws -> [AppliedMigration] {
        guard try exists() else { return [] }
        return try connection.fetchAll(
            AppliedMigration.self,
            "SELECT version, slug, checksum, applied_at, duration_ms AS duration_milliseconds, applied_by, dirty FROM \(Self.tableName) ORDER BY version")
    }

    func insert(_ row: AppliedMigration) throws {
        try connection.execute(
            "INSERT INTO \(Self.tableName) (version, slug, checksum, applied_at, duration_ms, applied_by, dirty) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            [.int(row.version), .text(row.slug), .text(row.checksum), .timestamp(row.appliedAt),
             .double(row.durationMilliseconds), .text(row.appliedBy), .bool(row.dirty)])
    }

    func markClean(version: Int64, durationMilliseconds: Double) throws {
        try connection.execute(
            "UPDATE \(Self.tableName) SET dirty = $1, duration_ms = $2 WHERE version = $3",
            [.bool(false), .double(durationMilliseconds), .int(version)])
    }

    func delete(version: Int64) throws {
        try connection.execute("DELETE FROM \(Self.tableName) WHERE version = $1", [.int(version)])
    }

    func deleteAll() throws {
        try connection.execute("DELETE FROM \(Self.tableName)")
    }
}

/// The record another migration tool keeps of what it applied to a database, read so that
/// Meridian can take the database over (``MigrationAdoption``).
///
/// ```swift
/// if let history = try ForeignMigrationHistory.read(on: db) {
///     print(history.tool, history.applied.map(\.version))   // diesel ["20240501120000", …]
/// }
/// ```
///
/// | tool | table | what it holds |
/// |---|---|---|
/// | Diesel | `__diesel_schema_migrations (version, run_on)` | a row per applied migration |
/// | golang-migrate | `schema_migrations (version, dirty)` | one row: the current version |
/// | dbmate | `schema_migrations (version)` | a row per applied migration |
/// | Flyway | `flyway_schema_history` | a row per applied script, with a CRC-32 checksum |
/// | Alembic | `alembic_version (version_num)` | the current revision id (Python files) |
public struct ForeignMigrationHistory: Sendable, Equatable {
    public enum Tool: String, Sendable, CaseIterable {
        case diesel
        case golangMigrate = "golang-migrate"
        case dbmate
        case flyway
        case alembic

        /// The tool's tracking table.
        public var table: String {
            switch self {
            case .diesel: "__diesel_schema_migrations"
            case .golangMigrate, .dbmate: "schema_migrations"
            case .flyway: "flyway_schema_history"
            case .alembic: "alembic_version"
            }
        }

        /// The tool's name as people write it.
        public var displayName: String {
            switch self {
            case .diesel: "Diesel"
            case .golangMigrate: "golang-migrate"
            case .dbmate: "dbmate"
            case .flyway: "Flyway"
            case .alembic: "Alembic"
            }
        }
    }

    /// One row of the other tool's table.
    public struct Entry: Sendable, Equatable {
        /// The version as the tool recorded it: `20240501120000`, `3`, an Alembic revision id.
        public var version: String
        /// When it ran, where the tool kept that.
        public var appliedAt: Timestamp?
        /// Flyway's CRC-32 of the script, as a signed 32-bit number.
        public var checksum: Int32?
        /// Flyway's script name (`V3__add_alerts.sql`).
        public var script: String?
    }

    public var tool: Tool
    /// For golang-migrate and Alembic, the one current version; for the others, every applied one.
    public var applied: [Entry]
    /// golang-migrate's `dirty` flag, or a failed Flyway row's version: the database is half-way
    /// through a migration.
    public var dirtyVersion: String?

    /// Whether the tool records only the newest version, every older file counting as applied.
    public var recordsCurrentVersionOnly: Bool { tool == .golangMigrate || tool == .alembic }

    /// The histories present in the database, in ``Tool`` order (usually one).
    public static func all(on connection: any DatabaseConnection) throws -> [ForeignMigrationHistory] {
        var found: [ForeignMigrationHistory] = []
        let schema = try connection.inspectSchema(excluding: [])
        for tool in Tool.allCases {
            guard let table = schema.table(tool.table) else { continue }
            let hasDirty = table.column("dirty") != nil
            if (tool == .golangMigrate && !hasDirty) || (tool == .dbmate && hasDirty) { continue }
            found.append(try read(tool, on: connection))
        }
        return found
    }

    /// Reads `tool`'s table, which must exist.
    public static func read(_ tool: Tool, on connection: any DatabaseConnection) throws -> ForeignMigrationHistory {
        var history = ForeignMigrationHistory(tool: tool, applied: [])
        let table = tool.table
        switch tool {
        case .diesel:
            try connection.forEachRow("SELECT CAST(version AS TEXT), CAST(run_on AS TEXT) FROM \(table)", []) { row in
                history.applied.append(Entry(version: try row.decode(at: 0), appliedAt: instant(try row.decode(String?.self, at: 1))))
            }
        case .golangMigrate:
            try connection.forEachRow("SELECT CAST(version AS TEXT), CASE WHEN dirty THEN 1 ELSE 0 END FROM \(table)", []) { row in
                let version: String = try row.decode(at: 0)
                history.applied.append(Entry(version: version))
                if try row.decode(Int64.self, at: 1) == 1 { history.dirtyVersion = version }
            }
        case .dbmate:
            try connection.forEachRow("SELECT CAST(version AS TEXT) FROM \(table)", []) { row in
                history.applied.append(Entry(version: try row.decode(at: 0)))
            }
        case .flyway:
            try connection.forEachRow("""
                SELECT version, CAST(checksum AS TEXT), script, CAST(installed_on AS TEXT), CASE WHEN success THEN 1 ELSE 0 END
                FROM \(table) WHERE version IS NOT NULL ORDER BY installed_rank
                """, []) { row in
                let version: String = try row.decode(at: 0)
                history.applied.append(Entry(
                    version: version, appliedAt: instant(try row.decode(String?.self, at: 3)),
                    checksum: try row.decode(String?.self, at: 1).flatMap { Int32($0) }, script: try row.decode(at: 2)))
                if try row.decode(Int64.self, at: 4) == 0 { history.dirtyVersion = version }
            }
        case .alembic:
            try connection.forEachRow("SELECT version_num FROM \(table)", []) { row in
                history.applied.append(Entry(version: try row.decode(at: 0)))
            }
        }
        return history
    }

    /// A tool's `timestamp` text (no zone, taken as UTC), or `nil` when it does not read.
    private static func instant(_ text: String?) -> Timestamp? {
        guard let text else { return nil }
        return Timestamp(iso8601: text) ?? Timestamp(iso8601: text + "Z") ?? Timestamp(iso8601: String(text.prefix(19)) + "Z")
    }
}

extension ForeignMigrationHistory {
    /// Flyway's checksum of a script: CRC-32 over its lines' UTF-8 bytes without their line
    /// breaks (a byte order mark on the first line dropped), as a signed 32-bit number.
    public static func flywayChecksum(_ text: String) -> Int32 {
        var crc = CRC32()
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
        if text.hasSuffix("\n") || text.hasSuffix("\r") { lines.removeLast() }
        for (index, line) in lines.enumerated() {
            crc.update(index == 0 && line.hasPrefix("\u{FEFF}") ? line.dropFirst().utf8 : line.utf8)
        }
        return Int32(bitPattern: crc.value)
    }
}

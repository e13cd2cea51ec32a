import Foundation
import Meridian
import MeridianTesting

/// Migration folders written per test: the same versions and names, with each backend's SQL.
struct MigrationFolder {
    let path: String
    let backend: Backend

    init(_ backend: Backend) throws {
        self.backend = backend
        path = FileManager.default.temporaryDirectory.appendingPathComponent("meridian-migrations-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// Writes `NNNN_slug.up.sql` and `.down.sql`.
    func write(_ version: Int, _ slug: String, up: String, down: String) throws {
        let name = String(format: "%04d_", version) + slug
        try up.write(toFile: "\(path)/\(name).up.sql", atomically: true, encoding: .utf8)
        try down.write(toFile: "\(path)/\(name).down.sql", atomically: true, encoding: .utf8)
    }

    /// The standard three: stations, readings (with a foreign key), and an added column.
    func writeStandard() throws {
        let int = backend.expect(sqlite: "INTEGER", postgres: "bigint")
        try write(1, "create_stations", up: "CREATE TABLE stations (id \(int) PRIMARY KEY, code TEXT NOT NULL);\n", down: "DROP TABLE stations;\n")
        try write(
            2, "create_readings",
            up: """
                -- Readings belong to stations.
                CREATE TABLE readings (
                    id \(int) PRIMARY KEY,
                    station_id \(int) NOT NULL REFERENCES stations (id) ON DELETE CASCADE,
                    value DOUBLE PRECISION
                );
                CREATE INDEX readings_station ON readings (station_id);
                """,
            down: "DROP TABLE readings;\n")
        try write(3, "add_station_name", up: "ALTER TABLE stations ADD COLUMN name TEXT;\n", down: "ALTER TABLE stations DROP COLUMN name;\n")
    }

    func load() throws -> [Migration] {
        try MigrationDirectory(path: path).load(dialect: backend.expect(sqlite: .sqlite, postgres: .postgres))
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// Telemetry kept in memory for assertions.
final class RecordedTelemetry: MigrationTelemetry, @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [MigrationEvent] = []

    func record(_ event: MigrationEvent) {
        lock.lock()
        recorded.append(event)
        lock.unlock()
    }

    var events: [MigrationEvent] {
        lock.lock()
        defer { lock.unlock() }
        return recorded
    }
}

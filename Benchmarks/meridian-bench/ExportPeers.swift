import Foundation
import Meridian
import MeridianPostgres

/// How each contender of `export` loads the dataset into a fresh database, timed from the start
/// of its process(es) to their end. See PEERS.md for why each is run this way.
struct ExportPeers {
    let dataset: ExportDataset
    let directory: TemporaryDirectory

    /// `meridian export`, the command a user runs, as a process; the target is migrated first,
    /// untimed, as the limit's table is created untimed.
    func meridian(_ binary: String, into database: PostgresScratchDatabase, verify: Bool) throws -> Double {
        try migrateTarget(database)
        var arguments = [binary, "export", "--from", "sqlite:" + dataset.sourcePath, "--to", database.url]
        if !verify { arguments.append("--no-verify") }
        return try Subprocess.run(arguments, stdout: directory.file("meridian.out"), stderr: directory.file("meridian.err"))
    }

    private func migrateTarget(_ database: PostgresScratchDatabase) throws {
        let db = try PostgresConnection(url: database.url)
        try Migrator(connection: db, migrations: try MigrationDirectory(path: dataset.postgresMigrations).load(dialect: .postgres)).up()
    }

    /// The limit: `psql \copy` of the pre-rendered binary file into the table without indexes,
    /// then the primary key, the unique key and the GiST index, one psql each (PEERS.md).
    func copyLimit(_ psql: String, into database: PostgresScratchDatabase) throws -> Double {
        let db = try PostgresConnection(url: database.url)
        try db.create(ExportDataset.bareTable)
        let steps = [
            "\\copy earthquakes FROM '\(dataset.copyFilePath)' WITH (FORMAT binary)",
            "ALTER TABLE earthquakes ADD PRIMARY KEY (id)",
            "ALTER TABLE earthquakes ADD CONSTRAINT earthquakes_usgs_id_key UNIQUE (usgs_id)",
            "CREATE INDEX earthquakes_location_gist ON earthquakes USING gist (location)",
        ]
        var milliseconds = 0.0
        for step in steps {
            milliseconds += try Subprocess.run(
                [psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", step, database.url], stderr: directory.file("psql.err"))
        }
        return milliseconds
    }

    /// `ogr2ogr` with COPY, letting it create the table (its fastest mode).
    func ogr2ogr(_ tool: String, into database: PostgresScratchDatabase) throws -> Double {
        try Subprocess.run(
            [
                tool, "--config", "PG_USE_COPY", "YES", "-f", "PostgreSQL", Self.gdalConnection(database.url), dataset.sourcePath,
                ExportDataset.tableName, "-nln", ExportDataset.tableName,
                "-lco", "GEOMETRY_NAME=location", "-lco", "GEOM_TYPE=geography", "-lco", "FID=id",
            ],
            stderr: directory.file("ogr2ogr.err"))
    }

    /// pgloader into a staging table: it cannot convert SpatiaLite geometry, so the point goes
    /// as bytea; REAL becomes double precision (its default is float4), and Meridian's
    /// `TIMESTAMP TEXT` and `JSON TEXT` declared types, which it would copy verbatim into
    /// PostgreSQL and fail on, are cast to timestamptz and jsonb.
    func pgloader(_ tool: String, into database: PostgresScratchDatabase) throws -> Double {
        let command = directory.file("load.pgl")
        try """
            LOAD DATABASE
              FROM sqlite://\(dataset.sourcePath)
              INTO \(database.url.replacingOccurrences(of: "postgres://", with: "postgresql://"))
              WITH include drop, create tables, create no indexes
              CAST column earthquakes.location to bytea drop typemod using byte-vector-to-bytea,
                   type real to "double precision" drop typemod using float-to-string,
                   type "timestamp text" to timestamptz drop typemod,
                   type "json text" to jsonb drop typemod
              INCLUDING ONLY TABLE NAMES LIKE 'earthquakes'
              ALTER TABLE NAMES MATCHING 'earthquakes' RENAME TO 'earthquakes_stage';
            """.write(toFile: command, atomically: true, encoding: .utf8)
        return try Subprocess.run([tool, "--quiet", "--root-dir", directory.file("pgloader"), command], stderr: directory.file("pgloader.err"))
    }

    /// `PG:host=… port=… user=… dbname=…` from a postgres:// URL; the password goes through
    /// PGPASSWORD, set by the caller, not the command line.
    static func gdalConnection(_ url: String) -> String {
        guard let parts = URLComponents(string: url) else { return "PG:" + url }
        var words = ["host=\(parts.host ?? "localhost")", "dbname=\(parts.path.dropFirst())"]
        if let port = parts.port { words.append("port=\(port)") }
        if let user = parts.user { words.append("user=\(user)") }
        return "PG:" + words.joined(separator: " ")
    }
}

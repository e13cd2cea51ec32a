import Foundation

/// Applies and rolls back migrations on one connection, keeping the tracking table in step.
///
/// ```swift
/// let migrations = try MigrationDirectory(path: "migrations-sqlite").load(dialect: .sqlite)
/// let migrator = Migrator(connection: db, migrations: migrations)
/// try migrator.up()
/// ```
///
/// Every run first checks the files against the tracking table and refuses to start on drift,
/// a missing file, an out-of-order file or a dirty migration. Each migration and its tracking
/// row commit in one transaction, so a crash or a kill at any instant leaves the database at a
/// clean version. One migrator runs at a time: on PostgreSQL a session advisory lock is held for
/// the run; on SQLite each step takes the write lock (`BEGIN IMMEDIATE`) and re-reads the
/// tracking table under it, so a second migrator waits and then sees the work done.
public final class Migrator {
    public let connection: any DatabaseConnection
    public let migrations: [Migration]
    public var telemetry: any MigrationTelemetry
    /// Recorded in the tracking table for each applied migration.
    public var appliedBy: String

    private var history: MigrationHistory { MigrationHistory(connection) }

    public init(
        connection: any DatabaseConnection, migrations: [Migration],
        telemetry: any MigrationTelemetry = CombinedTelemetry([]), appliedBy: String = Migrator.currentUser
    ) {
        self.connection = connection
        self.migrations = migrations.sorted { $0.version < $1.version }
        self.telemetry = telemetry
        self.appliedBy = appliedBy
    }

    /// `user@host` of this process.
    public static var currentUser: String {
        let environment = ProcessInfo.processInfo.environment
        let account = getpwuid(getuid()).flatMap { $0.pointee.pw_name.map { String(cString: $0) } }
        let user = environment["USER"] ?? environment["LOGNAME"] ?? account ?? "unknown"
        return "\(user)@\(ProcessInfo.processInfo.hostName)"
    }

    // MARK: - Reading

    /// How the files' layout orders versions; the tracking table's rows are ordered alike.
    public var ordering: MigrationVersion.Ordering { migrations.first?.version.ordering ?? .numeric }

    /// The tracking table's rows, in the files' order.
    public func applied() throws -> [AppliedMigration] { try history.load(ordering: ordering) }

    /// The newest applied version as its file spells it (`2024-03-13`), or `none`.
    public func currentVersion() throws -> String {
        guard let newest = try applied().last?.version else { return "none" }
        return migrations.first { $0.version == newest }?.version.spelling ?? newest.spelling
    }

    /// The version a user named on the command line, as a file spells it (`0003`,
    /// `2024-03-13-170000`), as its number or text (`3`, `20240313170000`), or as the file's
    /// whole name (`0003_add_alerts`); `0` for none.
    ///
    /// - Throws: ``MigrationHistoryError/unknownVersion(_:)`` when no file has it.
    public func version(named text: String) throws(MigrationHistoryError) -> MigrationVersion {
        let asked = MigrationVersion(spelling: text, ordering: ordering)
        if let file = migrations.first(where: { $0.version.spelling == text || $0.name == text || $0.version == asked }) {
            return file.version
        }
        if asked.isZero, text.allSatisfy(\.isNumber) { return .zero }
        throw .unknownVersion(asked)
    }

    /// Every disagreement between the files and the database; empty when they agree.
    public func problems() throws -> [MigrationHistoryError] {
        MigrationPlanner.problems(files: migrations, applied: try applied())
    }

    /// The migrations `up(to:)` would apply now, in order.
    public func pendingUp(to target: MigrationVersion? = nil) throws -> [Migration] {
        try MigrationPlanner.up(files: migrations, applied: try applied(), to: target)
    }

    /// The migrations `down(_:)` would roll back now, newest first.
    public func pendingDown(_ target: MigrationPlanner.DownTarget, allowEmptyDown: Bool = false) throws -> [Migration] {
        try MigrationPlanner.down(files: migrations, applied: try applied(), target, allowEmptyDown: allowEmptyDown)
    }

    // MARK: - Running

    /// Applies pending migrations up to `target` (all when `nil`); returns those it applied.
    @discardableResult
    public func up(to target: MigrationVersion? = nil) throws -> [Migration] {
        let plan = try pendingUp(to: target)
        guard !plan.isEmpty else { return [] }
        return try connection.withMigrationLock {
            try prepareSpatialSupport(for: plan.map(\.up))
            try history.prepare()
            let safeguard = try connection.makeMigrationSafeguard()
            var done: [Migration] = []
            for migration in plan where try apply(migration, safeguard) { done.append(migration) }
            return done
        }
    }

    /// Rolls back to `target`; returns the migrations it rolled back, newest first.
    ///
    /// A migration whose down script holds no statement stops the run before anything is
    /// rolled back (``MigrationHistoryError/irreversible(version:slug:path:)``), unless
    /// `allowEmptyDown`, which removes its tracking row and runs nothing.
    @discardableResult
    public func down(_ target: MigrationPlanner.DownTarget, allowEmptyDown: Bool = false) throws -> [Migration] {
        let plan = try pendingDown(target, allowEmptyDown: allowEmptyDown)
        guard !plan.isEmpty else { return [] }
        return try connection.withMigrationLock {
            try prepareSpatialSupport(for: plan.compactMap(\.down))
            let safeguard = try connection.makeMigrationSafeguard()
            var done: [Migration] = []
            for migration in plan where try revert(migration, safeguard) { done.append(migration) }
            return done
        }
    }

    /// Rolls back the newest applied migration and applies it again.
    @discardableResult
    public func redo() throws -> Migration? {
        guard let last = try down(.steps(1)).first else { return nil }
        try up(to: last.version)
        return last
    }

    /// Records the database as being exactly at `version` (``MigrationVersion/zero`` for none) without running any SQL:
    /// the way out after a migration without a transaction failed half-way and was repaired by
    /// hand. Rows above `version` are removed; files up to it are recorded as applied.
    public func force(_ version: MigrationVersion) throws {
        if !version.isZero && !migrations.contains(where: { $0.version == version }) {
            throw MigrationHistoryError.unknownVersion(version)
        }
        try connection.withMigrationLock {
            try history.prepare()
            try connection.transaction {
                try history.deleteAll()
                for migration in migrations where migration.version <= version {
                    try history.insert(row(for: migration, durationMilliseconds: 0, dirty: false))
                }
            }
        }
    }

    // MARK: - Steps

    /// Applies one migration unless another migrator did already; returns whether it ran.
    ///
    /// The statements run under the engine's ``MigrationSafeguard`` (on SQLite: foreign keys
    /// off), which checks before the commit that they left nothing dangling.
    private func apply(_ migration: Migration, _ safeguard: any MigrationSafeguard) throws -> Bool {
        let started = DispatchTime.now()
        return try safeguard.run(migration.up) {
            if migration.up.transactional {
                return try connection.transaction {
                    guard try isNext(migration) else { return false }
                    try run(migration.up, of: migration, direction: .up, started: started, transactional: true, safeguard)
                    try history.insert(row(for: migration, durationMilliseconds: Self.milliseconds(since: started), dirty: false))
                    finished(migration, .up, started)
                    return true
                }
            }
            let claimed = try connection.transaction {
                guard try isNext(migration) else { return false }
                try history.insert(row(for: migration, durationMilliseconds: 0, dirty: true))
                return true
            }
            guard claimed else { return false }
            try run(migration.up, of: migration, direction: .up, started: started, transactional: false, safeguard)
            try history.markClean(version: migration.version, durationMilliseconds: Self.milliseconds(since: started))
            finished(migration, .up, started)
            return true
        }
    }

    /// Rolls back one migration unless another migrator did already; returns whether it ran.
    private func revert(_ migration: Migration, _ safeguard: any MigrationSafeguard) throws -> Bool {
        guard let down = migration.down else { throw MigrationHistoryError.noDownScript(version: migration.version, slug: migration.slug) }
        let started = DispatchTime.now()
        return try safeguard.run(down) {
            if down.transactional {
                return try connection.transaction {
                    guard try isNewest(migration) else { return false }
                    try run(down, of: migration, direction: .down, started: started, transactional: true, safeguard)
                    try history.delete(version: migration.version)
                    finished(migration, .down, started)
                    return true
                }
            }
            let claimed = try connection.transaction {
                guard try isNewest(migration) else { return false }
                try history.markDirty(version: migration.version)
                return true
            }
            guard claimed else { return false }
            try run(down, of: migration, direction: .down, started: started, transactional: false, safeguard)
            try history.delete(version: migration.version)
            finished(migration, .down, started)
            return true
        }
    }

    /// Under the lock: whether `migration` is still the next one to apply.
    private func isNext(_ migration: Migration) throws -> Bool {
        try MigrationPlanner.up(files: migrations, applied: try applied()).first?.version == migration.version
    }

    /// Under the lock: whether `migration` is still the newest applied one.
    private func isNewest(_ migration: Migration) throws -> Bool {
        try applied().last?.version == migration.version
    }

    /// Runs the script's statements, then the safeguard's check; a failure names the file and
    /// line, and is recorded in the telemetry.
    private func run(
        _ script: MigrationScript, of migration: Migration, direction: MigrationEvent.Direction, started: DispatchTime,
        transactional: Bool, _ safeguard: any MigrationSafeguard
    ) throws {
        telemetry.record(MigrationEvent(event: .started, direction: direction, version: migration.version.spelling, slug: migration.slug, path: script.path))
        var current: SQLStatement?
        do {
            try safeguard.begin()
            for statement in script.statements {
                current = statement
                try execute(statement.sql)
            }
            current = nil
            try safeguard.verify()
        } catch let error as DatabaseError {
            let failure = MigrationFailure(
                migration: migration.name, path: script.path,
                line: current.map { $0.line + max(0, (error.line ?? 1) - 1) },
                statement: current?.sql, underlying: error, rolledBack: transactional)
            var cause = error
            cause.sql = nil
            cause.line = nil
            telemetry.record(MigrationEvent(
                event: .failed, direction: direction, version: migration.version.spelling, slug: migration.slug,
                durationMilliseconds: Self.milliseconds(since: started), path: script.path, line: failure.line,
                statement: current.map { SQLText.excerpt($0.sql, limit: 1000) }, error: cause.description))
            throw failure
        }
    }

    /// Runs one statement; SpatiaLite's management functions must return 1.
    private func execute(_ sql: String) throws {
        guard connection.dialect.returnsSuccessFlag(sql) else {
            try connection.executeScript(sql)
            return
        }
        guard try connection.callReportingSuccess(sql) else {
            throw DatabaseError(.other, "the function returned 0, not 1: check the table, column, SRID and geometry type it names", sql: sql)
        }
    }

    private func finished(_ migration: Migration, _ direction: MigrationEvent.Direction, _ started: DispatchTime) {
        telemetry.record(MigrationEvent(
            event: .finished, direction: direction, version: migration.version.spelling, slug: migration.slug,
            durationMilliseconds: Self.milliseconds(since: started)))
    }

    private func row(for migration: Migration, durationMilliseconds: Double, dirty: Bool) -> AppliedMigration {
        AppliedMigration(
            version: migration.version, slug: migration.slug, checksum: migration.checksum, appliedAt: .now(),
            durationMilliseconds: durationMilliseconds, appliedBy: appliedBy, dirty: dirty, schemaVersion: migration.schemaVersion)
    }

    /// Spatial DDL needs SpatiaLite's metadata tables or the PostGIS extension; they are made
    /// under the migration lock, before the migrations' own transactions, and only for scripts
    /// that touch spatial types, so plain databases stay plain. The set-up serialises itself
    /// too (``DatabaseConnection/ensureSpatialSupport()``): of migrators started together on a
    /// fresh database, one makes it and the others wait, then find it made.
    private func prepareSpatialSupport(for scripts: [MigrationScript]) throws {
        if scripts.contains(where: \.mentionsSpatialTypes) { try connection.ensureSpatialSupport() }
    }

    static func milliseconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1_000_000
    }
}

extension MigrationScript {
    /// Whether a statement of the script drops a table (`DROP TABLE`, in any case and spacing).
    public var dropsTable: Bool {
        statements.contains { $0.sql.prefix(64).lowercased().split(whereSeparator: \.isWhitespace).prefix(2) == ["drop", "table"] }
    }

    /// Whether the script names spatial types or SpatiaLite's geometry functions.
    var mentionsSpatialTypes: Bool {
        ["addgeometrycolumn", "geometry(", "geography(", "createspatialindex", "postgis"].contains { ASCIISearch.contains(text, $0) }
    }
}

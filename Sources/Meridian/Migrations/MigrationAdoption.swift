/// Takes over a database another tool migrated: reads that tool's history, checks that the
/// files it names are here (and, where the tool kept checksums, unchanged), and records them in
/// `meridian_migrations` in one transaction, leaving the other tool's table as it was.
///
/// ```swift
/// let migrations = try MigrationDirectory(path: "migrations").load(dialect: .postgres)
/// let adoption = try MigrationAdoption.plan(on: db, migrations: migrations)
/// try adoption.record(on: db, appliedBy: Migrator.currentUser)
/// // `meridian migrate up` now applies only what the other tool had not.
/// ```
///
/// golang-migrate and Alembic record only their current version: every file up to it counts as
/// applied. Alembic's revisions are Python files that no SQL file can be matched to, so its
/// database is adopted at a version the user names (`at`), as is a database no tool recorded
/// (a baseline, as Flyway's `baseline` makes one).
public struct MigrationAdoption: Sendable {
    /// Where the history came from: a tool, or a baseline the user named.
    public var source: String
    /// The migrations to record as applied, in order, with when they ran where the tool knew.
    public var applied: [(migration: Migration, appliedAt: Timestamp?)]
    /// The files newer than the adopted ones, which `migrate up` will apply.
    public var pending: [Migration]

    /// Reads the database's foreign history (or takes `at`) and matches it to `migrations`.
    ///
    /// - Parameters:
    ///   - tool: which tool's table to read, when the database holds several.
    ///   - at: a baseline: every file up to this version counts as applied. Required for
    ///     Alembic and for a database no tool recorded; refused alongside another tool's
    ///     history, which already says what ran.
    /// - Throws: ``MigrationAdoptionError`` for every reason it cannot be adopted, before anything
    ///   is written.
    public static func plan(
        on connection: any DatabaseConnection, migrations: [Migration], tool: ForeignMigrationHistory.Tool? = nil,
        at: MigrationVersion? = nil
    ) throws -> MigrationAdoption {
        guard try MigrationHistory(connection).load().isEmpty else { throw MigrationAdoptionError.alreadyTracked }
        let found = try ForeignMigrationHistory.all(on: connection).filter { tool == nil || $0.tool == tool }
        if found.count > 1 { throw MigrationAdoptionError.severalHistories(found.map(\.tool)) }
        guard let history = found.first else {
            if let tool { throw MigrationAdoptionError.historyMissing(tool) }
            guard let at else { throw MigrationAdoptionError.noHistory }
            return try baseline(at, of: migrations, source: "a baseline at \(at)")
        }
        if let dirty = history.dirtyVersion { throw MigrationAdoptionError.dirty(history.tool, version: dirty) }
        if history.tool == .alembic {
            guard let at else { throw MigrationAdoptionError.alembicNeedsVersion(revisions: history.applied.map(\.version)) }
            return try baseline(at, of: migrations, source: "Alembic revision \(history.applied.map(\.version).joined(separator: ", ")), at \(at)")
        }
        if at != nil { throw MigrationAdoptionError.baselineBesideHistory(history.tool) }
        return try matched(history, to: migrations)
    }

    /// Records the plan in `meridian_migrations`, in one transaction.
    public func record(on connection: any DatabaseConnection, appliedBy: String) throws {
        let history = MigrationHistory(connection)
        try history.prepare()
        try connection.transaction {
            guard try history.load().isEmpty else { throw MigrationAdoptionError.alreadyTracked }
            for (migration, appliedAt) in applied {
                try history.insert(AppliedMigration(
                    version: migration.version, slug: migration.slug, checksum: migration.checksum,
                    appliedAt: appliedAt ?? .now(), durationMilliseconds: 0, appliedBy: "\(appliedBy), adopted from \(source)",
                    dirty: false))
            }
        }
    }

    private static func baseline(_ at: MigrationVersion, of migrations: [Migration], source: String) throws -> MigrationAdoption {
        guard at.isZero || migrations.contains(where: { $0.version == at }) else { throw MigrationHistoryError.unknownVersion(at) }
        return MigrationAdoption(
            source: source, applied: migrations.filter { $0.version <= at }.map { ($0, nil) },
            pending: migrations.filter { $0.version > at })
    }

    /// The tool's rows matched to files by version, checksums compared where the tool kept them.
    private static func matched(_ history: ForeignMigrationHistory, to migrations: [Migration]) throws -> MigrationAdoption {
        let ordering = migrations.first?.version.ordering ?? .numeric
        let byVersion = Dictionary(migrations.map { ($0.version, $0) }, uniquingKeysWith: { first, _ in first })
        var problems: [String] = []
        var applied: [(migration: Migration, appliedAt: Timestamp?)] = []
        for entry in history.applied {
            let version = MigrationVersion(spelling: entry.version, ordering: ordering)
            guard let file = byVersion[version] else {
                problems.append("\(history.tool.table) records version \(entry.version)\(entry.script.map { " (\($0))" } ?? ""), and no migration file has it: restore the file, or point --migrations at the folder \(history.tool.displayName) ran")
                continue
            }
            if let expected = entry.checksum, case let actual = ForeignMigrationHistory.flywayChecksum(file.up.text), actual != expected {
                problems.append("\(file.up.path) has Flyway checksum \(actual), but \(history.tool.table) recorded \(expected) for \(entry.script ?? entry.version): the file changed after Flyway ran it; restore it")
                continue
            }
            applied.append((file, entry.appliedAt))
        }
        if history.recordsCurrentVersionOnly, let current = applied.first?.migration.version {
            applied = migrations.filter { $0.version <= current }.map { ($0, $0.version == current ? applied[0].appliedAt : nil) }
        }
        if !problems.isEmpty { throw MigrationAdoptionError.unmatched(problems) }
        applied.sort { $0.migration.version < $1.migration.version }
        let done = Set(applied.map(\.migration.version))
        return MigrationAdoption(
            source: "\(history.tool.displayName) (\(history.tool.table))", applied: applied,
            pending: migrations.filter { !done.contains($0.version) })
    }
}

/// Why a database cannot be adopted; nothing was written.
public enum MigrationAdoptionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `meridian_migrations` already has rows.
    case alreadyTracked
    /// No other tool's table, and no baseline version.
    case noHistory
    /// `--from` named a tool whose table is not there.
    case historyMissing(ForeignMigrationHistory.Tool)
    /// More than one tool's table; `--from` chooses.
    case severalHistories([ForeignMigrationHistory.Tool])
    /// The other tool left a migration half-way.
    case dirty(ForeignMigrationHistory.Tool, version: String)
    /// Alembic's revisions cannot be matched to SQL files.
    case alembicNeedsVersion(revisions: [String])
    /// A baseline version alongside a history that already says what ran.
    case baselineBesideHistory(ForeignMigrationHistory.Tool)
    /// Versions without files, or files whose checksum changed.
    case unmatched([String])

    public var description: String {
        switch self {
        case .alreadyTracked:
            "the database already has migrations recorded in \(MigrationHistory.tableName); it needs no adopting: run meridian migrate status"
        case .noHistory:
            "no other tool's migration table is here (\(ForeignMigrationHistory.Tool.allCases.map(\.table).joined(separator: ", "))): pass --at VERSION to record every migration up to VERSION as applied (a baseline)"
        case .historyMissing(let tool):
            "\(tool.table), \(tool.displayName)'s table, is not in this database"
        case .severalHistories(let tools):
            "the database holds the tables of \(tools.map(\.displayName).joined(separator: " and ")): choose one with --from \(tools.map(\.rawValue).joined(separator: "|"))"
        case .dirty(let tool, let version):
            "\(tool.displayName) left version \(version) half-applied (\(tool.table) marks it dirty or failed): repair the database and clear the mark with \(tool.displayName) first; nothing was recorded"
        case .alembicNeedsVersion(let revisions):
            "alembic_version holds revision \(revisions.joined(separator: ", ")); Alembic's revisions are Python files that no SQL migration can be matched to: pass --at VERSION with the migration that brings a database to that revision"
        case .baselineBesideHistory(let tool):
            "--at sets a baseline, but \(tool.table) already records what \(tool.displayName) applied: leave --at out"
        case .unmatched(let problems):
            problems.joined(separator: "\n") + "\nnothing was recorded"
        }
    }
}

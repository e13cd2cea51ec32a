/// Decides what to run from the files and the tracking table alone, before anything runs.
///
/// A pure function of its inputs (as GRDB's and Flyway's planners are), so every refusal —
/// drift, a missing file, an out-of-order file, a database ahead of its files, a dirty
/// migration — is tested without a database and reported before the first statement.
public enum MigrationPlanner {
    /// How far `down` goes.
    public enum DownTarget: Sendable, Equatable {
        /// Roll back until this version is the newest applied one (``MigrationVersion/zero`` for none).
        case to(MigrationVersion)
        case steps(Int)
        case all
    }

    /// Every disagreement between files and history, newest problem last; empty when they agree.
    public static func problems(files: [Migration], applied: [AppliedMigration]) -> [MigrationHistoryError] {
        var problems: [MigrationHistoryError] = []
        let byVersion = Dictionary(files.map { ($0.version, $0) }, uniquingKeysWith: { first, _ in first })
        let newestFile = files.map(\.version).max() ?? .zero
        let newestApplied = applied.map(\.version).max() ?? .zero
        for row in applied {
            if row.dirty {
                let previous = files.map(\.version).filter { $0 < row.version }.max() ?? .zero
                problems.append(.dirty(version: row.version, slug: row.slug, previous: previous))
            }
            guard let file = byVersion[row.version] else {
                if row.version > newestFile {
                    problems.append(.databaseAhead(databaseVersion: newestApplied, newestFile: newestFile))
                } else {
                    problems.append(.missingFile(version: row.version, slug: row.slug))
                }
                continue
            }
            if file.slug != row.slug {
                problems.append(.renamed(version: row.version, applied: row.name, current: file.name))
            } else if !row.dirty && file.checksum != row.checksum {
                problems.append(.drift(version: row.version, path: file.up.path, applied: row.checksum, current: file.checksum))
            }
        }
        let appliedVersions = Set(applied.map(\.version))
        for file in files where !appliedVersions.contains(file.version) && file.version < newestApplied {
            problems.append(.outOfOrder(version: file.version, path: file.up.path, latestApplied: newestApplied))
        }
        var seen = Set<String>()
        return problems.filter { seen.insert($0.description).inserted }
    }

    /// The migrations `up` applies, in order, up to and including `target` (all when `nil`).
    public static func up(files: [Migration], applied: [AppliedMigration], to target: MigrationVersion? = nil) throws(MigrationHistoryError) -> [Migration] {
        if let first = problems(files: files, applied: applied).first { throw first }
        if let target, !target.isZero, !files.contains(where: { $0.version == target }) { throw .unknownVersion(target) }
        let done = Set(applied.map(\.version))
        return files.filter { file in !done.contains(file.version) && target.map { file.version <= $0 } ?? true }
    }

    /// The migrations `down` rolls back, newest first.
    ///
    /// A down script without statements (an empty file, or comments only, as many projects
    /// write for changes they cannot undo) stops the plan before anything runs, unless
    /// `allowEmptyDown`, which records such a migration as rolled back without running anything.
    public static func down(
        files: [Migration], applied: [AppliedMigration], _ target: DownTarget, allowEmptyDown: Bool = false
    ) throws(MigrationHistoryError) -> [Migration] {
        if let first = problems(files: files, applied: applied).first { throw first }
        let byVersion = Dictionary(files.map { ($0.version, $0) }, uniquingKeysWith: { first, _ in first })
        let newestFirst = applied.map(\.version).sorted(by: >).compactMap { byVersion[$0] }
        let chosen: [Migration]
        switch target {
        case .all:
            chosen = newestFirst
        case .steps(let count):
            chosen = Array(newestFirst.prefix(max(0, count)))
        case .to(let version):
            if !version.isZero && byVersion[version] == nil { throw .unknownVersion(version) }
            chosen = newestFirst.filter { $0.version > version }
        }
        if let missing = chosen.first(where: { $0.down == nil }) {
            throw .noDownScript(version: missing.version, slug: missing.slug)
        }
        if !allowEmptyDown, let empty = chosen.first(where: { !$0.isReversible }), let down = empty.down {
            throw .irreversible(version: empty.version, slug: empty.slug, path: down.path)
        }
        return chosen
    }
}

/// Whether two databases are at the same migration version, so that a transfer between them
/// moves rows between the same schema.
///
/// The dialects' files differ (so do their checksums); the versions and names must match, as
/// `meridian check` holds the two folders in lockstep.
public enum MigrationVersionCheck {
    /// What to do about the target.
    public enum Outcome: Equatable, Sendable {
        /// Same versions on both sides, or no tracking table on either.
        case same
        /// The target has applied fewer migrations, each of them also applied to the source;
        /// applying the missing ones (`--migrate`) brings it level.
        case targetBehind(sourceVersion: MigrationVersion)
    }

    /// Compares the tracking tables' rows of the source and the target.
    ///
    /// - Throws: ``TransferError/versionMismatch(_:)`` when either side has a dirty migration,
    ///   when the target is ahead or has applied a migration the source has not, or when only
    ///   the target is tracked.
    public static func compare(source: [AppliedMigration], target: [AppliedMigration], sourceName: String, targetName: String) throws(TransferError) -> Outcome {
        for (side, rows) in [(sourceName, source), (targetName, target)] {
            if let dirty = rows.first(where: \.dirty) {
                throw .versionMismatch("\(side): migration \(dirty.name) failed half-way (dirty); repair it and run `meridian migrate force` before transferring")
            }
        }
        let sourceNames = source.map(\.name)
        let targetNames = target.map(\.name)
        if sourceNames == targetNames { return .same }
        let sourceVersion = source.last.map { $0.version.description } ?? "none"
        let targetVersion = target.last.map { $0.version.description } ?? "none"
        if source.isEmpty {
            throw .versionMismatch("\(sourceName) has no migrations applied, but \(targetName) is at version \(targetVersion): migrate the source first")
        }
        if targetNames.count < sourceNames.count, Array(sourceNames.prefix(targetNames.count)) == targetNames {
            return .targetBehind(sourceVersion: source.last!.version)
        }
        let firstDifference = zip(sourceNames, targetNames).first { $0 != $1 }
        let detail = firstDifference.map { " (\(sourceName) applied \($0.0), \(targetName) applied \($0.1))" } ?? ""
        throw .versionMismatch(
            "\(targetName) is at version \(targetVersion) and \(sourceName) at \(sourceVersion)\(detail): "
                + "bring the source up to the target's version (meridian migrate up) or roll the target back, then transfer again")
    }
}

/// A row of the tracking table: a migration as it was applied to one database.
public struct AppliedMigration: Sendable, Equatable {
    public var version: MigrationVersion
    public var slug: String
    /// SHA-256 of the forward script when it ran.
    public var checksum: String
    public var appliedAt: Timestamp
    /// How long the forward script took, in milliseconds.
    public var durationMilliseconds: Double
    /// Who ran it: the operating-system user and host.
    public var appliedBy: String
    /// Set while a migration without a transaction runs; left set if it failed half-way.
    public var dirty: Bool
    /// The schema's semantic version after the migration, when its file says
    /// (`-- meridian:schema-version 1.3.0`, written by `meridian migrate generate`).
    public var schemaVersion: String?

    public init(
        version: MigrationVersion, slug: String, checksum: String, appliedAt: Timestamp, durationMilliseconds: Double,
        appliedBy: String, dirty: Bool, schemaVersion: String? = nil
    ) {
        self.version = version
        self.slug = slug
        self.checksum = checksum
        self.appliedAt = appliedAt
        self.durationMilliseconds = durationMilliseconds
        self.appliedBy = appliedBy
        self.dirty = dirty
        self.schemaVersion = schemaVersion
    }

    public var name: String { "\(version)_\(slug)" }
}

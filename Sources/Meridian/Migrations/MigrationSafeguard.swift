/// What a migration's statements can break without the engine refusing them as they run,
/// checked before the migration commits.
///
/// ```swift
/// let safeguard = try connection.makeMigrationSafeguard()
/// try safeguard.run(script) {
///     try connection.transaction {
///         try safeguard.begin()
///         try connection.executeScript(script.text)
///         try safeguard.verify()   // throws, and so rolls back, when rows or metadata dangle
///     }
/// }
/// ```
///
/// SQLite is the engine that needs one. Its most common migration, the table rebuild
/// (create `t_new`, copy, `DROP TABLE t`, rename), would delete child rows through
/// `ON DELETE CASCADE` if foreign keys were enforced while it runs, so its safeguard switches
/// them off around the step — outside the transaction, where the PRAGMA takes effect — and
/// checks afterwards, inside the transaction, that no row points at a missing parent and that
/// SpatiaLite's geometry columns kept their triggers and spatial index. PostgreSQL enforces
/// foreign keys as each statement runs and its DDL deletes no rows unasked
/// (``PassThroughMigrationSafeguard``).
///
/// A safeguard is made once per run of migrations: it remembers what was already wrong with
/// the database then, so that a migration is only blamed for what it broke.
public protocol MigrationSafeguard: AnyObject {
    /// Runs one migration step, its transaction included, with the engine set up as the step
    /// needs, and restores the settings afterwards, whatever happened.
    func run<T>(_ script: MigrationScript, _ step: () throws -> T) throws -> T

    /// Inside the step's transaction, before its statements: remembers what ``verify()``
    /// compares the database with.
    func begin() throws

    /// Inside the step's transaction, after its statements and before it commits: throws a
    /// ``DatabaseError`` naming the table, row and parent when the statements left the database
    /// inconsistent, so that the transaction rolls back.
    func verify() throws
}

/// The safeguard of an engine that enforces everything as each statement runs: it runs the step
/// as it is and finds nothing to verify.
public final class PassThroughMigrationSafeguard: MigrationSafeguard {
    public init() {}

    public func run<T>(_ script: MigrationScript, _ step: () throws -> T) throws -> T { try step() }

    public func begin() throws {}

    public func verify() throws {}
}

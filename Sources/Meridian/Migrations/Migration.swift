import Foundation

/// One versioned schema change: its forward script and, usually, the script that undoes it.
public struct Migration: Sendable, Equatable {
    /// The version, from the file name as its layout reads it (`0003_add_alerts.up.sql` is 3;
    /// a Diesel folder `2024-05-01-120000_add_alerts` is the text `20240501120000`).
    public var version: MigrationVersion
    /// The name after the version: `add_alerts`.
    public var slug: String
    public var up: MigrationScript
    /// The script that undoes `up`; `nil` only where a layout allows it and a check reports it.
    public var down: MigrationScript?

    public init(version: MigrationVersion, slug: String, up: MigrationScript, down: MigrationScript?) {
        self.version = version
        self.slug = slug
        self.up = up
        self.down = down
    }

    /// SHA-256 of the forward script's text, recorded when it is applied: an applied migration
    /// whose file changed afterwards is reported before anything runs.
    public var checksum: String { up.checksum }

    /// Whether the down script has a statement to run; an empty one, or comments only, marks
    /// a change that cannot be undone.
    public var isReversible: Bool { !(down?.statements.isEmpty ?? true) }

    /// The schema's semantic version after this migration, from a line
    /// `-- meridian:schema-version 1.3.0` of the forward script (which `meridian migrate
    /// generate` writes), or `nil`.
    public var schemaVersion: String? {
        for line in up.text.split(whereSeparator: \.isNewline) where line.hasPrefix(Self.schemaVersionDirective) {
            let version = line.dropFirst(Self.schemaVersionDirective.count).trimmingCharacters(in: .whitespaces)
            if !version.isEmpty { return version }
        }
        return nil
    }

    /// The comment that carries ``schemaVersion``.
    public static let schemaVersionDirective = "-- meridian:schema-version "

    /// `0003_add_alerts`, as the file name spells it and messages name the migration.
    public var name: String { "\(version)_\(slug)" }
}

/// The SQL of one direction of a migration, split into statements.
public struct MigrationScript: Sendable, Equatable {
    /// The file it came from, for messages.
    public var path: String
    /// The whole text, as read.
    public var text: String
    /// Whether it runs inside a transaction with its tracking row. A first line
    /// `-- meridian:no-transaction` (or dbmate's `transaction:false`) turns this off for
    /// statements that refuse transactions, such as `CREATE INDEX CONCURRENTLY`.
    public var transactional: Bool
    /// The statements, in order, each with the line it starts on.
    public var statements: [SQLStatement]
    /// SHA-256 of `text`, lowercase hex.
    public var checksum: String

    public init(path: String, text: String, transactional: Bool, statements: [SQLStatement], checksum: String) {
        self.path = path
        self.text = text
        self.transactional = transactional
        self.statements = statements
        self.checksum = checksum
    }
}

/// One SQL statement of a script, with where it starts in its file.
public struct SQLStatement: Sendable, Equatable {
    public var sql: String
    /// 1-based line in the file where the statement begins.
    public var line: Int

    public init(sql: String, line: Int) {
        self.sql = sql
        self.line = line
    }
}

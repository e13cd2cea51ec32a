/// A schema's semantic version, MAJOR.MINOR.PATCH, as generated migrations record it.
///
/// ```swift
/// let version = SchemaVersion(parsing: "1.4.2")!
/// version.bumped(.minor)   // 1.5.0
/// version.bumped(.major)   // 2.0.0
/// ```
///
/// MAJOR moves for what breaks existing readers or writers (a drop, a rename, a type change, a
/// new NOT NULL, UNIQUE, CHECK or foreign key that existing rows or writers can violate),
/// MINOR for additions (a table, a nullable or defaulted column, a view), PATCH for indexes,
/// descriptions and loosened constraints. A schema's first generated migration is 1.0.0.
public struct SchemaVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var major: Int
    public var minor: Int
    public var patch: Int

    /// What a change does to the version.
    public enum Level: String, Sendable, Comparable, CaseIterable {
        case patch = "PATCH", minor = "MINOR", major = "MAJOR"

        private var rank: Int {
            switch self {
            case .patch: 0
            case .minor: 1
            case .major: 2
            }
        }

        public static func < (a: Level, b: Level) -> Bool { a.rank < b.rank }
    }

    public init(_ major: Int, _ minor: Int, _ patch: Int) {
        self.major = major
        self.minor = minor
        self.patch = patch
    }

    /// `1.4.2`; `nil` for anything else.
    public init?(parsing text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map { Int($0) }
        guard parts.count == 3, let major = parts[0], let minor = parts[1], let patch = parts[2], major >= 0, minor >= 0, patch >= 0 else {
            return nil
        }
        self.init(major, minor, patch)
    }

    /// The version after a change of `level`.
    public func bumped(_ level: Level) -> SchemaVersion {
        switch level {
        case .major: SchemaVersion(major + 1, 0, 0)
        case .minor: SchemaVersion(major, minor + 1, 0)
        case .patch: SchemaVersion(major, minor, patch + 1)
        }
    }

    public var description: String { "\(major).\(minor).\(patch)" }

    public static func < (a: SchemaVersion, b: SchemaVersion) -> Bool { (a.major, a.minor, a.patch) < (b.major, b.minor, b.patch) }
}

/// One file or folder of a migrations folder, recognised by its name.
struct MigrationEntry: Equatable {
    enum Kind: Equatable {
        /// `NNNN_slug.up.sql` / `NNNN_slug.down.sql` (Meridian, golang-migrate).
        case up, down
        /// `NNNN_slug.sql` with `-- migrate:up` / `-- migrate:down` sections.
        case dbmate
        /// A `<version>_<name>/` folder holding `up.sql` and `down.sql`.
        case diesel

        /// The folder layout an entry of this kind belongs to.
        var layout: MigrationLayout {
            switch self {
            case .up, .down: .meridian
            case .dbmate: .dbmate
            case .diesel: .diesel
            }
        }
    }

    var name: String
    var kind: Kind
    var version: MigrationVersion
    var slug: String
    /// The name without its `.up.sql`, `.down.sql` or `.sql` suffix; an up and its down share it.
    var stem: String

    static let fileNamePattern = "expected NNNN_slug.up.sql with NNNN_slug.down.sql (Meridian, golang-migrate) "
        + "or NNNN_slug.sql with -- migrate:up / -- migrate:down sections (dbmate), where NNNN is the "
        + "version in digits and the slug holds letters, digits, _ and -"
    static let folderPattern = "expected a Diesel folder <version>_<name> such as 2024-05-01-120000_create_alerts "
        + "(the version in digits, optionally separated by -; the name in letters, digits, _ and -)"

    /// A `.sql` file's entry; `path` is for the error. A suffix in other than lower case
    /// (`0003_x.UP.SQL`) is refused: golang-migrate, dbmate and Diesel would skip the file.
    static func file(_ name: String, path: String) throws(MigrationError) -> MigrationEntry {
        let lowered = name.lowercased()
        if let suffix = [".up.sql", ".down.sql", ".sql"].first(where: lowered.hasSuffix), !name.hasSuffix(suffix) {
            throw .malformedName(
                path: path,
                reason: "the suffix is not in lower case, so other tools would skip the file: rename it \(name.dropLast(suffix.count))\(suffix)")
        }
        let (stem, kind): (Substring, Kind) =
            if name.hasSuffix(".up.sql") { (name.dropLast(7), .up) }
            else if name.hasSuffix(".down.sql") { (name.dropLast(9), .down) }
            else { (name.dropLast(4), .dbmate) }
        return try entry(name, stem: stem, kind: kind, path: path, dashes: false, pattern: fileNamePattern)
    }

    /// A folder's entry, for a folder that holds `up.sql` or `down.sql` or is named like a
    /// migration file (refused: the file was probably meant).
    static func folder(_ name: String, path: String) throws(MigrationError) -> MigrationEntry {
        if name.lowercased().hasSuffix(".sql") {
            throw .malformedName(path: path, reason: "this is a folder named like a migration file: make it a file, or a Diesel folder <version>_<name> holding up.sql and down.sql")
        }
        return try entry(name, stem: name[...], kind: .diesel, path: path, dashes: true, pattern: folderPattern)
    }

    private static func entry(
        _ name: String, stem: Substring, kind: Kind, path: String, dashes: Bool, pattern: String
    ) throws(MigrationError) -> MigrationEntry {
        guard let underscore = stem.firstIndex(of: "_") else { throw .malformedName(path: path, reason: pattern) }
        let version = stem[..<underscore]
        let slug = stem[stem.index(after: underscore)...]
        let digits = version.filter { $0 != "-" }
        guard version.first?.isASCIIDigit == true, version.last?.isASCIIDigit == true,
              version.allSatisfy({ $0.isASCIIDigit || (dashes && $0 == "-") }), !version.contains("--"),
              !slug.isEmpty, slug.allSatisfy({ $0.isASCIILetter || $0.isASCIIDigit || $0 == "_" || $0 == "-" })
        else { throw .malformedName(path: path, reason: pattern) }
        guard digits.count <= 40 else {
            throw .malformedName(path: path, reason: "the version \(version) is too long: at most 40 digits")
        }
        return MigrationEntry(
            name: name, kind: kind, version: MigrationVersion(spelling: String(version), ordering: kind.layout.ordering),
            slug: String(slug), stem: String(stem))
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
    fileprivate var isASCIILetter: Bool { isASCII && isLetter }
}

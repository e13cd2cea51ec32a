import Foundation

/// A folder of migrations, in any one of the layouts projects already use, so they can adopt
/// Meridian without renaming files:
///
/// - Meridian and golang-migrate: `0003_add_alerts.up.sql` + `0003_add_alerts.down.sql`;
/// - dbmate: `20240501120000_add_alerts.sql` with `-- migrate:up` and `-- migrate:down` sections;
/// - Diesel: `2024-05-01-120000_add_alerts/up.sql` + `down.sql` (and `metadata.toml` with
///   `run_in_transaction = false`).
///
/// Dotfiles, `README*` and files that are not `.sql` are ignored, as are subfolders without
/// `up.sql` or `down.sql`. Anything else that fits no layout, or a mix of layouts, is an error,
/// as are names that other tools would skip: `.SQL` in capitals, a folder named like a file.
public struct MigrationDirectory: Sendable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// Reads every migration, sorted by version as the folder's layout orders them.
    ///
    /// An up script with no statements (comments only) is a migration that does nothing in
    /// dbmate and Diesel folders, as those tools run it; in a Meridian folder it is refused, with
    /// every such file named in one error.
    ///
    /// - Parameter requireDown: whether an up script without a down script is an error
    ///   (Meridian's rule) or a migration whose `down` is nil.
    public func load(dialect: StatementDialect, requireDown: Bool = true) throws(MigrationError) -> [Migration] {
        let entries = try self.entries()
        var migrations: [Migration] = []
        var pairs: [String: (up: MigrationEntry?, down: MigrationEntry?)] = [:]
        for entry in entries {
            switch entry.kind {
            case .up: pairs[entry.stem, default: (nil, nil)].up = entry
            case .down: pairs[entry.stem, default: (nil, nil)].down = entry
            case .dbmate: migrations.append(try dbmate(entry, dialect: dialect, requireDown: requireDown))
            case .diesel: migrations.append(try diesel(entry, dialect: dialect, requireDown: requireDown))
            }
        }
        for stem in pairs.keys.sorted() {
            let (up, down) = pairs[stem]!
            guard let up else { throw .missingUp(path: file(down!.name)) }
            migrations.append(try migration(up, upPath: file(up.name), downPath: down.map { file($0.name) },
                                            dialect: dialect, requireDown: requireDown))
        }
        guard !migrations.isEmpty else { throw .noMigrations(directory: path) }
        if entries.first?.kind.layout.acceptsEmptyUp == false {
            let empty = migrations.filter { $0.up.statements.isEmpty }.map(\.up.path).sorted()
            if !empty.isEmpty { throw .emptyScripts(paths: empty) }
        }
        migrations.sort { ($0.version, $0.up.path) < ($1.version, $1.up.path) }
        for (previous, next) in zip(migrations, migrations.dropFirst()) where previous.version == next.version {
            let paths = migrations.filter { $0.version == next.version }.map(\.up.path)
            throw .duplicateVersion(version: next.version, paths: paths)
        }
        return migrations
    }

    /// The layout of the folder's migrations; `nil` for an empty or missing folder.
    public func layout() throws(MigrationError) -> MigrationLayout? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        return try entries().first?.kind.layout
    }

    /// Warnings about a folder's versions that are legal but likely to surprise: versions of
    /// different widths, whose order as text (dbmate, Diesel) is not their order in time, or
    /// which mix sequence numbers and timestamps.
    public static func warnings(_ migrations: [Migration]) -> [String] {
        let widths = Dictionary(grouping: migrations, by: \.version.width)
        guard widths.count > 1, let first = migrations.first else { return [] }
        let examples = widths.keys.sorted().map { width in "\(width) digits (\(widths[width]!.first!.name))" }
        let order = first.version.ordering == .text
            ? "this layout orders versions as text, so they run in the order \(migrations.map(\.version.spelling).prefix(4).joined(separator: ", "))\(migrations.count > 4 ? ", …" : ""), which may not be the order they were written in"
            : "they run in numeric order, so a sequence number runs before every timestamp"
        return ["the versions have different widths: \(examples.joined(separator: ", ")); \(order)"]
    }

    /// The recognised entries of the folder, in name order, all of one layout.
    func entries() throws(MigrationError) -> [MigrationEntry] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .notADirectory(path: path)
        }
        var entries: [MigrationEntry] = []
        for name in try contents(of: path) {
            let entryPath = file(name)
            if FileManager.default.fileExists(atPath: entryPath, isDirectory: &isDirectory), isDirectory.boolValue {
                let inside = try contents(of: entryPath).map { $0.lowercased() }
                if inside.contains("up.sql") || inside.contains("down.sql") || name.lowercased().hasSuffix(".sql") {
                    entries.append(try .folder(name, path: entryPath))
                }
            } else if name.lowercased().hasSuffix(".sql") {
                entries.append(try .file(name, path: entryPath))
            }
        }
        if let first = entries.first, let other = entries.first(where: { $0.kind.layout != first.kind.layout }) {
            throw .malformedName(
                path: file(other.name),
                reason: "this folder mixes layouts: \(first.name) is one of the \(first.kind.layout.summary), and this is "
                    + "one of the \(other.kind.layout.summary); keep one layout per folder")
        }
        return entries
    }

    /// `path/name`.
    func file(_ name: String) -> String {
        path.hasSuffix("/") ? path + name : path + "/" + name
    }

    /// The names in a folder that a migration could be, sorted: no dotfiles or READMEs.
    private func contents(of folder: String) throws(MigrationError) -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: folder)
                .filter { !$0.hasPrefix(".") && !$0.lowercased().hasPrefix("readme") }
                .sorted()
        } catch {
            throw .unreadable(path: folder, reason: "its files could not be listed; check its permissions")
        }
    }

    private func migration(
        _ entry: MigrationEntry, upPath: String, downPath: String?, transactional: Bool = true,
        dialect: StatementDialect, requireDown: Bool
    ) throws(MigrationError) -> Migration {
        if downPath == nil, requireDown { throw .missingDown(path: upPath) }
        let up = try MigrationScriptParser.parse(read(upPath), path: upPath, dialect: dialect, transactional: transactional)
        var down: MigrationScript?
        if let downPath {
            down = try MigrationScriptParser.parse(read(downPath), path: downPath, dialect: dialect, transactional: transactional)
        }
        return Migration(version: entry.version, slug: entry.slug, up: up, down: down)
    }

    private func dbmate(_ entry: MigrationEntry, dialect: StatementDialect, requireDown: Bool) throws(MigrationError) -> Migration {
        let path = file(entry.name)
        guard let (up, down) = try MigrationScriptParser.parseDbmate(read(path), path: path, dialect: dialect) else {
            throw .malformedName(
                path: path,
                reason: "a single-file migration needs a `-- migrate:up` line (dbmate); or rename it "
                    + "\(entry.stem).up.sql and add \(entry.stem).down.sql")
        }
        if down == nil, requireDown { throw .missingDown(path: path) }
        return Migration(version: entry.version, slug: entry.slug, up: up, down: down)
    }

    private func diesel(_ entry: MigrationEntry, dialect: StatementDialect, requireDown: Bool) throws(MigrationError) -> Migration {
        let folder = file(entry.name)
        let inside = try contents(of: folder)
        if let stray = inside.first(where: { $0.lowercased().hasSuffix(".sql") && $0 != "up.sql" && $0 != "down.sql" }) {
            throw .malformedName(path: folder + "/" + stray, reason: "a Diesel migration folder holds only up.sql and down.sql")
        }
        guard inside.contains("up.sql") else { throw .missingUp(path: folder + "/down.sql") }
        let metadata = inside.contains("metadata.toml") ? try read(folder + "/metadata.toml") : ""
        let transactional = !metadata.split(whereSeparator: \.isNewline)
            .contains { $0.filter { !$0.isWhitespace } == "run_in_transaction=false" }
        return try migration(
            entry, upPath: folder + "/up.sql", downPath: inside.contains("down.sql") ? folder + "/down.sql" : nil,
            transactional: transactional, dialect: dialect, requireDown: requireDown)
    }

    /// A file's text, without a UTF-8 byte order mark; a NUL anywhere is refused, naming its
    /// line and column, since the engines would stop reading a statement there, and so is a
    /// byte that is not UTF-8.
    private func read(_ path: String) throws(MigrationError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(path: path, reason: "it could not be opened; check its permissions")
        }
        let bytes = data.starts(with: [0xEF, 0xBB, 0xBF]) ? data.dropFirst(3) : data[...]
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let position = TextPosition.firstInvalidUTF8(in: bytes) ?? TextPosition(line: 1, column: 1)
            throw .malformedScript(
                path: path, line: position.line,
                reason: "column \(position.column) holds a byte that is not UTF-8: save the file as UTF-8")
        }
        if let nul = TextPosition.firstNUL(in: text) {
            throw .malformedScript(
                path: path, line: nul.line,
                reason: "column \(nul.column) holds a NUL byte (U+0000), where the engine would stop reading the "
                    + "statement and run only what comes before it: remove it")
        }
        return text
    }
}

import Foundation

extension MigrationDirectory {
    /// The versions the folder's names spell, in order, without reading any file: enough to number the
    /// next migration while an earlier one is still being written (and still empty). A folder
    /// that does not exist yet has none.
    public func versions() throws(MigrationError) -> [MigrationVersion] {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        return Array(Set(try entries().map(\.version))).sorted()
    }

    /// A slug from a description: "Add alerts table" and "AddAlertsTable" are `add_alerts_table`.
    ///
    /// Accents are dropped and other characters outside a–z and 0–9 become single underscores;
    /// a name with none of those gives an empty slug, which ``scaffold(slug:version:)`` refuses.
    public static func slugify(_ name: String) -> String {
        var slug = ""
        var separate = false
        var previous: Unicode.Scalar?
        for scalar in name.folding(options: .diacriticInsensitive, locale: nil).unicodeScalars {
            let upper = ("A"..."Z").contains(scalar)
            guard upper || ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) else {
                separate = !slug.isEmpty
                previous = nil
                continue
            }
            let camelCase = upper && previous.map { !("A"..."Z").contains($0) } == true
            if separate || camelCase { slug += "_" }
            slug.unicodeScalars.append(upper ? Unicode.Scalar(UInt8(scalar.value) + 32) : scalar)
            separate = false
            previous = scalar
        }
        return slug
    }

    /// Writes a new migration in the folder's own layout (or `layout`, for a folder that holds
    /// none yet), creating the folder if needed, and returns the paths it wrote:
    ///
    /// - Meridian, golang-migrate: `NNNN_slug.up.sql` and `NNNN_slug.down.sql`;
    /// - dbmate: `VERSION_slug.sql` with `-- migrate:up` and `-- migrate:down` sections;
    /// - Diesel: `VERSION_slug/up.sql` and `down.sql`.
    ///
    /// It refuses a slug that is not lowercase letters, digits and underscores and a version
    /// already in use, and it never overwrites a file. ``MigrationLayout/nextVersion(after:now:)``
    /// gives the version. `scripts` are the up and down SQL to write (a generated migration's);
    /// without them, the files hold comments saying what goes where.
    public func scaffold(
        slug: String, version: MigrationVersion, layout preferred: MigrationLayout = .meridian, scripts: (up: String, down: String)? = nil
    ) throws(MigrationError) -> [String] {
        let stem = "\(version.spelling)_\(slug)"
        let layout = try layout() ?? preferred
        let firstPath = file(stem + [MigrationLayout.meridian: ".up.sql", .dbmate: ".sql", .diesel: "/up.sql"][layout]!)
        guard !slug.isEmpty, slug.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }) else {
            let suggestion = Self.slugify(slug)
            throw .malformedName(
                path: firstPath,
                reason: "a slug is lowercase letters, digits and underscores, such as "
                    + (suggestion.isEmpty ? "add_alerts_table" : suggestion))
        }
        if !FileManager.default.fileExists(atPath: path) {
            do {
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            } catch {
                throw .unwritable(path: path, reason: "the folder could not be created; check the permissions of its parent")
            }
        }
        if let taken = try entries().first(where: { $0.version == version }) {
            throw .duplicateVersion(version: version, paths: [file(taken.name), firstPath])
        }
        let undo = "-- The SQL that undoes the change, in reverse order. A script with no statements marks the\n"
            + "-- change as irreversible: `meridian migrate down` stops before it.\n"
        switch layout {
        case .meridian:
            let (upPath, downPath) = (file(stem + ".up.sql"), file(stem + ".down.sql"))
            try write(upPath, scripts?.up ?? """
                -- \(stem): up
                -- The SQL that makes this change; statements end with `;`. For statements that cannot run
                -- in a transaction (CREATE INDEX CONCURRENTLY), put `-- meridian:no-transaction` on the
                -- very first line.

                """)
            do {
                try write(downPath, scripts?.down ?? "-- \(stem): down\n" + undo + "\n")
            } catch {
                try? FileManager.default.removeItem(atPath: upPath)
                throw error
            }
            return [upPath, downPath]
        case .dbmate:
            let filePath = file(stem + ".sql")
            try write(filePath, "-- migrate:up\n\(scripts?.up ?? "\n")\n-- migrate:down\n" + (scripts?.down ?? undo + "\n"))
            return [filePath]
        case .diesel:
            let folder = file(stem)
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
            } catch {
                throw .unwritable(path: folder, reason: "a folder of that name exists, or the parent is not writable")
            }
            let (upPath, downPath) = (folder + "/up.sql", folder + "/down.sql")
            try write(upPath, scripts?.up ?? "-- Your SQL goes here\n")
            try write(downPath, scripts?.down ?? "-- This file should undo anything in `up.sql`\n")
            return [upPath, downPath]
        }
    }

    private func write(_ path: String, _ text: String) throws(MigrationError) {
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .withoutOverwriting)
        } catch {
            throw .unwritable(path: path, reason: FileManager.default.fileExists(atPath: path)
                ? "a file of that name exists; choose another slug or version" : "check the folder's permissions")
        }
    }
}

import Foundation

extension MigrationDirectory {
    /// The versions the folder's names spell, in order, without reading any file: enough to number the
    /// next migration while an earlier one is still being written (and still empty). A folder
    /// that does not exist yet has none.
    public func versions() throws(MigrationError) -> [Int64] {
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

    /// Writes `NNNN_slug.up.sql` and `NNNN_slug.down.sql` with a comment header, creating the
    /// folder if needed, and returns their paths.
    ///
    /// The version is spelled with as many digits as the folder's newest migration (at least
    /// four). It refuses a slug that is not lowercase letters, digits and underscores, a version
    /// already in use, and a folder in another layout, and it never overwrites a file.
    public func scaffold(slug: String, version: Int64) throws(MigrationError) -> (up: String, down: String) {
        guard !slug.isEmpty, slug.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }) else {
            let suggestion = Self.slugify(slug)
            throw .malformedName(
                path: file("\(Migration.format(version))_\(slug).up.sql"),
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
        let existing = try entries()
        let width = existing.max { $0.version < $1.version }?.digits ?? 4
        let digits = String(version)
        let stem = String(repeating: "0", count: max(0, width - digits.count)) + digits + "_" + slug
        let (upPath, downPath) = (file(stem + ".up.sql"), file(stem + ".down.sql"))
        if let other = existing.first(where: { $0.kind.layout != MigrationEntry.Kind.up.layout }) {
            throw .malformedName(
                path: upPath,
                reason: "this folder holds \(other.kind.layout) such as \(other.name); write the new "
                    + "migration in that layout, as a folder mixing layouts is not read")
        }
        if let taken = existing.first(where: { $0.version == version }) {
            throw .duplicateVersion(version: version, paths: [file(taken.name), upPath])
        }
        try write(upPath, """
            -- \(stem): up
            -- The SQL that makes this change; statements end with `;`. For statements that cannot run
            -- in a transaction (CREATE INDEX CONCURRENTLY), put `-- meridian:no-transaction` on the
            -- very first line.

            """)
        do {
            try write(downPath, """
                -- \(stem): down
                -- The SQL that undoes \(stem).up.sql, in reverse order.

                """)
        } catch {
            try? FileManager.default.removeItem(atPath: upPath)
            throw error
        }
        return (upPath, downPath)
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

import Foundation

/// Version-5 (name-based, SHA-1) UUIDs, RFC 9562 section 5.5: the same namespace and name give
/// the same UUID on every run, so generated rows keep their keys when generated again.
///
/// ```swift
/// let id = NameBasedUUID.synthetic(table: "earthquakes", seed: 42, index: 0)  // bef58acf-…
/// ```
///
/// Any RFC 9562 implementation gives the same values; in Python,
/// `uuid.uuid5(uuid.uuid5(uuid.NAMESPACE_URL, "meridian:synthetic"), "earthquakes/42/0")`.
/// SHA-1's weakness against collisions made on purpose does not matter for keys made from
/// names Meridian chooses.
public enum NameBasedUUID {
    /// RFC 9562's namespace for URLs, `6ba7b811-9dad-11d1-80b4-00c04fd430c8`.
    public static let urlNamespace = UUID(uuid: (
        0x6B, 0xA7, 0xB8, 0x11, 0x9D, 0xAD, 0x11, 0xD1, 0x80, 0xB4, 0x00, 0xC0, 0x4F, 0xD4, 0x30, 0xC8))

    /// The namespace of Meridian's generated development data: the version-5 UUID of the URL
    /// `meridian:synthetic`.
    public static let synthetic = make(namespace: urlNamespace, name: "meridian:synthetic")

    /// The key of row `index` of `table` generated from `seed`: the version-5 UUID of
    /// `<table>/<seed>/<index>` in ``synthetic``.
    public static func synthetic(table: String, seed: UInt64, index: Int) -> UUID {
        make(namespace: synthetic, name: "\(table)/\(seed)/\(index)")
    }

    /// The version-5 UUID of `name` (its UTF-8 bytes) in `namespace`.
    public static func make(namespace: UUID, name: String) -> UUID {
        var message = withUnsafeBytes(of: namespace.uuid) { Array($0) }
        message += name.utf8
        var digest = SHA1.digest(message)
        digest[6] = digest[6] & 0x0F | 0x50  // version 5
        digest[8] = digest[8] & 0x3F | 0x80  // the RFC's variant
        return UUID(uuid: (
            digest[0], digest[1], digest[2], digest[3], digest[4], digest[5], digest[6], digest[7],
            digest[8], digest[9], digest[10], digest[11], digest[12], digest[13], digest[14], digest[15]))
    }
}

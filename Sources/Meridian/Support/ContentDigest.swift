/// SHA-256 for other modules: `MeridianTesting` fingerprints migration and fixture folders with
/// the same digest the tracking table records, without a crypto dependency.
public enum ContentDigest {
    /// The SHA-256 of `bytes`, as 64 lowercase hex digits.
    public static func sha256Hex(_ bytes: [UInt8]) -> String { SHA256.hex(bytes) }
}

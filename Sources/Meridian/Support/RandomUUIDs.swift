import Foundation

/// Random (version 4) UUIDs drawn in bulk: one call to the system's random source for many ids.
///
/// Foundation's `UUID()` asks the system for randomness once per id; on Linux that is an open,
/// read and close of `/dev/urandom`, about 6 µs, which a load of a million rows would pay a
/// million times. `arc4random_buf` fills the whole batch from the same kernel source at once.
public enum RandomUUIDs {
    /// `count` random version-4 UUIDs.
    public static func make(_ count: Int) -> [UUID] {
        guard count > 0 else { return [] }
        var bytes = [UInt8](repeating: 0, count: count * 16)
        bytes.withUnsafeMutableBytes { arc4random_buf($0.baseAddress!, $0.count) }
        return (0..<count).map { index in
            let b = bytes[(index * 16)..<(index * 16 + 16)].withUnsafeBufferPointer { Array($0) }
            // RFC 9562 §5.4: version 4 in the high nibble of byte 6, variant 10 in byte 8.
            return UUID(uuid: (b[0], b[1], b[2], b[3], b[4], b[5], b[6] & 0x0F | 0x40, b[7], b[8] & 0x3F | 0x80, b[9], b[10], b[11], b[12], b[13], b[14], b[15]))
        }
    }
}

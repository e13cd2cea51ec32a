import Foundation

extension UUID {
    /// Parses the 36-character form `e621e1f8-c36c-495a-93fc-0c247a3e6e5f` (either case) from
    /// UTF-8 bytes; `nil` for anything else.
    ///
    /// ```swift
    /// let id = "e621e1f8-c36c-495a-93fc-0c247a3e6e5f".utf8.withContiguousStorageIfAvailable(UUID.init(hyphenatedHex:))
    /// ```
    ///
    /// Both drivers read UUIDs as text (SQLite stores them so; libpq returns text), one or more
    /// per row. Foundation's `UUID(uuidString:)` goes through `sscanf` on Linux, a microsecond
    /// per value and most of the decoding of a row of the todo example's tasks
    /// (`meridian-app-bench`); this reads the hex digits directly.
    public init?(hyphenatedHex bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count == 36, bytes[8] == UInt8(ascii: "-"), bytes[13] == UInt8(ascii: "-"),
              bytes[18] == UInt8(ascii: "-"), bytes[23] == UInt8(ascii: "-")
        else { return nil }
        var value: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        let parsed = withUnsafeMutableBytes(of: &value) { out -> Bool in
            var i = 0
            var o = 0
            while i < 36 {
                if i == 8 || i == 13 || i == 18 || i == 23 { i += 1; continue }
                guard let high = Self.hexDigit(bytes[i]), let low = Self.hexDigit(bytes[i + 1]) else { return false }
                out[o] = high << 4 | low
                o += 1
                i += 2
            }
            return true
        }
        guard parsed else { return nil }
        self.init(uuid: value)
    }

    /// ``init(hyphenatedHex:)`` first, then Foundation's parser for any other form it accepts.
    public init?(text: String) {
        var text = text
        if let fast = text.withUTF8({ UUID(hyphenatedHex: $0) }) {
            self = fast
        } else if let parsed = UUID(uuidString: text) {
            self = parsed
        } else {
            return nil
        }
    }

    @inline(__always)
    private static func hexDigit(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c &- UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c &- UInt8(ascii: "a") &+ 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c &- UInt8(ascii: "A") &+ 10
        default: nil
        }
    }
}

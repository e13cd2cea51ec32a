/// What loading a USGS catalogue file did: how many rows were read, written, left alone,
/// filtered out and refused, and which were refused.
public struct USGSLoadReport: Sendable, Hashable, Codable {
    /// The most bad rows a report lists; ``rejected`` counts them all.
    public static let listedBadRowLimit = 100

    /// Data records read (the header and blank lines are not counted).
    public var rows = 0
    /// Events new to the table.
    public var inserted = 0
    /// Stored events replaced by a later revision (a later `updated`).
    public var updated = 0
    /// Events already stored with the same or a later revision, left as they were.
    public var unchanged = 0
    /// Records that could not be loaded; see ``badRows``.
    public var rejected = 0
    /// Events of a type the load was not asked for (`quarry blast`, `explosion`, …).
    public var ignored = 0
    /// The first ``listedBadRowLimit`` bad records, in file order.
    public var badRows: [BadRow] = []

    public init() {}

    /// A record that could not be loaded: the physical line it starts on (the header is
    /// line 1) and why.
    public struct BadRow: Sendable, Hashable, Codable, CustomStringConvertible {
        public var line: Int
        public var reason: String

        public init(line: Int, reason: String) {
            self.line = line
            self.reason = reason
        }

        public var description: String { "line \(line): \(reason)" }
    }

    mutating func reject(line: Int, reason: String) {
        rejected += 1
        if badRows.count < Self.listedBadRowLimit { badRows.append(BadRow(line: line, reason: reason)) }
    }
}

/// How far a load has got, for a progress display.
public struct USGSLoadProgress: Sendable {
    /// Data records read so far.
    public var rows: Int
    /// Bytes of the input read so far.
    public var bytesRead: Int
}

/// The state of one record being read by ``CSVReader``, fed a chunk at a time.
///
/// A struct whose methods mutate it in place, rather than a closure over local variables, so
/// that the byte loop runs without Swift's dynamic exclusivity checks; runs of ordinary bytes
/// are copied at once.
struct RecordScanner {
    private enum State {
        case fieldStart, unquoted, quoted, quoteInQuoted, carriageReturnAfterQuote
    }

    private static let comma = UInt8(ascii: ","), quote = UInt8(ascii: "\""),
        newline = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")

    private(set) var bytes: [UInt8] = []
    private var ends: [Int] = []
    private var state = State.fieldStart
    private var problem: CSVProblem?
    private var sawQuote = false
    /// The line the record starts on.
    private(set) var recordLine: Int
    /// The line the next byte is on.
    private(set) var line: Int

    init(line: Int, reserving size: (bytes: Int, fields: Int)) {
        self.line = line
        recordLine = line
        bytes.reserveCapacity(size.bytes)
        ends.reserveCapacity(size.fields)
    }

    /// Whether the record ended by a line break is a blank line, which is skipped.
    var isBlank: Bool { ends.count == 1 && bytes.isEmpty && !sawQuote && problem == nil }

    /// Whether nothing of a record has been read.
    var isEmpty: Bool { state == .fieldStart && ends.isEmpty }

    /// Whether the scanner is inside a quoted field, which a later quote would close.
    var isInQuotedField: Bool { state == .quoted || state == .quoteInQuoted }

    /// Forgets a blank line and starts the next record.
    mutating func restart() {
        ends.removeAll(keepingCapacity: true)
        state = .fieldStart
        recordLine = line
    }

    mutating func finish() -> CSVRecord {
        CSVRecord(line: recordLine, bytes: bytes, ends: ends, problem: problem)
    }

    /// Closes the last field when the input ends without a line break.
    mutating func endOfInput() {
        switch state {
        case .quoted: note(.unterminatedQuote(field: ends.count))
        case .unquoted: dropCarriageReturn()
        default: break
        }
        ends.append(bytes.count)
    }

    /// Reads `chunk` from `position` until the record ends (returns `true`) or the chunk does.
    mutating func scan(_ chunk: UnsafeBufferPointer<UInt8>, from position: inout Int) -> Bool {
        var i = position
        defer { position = i }
        while i < chunk.count {
            switch state {
            case .fieldStart, .unquoted:
                // Copy the run of ordinary bytes at once.
                let start = i
                while i < chunk.count, chunk[i] != Self.comma, chunk[i] != Self.newline, chunk[i] != Self.quote { i += 1 }
                if i > start {
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[start..<i]))
                    state = .unquoted
                }
                guard i < chunk.count else { return false }
                let byte = chunk[i]
                i += 1
                switch byte {
                case Self.comma:
                    ends.append(bytes.count)
                    state = .fieldStart
                case Self.newline:
                    dropCarriageReturn()
                    ends.append(bytes.count)
                    line += 1
                    return true
                default:  // a quote
                    if state == .fieldStart {
                        sawQuote = true
                        state = .quoted
                    } else {
                        note(.quoteInUnquotedField(field: ends.count))
                        bytes.append(byte)
                    }
                }
            case .quoted:
                let start = i
                while i < chunk.count, chunk[i] != Self.quote {
                    if chunk[i] == Self.newline { line += 1 }
                    i += 1
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[start..<i]))
                if i < chunk.count {
                    i += 1
                    state = .quoteInQuoted
                }
            case .quoteInQuoted, .carriageReturnAfterQuote:
                let byte = chunk[i]
                i += 1
                switch byte {
                case Self.quote where state == .quoteInQuoted:
                    bytes.append(byte)
                    state = .quoted
                case Self.comma where state == .quoteInQuoted:
                    ends.append(bytes.count)
                    state = .fieldStart
                case Self.newline:
                    ends.append(bytes.count)
                    line += 1
                    return true
                case Self.carriageReturn where state == .quoteInQuoted:
                    state = .carriageReturnAfterQuote
                default:
                    note(.textAfterClosingQuote(field: ends.count))
                    if state == .carriageReturnAfterQuote { bytes.append(Self.carriageReturn) }
                    bytes.append(byte)
                    state = .unquoted
                }
            }
        }
        return false
    }

    private mutating func note(_ found: CSVProblem) {
        if problem == nil { problem = found }
    }

    /// Drops the CR of a CRLF that ends an unquoted field.
    private mutating func dropCarriageReturn() {
        let start = ends.last ?? 0
        if bytes.count > start, bytes[bytes.count - 1] == Self.carriageReturn { bytes.removeLast() }
    }
}

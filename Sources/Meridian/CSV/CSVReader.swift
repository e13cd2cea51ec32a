import Foundation

/// Reads RFC 4180 CSV one record at a time from a file descriptor or bytes, in constant memory.
///
/// ```swift
/// var reader = CSVReader(fileDescriptor: STDIN_FILENO)
/// while let record = try reader.next() {
///     print(record.line, record.fields)
/// }
/// ```
///
/// Fields are separated by commas and records by LF or CRLF; a field in double quotes may hold
/// commas, line breaks and quotes written twice (`"say ""hi"""`). A UTF-8 byte order mark at
/// the start is skipped, and blank lines are skipped (their lines still count). Quoting that
/// breaks the rules is reported on the record (``CSVRecord/problem``) rather than thrown, so a
/// caller can report the line and go on; only an unreadable input or a record longer than
/// ``maximumRecordBytes`` (almost always a quote that is never closed) stops the reader.
///
/// See [RFC 4180](https://www.rfc-editor.org/rfc/rfc4180).
public struct CSVReader {
    /// The longest record the reader holds in memory: 1 MiB.
    public static let maximumRecordBytes = 1 << 20

    /// Fills the buffer with the next chunk; `false` at the end of the input.
    private let readChunk: (inout [UInt8]) throws(CSVError) -> Bool
    private var buffer: [UInt8] = []
    private var position = 0
    private var started = false
    private var finished = false
    /// The physical line the next unread byte is on.
    public private(set) var line = 1
    /// Bytes read from the input so far (for progress).
    public private(set) var bytesRead = 0
    /// Sizes of the last record, to reserve the next one's storage.
    private var lastSize = (bytes: 256, fields: 16)

    /// A reader of the open file descriptor `fileDescriptor`, which the caller keeps open and closes.
    public init(fileDescriptor: Int32, chunkSize: Int = 1 << 20) {
        readChunk = { (chunk: inout [UInt8]) throws(CSVError) -> Bool in
            var count = 0
            var failure: Int32 = 0
            chunk = [UInt8](unsafeUninitializedCapacity: chunkSize) { storage, initialized in
                repeat {
                    count = read(fileDescriptor, storage.baseAddress, chunkSize)
                    failure = count < 0 ? errno : 0
                } while count < 0 && failure == EINTR
                initialized = Swift.max(count, 0)
            }
            if count < 0 { throw CSVError.unreadable(reason: String(cString: strerror(failure))) }
            return count > 0
        }
    }

    /// A reader of bytes in memory, handed out `chunkSize` at a time (small chunks test the
    /// reader's handling of records that span reads).
    public init(bytes: [UInt8], chunkSize: Int = 1 << 16) {
        var offset = 0
        readChunk = { (chunk: inout [UInt8]) throws(CSVError) -> Bool in
            guard offset < bytes.count else { return false }
            let end = Swift.min(offset + Swift.max(chunkSize, 1), bytes.count)
            chunk = Array(bytes[offset..<end])
            offset = end
            return true
        }
    }

    /// A reader of text in memory.
    public init(text: String, chunkSize: Int = 1 << 16) {
        self.init(bytes: Array(text.utf8), chunkSize: chunkSize)
    }

    private enum State {
        case fieldStart, unquoted, quoted, quoteInQuoted, carriageReturnAfterQuote
    }

    private static let comma = UInt8(ascii: ","), quote = UInt8(ascii: "\""),
        newline = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")

    /// The next record, or `nil` at the end of the input.
    public mutating func next() throws(CSVError) -> CSVRecord? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(lastSize.bytes)
        var ends: [Int] = []
        ends.reserveCapacity(lastSize.fields)
        var state = State.fieldStart
        var problem: CSVProblem?
        var sawQuote = false
        var recordLine = line
        var line = self.line

        func note(_ found: CSVProblem) {
            if problem == nil { problem = found }
        }
        /// Drops the CR of a CRLF that ends an unquoted field.
        func endUnquotedLine() {
            let start = ends.last ?? 0
            if bytes.count > start, bytes[bytes.count - 1] == Self.carriageReturn { bytes.removeLast() }
        }

        while true {
            if position == buffer.count {
                guard try refill() else { break }
            }
            var recordEnded = false
            let chunk = buffer
            var i = position
            chunk.withUnsafeBufferPointer { chunk in
                scan: while i < chunk.count {
                    let byte = chunk[i]
                    i += 1
                    switch state {
                    case .fieldStart, .unquoted:
                        switch byte {
                        case Self.comma:
                            ends.append(bytes.count)
                            state = .fieldStart
                        case Self.newline:
                            endUnquotedLine()
                            ends.append(bytes.count)
                            line += 1
                            recordEnded = true
                            break scan
                        case Self.quote where state == .fieldStart:
                            sawQuote = true
                            state = .quoted
                        case Self.quote:
                            note(.quoteInUnquotedField(field: ends.count))
                            bytes.append(byte)
                        default:
                            bytes.append(byte)
                            state = .unquoted
                        }
                    case .quoted:
                        if byte == Self.quote {
                            state = .quoteInQuoted
                        } else {
                            if byte == Self.newline { line += 1 }
                            bytes.append(byte)
                        }
                    case .quoteInQuoted, .carriageReturnAfterQuote:
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
                            recordEnded = true
                            break scan
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
            }
            position = i
            self.line = line
            if recordEnded {
                let blank = ends.count == 1 && bytes.isEmpty && !sawQuote && problem == nil
                if !blank { return record(line: recordLine, bytes: bytes, ends: ends, problem: problem) }
                ends.removeAll(keepingCapacity: true)
                state = .fieldStart
                recordLine = line
            }
            guard bytes.count <= Self.maximumRecordBytes else {
                throw CSVError.recordTooLong(line: recordLine, limit: Self.maximumRecordBytes)
            }
        }
        // The end of the input.
        switch state {
        case .fieldStart where ends.isEmpty:
            return nil
        case .quoted:
            note(.unterminatedQuote(field: ends.count))
        case .unquoted:
            endUnquotedLine()
        default:
            break
        }
        ends.append(bytes.count)
        return record(line: recordLine, bytes: bytes, ends: ends, problem: problem)
    }

    private mutating func record(line: Int, bytes: [UInt8], ends: [Int], problem: CSVProblem?) -> CSVRecord {
        lastSize = (Swift.max(bytes.count, 16), Swift.max(ends.count, 1))
        return CSVRecord(line: line, bytes: bytes, ends: ends, problem: problem)
    }

    /// Reads the next chunk into the buffer, skipping a byte order mark at the very start;
    /// `false` at the end of the input.
    private mutating func refill() throws(CSVError) -> Bool {
        guard !finished else { return false }
        position = 0
        buffer = []
        var chunk: [UInt8] = []
        if !started {
            // Gather at least three bytes, however small the chunks, to see a byte order mark.
            started = true
            while buffer.count < 3, try readChunk(&chunk) {
                bytesRead += chunk.count
                buffer += chunk
            }
            if buffer.starts(with: [0xEF, 0xBB, 0xBF]) { buffer.removeFirst(3) }
            if !buffer.isEmpty { return true }
        }
        if try readChunk(&chunk) {
            bytesRead += chunk.count
            buffer = chunk
            return true
        }
        finished = true
        return false
    }
}

/// Why a CSV input cannot be read on.
public enum CSVError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Reading the input failed (the operating system's reason).
    case unreadable(reason: String)
    /// A record grew past the reader's limit: almost always a quote that is never closed.
    case recordTooLong(line: Int, limit: Int)

    public var description: String {
        switch self {
        case .unreadable(let reason):
            "cannot read the input: \(reason)"
        case .recordTooLong(let line, let limit):
            "line \(line): the record is longer than \(limit / 1024) KiB; a quoted field opened there is probably never closed"
        }
    }
}

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

    /// The next record, or `nil` at the end of the input.
    public mutating func next() throws(CSVError) -> CSVRecord? {
        var scanner = RecordScanner(line: line, reserving: lastSize)
        while true {
            if position == buffer.count {
                guard try refill() else { break }
            }
            let ended = buffer.withUnsafeBufferPointer { scanner.scan($0, from: &position) }
            line = scanner.line
            if ended {
                if !scanner.isBlank { return record(scanner.finish()) }
                scanner.restart()
            }
            guard scanner.bytes.count <= Self.maximumRecordBytes else {
                throw CSVError.recordTooLong(line: scanner.recordLine, limit: Self.maximumRecordBytes, inQuotedField: scanner.isInQuotedField)
            }
        }
        guard !scanner.isEmpty else { return nil }
        scanner.endOfInput()
        return record(scanner.finish())
    }

    private mutating func record(_ record: CSVRecord) -> CSVRecord {
        lastSize = (Swift.max(record.byteCount, 16), Swift.max(record.count, 1))
        return record
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
    /// A record grew past the reader's limit (``CSVReader/maximumRecordBytes``); `inQuotedField`
    /// when it was inside a quoted field then, almost always a quote that is never closed.
    case recordTooLong(line: Int, limit: Int, inQuotedField: Bool)

    public var description: String {
        switch self {
        case .unreadable(let reason):
            "cannot read the input: \(reason)"
        case .recordTooLong(let line, let limit, true):
            "line \(line): the record grew past \(limit / 1024) KiB, the longest a record may be, inside a quoted field: a quote opened in it is probably never closed"
        case .recordTooLong(let line, let limit, false):
            "line \(line): the record is longer than \(limit / 1024) KiB, the longest a record may be: shorten its fields, or check that the file is CSV with one record per line"
        }
    }
}

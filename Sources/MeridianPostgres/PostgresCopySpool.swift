import Foundation
import Meridian

/// Rows of a binary `COPY … TO STDOUT` kept in a file (``PostgresConnection/spoolRows(of:to:)``)
/// to be read again later, from another thread, while the connection that fetched them goes on.
///
/// A transfer reads its target back this way to verify it: the server sends the rows at its own
/// pace into the file, and the rows are digested while the same session builds the indexes.
/// The file holds each message of the COPY as it came, after a 4-byte length.
/// `@unchecked Sendable`: every stored property is a constant value (a path, names, field
/// readers); each read opens the file anew, so threads share no mutable state.
public final class PostgresCopySpool: @unchecked Sendable {
    public let path: String
    public let columnNames: [String]
    let fields: [PostgresCopyRow.Field]

    init(path: String, columnNames: [String], fields: [PostgresCopyRow.Field]) {
        self.path = path
        self.columnNames = columnNames
        self.fields = fields
    }

    /// Calls `body` with each row, in the order the server sent them; returns how many.
    @discardableResult
    public func forEachRow(_ body: (PostgresCopyRow) throws -> Void) throws -> Int {
        guard let file = FileHandle(forReadingAtPath: path) else {
            throw DatabaseError(.other, "cannot read the spooled rows at \(path)")
        }
        defer { try? file.close() }
        let row = PostgresCopyRow(columnNames: columnNames, fields: fields)
        var pending: [UInt8] = []
        var rows = 0
        while let chunk = try file.read(upToCount: 4 << 20), !chunk.isEmpty {
            pending += chunk
            let used = try pending.withUnsafeBytes { bytes -> Int in
                var offset = 0
                while bytes.count - offset >= 4 {
                    let length = Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
                    guard bytes.count - offset - 4 >= length else { break }
                    let message = UnsafeRawBufferPointer(rebasing: bytes[(offset + 4)..<(offset + 4 + length)])
                    var position = 0
                    while position < message.count, let next = try row.read(message, at: position) {
                        try body(row)
                        rows += 1
                        position = next
                    }
                    offset += 4 + length
                }
                return offset
            }
            pending.removeFirst(used)
        }
        guard pending.isEmpty else { throw DatabaseError(.decoding, "the spooled rows at \(path) end in the middle of a row") }
        return rows
    }

    /// Deletes the file.
    public func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Appends messages to a new spool file through a buffer of a few megabytes.
    final class Writer {
        private let path: String
        private let file: FileHandle
        private var buffer: [UInt8] = []

        init(path: String) throws {
            guard FileManager.default.createFile(atPath: path, contents: nil), let file = FileHandle(forWritingAtPath: path) else {
                throw DatabaseError(.other, "cannot create \(path) to hold the rows read back: check the temporary folder's space and permissions")
            }
            self.path = path
            self.file = file
            buffer.reserveCapacity(4 << 20)
        }

        func append(_ message: UnsafeRawBufferPointer) throws {
            guard !message.isEmpty else { return }
            withUnsafeBytes(of: UInt32(message.count).littleEndian) { buffer += $0 }
            buffer += message
            if buffer.count >= 4 << 20 { try flush() }
        }

        private func flush() throws {
            try file.write(contentsOf: buffer)
            buffer.removeAll(keepingCapacity: true)
        }

        func close() throws {
            try flush()
            try file.close()
        }

        func abandon() {
            try? file.close()
            try? FileManager.default.removeItem(atPath: path)
        }
    }
}

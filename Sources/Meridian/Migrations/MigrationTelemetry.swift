import Foundation
import Logging

/// What happened to one migration, as telemetry reports it.
public struct MigrationEvent: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable { case started, finished, failed }
    public enum Direction: String, Sendable, Codable { case up, down }

    public var event: Kind
    public var direction: Direction
    /// The version as the file name spells it: `0003`, `2024-05-01-120000`.
    public var version: String
    public var slug: String
    public var at: Timestamp
    /// For `finished` and `failed`: milliseconds since `started`.
    public var durationMilliseconds: Double?
    /// For `failed`: the file, the line where the failing statement starts, the statement (an
    /// excerpt of at most 1,000 characters with `PASSWORD '…'` hidden, ``SQLText/excerpt(_:limit:)``)
    /// and the error's safe description.
    public var path: String?
    public var line: Int?
    public var statement: String?
    public var error: String?

    public init(
        event: Kind, direction: Direction, version: String, slug: String, at: Timestamp = .now(),
        durationMilliseconds: Double? = nil, path: String? = nil, line: Int? = nil, statement: String? = nil,
        error: String? = nil
    ) {
        self.event = event
        self.direction = direction
        self.version = version
        self.slug = slug
        self.at = at
        self.durationMilliseconds = durationMilliseconds
        self.path = path
        self.line = line
        self.statement = statement
        self.error = error
    }
}

/// Where migration events go.
public protocol MigrationTelemetry: Sendable {
    func record(_ event: MigrationEvent)
}

/// Events as structured swift-log lines.
public struct LoggerTelemetry: MigrationTelemetry {
    public let logger: Logger

    public init(logger: Logger) { self.logger = logger }

    public func record(_ event: MigrationEvent) {
        var metadata: Logger.Metadata = [
            "version": "\(event.version)", "slug": "\(event.slug)", "direction": "\(event.direction.rawValue)",
        ]
        if let duration = event.durationMilliseconds { metadata["duration_ms"] = "\(duration)" }
        if let path = event.path { metadata["path"] = "\(path)" }
        if let line = event.line { metadata["line"] = "\(line)" }
        switch event.event {
        case .started: logger.info("migration started", metadata: metadata)
        case .finished: logger.info("migration finished", metadata: metadata)
        case .failed:
            if let error = event.error { metadata["error"] = "\(error)" }
            logger.error("migration failed", metadata: metadata)
        }
    }
}

/// Events as JSON lines appended to a file, one object per line, flushed as they happen so a
/// crash keeps everything up to it.
/// `@unchecked Sendable`: every write to the file handle happens under `lock`.
public final class JSONLinesTelemetry: MigrationTelemetry, @unchecked Sendable {
    private let handle: FileHandle
    private let lock = NSLock()
    private let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// Opens `path` for appending, creating it if needed.
    public init(path: String) throws {
        if !FileManager.default.fileExists(atPath: path) {
            guard FileManager.default.createFile(atPath: path, contents: nil) else {
                throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
            }
        }
        handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seekToEnd()
    }

    deinit { try? handle.close() }

    public func record(_ event: MigrationEvent) {
        guard var line = try? encoder.encode(event) else { return }
        line.append(0x0A)
        lock.lock()
        defer { lock.unlock() }
        try? handle.write(contentsOf: line)
    }
}

/// Several sinks at once.
public struct CombinedTelemetry: MigrationTelemetry {
    public let sinks: [any MigrationTelemetry]

    public init(_ sinks: [any MigrationTelemetry]) { self.sinks = sinks }

    public func record(_ event: MigrationEvent) {
        for sink in sinks { sink.record(event) }
    }
}

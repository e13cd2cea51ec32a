import Foundation

/// Errors thrown on several threads at once, gathered for one assertion at the end
/// (`XCTAssertEqual(collector.all, [])` shows every failure, not just the first).
/// `@unchecked Sendable`: `errors` is read and written only under `lock`.
public final class ErrorCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var errors: [String] = []

    public init() {}

    public func record(_ error: any Error) {
        lock.lock()
        errors.append(String(describing: error))
        lock.unlock()
    }

    /// Descriptions of the errors recorded so far.
    public var all: [String] {
        lock.lock()
        defer { lock.unlock() }
        return errors
    }
}

import Foundation

extension Database {
    /// Runs `body` with a connection for reads, off Swift's cooperative thread pool.
    ///
    /// ```swift
    /// let tasks = try await db.read { conn in
    ///     try conn.fetchAll(Task.self, "SELECT * FROM tasks WHERE user_id = $1", [user])
    /// }
    /// ```
    ///
    /// The connection's C calls block, so they run on a dispatch queue while the task waits
    /// without holding a cooperative thread. Cancelling the task interrupts the running statement
    /// (``StatementInterrupter``) and the call throws `CancellationError`; a task cancelled
    /// before a connection was free runs nothing.
    public func read<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        try await BlockingCall.run { scope in try self.blockingRead { connection in try scope.run(on: connection, body) } }
    }

    /// Runs `body` in a transaction on a connection for writes, off the cooperative pool.
    ///
    /// ```swift
    /// try await db.write { conn in
    ///     try conn.execute("UPDATE tasks SET completed = $1 WHERE id = $2", [true, id])
    /// }
    /// ```
    ///
    /// The transaction commits when `body` returns and rolls back when it throws or when the
    /// task is cancelled, which interrupts the running statement.
    @discardableResult
    public func write<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        try await BlockingCall.run { scope in try self.blockingWrite { connection in try scope.run(on: connection, body) } }
    }
}

/// Blocking work run on a dispatch queue for an async caller, and stopped when the caller's task
/// is cancelled.
enum BlockingCall {
    static func run<T: Sendable>(_ work: @escaping @Sendable (CancellationScope) throws -> T) async throws -> T {
        let scope = CancellationScope()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
                DispatchQueue.global(qos: .userInitiated).async {
                    do {
                        continuation.resume(returning: try work(scope))
                    } catch {
                        continuation.resume(throwing: scope.isCancelled ? CancellationError() : error)
                    }
                }
            }
        } onCancel: {
            scope.cancel()
        }
    }
}

/// The link between a task's cancellation and the connection it is using: set while `body` runs
/// on the connection, so that a cancellation interrupts exactly that statement.
///
/// `@unchecked Sendable`: its two fields are read and written only under `lock`, and the
/// interrupter it holds is itself `Sendable`.
final class CancellationScope: @unchecked Sendable {
    private let lock = NSLock()
    private var cancelled = false
    private var interrupter: (any StatementInterrupter)?

    var isCancelled: Bool {
        lock.lock()
        defer { lock.unlock() }
        return cancelled
    }

    /// Runs `body` on `connection`, interruptible until it returns; throws `CancellationError`
    /// at once when the task was cancelled before it started.
    func run<C: DatabaseConnection, T>(on connection: C, _ body: (C) throws -> T) throws -> T {
        lock.lock()
        guard !cancelled else {
            lock.unlock()
            throw CancellationError()
        }
        interrupter = connection.makeInterrupter()
        lock.unlock()
        defer {
            lock.lock()
            interrupter = nil
            lock.unlock()
        }
        return try body(connection)
    }

    func cancel() {
        lock.lock()
        cancelled = true
        interrupter?.interrupt()
        lock.unlock()
    }
}

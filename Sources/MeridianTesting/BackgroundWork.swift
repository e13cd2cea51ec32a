import Foundation

/// The work MeridianTesting hands to background threads (clones made ahead, connections closed
/// off a test's thread) and the exit hook that ends it before the process does.
///
/// A process must not exit while one of these threads is inside SpatiaLite: `exit` runs the
/// C++ destructors of PROJ, which SpatiaLite calls into, under the thread's feet, and an
/// otherwise green run ends in a crash in libproj. The hook stops every pool (a PostgreSQL pool
/// drops the databases it prepared) and waits for the work in flight. `exit` runs its hooks in
/// the reverse order of their registration, so the hook must be registered after PROJ was
/// loaded: ``installExitHook(spatiaLiteLoaded:)`` registers it once on first use, and once
/// more the first time a caller says SpatiaLite is loaded. Running it twice is harmless.
enum BackgroundWork {
    private static let lock = NSLock()
    private static let inFlight = DispatchGroup()
    nonisolated(unsafe) private static var stoppers: [@Sendable () -> Void] = []
    nonisolated(unsafe) private static var hooks: (any: Bool, afterSpatiaLite: Bool) = (false, false)

    /// Runs `body` on this thread as work the exit hook waits for.
    static func run<T>(_ body: () throws -> T) rethrows -> T {
        inFlight.enter()
        defer { inFlight.leave() }
        return try body()
    }

    /// Runs `body` soon on a utility queue, as work the exit hook waits for.
    static func async(_ body: @escaping @Sendable () -> Void) {
        inFlight.enter()
        DispatchQueue.global(qos: .utility).async {
            body()
            inFlight.leave()
        }
    }

    /// Calls `stop` at exit, before the hook waits for the work in flight.
    static func stopAtExit(_ stop: @escaping @Sendable () -> Void) {
        lock.lock()
        stoppers.append(stop)
        lock.unlock()
    }

    /// Registers the exit hook if it is not registered yet, or not since SpatiaLite was loaded.
    static func installExitHook(spatiaLiteLoaded: Bool) {
        lock.lock()
        defer { lock.unlock() }
        let needed = !hooks.any || (spatiaLiteLoaded && !hooks.afterSpatiaLite)
        guard needed else { return }
        hooks.any = true
        hooks.afterSpatiaLite = hooks.afterSpatiaLite || spatiaLiteLoaded
        atexit { BackgroundWork.finish() }
    }

    /// Stops the pools and waits (up to a minute) for the work in flight.
    private static func finish() {
        lock.lock()
        let all = stoppers
        stoppers.removeAll()
        lock.unlock()
        all.forEach { $0() }
        _ = inFlight.wait(timeout: .now() + 60)
    }
}

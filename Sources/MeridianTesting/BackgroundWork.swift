import Foundation

/// The work MeridianTesting hands to background threads (clones made ahead, connections closed
/// off a test's thread) and the exit hook that ends it before the process does.
///
/// A process must not exit while one of these threads is inside SpatiaLite or libpq: `exit` runs
/// the clean-up of the libraries they call into (PROJ's C++ destructors under SpatiaLite,
/// OpenSSL's under libpq) under the thread's feet, and an otherwise green run ends in a crash.
/// The hook stops every pool (a PostgreSQL pool drops the databases it prepared) and waits for
/// the work in flight. `exit` runs its hooks in the reverse order of their registration, so the
/// hook must be registered after those libraries set up their own: ``installExitHook(after:)``
/// registers it again the first time a caller says each library is in use. Running it more than
/// once is harmless.
enum BackgroundWork {
    private static let lock = NSLock()
    private static let inFlight = DispatchGroup()
    nonisolated(unsafe) private static var stoppers: [@Sendable () -> Void] = []
    nonisolated(unsafe) private static var hookedAfter: Set<Library> = []

    /// A C library whose clean-up at exit the background work must not outlive.
    enum Library: Hashable {
        /// SpatiaLite and PROJ, loaded with the first SQLite connection.
        case spatiaLite
        /// libpq and OpenSSL, set up by the first PostgreSQL connection.
        case libpq
    }

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

    /// Registers the exit hook unless it was registered since `library` was set up.
    static func installExitHook(after library: Library) {
        lock.lock()
        defer { lock.unlock() }
        guard hookedAfter.insert(library).inserted else { return }
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

import Foundation

/// Turns the first Ctrl-C (SIGINT) into a request that long work checks between steps, so it
/// can stop at a clean point; a second Ctrl-C ends the process at once, as usual.
///
/// Installed for as long as the value lives; the default handling comes back when it goes.
/// `@unchecked Sendable`: the signal handler and the command share `requested` only under `lock`;
/// the dispatch source is set up once in `init` and cancelled in `deinit`.
final class InterruptRequest: @unchecked Sendable {
    private let lock = NSLock()
    private var requested = false
    private let source: DispatchSourceSignal

    init() {
        signal(SIGINT, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler { [weak self] in
            self?.raise()
            signal(SIGINT, SIG_DFL)
        }
        source.resume()
    }

    deinit {
        source.cancel()
        signal(SIGINT, SIG_DFL)
    }

    /// Whether Ctrl-C was pressed.
    var isRequested: Bool {
        lock.lock()
        defer { lock.unlock() }
        return requested
    }

    private func raise() {
        lock.lock()
        requested = true
        lock.unlock()
        FileHandle.standardError.write(Data("\nstopping after the batch being written (Ctrl-C again to quit at once)\n".utf8))
    }
}

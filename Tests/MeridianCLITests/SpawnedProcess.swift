import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A child process started with `posix_spawn`, its output written to files.
///
/// ```swift
/// let child = try SpawnedProcess("/usr/bin/sqlite3", ["db.sqlite", "SELECT 1"], stdout: out, stderr: err)
/// let exit = child.wait()   // .exited(0)
/// ```
///
/// The CLI tests start processes with this rather than Foundation's `Process`: on Linux,
/// `Process.run()` reads past a directory entry of `/proc/self/fd` while it looks for the
/// descriptors to close, and crashes the test process now and then
/// (swift-corelibs-foundation#5472, fixed after the toolchain this project builds with).
/// The child gets only stdin (`/dev/null`), stdout and stderr: every other descriptor is
/// closed, as `Process` does.
final class SpawnedProcess {
    enum Exit: Equatable {
        case exited(Int32)
        case signalled(Int32)
    }

    let pid: pid_t
    private var exit: Exit?

    /// Starts `executable` with `arguments` in `directory`, with exactly `environment`.
    init(
        _ executable: String, _ arguments: [String], directory: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment,
        stdout: String, stderr: String
    ) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        if let directory { _ = Self.addChangeDirectory(&actions, directory) }
        _ = Self.addCloseFrom(&actions, 3)
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { (text: String) in strdup(text) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { (key: String, value: String) in strdup("\(key)=\(value)") } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var pid: pid_t = 0
        let code = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard code == 0 else { throw CLIError.setup("could not start \(executable): \(String(cString: strerror(code)))") }
        self.pid = pid
    }

    /// Whether the child is still running (reaping it when it has ended).
    var isRunning: Bool { poll() == nil }

    /// Waits for the child to end, or `nil` when `timeout` passes first.
    func wait(timeout: Double = .infinity) -> Exit? {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let exit = poll() { return exit }
            if Date() >= deadline { return nil }
            usleep(2_000)
        }
    }

    /// Sends SIGKILL.
    func kill() {
        if exit == nil { _ = Glibc.kill(pid, SIGKILL) }
    }

    private func poll() -> Exit? {
        if let exit { return exit }
        var status: Int32 = 0
        guard waitpid(pid, &status, WNOHANG) == pid else { return nil }
        // WIFEXITED / WEXITSTATUS / WTERMSIG, which Swift does not import as functions.
        let signal = status & 0x7f
        exit = signal == 0 ? .exited((status >> 8) & 0xff) : .signalled(signal)
        return exit
    }

    /// glibc's `posix_spawn_file_actions_addchdir_np` and `…_addclosefrom_np` (2.29, 2.34),
    /// which Swift's Glibc module does not import.
    private typealias AddPath = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
    private typealias AddDescriptor = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    private static func addChangeDirectory(_ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ path: String) -> Int32 {
        guard let symbol = dlsym(nil, "posix_spawn_file_actions_addchdir_np") else { return -1 }
        return unsafeBitCast(symbol, to: AddPath.self)(actions, path)
    }

    private static func addCloseFrom(_ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ descriptor: Int32) -> Int32 {
        guard let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") else { return -1 }
        return unsafeBitCast(symbol, to: AddDescriptor.self)(actions, descriptor)
    }
}

import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a command-line tool as a child process with `posix_spawn`, standard input from a file
/// and output to files, and waits for it: no pipes, threads or run loops, so the time around
/// ``run(_:stdin:stdout:stderr:)`` is the tool's own start-up and work plus the kernel's spawn.
enum Subprocess {
    struct Failure: Error, CustomStringConvertible {
        var command: [String]
        var status: Int32
        var stderr: String
        var description: String {
            "\(command.joined(separator: " ")) exited with status \(status): \(stderr.suffix(2_000))"
        }
    }

    /// Runs `arguments` (the first is looked up in `PATH`) and returns its wall time in
    /// milliseconds; throws ``Failure`` on a non-zero exit. `stdout` and `stderr` are file
    /// paths (created or truncated), `/dev/null` by default.
    @discardableResult
    static func run(_ arguments: [String], stdin: String? = nil, stdout: String = "/dev/null", stderr: String = "/dev/null") throws -> Double {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdin ?? "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }

        var pid = pid_t()
        let start = BenchmarkClock.nowMilliseconds()
        let spawned = posix_spawnp(&pid, arguments[0], &actions, nil, argv, environ)
        guard spawned == 0 else { throw BenchmarkError("cannot run \(arguments[0]): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let milliseconds = BenchmarkClock.nowMilliseconds() - start

        // WIFEXITED / WEXITSTATUS, which Swift does not import as macros.
        let exited = status & 0x7f == 0
        let code = exited ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        guard code == 0 else {
            let message = stderr == "/dev/null" ? "" : (try? String(contentsOfFile: stderr, encoding: .utf8)) ?? ""
            throw Failure(command: arguments, status: code, stderr: message)
        }
        return milliseconds
    }

    /// `name` found as an executable in `PATH` (or checked as a path if it has a slash), or `nil`.
    static func which(_ name: String) -> String? {
        if name.contains("/") { return FileManager.default.isExecutableFile(atPath: name) ? name : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}

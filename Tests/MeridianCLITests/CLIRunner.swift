import Foundation
import XCTest

/// What one run of the `meridian` binary did.
struct CLIResult: CustomStringConvertible {
    var arguments: [String]
    var status: Int32
    /// Whether the process ended by a signal rather than by exiting.
    var signalled: Bool
    var stdout: String
    var stderr: String

    /// Both streams, for checks that something appears nowhere.
    var output: String { stdout + stderr }

    var description: String {
        "meridian \(arguments.joined(separator: " ")) → \(signalled ? "signal" : "exit") \(status)\n"
            + "--- stdout\n\(stdout)--- stderr\n\(stderr)---"
    }
}

/// The built `meridian` executable: `MERIDIAN_BINARY`, else `<repo>/.build/debug/meridian`.
enum CLIBinary {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var path: String {
        if let path = ProcessInfo.processInfo.environment["MERIDIAN_BINARY"], !path.isEmpty { return path }
        return repositoryRoot.appendingPathComponent(".build/debug/meridian").path
    }

    /// The path, or a failure that says how to build it.
    static func require() throws -> String {
        let path = path
        guard FileManager.default.isExecutableFile(atPath: path) else {
            XCTFail("""
                the meridian binary is missing at \(path): build it first (swift build --product meridian), \
                or set MERIDIAN_BINARY to the built executable
                """)
            throw CLIError.missingBinary(path)
        }
        return path
    }
}

enum CLIError: Error, CustomStringConvertible {
    case missingBinary(String)
    case timedOut([String], seconds: Double)
    case setup(String)

    var description: String {
        switch self {
        case .missingBinary(let path): "no meridian binary at \(path)"
        case .timedOut(let arguments, let seconds): "meridian \(arguments.joined(separator: " ")) ran longer than \(seconds) s"
        case .setup(let reason): reason
        }
    }
}

/// A `meridian` process started in the background, for tests that race or kill it.
final class CLIProcess {
    let arguments: [String]
    let process: SpawnedProcess
    private let stdoutURL: URL
    private let stderrURL: URL

    init(
        binary: String, arguments: [String], directory: URL, environment: [String: String], outputs: URL,
        launcher: [String] = []
    ) throws {
        self.arguments = arguments
        let stem = UUID().uuidString
        stdoutURL = outputs.appendingPathComponent("\(stem).out")
        stderrURL = outputs.appendingPathComponent("\(stem).err")
        let command = launcher.isEmpty ? [binary] : launcher + [binary]
        process = try SpawnedProcess(
            command[0], Array(command.dropFirst()) + arguments, directory: directory.path, environment: environment,
            stdout: stdoutURL.path, stderr: stderrURL.path)
    }

    /// Sends SIGKILL.
    func kill() {
        process.kill()
    }

    /// Waits for the process to end and returns what it printed; kills it after `timeout`.
    func wait(timeout: Double = 60) throws -> CLIResult {
        guard let exit = process.wait(timeout: timeout) else {
            kill()
            _ = process.wait(timeout: 5)
            throw CLIError.timedOut(arguments, seconds: timeout)
        }
        let read = { (url: URL) in (try? String(contentsOf: url, encoding: .utf8)) ?? "" }
        // As Foundation's Process reports it: the exit code, or the signal that ended the process.
        let (status, signalled): (Int32, Bool) =
            switch exit {
            case .exited(let code): (code, false)
            case .signalled(let signal): (signal, true)
            }
        return CLIResult(arguments: arguments, status: status, signalled: signalled, stdout: read(stdoutURL), stderr: read(stderrURL))
    }
}

/// Runs `meridian` in one working folder, with an environment cleared of the variables that
/// would pick a database behind a test's back (`DATABASE_URL`, libpq's `PG*`).
struct CLIRunner {
    let binary: String
    let directory: URL
    /// Where the processes' stdout and stderr are collected (outside `directory`).
    let outputs: URL

    static func cleanEnvironment() -> [String: String] {
        ProcessInfo.processInfo.environment.filter { key, _ in key != "DATABASE_URL" && !key.hasPrefix("PG") }
    }

    func launch(_ arguments: [String], environment extra: [String: String] = [:], launcher: [String] = []) throws -> CLIProcess {
        let environment = Self.cleanEnvironment().merging(extra) { _, new in new }
        return try CLIProcess(
            binary: binary, arguments: arguments, directory: directory, environment: environment, outputs: outputs,
            launcher: launcher)
    }

    func run(
        _ arguments: [String], environment: [String: String] = [:], launcher: [String] = [], timeout: Double = 60
    ) throws -> CLIResult {
        try launch(arguments, environment: environment, launcher: launcher).wait(timeout: timeout)
    }
}

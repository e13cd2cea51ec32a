import ArgumentParser
import Foundation

/// `meridian-bench app`: builds and runs `meridian-app-bench`, the package of its own in
/// `Benchmarks/app` that measures Meridian's application API against GRDB 7 and postgres-nio.
///
/// The peers live in their own package so that `make test` never builds them; this command is
/// the way in from here. Its arguments go to `meridian-app-bench` as they are:
///
///     meridian-bench app --postgres postgres://localhost/postgres --rounds 7
///
/// which is the same as
///
///     swift build -c release --package-path Benchmarks/app
///     Benchmarks/app/.build/release/meridian-app-bench --postgres postgres://localhost/postgres --rounds 7
struct App: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Meridian's application API against GRDB 7 (SQLite) and postgres-nio (PostgreSQL): builds and runs Benchmarks/app.",
        discussion: "Arguments after `app` go to meridian-app-bench; `meridian-bench app -- --help` lists them.")

    @Option(help: "The Benchmarks/app package (default: Benchmarks/app under the working directory).")
    var packagePath = "Benchmarks/app"

    @Argument(parsing: .captureForPassthrough, help: "Arguments for meridian-app-bench.")
    var arguments: [String] = []

    func run() throws {
        guard FileManager.default.fileExists(atPath: packagePath + "/Package.swift") else {
            throw ValidationError("no package at \(packagePath): run from the Meridian checkout, or pass --package-path")
        }
        Progress.log("app: building \(packagePath) in release mode (GRDB and postgres-nio; the first build takes minutes)")
        try Self.run(["swift", "build", "-c", "release", "--package-path", packagePath])
        let passed = arguments.first == "--" ? Array(arguments.dropFirst()) : arguments
        try Self.run([packagePath + "/.build/release/meridian-app-bench"] + passed)
    }

    /// Runs a command with this process's standard input and output; throws on a non-zero exit.
    private static func run(_ command: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = command
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BenchmarkError("\(command.joined(separator: " ")) exited with status \(process.terminationStatus)")
        }
    }
}

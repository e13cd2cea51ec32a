import Foundation
import MeridianTesting
import XCTest

/// A test case that runs the built `meridian` binary in throwaway folders against throwaway
/// databases. Each behaviour is written once, as a method taking a ``CLISandbox``, and run by
/// two one-line tests, `…OnSQLite` and `…OnPostgres`.
///
/// The PostgreSQL tests need `MERIDIAN_POSTGRES_URL`; without it they are skipped, unless
/// `MERIDIAN_REQUIRE_POSTGRES=1`, which makes them fail.
class CLITestCase: XCTestCase {
    private var cleanups: [() -> Void] = []

    override func tearDown() {
        for cleanup in cleanups.reversed() { cleanup() }
        cleanups = []
        super.tearDown()
    }

    /// A new temporary folder, removed after the test.
    func temporaryFolder() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("meridian-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        cleanups.append {
            _ = try? Self.makeWritable(root)
            try? FileManager.default.removeItem(at: root)
        }
        return root
    }

    /// A runner in a fresh working folder.
    func runner() throws -> CLIRunner {
        let binary = try CLIBinary.require()
        let root = try temporaryFolder()
        let work = root.appendingPathComponent("work")
        let outputs = root.appendingPathComponent("io")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: outputs, withIntermediateDirectories: true)
        return CLIRunner(binary: binary, directory: work, outputs: outputs)
    }

    /// A fresh working folder and database on `backend`; `withoutPostGIS` makes the PostgreSQL
    /// database without the extension the test clusters otherwise give every new database.
    func sandbox(_ backend: Backend, withoutPostGIS: Bool = false) throws -> CLISandbox {
        let runner = try runner()
        switch backend {
        case .sqlite:
            return CLISandbox(backend: .sqlite, folder: runner.directory, database: "sqlite:db.sqlite", runner: runner, postgres: nil)
        case .postgres:
            let server = try Self.postgresServer()
            let scratch = try ScratchPostgresDatabase(
                serverURL: server, adminURL: ScratchPostgresDatabase.adminURL ?? server, withoutPostGIS: withoutPostGIS)
            cleanups.append { scratch.drop() }
            return CLISandbox(backend: .postgres, folder: runner.directory, database: scratch.url, runner: runner, postgres: scratch)
        }
    }

    /// What to run the CLI through so that file permissions bind: nothing, or, as root (whom
    /// permissions do not bind), setpriv dropping to `nobody`; a skip without setpriv.
    func unprivilegedLauncher(_ s: CLISandbox) throws -> [String] {
        guard getuid() == 0 else { return [] }
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else {
            throw XCTSkip("running as root, where file permissions do not bind, and without setpriv to drop to nobody")
        }
        let launcher = ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
        let probe = try s.meridian(["--help"], launcher: launcher)
        guard probe.status == 0 else { throw XCTSkip("running as root, and nobody cannot run \(s.runner.binary): \(probe.stderr)") }
        return launcher
    }

    /// Makes an SQLite file as the `sqlite3` shell does (rollback journal, no SpatiaLite unless
    /// a command loads it), running `commands` in order: SQL, or dot-commands such as
    /// `.load mod_spatialite`. A skip without the shell.
    func makeSQLiteFile(_ path: String, _ commands: String..., file: StaticString = #filePath, line: UInt = #line) throws {
        let sqlite3 = ["/usr/bin/sqlite3", "/opt/homebrew/bin/sqlite3", "/usr/local/bin/sqlite3"].first(where: FileManager.default.isExecutableFile)
        guard let sqlite3 else { throw XCTSkip("needs the sqlite3 command to make a file as other tools do") }
        let output = path + ".sqlite3-output"
        defer { try? FileManager.default.removeItem(atPath: output) }
        let exit = try SpawnedProcess(sqlite3, ["-bail", path] + commands, stdout: output, stderr: output).wait()
        XCTAssertEqual(exit, .exited(0), "sqlite3 made \(path): \((try? String(contentsOfFile: output, encoding: .utf8)) ?? "")", file: file, line: line)
    }

    /// `MERIDIAN_POSTGRES_URL`, or a skip (a failure when `MERIDIAN_REQUIRE_POSTGRES=1`).
    static func postgresServer() throws -> String {
        if let url = TestDatabase.postgresURL { return url }
        if TestDatabase.postgresRequired {
            XCTFail("MERIDIAN_REQUIRE_POSTGRES=1 but MERIDIAN_POSTGRES_URL is not set: start a server (make test does) or unset the requirement")
            throw CLIError.setup("no PostgreSQL server")
        }
        throw XCTSkip("the PostgreSQL half needs MERIDIAN_POSTGRES_URL (source /tmp/lead-pg/env, or run make test)")
    }

    private static func makeWritable(_ url: URL) throws {
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
        for case let name as String in FileManager.default.enumerator(atPath: url.path) ?? .init() {
            try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.appendingPathComponent(name).path)
        }
    }
}

// MARK: - Assertions

/// The command exited 0.
func XCTAssertSucceeds(_ result: CLIResult, _ message: String = "", file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertTrue(result.status == 0 && !result.signalled, "expected success. \(message)\n\(result)", file: file, line: line)
}

/// The command failed the way a user should see: a non-zero exit (not a crash), and a
/// message on stderr that mentions each of `phrases` (case-insensitively).
func XCTAssertFailsCleanly(
    _ result: CLIResult, mentioning phrases: [String], _ message: String = "", file: StaticString = #filePath, line: UInt = #line
) {
    XCTAssertFalse(result.signalled, "the process crashed. \(message)\n\(result)", file: file, line: line)
    XCTAssertNotEqual(result.status, 0, "expected a failure. \(message)\n\(result)", file: file, line: line)
    XCTAssertFalse(result.stderr.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "stderr says nothing. \(message)\n\(result)", file: file, line: line)
    for marker in ["Fatal error", "Stack dump", "Current stack trace", "Swift runtime failure"] where result.output.contains(marker) {
        XCTFail("the output shows a crash (\(marker)). \(message)\n\(result)", file: file, line: line)
    }
    for phrase in phrases where !result.stderr.lowercased().contains(phrase.lowercased()) {
        XCTFail("stderr does not mention “\(phrase)”. \(message)\n\(result)", file: file, line: line)
    }
}

/// `text` contains each phrase, in order.
func XCTAssertMentionsInOrder(_ text: String, _ phrases: [String], _ message: String = "", file: StaticString = #filePath, line: UInt = #line) {
    var rest = text[...]
    for phrase in phrases {
        guard let range = rest.range(of: phrase) else {
            XCTFail("“\(phrase)” missing (or out of order) in:\n\(text)\n\(message)", file: file, line: line)
            return
        }
        rest = rest[range.upperBound...]
    }
}

import Foundation
import XCTest

/// A connection shared between tasks does not compile: connections are not `Sendable`, and
/// Swift 6 refuses to send one to two tasks at once. The same code through a database (the
/// type tasks share) compiles. Each probe is compiled against the modules `swift build` made.
final class ConnectionSendabilityTests: XCTestCase {
    private func compile(_ source: String) throws -> (status: Int32, output: String) {
        let root = CLIBinary.repositoryRoot
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("meridian-probe-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("probe.swift")
        try source.write(to: file, atomically: true, encoding: .utf8)
        let output = folder.appendingPathComponent("output.txt").path
        let exit = try SpawnedProcess("/usr/bin/env", [
            "swiftc", "-emit-sil", "-o", "/dev/null", "-swift-version", "6",
            "-I", root.appendingPathComponent(".build/debug/Modules").path,
            "-Xcc", "-fmodule-map-file=" + root.appendingPathComponent("Sources/CMeridianSQLite/module.modulemap").path,
            "-Xcc", "-fmodule-map-file=" + root.appendingPathComponent("Sources/CMeridianLibPQ/module.modulemap").path,
            file.path,
        ] + Self.headerPaths.flatMap { ["-Xcc", $0] }, stdout: output, stderr: output).wait()
        let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        return (exit == .exited(0) ? 0 : 1, text)
    }

    /// `-I` flags for libpq's and SQLite's headers, as pkg-config gives them (the package's
    /// system library targets find them the same way).
    private static let headerPaths: [String] = {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("meridian-pkg-config-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        guard let child = try? SpawnedProcess("/usr/bin/env", ["pkg-config", "--cflags-only-I", "libpq", "sqlite3"], stdout: output, stderr: "/dev/null"),
              child.wait() == .exited(0) else { return [] }
        return ((try? String(contentsOfFile: output, encoding: .utf8)) ?? "").split(whereSeparator: \.isWhitespace).map(String.init)
    }()

    func testSharingAConnectionBetweenTasksDoesNotCompile() throws {
        for (module, open) in [("MeridianSQLite", "SQLiteConnection(path: \":memory:\")"), ("MeridianPostgres", "PostgresConnection(url: \"\")")] {
            let result = try compile("""
                import Meridian
                import \(module)

                func share() throws {
                    let connection = try \(open)
                    Task.detached { try connection.execute("SELECT 1") }
                    Task.detached { try connection.execute("SELECT 2") }
                }
                """)
            XCTAssertNotEqual(result.status, 0, "\(module): a connection shared by two tasks compiled")
            XCTAssertTrue(result.output.contains("risks causing data races"), "\(module): \(result.output)")
        }
    }

    func testTheDatabaseIsWhatTasksShare() throws {
        let result = try compile("""
            import Meridian
            import MeridianSQLite

            func share() async throws {
                let db = try SQLiteDatabase(path: "probe.sqlite")
                async let a = db.read { try $0.fetchValue(Int64.self, "SELECT 1") }
                async let b = db.write { try $0.execute("SELECT 2") }
                _ = try await (a, b)
            }
            """)
        XCTAssertEqual(result.status, 0, result.output)
    }
}

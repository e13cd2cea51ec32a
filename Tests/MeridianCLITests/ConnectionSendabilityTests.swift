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
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "swiftc", "-emit-sil", "-o", "/dev/null", "-swift-version", "6",
            "-I", root.appendingPathComponent(".build/debug/Modules").path,
            "-Xcc", "-fmodule-map-file=" + root.appendingPathComponent("Sources/CMeridianSQLite/module.modulemap").path,
            "-Xcc", "-fmodule-map-file=" + root.appendingPathComponent("Sources/CMeridianLibPQ/module.modulemap").path,
            file.path,
        ] + Self.headerPaths.flatMap { ["-Xcc", $0] }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// `-I` flags for libpq's and SQLite's headers, as pkg-config gives them (the package's
    /// system library targets find them the same way).
    private static let headerPaths: [String] = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["pkg-config", "--cflags-only-I", "libpq", "sqlite3"]
        let output = Pipe()
        process.standardOutput = output
        guard (try? process.run()) != nil else { return [] }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(whereSeparator: \.isWhitespace).map(String.init)
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

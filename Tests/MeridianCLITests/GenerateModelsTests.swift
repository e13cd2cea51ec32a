import Foundation
import MeridianTesting
import XCTest

/// `meridian generate models`: files written from a schema, and `--check` for CI.
final class GenerateModelsTests: CLITestCase {
    /// The models committed beside the tests are what the reference schema gives today.
    func testTheCommittedReferenceModelsAreCurrent() throws {
        try assertCommittedModelsAreCurrent(schema: "schema.yaml", models: "Tests/GeneratedModelsTests/Models")
    }

    /// The todo example's models (compiled by `TodoExampleTests`) are what its schema gives today.
    func testTheCommittedTodoModelsAreCurrent() throws {
        try assertCommittedModelsAreCurrent(schema: "examples/todo/schema.yaml", models: "examples/todo/Models", access: "internal")
    }

    /// Runs `meridian generate models --check` on committed models; paths are relative to the
    /// repository's root.
    private func assertCommittedModelsAreCurrent(schema: String, models: String, access: String = "public", line: UInt = #line) throws {
        let s = try sandbox(.sqlite)
        let root = CLIBinary.repositoryRoot
        let check = try s.meridian([
            "generate", "models", "--schema", root.appendingPathComponent(schema).path,
            "--output", root.appendingPathComponent(models).path, "--access", access, "--check",
        ])
        XCTAssertSucceeds(check, "regenerate with: meridian generate models --schema \(schema) --output \(models) --access \(access)", line: line)
    }

    func testWritesChecksAndNamesStaleFiles() throws {
        let s = try sandbox(.sqlite)
        try s.write("schema.yaml", """
            tables:
              users:
                description: People who own tasks.
                columns:
                  id: {type: uuid, default: uuid}
                  email: {type: text, description: "Where reminders go."}
                  role: {type: enum, values: [user, admin]}
                  created_at: {type: timestamp, default: now}
                primary_key: [id]
            """)
        let written = try s.meridian(["generate", "models", "--output", "Models"])
        XCTAssertSucceeds(written)
        XCTAssertEqual(written.stdout, "wrote Models/User.swift\n")
        let source = try s.read("Models/User.swift")
        for line in [
            "/// People who own tasks.", "public struct User: TableRecord, Codable, Sendable, Hashable {",
            "public static let tableName = \"users\"", "public var id: UUID?", "/// Where reminders go.", "public var email: String",
            "public enum Role: String, Codable, Sendable, Hashable, CaseIterable {", "case createdAt = \"created_at\"",
        ] {
            XCTAssertTrue(source.contains(line), "missing \(line) in:\n\(source)")
        }
        XCTAssertSucceeds(try s.meridian(["generate", "models", "--output", "Models", "--check"]))

        try s.write("schema.yaml", try s.read("schema.yaml").replacingOccurrences(of: "primary_key", with: "  name: {type: text, nullable: true}\n    primary_key"))
        let stale = try s.meridian(["generate", "models", "--output", "Models", "--check"])
        XCTAssertFailsCleanly(stale, mentioning: ["Models/User.swift is out of date with schema.yaml", "meridian generate models"])
        XCTAssertEqual(try s.read("Models/User.swift"), source, "--check writes nothing")

        XCTAssertSucceeds(try s.meridian(["generate", "models", "--output", "Models", "--single-file", "All.swift", "--access", "internal"]))
        let single = try s.read("Models/All.swift")
        XCTAssertTrue(single.contains("struct User: TableRecord") && !single.contains("public struct") && single.contains("var name: String?"), single)
        XCTAssertFailsCleanly(try s.meridian(["generate", "models", "--access", "private"]), mentioning: ["--access is public or internal"])
    }
}

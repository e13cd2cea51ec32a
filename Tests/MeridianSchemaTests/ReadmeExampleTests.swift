import Foundation
import MeridianPostgres
import MeridianSQLite
import XCTest

@testable import MeridianSchema

/// The README's schema file example loads, validates and renders for both dialects, and its
/// error example is what validation prints.
final class ReadmeExampleTests: XCTestCase {
    private func readme() throws -> String {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../README.md")
        return try String(contentsOf: url, encoding: .utf8)
    }

    /// The first fenced block of `language` after `heading`.
    private func block(_ language: String, after heading: String) throws -> String {
        let text = try readme()
        let section = try XCTUnwrap(text.range(of: heading))
        let open = try XCTUnwrap(text.range(of: "```\(language)\n", range: section.upperBound..<text.endIndex))
        let close = try XCTUnwrap(text.range(of: "```", range: open.upperBound..<text.endIndex))
        return String(text[open.upperBound..<close.lowerBound])
    }

    func testTheSchemaFileExampleIsValidAndRendersForBothDialects() throws {
        let schema = try Schema.load(yaml: try block("yaml", after: "### The schema file"))
        try schema.validate()
        XCTAssertFalse(try schema.statements(for: SQLiteDialect()).isEmpty)
        XCTAssertFalse(try schema.statements(for: PostgresDialect()).isEmpty)
    }

    func testTheErrorExamplesAreWhatLoadingAndValidationSay() throws {
        let yaml = try block("yaml", after: "### The schema file")
        var problems: [String] = []
        do {
            _ = try Schema.load(yaml: yaml.replacingOccurrences(of: "email: {type: text, nullable: true", with: "email: {type: text, nulable: true"))
        } catch {
            problems += error.problems.map(\.description)
        }
        do {
            let broken = yaml.replacingOccurrences(of: "references: stations,", with: "references: station,")
                .replacingOccurrences(of: "default: seismic", with: "default: moored")
            try Schema.load(yaml: broken).validate()
        } catch {
            problems += error.problems.map(\.description)
        }
        let printed = try block("", after: "A mistake is reported with the file")
        XCTAssertEqual(printed.split(separator: "\n").map(String.init), problems)
    }
}

import Foundation
import XCTest

/// Connection strings libpq cannot parse, or parses into a host or port made of part of the
/// password, given to every command that takes a PostgreSQL URL, with `--verbose` and
/// `--telemetry` where the command has them: each fails cleanly and no piece of the password
/// appears on stdout, on stderr or in the telemetry file. No server is needed: none of them
/// gets as far as connecting, except the last form, whose server is not there.
final class ConnectionStringSecretTests: CLITestCase {
    /// A malformed (or unreachable) connection string, the pieces of its password that must not
    /// appear, and what the message says instead.
    private struct Form {
        var url: String
        var secrets: [String]
        var mentioning: String
    }

    private static let password = "Pw7Kq!Zx"

    private static let forms: [Form] = [
        Form(url: "postgresql://user:\(password)@[::1/db", secrets: [password], mentioning: "malformed"),
        Form(url: "postgresql://user:\(password)@[]/db", secrets: [password], mentioning: "malformed"),
        Form(url: "postgresql://user:\(password)%zz@127.0.0.1:1/db", secrets: [password], mentioning: "malformed"),
        Form(url: "postgresql://user:\(password)%00@127.0.0.1:1/db", secrets: [password], mentioning: "malformed"),
        Form(url: "postgresql://user:Pw7K@q!Zx@127.0.0.1:1/db", secrets: ["Pw7K", "q!Zx"], mentioning: "%40"),
        Form(url: "postgresql://user:Pw7K/q!Zx@127.0.0.1:1/db", secrets: ["Pw7K", "q!Zx"], mentioning: "%2F"),
        Form(url: "postgresql://user:Pw7K:q!Zx@127.0.0.1:12ab/db", secrets: ["Pw7K", "q!Zx"], mentioning: "port"),
        Form(url: "postgresql://user:\(password)@127.0.0.1:1/db?sslmode", secrets: [password], mentioning: "malformed"),
        Form(url: "host=127.0.0.1 port=1 user=u password=Pw7K q!Zx dbname=db", secrets: ["Pw7K", "q!Zx"], mentioning: "malformed"),
        Form(url: "host=127.0.0.1 port=1 password='\(password)", secrets: [password], mentioning: "malformed"),
        Form(url: "postgresql://user:\(password)@127.0.0.1:1/db?connect_timeout=2", secrets: [password], mentioning: "127.0.0.1"),
    ]

    /// Every command that takes a PostgreSQL URL, with `URL` where it goes.
    private static let commands: [[String]] = [
        ["--database", "URL"],
        ["migrate", "up", "--database", "URL", "--verbose", "--telemetry", "telemetry.jsonl"],
        ["migrate", "down", "--database", "URL", "--verbose", "--telemetry", "telemetry.jsonl"],
        ["migrate", "redo", "--database", "URL", "--verbose", "--telemetry", "telemetry.jsonl"],
        ["migrate", "force", "1", "--database", "URL"],
        ["migrate", "status", "--database", "URL"],
        ["migrate", "validate", "--database", "URL"],
        ["seed", "--database", "URL"],
        ["fixtures", "generate", "--database", "URL", "--scale", "small"],
        ["load", "csv", "events.csv", "--database", "URL"],
        ["near", "--lat", "35", "--lon", "139", "--km", "10", "--database", "URL"],
        ["query", "SELECT 1 AS one", "--database", "URL"],
        ["export", "--from", "sqlite:source.sqlite", "--to", "URL"],
        ["import", "--from", "URL", "--to", "sqlite:copy.sqlite"],
        ["check", "--postgres", "URL"],
        ["smoke", "--postgres", "URL"],
    ]

    func testNoPieceOfAPasswordIsPrintedByAnyCommand() throws {
        let runner = try runner()
        let folder = runner.directory
        for dialect in ["sqlite", "postgres"] {
            let migrations = folder.appendingPathComponent("migrations-\(dialect)")
            try FileManager.default.createDirectory(at: migrations, withIntermediateDirectories: true)
            try Data("CREATE TABLE t1 (id bigint);\n".utf8).write(to: migrations.appendingPathComponent("0001_t1.up.sql"))
            try Data("DROP TABLE t1;\n".utf8).write(to: migrations.appendingPathComponent("0001_t1.down.sql"))
        }
        try Data("time,latitude,longitude,mag,id\n".utf8).write(to: folder.appendingPathComponent("events.csv"))
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("fixtures"), withIntermediateDirectories: true)
        try Data(#"{"table": "t1", "rows": []}"#.utf8).write(to: folder.appendingPathComponent("fixtures/t1.json"))
        XCTAssertSucceeds(try runner.run(["migrate", "up", "--database", "sqlite:source.sqlite"]))
        let telemetry = folder.appendingPathComponent("telemetry.jsonl")

        for form in Self.forms {
            for command in Self.commands {
                let arguments = command.map { $0 == "URL" ? form.url : $0 }
                let result = try runner.run(arguments)
                let shown = "meridian \(command.joined(separator: " ")) with \(form.url)"
                XCTAssertFailsCleanly(result, mentioning: [form.mentioning], shown)
                let logged = (try? String(contentsOf: telemetry, encoding: .utf8)) ?? ""
                for secret in form.secrets where result.output.contains(secret) || logged.contains(secret) {
                    XCTFail("“\(secret)” was printed by \(shown):\n\(result)\n--- telemetry\n\(logged)")
                }
            }
            let viaEnvironment = try runner.run(["migrate", "status"], environment: ["DATABASE_URL": form.url])
            XCTAssertFailsCleanly(viaEnvironment, mentioning: [form.mentioning], "DATABASE_URL=\(form.url)")
            for secret in form.secrets where viaEnvironment.output.contains(secret) {
                XCTFail("“\(secret)” was printed through DATABASE_URL:\n\(viaEnvironment)")
            }
        }
    }
}

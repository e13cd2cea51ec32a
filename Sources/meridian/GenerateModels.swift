import ArgumentParser
import Foundation
import MeridianSchema

/// `meridian generate models`: a Swift struct per table of the schema file.
struct GenerateModels: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models",
        abstract: "Write a Codable, Sendable, Hashable Swift struct for each table of the schema file.",
        discussion: """
            One file per table (Task.swift for tasks), or one file with --single-file. Each struct \
            is a TableRecord (its table name and primary key, for insert, upsert and update), \
            maps snake_case columns through CodingKeys, uses the value contract's Swift types \
            (Int64, Double, String, Bool, UUID, Timestamp, CalendarDate, JSON, [UInt8], Geometry, \
            String enums), and is optional where the column is nullable or filled by the database. \
            With --check nothing is written: the command exits 1 naming each file that is missing \
            or differs from what it would write, for CI.
            """)

    @Option(help: ArgumentHelp("The schema file.", valueName: "file"))
    var schema = "schema.yaml"

    @Option(help: ArgumentHelp("The folder to write the models into.", valueName: "dir"))
    var output = "Models"

    @Option(help: ArgumentHelp("Write every model into this one file in --output instead.", valueName: "name.swift"))
    var singleFile: String?

    @Option(help: ArgumentHelp("The models' access level: public (for a library) or internal.", valueName: "level"))
    var access = "public"

    @Flag(help: "Write nothing; exit 1 when a generated file is missing or stale.")
    var check = false

    func validate() throws {
        guard ["public", "internal"].contains(access) else { throw ValidationError("--access is public or internal, not \(access)") }
        if let singleFile, !singleFile.hasSuffix(".swift") || singleFile.contains("/") {
            throw ValidationError("--single-file takes a file name ending in .swift, such as Models.swift")
        }
    }

    func run() throws {
        let generator = ModelGenerator(schema: try SchemaFileOptions.load(schema), access: access == "public" ? "public" : "")
        let files = singleFile.map { [($0, generator.singleFile())] } ?? generator.files()
        var stale: [String] = []
        for (name, source) in files {
            let path = (output as NSString).appendingPathComponent(name)
            let current = FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
            guard current != source else { continue }
            if check {
                stale.append("\(path) is \(current == nil ? "missing" : "out of date with \(schema)"): run meridian generate models --schema \(schema) --output \(output)")
                continue
            }
            try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
            try Data(source.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            print("wrote \(path)")
        }
        if !stale.isEmpty { throw ReportedProblems(stale) }
        if check || files.isEmpty { print("\(plural(files.count, "model")) up to date in \(output)") }
    }
}

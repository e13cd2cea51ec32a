/// ``GenerateSchema`` as a Meridian schema file (`schema.yaml`; the format is
/// `schema/meridian-schema.json`): the column shorthand `name: int` for a plain NOT NULL column,
/// the flow form `{type: text, nullable: true}` otherwise, and `renamed_from:` on a renamed
/// table or column, which is how Meridian is told of a rename.
enum GenerateSchemaYAML {
    static func render(_ schema: GenerateSchema) -> String {
        var lines = ["# `meridian-bench generate`'s schema: \(schema.tables.count) tables.", "tables:"]
        for table in schema.tables {
            lines.append("  \(table.name):")
            if let renamedFrom = table.renamedFrom { lines.append("    renamed_from: \(renamedFrom)") }
            lines.append("    columns:")
            for column in table.columns { lines.append("      \(column.name): \(render(column))") }
            lines.append("    primary_key: [id]")
            if let key = table.foreignKey {
                lines += ["    foreign_keys:", "    - {name: \(key.name), columns: [\(key.column)], references: \(key.parent)(id)}"]
            }
            if let unique = table.unique {
                lines += ["    unique:", "    - {name: \(unique.name), columns: [\(unique.body)]}"]
            }
            if let check = table.check {
                lines += ["    checks:", "    - {name: \(check.name), check: \"\(check.body)\"}"]
            }
            if !table.indexes.isEmpty {
                lines.append("    indexes:")
                for index in table.indexes {
                    let predicate = index.predicate.map { ", where: \"\($0)\"" } ?? ""
                    lines.append("    - {name: \(index.name), columns: [\(index.column)]\(predicate)}")
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func render(_ column: GenerateSchema.Column) -> String {
        var parts: [String] = []
        if column.nullable { parts.append("nullable: true") }
        switch column.defaultValue {
        case .text(let text): parts.append("default: '\(text)'")
        case .bool(let value): parts.append("default: \(value)")
        case nil: break
        }
        if let renamedFrom = column.renamedFrom { parts.append("renamed_from: \(renamedFrom)") }
        return parts.isEmpty ? column.type : "{type: \(column.type), " + parts.joined(separator: ", ") + "}"
    }
}

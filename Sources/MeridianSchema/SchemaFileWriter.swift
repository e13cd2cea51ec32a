import Meridian
import Yams

/// Writes a ``Schema`` as a schema file, in the form ``Schema/load(yaml:file:)`` reads back to
/// an equal schema: plain columns on one line (`code: text`), others as one flow mapping
/// (`created_at: {type: timestamp, default: now}`), names only where they differ from the
/// ones PostgreSQL would choose, SQL bodies as literal blocks.
///
/// ```swift
/// let yaml = try SchemaFileWriter.yaml(schema)
/// try yaml.write(toFile: "schema.yaml", atomically: true, encoding: .utf8)
/// ```
public enum SchemaFileWriter {
    /// The first line of every written file: the JSON Schema editors use to complete it.
    public static let header = "# yaml-language-server: $schema=schema/meridian-schema.json\n"

    public static func yaml(_ schema: Schema) throws -> String {
        var root: [(Node, Node)] = []
        if !schema.tables.isEmpty { root.append(("tables", Node(schema.tables.map { (Node($0.name), node($0)) }))) }
        if !schema.views.isEmpty {
            root.append(("views", Node(schema.views.map { (Node($0.name), describedSQL($0.description, $0.sql)) })))
        }
        if !schema.functions.isEmpty {
            root.append(("functions", Node(schema.functions.map { (Node($0.name), describedSQL($0.description, $0.sql)) })))
        }
        if !schema.roles.isEmpty { root.append(("roles", Node(schema.roles.map { (Node($0.name), node($0)) }))) }
        return header + (try Yams.serialize(node: Node(root), width: -1))
    }

    /// How a schema file names a logical type: `int`, `enum`, `geometry`.
    public static func typeName(_ type: LogicalType) -> String {
        switch type {
        case .enumeration: "enum"
        case .geometry: "geometry"
        default: SchemaFileReader.scalarTypes.first { $0.value == type }?.key ?? "\(type)"
        }
    }

    // MARK: - Tables

    private static func node(_ table: Schema.Table) -> Node {
        var pairs: [(Node, Node)] = []
        if let renamedFrom = table.renamedFrom { pairs.append(("renamed_from", Node(renamedFrom))) }
        if let description = table.description { pairs.append(("description", Node(description))) }
        pairs.append(("columns", Node(table.columns.map { (Node($0.name), node($0, in: table)) })))
        if !table.primaryKey.isEmpty { pairs.append(("primary_key", list(table.primaryKey))) }
        if !table.foreignKeys.isEmpty { pairs.append(("foreign_keys", Node(table.foreignKeys.map { node($0, in: table) }))) }
        if !table.unique.isEmpty {
            pairs.append(("unique", Node(table.unique.map { unique in
                flow(named(unique.name, default: "\(table.name)_\(unique.columns.joined(separator: "_"))_key") + [("columns", list(unique.columns))])
            })))
        }
        if !table.checks.isEmpty {
            pairs.append(("checks", Node(table.checks.map { check -> Node in Node([(Node("name"), Node(check.name)), (Node("check"), node(check.condition))]) })))
        }
        if !table.indexes.isEmpty { pairs.append(("indexes", Node(table.indexes.map { node($0, in: table) }))) }
        if let partitioning = table.partitionBy {
            var fields: [(Node, Node)] = [("strategy", Node(partitioning.strategy.rawValue)), ("column", Node(partitioning.column))]
            if let interval = partitioning.interval { fields.append(("interval", Node(interval.rawValue))) }
            pairs.append(("partition_by", flow(fields)))
        }
        if !table.rollups.isEmpty { pairs.append(("rollups", Node(table.rollups.map(node)))) }
        return Node(pairs)
    }

    private static func node(_ column: Schema.Column, in table: Schema.Table) -> Node {
        var pairs: [(Node, Node)] = [("type", Node(typeName(column.type)))]
        switch column.type {
        case .enumeration(let values): pairs.append(("values", list(values)))
        case .geometry(let shape, let srid): pairs += [("shape", Node(shape.rawValue.lowercased())), ("srid", Node(String(srid)))]
        default: break
        }
        if let renamedFrom = column.renamedFrom { pairs.append(("renamed_from", Node(renamedFrom))) }
        if column.nullable { pairs.append(("nullable", "true")) }
        if let value = column.default { pairs.append(("default", Node(defaultText(value)))) }
        if let generated = column.generated { pairs.append(("generated", Node(generated.text))) }
        if column.setOnUpdate { pairs.append(("on_update", "now")) }
        if let identity = column.identity { pairs.append(("identity", Node(String(identity)))) }
        if let check = column.check { pairs.append(("check", node(check))) }
        if !column.tags.isEmpty { pairs.append(("tags", list(column.tags))) }
        if let description = column.description { pairs.append(("description", Node(description))) }
        return pairs.count == 1 ? pairs[0].1 : flow(pairs)
    }

    /// `now`, `today`, `uuid`, or the literal as text.
    static func defaultText(_ value: ColumnDefault) -> String {
        switch value {
        case .currentTimestamp: "now"
        case .currentDate: "today"
        case .randomUUID: "uuid"
        case .bool(let flag): String(flag)
        case .number(let digits): digits
        case .text(let text), .expression(let text): text
        }
    }

    private static func node(_ condition: Schema.CheckCondition) -> Node {
        switch condition {
        case .portable(let expression): Node(expression.text)
        // One text would read back as a portable expression.
        case .perDialect(let sql): dialectNode(sql, collapsing: false)
        }
    }

    private static func node(_ key: Schema.ForeignKey, in table: Schema.Table) -> Node {
        var pairs = named(key.name, default: "\(table.name)_\(key.columns.joined(separator: "_"))_fkey")
        pairs += [("columns", list(key.columns)), ("references", Node("\(key.referencedTable)(\(key.referencedColumns.joined(separator: ", ")))"))]
        if key.onDelete != .noAction { pairs.append(("on_delete", Node(key.onDelete.rawValue.lowercased()))) }
        if key.onUpdate != .noAction { pairs.append(("on_update", Node(key.onUpdate.rawValue.lowercased()))) }
        return flow(pairs)
    }

    private static func node(_ index: Schema.Index, in table: Schema.Table) -> Node {
        let suffix = index.spatial ? "gist" : "idx"
        var pairs = index.spatial ? [] : named(index.name, default: "\(table.name)_\(index.columns.joined(separator: "_"))_\(suffix)")
        pairs.append(("columns", list(index.columns)))
        if index.unique { pairs.append(("unique", "true")) }
        if index.spatial { pairs.append(("spatial", "true")) }
        if let condition = index.condition { pairs.append(("where", Node(condition.text))) }
        return flow(pairs)
    }

    private static func node(_ rollup: Schema.Rollup) -> Node {
        var pairs: [(Node, Node)] = [("name", Node(rollup.name)), ("time_column", Node(rollup.timeColumn)), ("interval", Node(rollup.interval.rawValue))]
        if !rollup.groupBy.isEmpty { pairs.append(("group_by", list(rollup.groupBy))) }
        pairs.append(("measures", Node(rollup.measures.map { measure in
            var fields: [(Node, Node)] = [("name", Node(measure.name)), ("function", Node(measure.function.rawValue))]
            if let column = measure.column { fields.append(("column", Node(column))) }
            return flow(fields)
        })))
        return Node(pairs)
    }

    private static func node(_ role: Schema.Role) -> Node {
        var pairs: [(Node, Node)] = [("login", Node(String(role.login)))]
        if !role.tablePrivileges.isEmpty { pairs.append(("tables", list(role.tablePrivileges))) }
        if !role.sequencePrivileges.isEmpty { pairs.append(("sequences", list(role.sequencePrivileges))) }
        return Node(pairs)
    }

    // MARK: - Nodes

    private static func describedSQL(_ description: String?, _ sql: DialectSQL) -> Node {
        var pairs: [(Node, Node)] = []
        if let description { pairs.append(("description", Node(description))) }
        pairs.append(("sql", dialectNode(sql)))
        return Node(pairs)
    }

    /// One text when both dialects share it (and `collapsing`), else one entry per dialect;
    /// multi-line text as a literal block.
    private static func dialectNode(_ sql: DialectSQL, collapsing: Bool = true) -> Node {
        if collapsing, let both = sql.sqlite, both == sql.postgres { return text(both) }
        return Node(DialectSQL.keys.compactMap { key in sql.texts[key].map { (Node(key), text($0)) } })
    }

    private static func text(_ value: String) -> Node {
        value.contains("\n") ? Node(value, .implicit, .literal) : Node(value)
    }

    private static func named(_ name: String, default: String) -> [(Node, Node)] {
        name == `default` ? [] : [(Node("name"), Node(name))]
    }

    private static func list(_ values: [String]) -> Node { Node(values.map { Node($0) }, .implicit, .flow) }

    private static func flow(_ pairs: [(Node, Node)]) -> Node { Node(pairs, .implicit, .flow) }
}

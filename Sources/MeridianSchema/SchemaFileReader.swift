import Meridian
import Yams

/// Turns a schema file's YAML into a ``Schema``, collecting every problem of form (YAML syntax,
/// unknown keys, values of the wrong kind) with its line and column, and recording where each
/// part was written (``SourceMap``) for ``Schema/validate()``.
///
/// The walk over tables and their parts is in `SchemaFileReader+Tables.swift`; this file holds
/// the top level and the helpers that read one YAML node each.
struct SchemaFileReader {
    var problems: [SchemaProblem] = []
    var map: SourceMap

    init(file: String) { map = SourceMap(file: file) }

    static let topLevelKeys = ["tables", "views", "functions", "roles"]

    mutating func read(_ yaml: String) throws(SchemaError) -> Schema {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw SchemaError([yamlProblem(error)])
        }
        var schema = Schema(file: map.file)
        guard let root else { return schema }
        for (key, value, path) in fields(root, "", allowed: Self.topLevelKeys, what: "the schema file") {
            switch key {
            case "tables": schema.tables = entries(value, path).compactMap { table($0.name, $0.node, $0.path) }
            case "views":
                schema.views = entries(value, path).compactMap {
                    definition($0.name, $0.node, $0.path, what: "view \($0.name)", requireBoth: true, fix: "give the view's SELECT: sql: \"SELECT …\", or sql: {sqlite: …, postgres: …}")
                }
            case "functions":
                schema.functions = entries(value, path).compactMap {
                    definition($0.name, $0.node, $0.path, what: "function \($0.name)", requireBoth: false, fix: "give the statement that creates it on each dialect: sql: {postgres: \"CREATE FUNCTION …\"}")
                }
            default: schema.roles = entries(value, path).compactMap { role($0.name, $0.node, $0.path) }
            }
        }
        resolveReferencedKeys(&schema)
        schema.sourceMap = map
        guard problems.isEmpty else { throw SchemaError(problems) }
        return schema
    }

    /// `references: stations` means the referenced table's primary key.
    private func resolveReferencedKeys(_ schema: inout Schema) {
        for t in schema.tables.indices {
            for k in schema.tables[t].foreignKeys.indices where schema.tables[t].foreignKeys[k].referencedColumns.isEmpty {
                let target = schema.table(schema.tables[t].foreignKeys[k].referencedTable)
                schema.tables[t].foreignKeys[k].referencedColumns = target?.primaryKey ?? []
            }
        }
    }

    // MARK: - Views, functions, roles

    /// A view (`requireBoth`: its SELECT on every dialect) or a function (its statement on
    /// the dialects that have one).
    private mutating func definition(_ name: String, _ node: Node, _ path: String, what: String, requireBoth: Bool, fix: String) -> Schema.SQLDefinition? {
        var description: String?
        var sql: DialectSQL?
        for (key, value, path) in fields(node, path, allowed: ["description", "sql"], what: what) {
            if key == "description" { description = string(value, path) } else { sql = dialectSQL(value, path, requireBoth: requireBoth) }
        }
        guard let sql else { return missing("sql", in: node, path, what: what, fix: fix) }
        return Schema.SQLDefinition(name, description: description, sql: sql)
    }

    private mutating func role(_ name: String, _ node: Node, _ path: String) -> Schema.Role? {
        var role = Schema.Role(name)
        for (key, value, path) in fields(node, path, allowed: ["login", "tables", "sequences"], what: "role \(name)") {
            switch key {
            case "login": role.login = bool(value, path) ?? false
            case "tables": role.tablePrivileges = privileges(value, path, allowed: RoleDefinition.tablePrivilegeNames, on: "tables")
            default: role.sequencePrivileges = privileges(value, path, allowed: RoleDefinition.sequencePrivilegeNames, on: "sequences")
            }
        }
        return role
    }

    private mutating func privileges(_ node: Node, _ path: String, allowed: Set<String>, on what: String) -> [String] {
        strings(node, path).map(\.value).compactMap { privilege in
            let upper = privilege.uppercased()
            guard allowed.contains(upper) else {
                return report(node, "\(privilege) is not a privilege on \(what)", fix: "use one of \(allowed.sorted().joined(separator: ", "))")
            }
            return upper
        }
    }

    // MARK: - Nodes

    /// The entries of a mapping of named objects (`tables:`, `columns:`), in file order.
    mutating func entries(_ node: Node, _ path: String) -> [(name: String, node: Node, path: String)] {
        guard let mapping = node.mapping else {
            complain(node, "expected a mapping of names to definitions", fix: "write one `name:` per line under it")
            return []
        }
        return mapping.compactMap { key, value in
            guard let name = key.string, !name.isEmpty else { return report(key, "a name must be text", fix: "write the name as plain text") }
            let path = path.isEmpty ? name : "\(path).\(name)"
            record(path, key)
            return (name, value, path)
        }
    }

    /// The keys of a mapping, each checked against `allowed`; an unknown key is a problem that
    /// names the nearest allowed one.
    mutating func fields(_ node: Node, _ path: String, allowed: [String], what: String) -> [(key: String, node: Node, path: String)] {
        guard let mapping = node.mapping else {
            complain(node, "\(what) must be a mapping", fix: "write its keys (\(allowed.joined(separator: ", "))) on lines under it")
            return []
        }
        return mapping.compactMap { key, value in
            let name = key.string ?? ""
            guard allowed.contains(name) else {
                let guess = Suggestion.nearest(to: name, in: allowed).map { "did you mean \($0)? " } ?? ""
                return report(key, "unknown key \(name) in \(what)", fix: "\(guess)the keys here are \(allowed.joined(separator: ", "))")
            }
            let path = path.isEmpty ? name : "\(path).\(name)"
            record(path, value)
            return (name, value, path)
        }
    }

    mutating func string(_ node: Node, _ path: String) -> String? {
        guard let scalar = node.scalar else { return report(node, "expected text", fix: "write a single value, quoted if it holds `:` or `#`") }
        return scalar.string
    }

    mutating func bool(_ node: Node, _ path: String) -> Bool? {
        guard let value = node.scalar.flatMap({ Bool.construct(from: $0) }) else { return report(node, "expected true or false", fix: "write true or false") }
        return value
    }

    /// A list of texts, each with its node; a single text counts as a list of one.
    mutating func strings(_ node: Node, _ path: String) -> [(value: String, node: Node)] {
        if let scalar = node.scalar { return [(scalar.string, node)] }
        guard let sequence = node.sequence else {
            complain(node, "expected a list", fix: "write [a, b] or one `- item` per line")
            return []
        }
        return sequence.compactMap { item in string(item, path).map { ($0, item) } }
    }

    /// The items of a list, each with its path (`….indexes.0`).
    mutating func items(_ node: Node, _ path: String) -> [(node: Node, path: String)] {
        guard let sequence = node.sequence else {
            complain(node, "expected a list", fix: "write one `- …` item per line")
            return []
        }
        return sequence.enumerated().map { offset, item in
            let path = "\(path).\(offset)"
            record(path, item)
            return (item, path)
        }
    }

    /// SQL for each dialect: one text for both, or `{sqlite: …, postgres: …}`.
    mutating func dialectSQL(_ node: Node, _ path: String, requireBoth: Bool) -> DialectSQL? {
        if let scalar = node.scalar { return DialectSQL(scalar.string) }
        var texts: [String: String] = [:]
        for (key, value, path) in fields(node, path, allowed: DialectSQL.keys, what: "SQL for each dialect") {
            texts[key] = string(value, path)
        }
        let absent = DialectSQL.keys.filter { texts[$0] == nil }
        if requireBoth, !absent.isEmpty {
            return report(node, "no SQL for \(absent.joined(separator: " and "))", fix: "give the text for every dialect: {sqlite: …, postgres: …}")
        }
        return DialectSQL(sqlite: texts["sqlite"], postgres: texts["postgres"])
    }

    /// A portable expression, with a parse failure reported at its character.
    mutating func expression(_ node: Node, _ path: String) -> SchemaExpression? {
        guard let text = string(node, path) else { return nil }
        do {
            return try SchemaExpression.parse(text)
        } catch {
            var location = self.location(node)
            if node.scalar?.style == .plain { location.column += error.offset }
            problems.append(SchemaProblem(location, "\(error.message) in `\(text)`", fix: "write it in the portable subset (comparisons, IN, BETWEEN, IS [NOT] NULL, AND/OR/NOT, length, substr, lower, upper, abs, coalesce, trim)"))
            return nil
        }
    }

    // MARK: - Problems

    func location(_ node: Node) -> SourceLocation {
        SourceLocation(file: map.file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
    }

    mutating func record(_ path: String, _ node: Node) { map.locations[path] = location(node) }

    /// Adds a problem at `node`.
    mutating func complain(_ node: Node, _ message: String, fix: String) {
        problems.append(SchemaProblem(location(node), message, fix: fix))
    }

    /// Adds a problem at `node` and returns `nil`, for `guard … else { return report(…) }`.
    mutating func report<T>(_ node: Node, _ message: String, fix: String) -> T? {
        problems.append(SchemaProblem(location(node), message, fix: fix))
        return nil
    }

    mutating func missing<T>(_ key: String, in node: Node, _ path: String, what: String, fix: String) -> T? {
        report(node, "\(what) has no \(key)", fix: fix)
    }

    private func yamlProblem(_ error: any Error) -> SchemaProblem {
        guard let yaml = error as? YamlError else {
            return SchemaProblem(SourceLocation(file: map.file, line: 1, column: 1), "not YAML: \(error)", fix: "fix the file's syntax")
        }
        switch yaml {
        case .duplicatedKeysInMapping(let duplicates, let context):
            return SchemaProblem(
                SourceLocation(file: map.file, line: context.mark.line, column: context.mark.column),
                "\(duplicates.joined(separator: ", ")) is declared twice in the same mapping (a duplicate table, column or key)",
                fix: "rename or remove one of them")
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _):
            let what = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
            return SchemaProblem(SourceLocation(file: map.file, line: mark.line, column: mark.column), "not valid YAML: \(what)", fix: "fix the file's syntax here")
        case .reader(let problem, let offset?, _, let text):
            // A character YAML does not allow (a NUL, another control character), at a byte offset.
            let position = TextPosition(utf8Offset: offset, in: text.utf8)
            return SchemaProblem(
                SourceLocation(file: map.file, line: position.line, column: position.column),
                "not valid YAML: \(problem)", fix: "remove the character")
        default:
            return SchemaProblem(SourceLocation(file: map.file, line: 1, column: 1), "not valid YAML: \(yaml)", fix: "fix the file's syntax")
        }
    }
}

import Meridian
import Yams

extension SchemaFileReader {
    static let tableKeys = ["renamed_from", "description", "columns", "primary_key", "foreign_keys", "unique", "checks", "indexes", "partition_by", "rollups"]
    static let columnKeys = [
        "type", "renamed_from", "nullable", "default", "generated", "description", "tags", "check", "on_update", "identity", "values", "shape", "srid",
    ]
    static let scalarTypes: [String: LogicalType] = [
        "int": .int, "double": .double, "text": .text, "bool": .bool, "uuid": .uuid, "timestamp": .timestamp, "date": .date,
        "json": .json, "bytes": .bytes,
    ]
    static let typeNames = ["int", "double", "text", "bool", "uuid", "timestamp", "date", "json", "bytes", "enum", "geometry"]
    static let actions: [String: ForeignKey.Action] = [
        "no action": .noAction, "restrict": .restrict, "cascade": .cascade, "set null": .setNull, "set default": .setDefault,
    ]

    mutating func table(_ name: String, _ node: Node, _ path: String) -> Schema.Table? {
        var table = Schema.Table(name, columns: [])
        for (key, value, path) in fields(node, path, allowed: Self.tableKeys, what: "table \(name)") {
            switch key {
            case "renamed_from": table.renamedFrom = string(value, path)
            case "description": table.description = string(value, path)
            case "columns": table.columns = entries(value, path).compactMap { column($0.name, $0.node, $0.path, table: name) }
            case "primary_key": table.primaryKey = strings(value, path).map(\.value)
            case "foreign_keys": table.foreignKeys = items(value, path).compactMap { foreignKey($0.node, $0.path, table: name) }
            case "unique": table.unique = items(value, path).compactMap { unique($0.node, $0.path, table: name) }
            case "checks": table.checks = items(value, path).enumerated().compactMap { check($1.node, $1.path, table: name, number: $0) }
            case "indexes": table.indexes = items(value, path).compactMap { index($0.node, $0.path, table: name) }
            case "partition_by": table.partitionBy = partitioning(value, path, table: name)
            default: table.rollups = items(value, path).compactMap { rollup($0.node, $0.path, table: name) }
            }
        }
        return table
    }

    // MARK: - Columns

    private mutating func column(_ name: String, _ node: Node, _ path: String, table: String) -> Schema.Column? {
        let what = "column \(table).\(name)"
        if let scalar = node.scalar {
            guard let type = Self.scalarTypes[scalar.string] else { return unknownType(scalar.string, node, what) }
            return Schema.Column(name, type)
        }
        let fields = fields(node, path, allowed: Self.columnKeys, what: what)
        let field = { (key: String) in fields.first { $0.key == key } }
        guard let typeField = field("type") else {
            return missing("type", in: node, path, what: what, fix: "give its logical type: type: \(Self.typeNames.joined(separator: " | "))")
        }
        guard let type = logicalType(typeField.node, typeField.path, fields: fields, what: what) else { return nil }
        var column = Schema.Column(name, type)
        for (key, value, path) in fields {
            switch key {
            case "renamed_from": column.renamedFrom = string(value, path)
            case "nullable": column.nullable = bool(value, path) ?? false
            case "default": column.default = defaultValue(value, path, type: type)
            case "generated": column.generated = expression(value, path)
            case "description": column.description = string(value, path)
            case "tags": column.tags = strings(value, path).map(\.value)
            case "check": column.check = checkCondition(value, path)
            case "identity": column.identity = bool(value, path)
            case "on_update":
                guard string(value, path) == "now" else { return report(value, "on_update of \(what) must be now", fix: "write on_update: now to have the database keep it at the time of the last update") }
                column.setOnUpdate = true
            default: continue
            }
        }
        return column
    }

    private mutating func logicalType(
        _ node: Node, _ path: String, fields: [(key: String, node: Node, path: String)], what: String
    ) -> LogicalType? {
        guard let name = string(node, path) else { return nil }
        let field = { (key: String) in fields.first { $0.key == key } }
        let misplaced = [("values", "enum"), ("shape", "geometry"), ("srid", "geometry")].filter { field($0.0) != nil && name != $0.1 }
        for (key, owner) in misplaced {
            complain(field(key)!.node, "\(key) belongs to \(owner) columns, and \(what) is \(name)", fix: "remove it, or make the type \(owner)")
        }
        guard misplaced.isEmpty else { return nil }
        switch name {
        case "enum":
            guard let valuesField = field("values") else { return missing("values", in: node, path, what: what, fix: "list the values: values: [a, b]") }
            let values = strings(valuesField.node, valuesField.path).map(\.value)
            guard !values.isEmpty else { return report(valuesField.node, "\(what) has no values", fix: "list at least one value") }
            return .enumeration(values)
        case "geometry":
            guard let shapeField = field("shape") else {
                return missing("shape", in: node, path, what: what, fix: "give the geometry type: shape: point | linestring | polygon | multipoint | multilinestring | multipolygon")
            }
            guard let shapeName = string(shapeField.node, shapeField.path),
                  let shape = GeometryColumnType(rawValue: shapeName.uppercased()) else {
                return report(shapeField.node, "unknown shape for \(what)", fix: "use point, linestring, polygon, multipoint, multilinestring or multipolygon")
            }
            var srid: Int32 = 4326
            if let sridField = field("srid") {
                guard let value = sridField.node.scalar.flatMap({ Int32($0.string) }) else {
                    return report(sridField.node, "the srid of \(what) must be a whole number", fix: "write an EPSG code, such as 4326")
                }
                srid = value
            }
            return .geometry(shape, srid: srid)
        default:
            guard let type = Self.scalarTypes[name] else { return unknownType(name, node, what) }
            return type
        }
    }

    private mutating func unknownType<T>(_ name: String, _ node: Node, _ what: String) -> T? {
        let guess = Suggestion.nearest(to: name, in: Self.typeNames).map { "did you mean \($0)? " } ?? ""
        return report(node, "\(what) has the unknown type \(name)", fix: "\(guess)the logical types are \(Self.typeNames.joined(separator: ", "))")
    }

    /// A default read for the column's type: `now`, `today` and `uuid` name the database's
    /// functions in timestamp, date and uuid columns; anything else is a literal, checked
    /// against the type by ``Schema/validate()``.
    private mutating func defaultValue(_ node: Node, _ path: String, type: LogicalType) -> ColumnDefault? {
        guard let scalar = node.scalar else { return report(node, "a default must be a single value", fix: "write a literal, or now, today or uuid") }
        let text = scalar.string
        switch type {
        case .timestamp where text == "now": return .currentTimestamp
        case .date where text == "today": return .currentDate
        case .uuid where text == "uuid": return .randomUUID
        case .bool: return Bool.construct(from: scalar).map(ColumnDefault.bool) ?? .text(text)
        case .int, .double: return ColumnDefault.numeric(text) ?? .text(text)
        default: return .text(text)
        }
    }

    private mutating func checkCondition(_ node: Node, _ path: String) -> Schema.CheckCondition? {
        if node.scalar != nil { return expression(node, path).map(Schema.CheckCondition.portable) }
        return dialectSQL(node, path, requireBoth: true).map(Schema.CheckCondition.perDialect)
    }

    // MARK: - Constraints and indexes

    private mutating func foreignKey(_ node: Node, _ path: String, table: String) -> Schema.ForeignKey? {
        let what = "a foreign key of \(table)"
        var name: String?
        var columns: [String] = []
        var target: (table: String, columns: [String])?
        var onDelete = ForeignKey.Action.noAction
        var onUpdate = ForeignKey.Action.noAction
        for (key, value, path) in fields(node, path, allowed: ["name", "columns", "references", "on_delete", "on_update"], what: what) {
            switch key {
            case "name": name = string(value, path)
            case "columns": columns = strings(value, path).map(\.value)
            case "references": target = string(value, path).flatMap { reference($0, value) }
            default:
                guard let text = string(value, path), let action = Self.actions[text.lowercased()] else {
                    return report(value, "unknown action for \(key) of \(what)", fix: "use \(Self.actions.keys.sorted().joined(separator: ", "))")
                }
                if key == "on_delete" { onDelete = action } else { onUpdate = action }
            }
        }
        guard !columns.isEmpty else { return missing("columns", in: node, path, what: what, fix: "list the referencing columns: columns: [station_id]") }
        guard let target else { return missing("references", in: node, path, what: what, fix: "name the referenced table: references: stations, or stations(id)") }
        return Schema.ForeignKey(
            name ?? "\(table)_\(columns.joined(separator: "_"))_fkey", columns, references: target.table, target.columns, onDelete: onDelete,
            onUpdate: onUpdate)
    }

    /// `stations` or `stations(id, code)`.
    private mutating func reference(_ text: String, _ node: Node) -> (table: String, columns: [String])? {
        guard let open = text.firstIndex(of: "(") else { return (text.trimmingCharacters(in: .whitespaces), []) }
        guard text.hasSuffix(")") else { return report(node, "references \(text) is missing its closing parenthesis", fix: "write table(column, …)") }
        let columns = text[text.index(after: open)..<text.index(before: text.endIndex)].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        return (text[..<open].trimmingCharacters(in: .whitespaces), columns)
    }

    private mutating func unique(_ node: Node, _ path: String, table: String) -> Schema.Unique? {
        var name: String?
        var columns: [String] = []
        for (key, value, path) in fields(node, path, allowed: ["name", "columns"], what: "a unique constraint of \(table)") {
            if key == "name" { name = string(value, path) } else { columns = strings(value, path).map(\.value) }
        }
        guard !columns.isEmpty else { return missing("columns", in: node, path, what: "a unique constraint of \(table)", fix: "list its columns: columns: [code]") }
        return Schema.Unique(name ?? "\(table)_\(columns.joined(separator: "_"))_key", columns)
    }

    private mutating func check(_ node: Node, _ path: String, table: String, number: Int) -> Schema.Check? {
        var name: String?
        var condition: Schema.CheckCondition?
        for (key, value, path) in fields(node, path, allowed: ["name", "check"], what: "a check of \(table)") {
            if key == "name" { name = string(value, path) } else { condition = checkCondition(value, path) }
        }
        guard let condition else { return missing("check", in: node, path, what: "a check of \(table)", fix: "give its condition: check: \"low <= high\"") }
        return Schema.Check(name ?? "\(table)_check\(number == 0 ? "" : String(number))", condition)
    }

    private mutating func index(_ node: Node, _ path: String, table: String) -> Schema.Index? {
        var index = Schema.Index("", [])
        var name: String?
        for (key, value, path) in fields(node, path, allowed: ["name", "columns", "unique", "spatial", "where"], what: "an index of \(table)") {
            switch key {
            case "name": name = string(value, path)
            case "columns": index.columns = strings(value, path).map(\.value)
            case "unique": index.unique = bool(value, path) ?? false
            case "spatial": index.spatial = bool(value, path) ?? false
            default: index.condition = expression(value, path)
            }
        }
        guard !index.columns.isEmpty else { return missing("columns", in: node, path, what: "an index of \(table)", fix: "list its columns: columns: [occurred_at]") }
        if index.spatial, name != nil {
            return report(node, "a spatial index of \(table) has a name, which each engine chooses itself", fix: "remove the name")
        }
        let suffix = index.spatial ? "gist" : "idx"
        index.name = name ?? "\(table)_\(index.columns.joined(separator: "_"))_\(suffix)"
        return index
    }

    // MARK: - Partitioning and rollups

    private mutating func partitioning(_ node: Node, _ path: String, table: String) -> Schema.Partitioning? {
        let what = "partition_by of \(table)"
        var strategy = Schema.Partitioning.Strategy.range
        var column: String?
        var interval: Schema.Partitioning.Interval?
        for (key, value, path) in fields(node, path, allowed: ["strategy", "column", "interval"], what: what) {
            switch key {
            case "strategy":
                guard let parsed = string(value, path).flatMap(Schema.Partitioning.Strategy.init(rawValue:)) else {
                    return report(value, "unknown strategy in \(what)", fix: "use range, list or hash")
                }
                strategy = parsed
            case "column": column = string(value, path)
            default: interval = intervalValue(value, path, what: what)
            }
        }
        guard let column else { return missing("column", in: node, path, what: what, fix: "name the partition key: column: occurred_at") }
        return Schema.Partitioning(strategy, column: column, interval: interval)
    }

    private mutating func intervalValue(_ node: Node, _ path: String, what: String) -> Schema.Partitioning.Interval? {
        guard let value = string(node, path).flatMap(Schema.Partitioning.Interval.init(rawValue:)) else {
            return report(node, "unknown interval in \(what)", fix: "use day, week, month or year")
        }
        return value
    }

    private mutating func rollup(_ node: Node, _ path: String, table: String) -> Schema.Rollup? {
        let what = "a rollup of \(table)"
        var name: String?
        var timeColumn: String?
        var interval: Schema.Partitioning.Interval?
        var groupBy: [String] = []
        var measures: [Schema.Rollup.Measure] = []
        for (key, value, path) in fields(node, path, allowed: ["name", "time_column", "interval", "group_by", "measures"], what: what) {
            switch key {
            case "name": name = string(value, path)
            case "time_column": timeColumn = string(value, path)
            case "interval": interval = intervalValue(value, path, what: what)
            case "group_by": groupBy = strings(value, path).map(\.value)
            default: measures = items(value, path).compactMap { measure($0.node, $0.path, what: what) }
            }
        }
        guard let name, let timeColumn, let interval, !measures.isEmpty else {
            return report(node, "\(what) needs name, time_column, interval and measures", fix: "give all four")
        }
        return Schema.Rollup(name, timeColumn: timeColumn, interval: interval, groupBy: groupBy, measures: measures)
    }

    private mutating func measure(_ node: Node, _ path: String, what: String) -> Schema.Rollup.Measure? {
        var name: String?
        var function: Schema.Rollup.Aggregate?
        var column: String?
        for (key, value, path) in fields(node, path, allowed: ["name", "function", "column"], what: "a measure of \(what)") {
            switch key {
            case "name": name = string(value, path)
            case "function":
                guard let parsed = string(value, path).flatMap(Schema.Rollup.Aggregate.init(rawValue:)) else {
                    return report(value, "unknown aggregate in \(what)", fix: "use count, sum, min, max or avg")
                }
                function = parsed
            default: column = string(value, path)
            }
        }
        guard let name, let function else { return report(node, "a measure of \(what) needs name and function", fix: "give both") }
        return Schema.Rollup.Measure(name, function, column: column)
    }
}

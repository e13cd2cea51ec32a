import Foundation
import Meridian

extension SchemaValidation {
    // MARK: - Columns

    mutating func validate(_ column: Schema.Column, of table: Schema.Table, path: String, constraintNames: inout [String: String]) {
        let what = "column \(table.name).\(column.name)"
        checkLength(column.name, path: path)
        if case .geometry(_, let srid) = column.type, !KnownSRID.contains(srid) {
            problem("\(path).srid", "\(what) has SRID \(srid), which neither PostGIS nor SpatiaLite is sure to know", fix: "use an EPSG code of \(KnownSRID.summary)")
        }
        if case .enumeration(let values) = column.type, Set(values).count != values.count {
            problem("\(path).values", "\(what) lists a value twice", fix: "list each value once")
        }
        if let value = column.default { validateDefault(value, of: column, what: what, path: "\(path).default") }
        if let generated = column.generated { validateGenerated(generated, of: column, in: table, what: what, path: "\(path).generated") }
        if column.setOnUpdate {
            if column.type != .timestamp { problem("\(path).on_update", "\(what) is kept at the time of the last update but is \(SchemaFileWriter.typeName(column.type))", fix: "make it a timestamp") }
            if table.primaryKey.isEmpty { problem("\(path).on_update", "\(what) is kept at the time of the last update, but table \(table.name) has no primary key to find the row by", fix: "give the table a primary key") }
        }
        if column.identity == true, column.type != .int || table.primaryKey != [column.name] {
            problem(
                "\(path).identity", "\(what) numbers itself but is not an int column that is the whole primary key",
                fix: "keep identity for such a column: SQLite numbers only its rowid, so elsewhere the two engines would differ")
        }
        if let check = column.check {
            let name = SchemaRendering.columnCheckName(table: table.name, column: column)
            claim(name, kind: "check", in: table, path: "\(path).check", names: &constraintNames)
            validate(check, name: name, of: table, path: "\(path).check")
        }
    }

    private mutating func validateDefault(_ value: ColumnDefault, of column: Schema.Column, what: String, path: String) {
        let typeName = SchemaFileWriter.typeName(column.type)
        let wrong = { (expected: String) in "\(what) is \(typeName) and its default \(value) is not \(expected)" }
        switch (column.type, value) {
        case (.int, .number(let digits)) where Int64(digits) != nil: return
        case (.int, _): problem(path, wrong("a whole number"), fix: "write a whole number such as 0")
        case (.double, .number): return
        case (.double, _): problem(path, wrong("a number"), fix: "write a number such as 0.5")
        case (.bool, .bool): return
        case (.bool, _): problem(path, wrong("true or false"), fix: "write true or false")
        case (.timestamp, .currentTimestamp): return
        case (.timestamp, .text(let text)) where Timestamp(iso8601: text) != nil: return
        case (.timestamp, _): problem(path, wrong("a time"), fix: "write now, or a UTC time such as 2024-01-01T00:00:00.000000Z")
        case (.date, .currentDate): return
        case (.date, .text(let text)) where CalendarDate(iso8601: text) != nil: return
        case (.date, _): problem(path, wrong("a date"), fix: "write today, or a date such as 2024-01-31")
        case (.uuid, .randomUUID): return
        case (.uuid, .text(let text)) where UUID(uuidString: text) != nil && text == text.lowercased(): return
        case (.uuid, _): problem(path, wrong("a UUID"), fix: "write uuid for a new random one, or a lower-case UUID")
        case (.json, .text(let text)):
            if (try? JSON(parsing: text)) == nil { problem(path, wrong("a JSON document"), fix: "write the document in quotes, such as \"[]\"") }
        case (.enumeration(let values), .text(let text)):
            if !values.contains(text) { problem(path, "\(what) defaults to \(text), which is not one of its values \(values.joined(separator: ", "))", fix: suggestion(text, among: values, kind: "value")) }
        case (.text, .text): return
        default: problem(path, "\(what) is \(typeName), which takes no default", fix: "remove the default")
        }
    }

    private mutating func validateGenerated(_ expression: SchemaExpression, of column: Schema.Column, in table: Schema.Table, what: String, path: String) {
        if column.default != nil { problem(path, "\(what) is generated and has a default", fix: "remove the default: its value comes from the expression") }
        for name in expression.columns {
            guard let read = table.column(name) else {
                problem(path, "\(what) is generated from unknown column \(name)", fix: suggestion(name, among: table.columns.map(\.name), kind: "column"))
                continue
            }
            if read.generated != nil {
                problem(path, "\(what) is generated from \(name), which is generated too", fix: "compute it from ordinary columns: neither engine lets a generated column read another")
            }
        }
    }

    mutating func validate(_ condition: Schema.CheckCondition, name: String, of table: Schema.Table, path: String) {
        guard case .portable(let expression) = condition else { return }
        requireColumns(expression.columns.filter { table.column($0) == nil }, of: table, path: path, what: "check \(name)")
        if let column = expression.unsatisfiableColumn {
            problem(path, "table \(table.name): no value of \(column) satisfies check \(name) (`\(expression.text)`); only NULL would pass", fix: "correct the bounds")
        }
    }

    // MARK: - Indexes

    mutating func validate(_ index: Schema.Index, of table: Schema.Table, path: String) {
        if !index.spatial { claimRelation(index.name, kind: "index", path: path) } else { checkLength(index.name, path: path) }
        requireColumns(index.columns, of: table, path: "\(path).columns", what: "index \(index.name)")
        if index.spatial {
            let geometry = index.columns.count == 1 && table.column(index.columns[0]).map { if case .geometry = $0.type { true } else { false } } == true
            if !geometry { problem(path, "table \(table.name): spatial index \(index.name) must cover one geometry column", fix: "index a single geometry column, or remove spatial: true") }
            if index.unique || index.condition != nil { problem(path, "table \(table.name): spatial index \(index.name) cannot be unique or partial", fix: "remove unique and where") }
        }
        if let condition = index.condition {
            requireColumns(condition.columns.filter { table.column($0) == nil }, of: table, path: "\(path).where", what: "the where of index \(index.name)")
        }
    }

    // MARK: - Partitioning and rollups

    mutating func validatePlanned(_ table: Schema.Table, path: String) {
        if let partitioning = table.partitionBy {
            requireColumns([partitioning.column], of: table, path: "\(path).partition_by.column", what: "partition_by")
            if !table.primaryKey.isEmpty, !table.primaryKey.contains(partitioning.column) {
                problem("\(path).partition_by.column", "table \(table.name) is partitioned by \(partitioning.column), which its primary key does not include", fix: "add \(partitioning.column) to the primary key: PostgreSQL requires it")
            }
        }
        for (offset, rollup) in table.rollups.enumerated() {
            let rollupPath = "\(path).rollups.\(offset)"
            claimRelation(rollup.name, kind: "rollup", path: rollupPath)
            requireColumns([rollup.timeColumn] + rollup.groupBy + rollup.measures.compactMap(\.column), of: table, path: rollupPath, what: "rollup \(rollup.name)")
            if let time = table.column(rollup.timeColumn), time.type != .timestamp, time.type != .date {
                problem("\(rollupPath).time_column", "rollup \(rollup.name) buckets by \(rollup.timeColumn), which is not a timestamp or date", fix: "bucket by a timestamp or date column")
            }
        }
    }
}

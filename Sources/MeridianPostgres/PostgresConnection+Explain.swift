import Foundation
import Meridian

extension PostgresConnection: QueryExplaining {
    /// `EXPLAIN (FORMAT JSON)` — with `analyze`, `ANALYZE` in a transaction rolled back after —
    /// read into ``QueryPlan/Step``s: estimated rows per step, and actual rows (times loops)
    /// and times when analysed. Tables read whole report their statistics' row count.
    public func explain(_ sql: String, _ arguments: [DatabaseValue], analyze: Bool) throws -> QueryPlan {
        let explain = "EXPLAIN (FORMAT JSON\(analyze ? ", ANALYZE" : "")) " + sql
        let document = analyze ? try rolledBack { try fetchValue(JSON.self, explain, arguments) } : try fetchValue(JSON.self, explain, arguments)
        guard case .array(let entries)? = document, case .object(let entry)? = entries.first,
              case .object(let root)? = entry["Plan"] else {
            throw DatabaseError(.decoding, "EXPLAIN printed no plan PostgreSQL's JSON format describes", sql: sql)
        }
        let top = Self.step(root)
        var plan = QueryPlan(engine: "PostgreSQL", steps: [top], cost: Self.number(root["Total Cost"]))
        if analyze {
            plan.milliseconds = Self.number(entry["Execution Time"])
            plan.rowsReturned = top.actualRows.map { Int($0) }
        }
        for table in Set(plan.flattened.compactMap { $0.step.kind == .fullScan ? $0.step.table : nil }) {
            let estimate = try fetchValue(Double.self, "SELECT reltuples::float8 FROM pg_class WHERE oid = $1::regclass", [.text(dialect.quote(table))]) ?? -1
            plan.tableRows[table] = estimate >= 0 ? estimate : try fetchValue(Double.self, "SELECT count(*)::float8 FROM \(dialect.quote(table))")
        }
        return plan
    }

    /// One node of the JSON plan and its children; a bitmap index scan names no table, and
    /// takes its heap scan's (`parentTable`).
    static func step(_ node: JSONObject, parentTable: String? = nil) -> QueryPlan.Step {
        let type = string(node["Node Type"]) ?? "?"
        let table = string(node["Relation Name"]) ?? (type == "Bitmap Index Scan" ? parentTable : nil)
        let index = string(node["Index Name"])
        let kind: QueryPlan.Step.Kind =
            switch type {
            case "Seq Scan": .fullScan
            case "Index Scan", "Index Only Scan", "Bitmap Index Scan": index?.hasSuffix("_pkey") == true ? .primaryKey : .index
            case "Sort", "Incremental Sort": .sort
            case "Nested Loop", "Hash Join", "Merge Join": .join
            case "Aggregate", "GroupAggregate", "HashAggregate": .aggregate
            default: .other
            }
        var detail = type
        if kind == .other, let table { detail += " on \(table)" }
        if kind == .sort, let keys = node["Sort Key"], case .array(let items) = keys { detail += " by " + items.compactMap(string).joined(separator: ", ") }
        let loops = number(node["Actual Loops"]) ?? 1
        var children: [QueryPlan.Step] = []
        if case .array(let plans)? = node["Plans"] {
            for case .object(let child) in plans { children.append(step(child, parentTable: table)) }
        }
        return QueryPlan.Step(
            kind, table: table, index: index, condition: string(node["Index Cond"]) ?? string(node["Filter"]),
            covering: type == "Index Only Scan", detail: detail, estimatedRows: number(node["Plan Rows"]),
            actualRows: number(node["Actual Rows"]).map { $0 * loops }, milliseconds: number(node["Actual Total Time"]), children: children)
    }

    private static func string(_ value: JSON?) -> String? {
        if case .string(let text)? = value { return text }
        return nil
    }

    private static func number(_ value: JSON?) -> Double? {
        if case .number(let number)? = value { return Double(number.text) }
        return nil
    }
}

extension PostgresConnection: HypotheticalIndexing {
    /// `CREATE EXTENSION IF NOT EXISTS hypopg` in a savepoint: inside ``withScratchCopy(_:)``'s
    /// transaction, the extension goes with the rollback too.
    public func enableHypotheticalIndexes() -> Bool {
        (try? transaction { try executeScript("CREATE EXTENSION IF NOT EXISTS hypopg") }) != nil
    }

    public func createHypotheticalIndex(_ index: IndexDefinition, on table: String) throws -> String {
        let statement = dialect.createIndexStatement(index, on: table).sql
        guard let name = try fetchValue(String.self, "SELECT indexname FROM hypopg_create_index($1)", [.text(statement)]) else {
            throw DatabaseError(.decoding, "hypopg_create_index returned no index", sql: statement)
        }
        return name
    }

    public func dropHypotheticalIndexes() throws {
        _ = try fetchOne("SELECT hypopg_reset()")
    }
}

extension PostgresConnection: IndexTrialing {
    /// This session, in a transaction rolled back after: indexes built in it are real, and
    /// gone at the end. Building one locks its table against writes until then.
    public func withScratchCopy<T>(_ body: (any QueryExplaining) throws -> T) throws -> T {
        try rolledBack { try body(self) }
    }
}

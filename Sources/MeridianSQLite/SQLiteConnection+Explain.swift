import CMeridianSQLite
import Foundation
import Meridian

extension SQLiteConnection: QueryExplaining {
    /// `EXPLAIN QUERY PLAN`, its rows made a tree of ``QueryPlan/Step``s; SQLite gives no row
    /// counts per step, so with `analyze` the query runs (a statement that writes, in a transaction
    /// rolled back after) and
    /// its rows and time are the plan's totals. Tables read whole are counted.
    public func explain(_ sql: String, _ arguments: [DatabaseValue], analyze: Bool) throws -> QueryPlan {
        let aliases = QueryPlan.tableAliases(in: sql)
        var nodes: [(id: Int64, parent: Int64, step: QueryPlan.Step)] = []
        try forEachRow("EXPLAIN QUERY PLAN " + sql, arguments) { row in
            nodes.append((try row.decode(Int64.self, at: 0), try row.decode(Int64.self, at: 1), Self.step(try row.decode(String.self, at: 3), aliases: aliases)))
        }
        func children(of parent: Int64) -> [QueryPlan.Step] {
            nodes.filter { $0.parent == parent }.map { node in
                var step = node.step
                step.children = children(of: node.id)
                return step
            }
        }
        var plan = QueryPlan(engine: "SQLite", steps: children(of: 0))
        for table in Set(plan.flattened.compactMap { $0.step.kind == .fullScan ? $0.step.table : nil }) {
            plan.tableRows[table] = try fetchValue(Double.self, "SELECT count(*) FROM \(dialect.quote(table))")
        }
        if analyze {
            let started = DispatchTime.now().uptimeNanoseconds
            var rows = 0
            // A statement that writes runs in a transaction rolled back after; one that only
            // reads runs as it is, on a connection that may not write at all.
            let run = { try self.forEachRow(sql, arguments) { _ in rows += 1 } }
            if try statement(sql).onlyReads { try run() } else { try rolledBack(run) }
            plan.milliseconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6
            plan.rowsReturned = rows
        }
        return plan
    }

    /// One `EXPLAIN QUERY PLAN` line in the shared vocabulary: `SCAN t`, `SEARCH t USING
    /// [COVERING] INDEX i (a=?)`, `SEARCH t USING INTEGER PRIMARY KEY (rowid=?)`, `USE TEMP
    /// B-TREE FOR ORDER BY`, a SpatiaLite R*Tree's `SCAN idx_t_c VIRTUAL TABLE INDEX …`.
    static func step(_ detail: String, aliases: [String: String]) -> QueryPlan.Step {
        let words = detail.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard words.count >= 2, words[0] == "SCAN" || words[0] == "SEARCH" else {
            if detail.hasPrefix("USE TEMP B-TREE FOR ORDER BY") { return QueryPlan.Step(.sort, detail: detail) }
            if detail.hasPrefix("USE TEMP B-TREE FOR GROUP BY") { return QueryPlan.Step(.aggregate, detail: detail) }
            return QueryPlan.Step(.other, detail: detail)
        }
        let name = words[1]
        let table = aliases[name] ?? name
        let condition = detail.firstIndex(of: "(").map { String(detail[detail.index(after: $0)..<(detail.lastIndex(of: ")") ?? detail.endIndex)]) }
        if words.count > 3, words[2] == "VIRTUAL", name.hasPrefix("idx_") {
            return QueryPlan.Step(.index, table: table, index: name, detail: detail)
        }
        guard let using = words.firstIndex(of: "USING") else {
            return QueryPlan.Step(words[0] == "SCAN" ? .fullScan : .other, table: table, condition: condition, detail: detail)
        }
        let rest = Array(words[(using + 1)...])
        if rest.starts(with: ["INTEGER", "PRIMARY", "KEY"]) || rest.starts(with: ["PRIMARY", "KEY"]) {
            return QueryPlan.Step(.primaryKey, table: table, condition: condition, detail: detail)
        }
        let covering = rest.contains("COVERING")
        let index = rest.firstIndex(of: "INDEX").flatMap { $0 + 1 < rest.count && !rest[$0 + 1].hasPrefix("(") ? rest[$0 + 1] : nil }
        return QueryPlan.Step(.index, table: table, index: index ?? "automatic", condition: condition, covering: covering, detail: detail)
    }
}

extension SQLiteConnection: IndexTrialing {
    /// A copy in a temporary folder, made with SQLite's online backup (which only reads this
    /// database, so a read-only connection will do), given to `body`, and deleted after.
    public func withScratchCopy<T>(_ body: (any QueryExplaining) throws -> T) throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("meridian-advice-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let copy = try SQLiteConnection(path: folder.appendingPathComponent("copy.sqlite").path)
        guard let backup = sqlite3_backup_init(copy.handle, "main", handle, "main") else {
            throw copy.error(code: sqlite3_errcode(copy.handle), sql: nil)
        }
        let stepped = sqlite3_backup_step(backup, -1)
        let finished = sqlite3_backup_finish(backup)
        guard stepped == SQLITE_DONE, finished == SQLITE_OK else { throw copy.error(code: stepped == SQLITE_DONE ? finished : stepped, sql: nil) }
        return try body(copy)
    }
}

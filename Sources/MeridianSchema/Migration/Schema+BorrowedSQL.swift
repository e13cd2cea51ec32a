import Meridian

extension Schema {
    /// This schema, read back from a database of `dialect`, with the SQL of the other dialects
    /// taken from `file` wherever the file says the same for `dialect`, and dropped elsewhere.
    ///
    /// A database keeps the SQL of its own dialect only (a view's body, a CHECK outside the
    /// portable subset); ``Schema/inspecting(_:dialect:)`` writes that text for every dialect,
    /// which is right for a schema file to review but wrong for a down migration that must
    /// recreate the view on PostgreSQL. Where the file's text for `dialect` is the one the
    /// database holds, the file's other texts are the ones that go with it; where it is not
    /// (the file changed the view), the other dialects' text is unknown, and a migration
    /// that needs it says so instead of running SQLite's SQL on PostgreSQL.
    func borrowingSQL(from file: Schema, dialect: any SQLDialect) -> Schema {
        let key = dialect.schemaFileKey
        func borrowed(_ sql: DialectSQL, _ candidate: DialectSQL?) -> DialectSQL {
            if let candidate, let own = sql.texts[key], candidate.texts[key].map(Self.spaced) == Self.spaced(own) { return candidate }
            return DialectSQL(texts: sql.texts.filter { $0.key == key })
        }
        func borrowed(_ condition: CheckCondition, _ candidate: CheckCondition?) -> CheckCondition {
            guard case .perDialect(let sql) = condition else { return condition }
            if case .perDialect(let other)? = candidate { return .perDialect(borrowed(sql, other)) }
            return .perDialect(borrowed(sql, nil))
        }
        var result = self
        for index in result.views.indices {
            let view = result.views[index]
            result.views[index].sql = borrowed(view.sql, file.views.first { $0.name == view.name }?.sql)
        }
        for index in result.tables.indices {
            let table = result.tables[index]
            let declared = file.table(table.name)
            for (offset, check) in table.checks.enumerated() {
                result.tables[index].checks[offset].condition = borrowed(check.condition, declared?.checks.first { $0.name == check.name }?.condition)
            }
            for (offset, column) in table.columns.enumerated() {
                guard let check = column.check else { continue }
                result.tables[index].columns[offset].check = borrowed(check, declared?.column(column.name)?.check)
            }
        }
        return result
    }

    /// Runs of white space made one space, for comparing SQL texts.
    static func spaced(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}

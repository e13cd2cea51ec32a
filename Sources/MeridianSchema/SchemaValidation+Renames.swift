extension SchemaValidation {
    /// `renamed_from:` names an earlier name that no table (or column of the table) still has,
    /// and no two parts claim the same one: otherwise the rename would be ambiguous.
    mutating func validateRenames() {
        var claimed: [String: String] = [:]
        for table in schema.tables {
            let path = "tables.\(table.name)"
            if let old = table.renamedFrom {
                if schema.table(old) != nil {
                    problem("\(path).renamed_from", "table \(table.name) is renamed from \(old), but the file still has a table \(old)",
                            fix: "remove renamed_from, or rename table \(old) as well")
                } else if let first = claimed[old] {
                    problem("\(path).renamed_from", "tables \(first) and \(table.name) are both renamed from \(old)", fix: "keep renamed_from on one of them")
                } else {
                    claimed[old] = table.name
                }
            }
            var columns: [String: String] = [:]
            for column in table.columns {
                guard let old = column.renamedFrom else { continue }
                let columnPath = "\(path).columns.\(column.name).renamed_from"
                if table.column(old) != nil {
                    problem(columnPath, "column \(table.name).\(column.name) is renamed from \(old), but the table still has a column \(old)",
                            fix: "remove renamed_from, or rename column \(old) as well")
                } else if let first = columns[old] {
                    problem(columnPath, "columns \(first) and \(column.name) of \(table.name) are both renamed from \(old)", fix: "keep renamed_from on one of them")
                } else {
                    columns[old] = column.name
                }
            }
        }
    }
}

/// The walk behind ``SchemaFindings``: pairs objects by key, reports the unpaired, and compares
/// the pairs; columns in ``compareColumns(_:_:_:)``.
struct SchemaComparison {
    let aName: String
    let bName: String
    var differences: [SchemaDifference] = []
    var widthNotes: [ColumnNote] = []
    var portabilityWarnings: [ColumnNote] = []

    mutating func report(_ kind: SchemaDifference.Kind, _ object: String, _ message: String) {
        differences.append(SchemaDifference(kind, object: object, message: message))
    }

    /// Pairs tables or views by name, reporting those on one side only.
    mutating func compare<T>(_ a: [T], _ b: [T], kind: SchemaDifference.Kind, by name: KeyPath<T, String>, _ body: (inout Self, T, T) -> Void) {
        let bByName = Dictionary(b.map { ($0[keyPath: name], $0) }, uniquingKeysWith: { first, _ in first })
        let aNames = Set(a.map { $0[keyPath: name] })
        for item in a {
            let itemName = item[keyPath: name]
            if let other = bByName[itemName] { body(&self, item, other) } else { report(kind, itemName, "\(kind) \(itemName) only on \(aName)") }
        }
        for item in b where !aNames.contains(item[keyPath: name]) {
            report(kind, item[keyPath: name], "\(kind) \(item[keyPath: name]) only on \(bName)")
        }
    }

    mutating func compareViews(_ a: SchemaSnapshot.View, _ b: SchemaSnapshot.View) {
        guard a.columns != b.columns else { return }
        report(.view, a.name, "view \(a.name): columns \(list(a.columns)) on \(aName), \(list(b.columns)) on \(bName)")
    }

    mutating func compareTables(_ a: SchemaSnapshot.Table, _ b: SchemaSnapshot.Table) {
        let prefix = "table \(a.name): "
        for column in a.columns {
            if let other = b.column(column.name) {
                compareColumns(a.name, column, other)
            } else {
                report(.column, a.name, prefix + "column \(column.name) only on \(aName)")
            }
        }
        for column in b.columns where a.column(column.name) == nil {
            report(.column, a.name, prefix + "column \(column.name) only on \(bName)")
        }
        if a.primaryKey != b.primaryKey {
            let message =
                a.primaryKey.isEmpty ? "primary key \(list(b.primaryKey)) only on \(bName)"
                : b.primaryKey.isEmpty ? "primary key \(list(a.primaryKey)) only on \(aName)"
                : "primary key \(list(a.primaryKey)) on \(aName), \(list(b.primaryKey)) on \(bName)"
            report(.primaryKey, a.name, prefix + message)
        }
        compareForeignKeys(a, b)
        // A UNIQUE constraint refuses the same rows whatever the order of its columns.
        let (uniqueA, uniqueB) = unmatched(a.uniqueConstraints, b.uniqueConstraints, by: { $0.sorted() })
        for columns in uniqueA { report(.unique, a.name, prefix + "unique \(list(columns)) only on \(aName)") }
        for columns in uniqueB { report(.unique, a.name, prefix + "unique \(list(columns)) only on \(bName)") }
        compareIndexes(a, b)
        let (checksA, checksB) = unmatched(a.checks, b.checks)
        for name in checksA { report(.check, a.name, prefix + "check \(name) only on \(aName)") }
        for name in checksB { report(.check, a.name, prefix + "check \(name) only on \(bName)") }
    }

    /// Foreign keys on the same columns are compared clause by clause; others are reported whole.
    private mutating func compareForeignKeys(_ a: SchemaSnapshot.Table, _ b: SchemaSnapshot.Table) {
        comparePairs(a.foreignKeys, b.foreignKeys, kind: .foreignKey, in: a.name, prefix: "foreign key ", by: \.columns, describe: reference) { this, key, other in
            if key.referencedTable != other.referencedTable || key.referencedColumns != other.referencedColumns {
                return "\(this.reference(key)) on \(this.aName), \(this.reference(other)) on \(this.bName)"
            }
            var clausesA: [String] = []
            var clausesB: [String] = []
            if key.onDelete != other.onDelete { clausesA.append("ON DELETE \(key.onDelete.rawValue)"); clausesB.append("ON DELETE \(other.onDelete.rawValue)") }
            if key.onUpdate != other.onUpdate { clausesA.append("ON UPDATE \(key.onUpdate.rawValue)"); clausesB.append("ON UPDATE \(other.onUpdate.rawValue)") }
            let (sideA, sideB) = (clausesA.joined(separator: " "), clausesB.joined(separator: " "))
            return "\(this.reference(key)) \(sideA) on \(this.aName), \(sideB) on \(this.bName)"
        }
    }

    /// Indexes on the same columns are compared flag by flag; others are reported whole.
    private mutating func compareIndexes(_ a: SchemaSnapshot.Table, _ b: SchemaSnapshot.Table) {
        comparePairs(a.indexes, b.indexes, kind: .index, in: a.name, prefix: "", by: \.columns, describe: describe) { this, index, other in
            let flags = [("unique", \SchemaSnapshot.Index.unique), ("spatial", \.spatial), ("partial", \.partial)]
                .filter { index[keyPath: $0.1] != other[keyPath: $0.1] }
                .map { "\($0.0) only on \(index[keyPath: $0.1] ? this.aName : this.bName)" }
            return "index on \(this.list(index.columns)) is \(flags.joined(separator: " and ")) (\(index.name) on \(this.aName), \(other.name) on \(this.bName))"
        }
    }

    /// Reports the elements of each side without an equal on the other, after `table x: ` and
    /// `prefix`: one that shares its columns with such an element of the other side as one
    /// difference in the words of `pair`, the rest as `describe` names them.
    private mutating func comparePairs<T: Equatable>(
        _ a: [T], _ b: [T], kind: SchemaDifference.Kind, in table: String, prefix: String, by columns: KeyPath<T, [String]>,
        describe: (T) -> String, pair: (Self, T, T) -> String
    ) {
        let prefix = "table \(table): " + prefix
        var (onlyA, onlyB) = unmatched(a, b)
        for element in onlyA {
            guard let index = onlyB.firstIndex(where: { $0[keyPath: columns] == element[keyPath: columns] }) else {
                report(kind, table, prefix + describe(element) + " only on \(aName)")
                continue
            }
            let other = onlyB.remove(at: index)
            report(kind, table, prefix + pair(self, element, other))
        }
        for element in onlyB { report(kind, table, prefix + describe(element) + " only on \(bName)") }
    }

    /// The elements of each side without a match on the other, counting repeats; elements match
    /// when their `key`s are equal.
    private func unmatched<T, Key: Equatable>(_ a: [T], _ b: [T], by key: (T) -> Key) -> ([T], [T]) {
        var onlyB = b
        var onlyA: [T] = []
        for element in a {
            if let index = onlyB.firstIndex(where: { key($0) == key(element) }) { onlyB.remove(at: index) } else { onlyA.append(element) }
        }
        return (onlyA, onlyB)
    }

    private func unmatched<T: Equatable>(_ a: [T], _ b: [T]) -> ([T], [T]) { unmatched(a, b) { $0 } }

    func list(_ names: [String]) -> String { "(" + names.joined(separator: ", ") + ")" }

    private func reference(_ key: SchemaSnapshot.ForeignKey) -> String {
        "\(list(key.columns)) → \(key.referencedTable)\(list(key.referencedColumns))"
    }

    private func describe(_ index: SchemaSnapshot.Index) -> String {
        let kinds = [(index.unique, "unique "), (index.spatial, "spatial "), (index.partial, "partial ")].filter(\.0).map(\.1).joined()
        return "\(kinds)index \(index.name) on \(list(index.columns))"
    }
}

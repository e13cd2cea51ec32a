/// One way two schemas differ, named so a reader can find it in both migration folders.
///
/// ```
/// table alerts: column severity is text on sqlite but int on postgres
/// table readings: foreign key (station_id) → stations(id) ON DELETE CASCADE on sqlite, ON DELETE NO ACTION on postgres
/// table notes only on sqlite
/// ```
public struct SchemaDifference: Sendable, Equatable, Codable, CustomStringConvertible {
    /// What differs, for tools that group or filter differences.
    public enum Kind: String, Sendable, Codable {
        case table, view, column, primaryKey, foreignKey, unique, index, check
    }

    public var kind: Kind
    /// The table or view the difference is in.
    public var object: String
    /// The whole sentence, naming the object and both sides.
    public var message: String

    public init(_ kind: Kind, object: String, message: String) {
        self.kind = kind
        self.object = object
        self.message = message
    }

    public var description: String { message }

    /// Every difference between two snapshots, tables first, in name order; empty when they
    /// are the same schema. `aName` and `bName` name the sides in messages (`sqlite`, `postgres`).
    ///
    /// Columns are compared by name, not position; unique constraints by their columns; indexes
    /// by columns and kind, with their names only in messages; check constraints by name.
    public static func differences(
        between a: SchemaSnapshot, named aName: String, and b: SchemaSnapshot, named bName: String
    ) -> [SchemaDifference] {
        var diff = SchemaComparison(aName: aName, bName: bName)
        diff.compare(a.tables, b.tables, kind: .table, by: \.name) { $0.compareTables($1, $2) }
        diff.compare(a.views, b.views, kind: .view, by: \.name) { $0.compareViews($1, $2) }
        return diff.differences
    }
}

/// The walk behind ``SchemaDifference/differences(between:named:and:named:)``: pairs objects by
/// key, reports the unpaired, and compares the pairs.
struct SchemaComparison {
    let aName: String
    let bName: String
    var differences: [SchemaDifference] = []

    private mutating func report(_ kind: SchemaDifference.Kind, _ object: String, _ message: String) {
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
        let (uniqueA, uniqueB) = unmatched(a.uniqueConstraints, b.uniqueConstraints)
        for columns in uniqueA { report(.unique, a.name, prefix + "unique \(list(columns)) only on \(aName)") }
        for columns in uniqueB { report(.unique, a.name, prefix + "unique \(list(columns)) only on \(bName)") }
        compareIndexes(a, b)
        let (checksA, checksB) = unmatched(a.checks, b.checks)
        for name in checksA { report(.check, a.name, prefix + "check \(name) only on \(aName)") }
        for name in checksB { report(.check, a.name, prefix + "check \(name) only on \(bName)") }
    }

    private mutating func compareColumns(_ table: String, _ a: SchemaSnapshot.Column, _ b: SchemaSnapshot.Column) {
        let prefix = "table \(table): column \(a.name) "
        if a.type != b.type {
            report(.column, table, prefix + "is \(a.type) on \(aName) but \(b.type) on \(bName)")
        }
        if a.nullable != b.nullable {
            let nullability = { (nullable: Bool) in nullable ? "nullable" : "NOT NULL" }
            report(.column, table, prefix + "is \(nullability(a.nullable)) on \(aName) but \(nullability(b.nullable)) on \(bName)")
        }
        if a.generated != b.generated {
            report(.column, table, prefix + "is generated only on \(a.generated ? aName : bName)")
        }
        if a.hasDefault != b.hasDefault {
            report(.column, table, prefix + "has a default only on \(a.hasDefault ? aName : bName)")
        }
        if a.collation != b.collation {
            let order = { (collation: String?) in collation.map { "collation \"\($0)\"" } ?? "byte order" }
            report(.column, table, prefix + "sorts by \(order(a.collation)) on \(aName) but by \(order(b.collation)) on \(bName)")
        }
    }

    /// Foreign keys on the same columns are compared clause by clause; others are reported whole.
    private mutating func compareForeignKeys(_ a: SchemaSnapshot.Table, _ b: SchemaSnapshot.Table) {
        let prefix = "table \(a.name): foreign key "
        var (onlyA, onlyB) = unmatched(a.foreignKeys, b.foreignKeys)
        for key in onlyA {
            guard let index = onlyB.firstIndex(where: { $0.columns == key.columns }) else {
                report(.foreignKey, a.name, prefix + "\(reference(key)) only on \(aName)")
                continue
            }
            let other = onlyB.remove(at: index)
            if key.referencedTable != other.referencedTable || key.referencedColumns != other.referencedColumns {
                report(.foreignKey, a.name, prefix + "\(reference(key)) on \(aName), \(reference(other)) on \(bName)")
                continue
            }
            var clausesA: [String] = []
            var clausesB: [String] = []
            if key.onDelete != other.onDelete { clausesA.append("ON DELETE \(key.onDelete.rawValue)"); clausesB.append("ON DELETE \(other.onDelete.rawValue)") }
            if key.onUpdate != other.onUpdate { clausesA.append("ON UPDATE \(key.onUpdate.rawValue)"); clausesB.append("ON UPDATE \(other.onUpdate.rawValue)") }
            let (sideA, sideB) = (clausesA.joined(separator: " "), clausesB.joined(separator: " "))
            report(.foreignKey, a.name, prefix + "\(reference(key)) \(sideA) on \(aName), \(sideB) on \(bName)")
        }
        for key in onlyB { report(.foreignKey, a.name, prefix + "\(reference(key)) only on \(bName)") }
    }

    /// Indexes on the same columns are compared flag by flag; others are reported whole.
    private mutating func compareIndexes(_ a: SchemaSnapshot.Table, _ b: SchemaSnapshot.Table) {
        let prefix = "table \(a.name): "
        var (onlyA, onlyB) = unmatched(a.indexes, b.indexes)
        for index in onlyA {
            guard let position = onlyB.firstIndex(where: { $0.columns == index.columns }) else {
                report(.index, a.name, prefix + "\(describe(index)) only on \(aName)")
                continue
            }
            let other = onlyB.remove(at: position)
            let flags = [("unique", \SchemaSnapshot.Index.unique), ("spatial", \.spatial), ("partial", \.partial)]
                .filter { index[keyPath: $0.1] != other[keyPath: $0.1] }
                .map { "\($0.0) only on \(index[keyPath: $0.1] ? aName : bName)" }
            report(.index, a.name, prefix + "index on \(list(index.columns)) is \(flags.joined(separator: " and ")) (\(index.name) on \(aName), \(other.name) on \(bName))")
        }
        for index in onlyB { report(.index, a.name, prefix + "\(describe(index)) only on \(bName)") }
    }

    /// The elements of each side without a match on the other, counting repeats.
    private func unmatched<T: Equatable>(_ a: [T], _ b: [T]) -> ([T], [T]) {
        var onlyB = b
        var onlyA: [T] = []
        for element in a {
            if let index = onlyB.firstIndex(of: element) { onlyB.remove(at: index) } else { onlyA.append(element) }
        }
        return (onlyA, onlyB)
    }

    private func list(_ names: [String]) -> String { "(" + names.joined(separator: ", ") + ")" }

    private func reference(_ key: SchemaSnapshot.ForeignKey) -> String {
        "\(list(key.columns)) → \(key.referencedTable)\(list(key.referencedColumns))"
    }

    private func describe(_ index: SchemaSnapshot.Index) -> String {
        let kinds = [(index.unique, "unique "), (index.spatial, "spatial "), (index.partial, "partial ")].filter(\.0).map(\.1).joined()
        return "\(kinds)index \(index.name) on \(list(index.columns))"
    }
}

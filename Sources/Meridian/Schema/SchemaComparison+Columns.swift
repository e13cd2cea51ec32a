/// Two columns of the same name, compared under the value contract (see ``SchemaFindings``).
extension SchemaComparison {
    typealias Column = SchemaSnapshot.Column

    mutating func compareColumns(_ table: String, _ a: Column, _ b: Column) {
        let prefix = "table \(table): column \(a.name) "
        let sameType = Self.sameLogicalType(a, b)
        if !sameType {
            report(.column, table, prefix + "is \(Self.describeType(a)) on \(aName) but \(Self.describeType(b)) on \(bName)")
        }
        if a.nullable != b.nullable {
            let nullability = { (nullable: Bool) in nullable ? "nullable" : "NOT NULL" }
            report(.column, table, prefix + "is \(nullability(a.nullable)) on \(aName) but \(nullability(b.nullable)) on \(bName)")
        }
        if a.generated != b.generated {
            report(.column, table, prefix + "is generated only on \(a.generated ? aName : bName)")
        }
        switch (a.default, b.default) {
        case (let x?, let y?) where x != y: report(.column, table, prefix + "defaults to \(x) on \(aName) but to \(y) on \(bName)")
        case (let x?, nil): report(.column, table, prefix + "defaults to \(x) on \(aName) but has no default on \(bName)")
        case (nil, let y?): report(.column, table, prefix + "has no default on \(aName) but defaults to \(y) on \(bName)")
        default: break
        }
        if a.collation != b.collation {
            let order = { (collation: String?) in collation.map { "collation \"\($0)\"" } ?? "byte order" }
            report(.column, table, prefix + "sorts by \(order(a.collation)) on \(aName) but by \(order(b.collation)) on \(bName)")
        }
        guard sameType else { return }
        if a.width != b.width { noteWidths(table, a, b) }
        if let fix = a.contractFix, b.contractFix == nil { warn(table, a, accepting: aName, refusing: bName, fix) }
        if let fix = b.contractFix, a.contractFix == nil { warn(table, b, accepting: bName, refusing: aName, fix) }
    }

    /// One width note for a column whose sides enforce different widths, naming the side that
    /// enforces one first.
    private mutating func noteWidths(_ table: String, _ a: Column, _ b: Column) {
        let ((strict, strictName), (other, otherName)) = a.width == nil ? ((b, bName), (a, aName)) : ((a, aName), (b, bName))
        guard let width = strict.width else { return }
        let prefix = "table \(table): column \(a.name) is \(strict.spelledType) on \(strictName), \(other.spelledType) on \(otherName): "
        if let otherWidth = other.width {
            widthNotes.append(ColumnNote(table: table, column: a.name, message: prefix + "\(strictName) holds \(width), \(otherName) \(otherWidth)"))
            return
        }
        let padding = width.pads ? ", and \(strictName) pads shorter values with spaces" : ""
        let fix = width.check(column: a.name)
        let remedy =
            if case .integerBits = width {
                "declare it a 64-bit integer on \(strictName), or add CHECK (\(fix)) on \(otherName)"
            } else {
                "add CHECK (\(fix)) on \(otherName) to refuse it there too"
            }
        let message = prefix + "\(strictName) rejects \(width.firstRefused); \(otherName) accepts it\(padding) (\(remedy))"
        widthNotes.append(ColumnNote(table: table, column: a.name, message: message, side: otherName, check: fix))
    }

    /// A portability warning: `column` takes values on `accepting` that `refusing` refuses.
    private mutating func warn(_ table: String, _ column: Column, accepting: String, refusing: String, _ fix: ContractFix) {
        let example = column.nearestLogicalType.flatMap(Self.valueOutside) ?? "values of other types"
        let message = "table \(table): column \(column.name) is \(column.spelledType) on \(accepting), which stores \(example) "
            + "where \(refusing) refuses it: \(fix) on \(accepting)"
        portabilityWarnings.append(ColumnNote(
            table: table, column: column.name, message: message, side: accepting, check: fix.check, declaredType: fix.declaredType,
            default: fix.default))
    }

    /// A value a column of `type` refuses on an engine whose declared type holds it to the type.
    private static func valueOutside(_ type: LogicalType) -> String? {
        switch type {
        case .timestamp: "'not a time'"
        case .date: "'not a date'"
        case .uuid: "'not-a-uuid'"
        case .json: "'{not json'"
        case .bool: "2"
        case .int, .double, .text, .bytes, .geometry, .enumeration: nil
        }
    }

    /// Whether both columns hold the same logical type; two types outside the contract are the
    /// same when their declared names are, ignoring case.
    private static func sameLogicalType(_ a: Column, _ b: Column) -> Bool {
        if let type = a.nearestLogicalType { return type == b.nearestLogicalType }
        return b.nearestLogicalType == nil && a.spelledType.lowercased() == b.spelledType.lowercased()
    }

    /// `int`, `VARCHAR(20) (text)`, `interval (outside the value contract)`.
    private static func describeType(_ column: Column) -> String {
        switch (column.type, column.nearestLogicalType) {
        case (.logical, _): column.type.description
        case (.unknown(let declared), let nearest?): "\(declared) (\(SchemaSnapshot.ColumnType.name(nearest)))"
        case (.unknown, nil): column.type.description
        }
    }
}

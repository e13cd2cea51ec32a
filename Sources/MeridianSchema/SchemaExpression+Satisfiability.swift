extension SchemaExpression {
    /// A column that no value can satisfy this expression for, judged from the conjuncts that
    /// compare a column with a number (`x > 5 AND x < 3`, `x BETWEEN 10 AND 1`, `x = 1 AND x = 2`);
    /// `nil` when there is none or it cannot tell. Only NULL would pass such a CHECK.
    ///
    /// ```swift
    /// try SchemaExpression.parse("x > 5 AND x < 3").unsatisfiableColumn   // "x"
    /// try SchemaExpression.parse("x > 5 OR x < 3").unsatisfiableColumn    // nil
    /// ```
    public var unsatisfiableColumn: String? {
        var ranges: [String: Range] = [:]
        var order: [String] = []
        for conjunct in conjuncts {
            for (column, bound) in conjunct.bounds {
                if ranges[column] == nil { order.append(column) }
                ranges[column, default: Range()].narrow(bound)
            }
        }
        return order.first { ranges[$0]!.isEmpty }
    }

    /// The expressions joined by the top-level ANDs.
    private var conjuncts: [SchemaExpression] {
        if case .binary(let a, .and, let b) = self { return a.conjuncts + b.conjuncts }
        return [self]
    }

    /// What a conjunct says of a column's range, when it compares the column with numbers.
    private var bounds: [(String, Bound)] {
        switch self {
        case .binary(.column(let name), let op, .number(let digits)):
            guard let value = Double(digits), let bound = Bound(op, value) else { return [] }
            return [(name, bound)]
        case .binary(.number(let digits), let op, .column(let name)):
            guard let value = Double(digits), let flipped = op.flipped, let bound = Bound(flipped, value) else { return [] }
            return [(name, bound)]
        case .between(.column(let name), .number(let low), .number(let high), negated: false):
            guard let low = Double(low), let high = Double(high) else { return [] }
            return [(name, Bound(lower: low, inclusive: true)), (name, Bound(upper: high, inclusive: true))]
        default:
            return []
        }
    }

    private struct Bound {
        var lower: (Double, Bool)?
        var upper: (Double, Bool)?

        init(lower: Double, inclusive: Bool) { self.lower = (lower, inclusive) }
        init(upper: Double, inclusive: Bool) { self.upper = (upper, inclusive) }

        init?(_ op: BinaryOperator, _ value: Double) {
            switch op {
            case .greater: lower = (value, false)
            case .greaterOrEqual: lower = (value, true)
            case .less: upper = (value, false)
            case .lessOrEqual: upper = (value, true)
            case .equal: lower = (value, true); upper = (value, true)
            default: return nil
            }
        }
    }

    private struct Range {
        var lower: (Double, Bool) = (-.infinity, true)
        var upper: (Double, Bool) = (.infinity, true)

        mutating func narrow(_ bound: Bound) {
            if let l = bound.lower, l.0 > lower.0 || (l.0 == lower.0 && !l.1) { lower = l }
            if let u = bound.upper, u.0 < upper.0 || (u.0 == upper.0 && !u.1) { upper = u }
        }

        var isEmpty: Bool { lower.0 > upper.0 || (lower.0 == upper.0 && !(lower.1 && upper.1)) }
    }
}

extension SchemaExpression.BinaryOperator {
    /// The comparison with its sides swapped (`5 < x` is `x > 5`).
    fileprivate var flipped: Self? {
        switch self {
        case .less: .greater
        case .lessOrEqual: .greaterOrEqual
        case .greater: .less
        case .greaterOrEqual: .lessOrEqual
        case .equal: .equal
        default: nil
        }
    }
}

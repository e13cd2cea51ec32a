import Meridian

extension SQLiteInspector {
    /// A column's `DEFAULT` (the `dflt_value` SQLite keeps, as written) as the value the column
    /// stores, in the form both engines share; `nil` for none and for `DEFAULT NULL`.
    ///
    /// ```swift
    /// columnDefault("0", declared: "BOOLEAN", nearest: .bool)             // .bool(false)
    /// columnDefault("'5'", declared: "INTEGER", nearest: .int)            // .number("5"): INTEGER affinity
    /// columnDefault("(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))", …)        // .currentTimestamp
    /// ```
    ///
    /// Literals are converted as the column's affinity converts them (a well-formed number in
    /// a column of NUMERIC, INTEGER or REAL affinity is a number; a number in a TEXT column is
    /// text), and 0 and 1 in a boolean column are `false` and `true`, which is how the contract
    /// stores them. `'t'` in a boolean column stays the text it is stored as. The clock's
    /// functions (`CURRENT_TIMESTAMP`, `datetime('now')`, `strftime(format, 'now')` with a time
    /// in its format, Meridian's `now()` and `meridian_now()`) are ``ColumnDefault/currentTimestamp``;
    /// `CURRENT_DATE` and `date('now')` ``ColumnDefault/currentDate``; `gen_random_uuid()`,
    /// which Meridian registers, ``ColumnDefault/randomUUID``.
    static func columnDefault(_ text: String?, declared: String, nearest: LogicalType?) -> ColumnDefault? {
        guard let text else { return nil }
        let expression = ColumnDefault.unwrapped(text)
        let tokens = SQLiteToken.scan(String(expression)).map(\.normalized)
        guard tokens != [.word("null")] else { return nil }
        guard let value = literal(tokens) ?? function(tokens) else {
            return ColumnDefault.expression(normalizing: expression)
        }
        let stored: ColumnDefault =
            switch (value, affinity(declared)) {
            case (.text(let text), .integer), (.text(let text), .real), (.text(let text), .numeric):
                ColumnDefault.numeric(text) ?? value
            case (.number(let digits), .text):
                .text(digits)
            default:
                value
            }
        switch (stored, nearest) {
        case (.number("0"), .bool?): return .bool(false)
        case (.number("1"), .bool?): return .bool(true)
        default: return stored
        }
    }

    /// The `DEFAULT` a column of `type` needs instead of `text` to give the contract's storage
    /// form, or `nil` when `text` gives it (or is no default): Meridian's `(now())` for the
    /// clock's other functions on a timestamp, which give `2024-05-01 12:00:00`; `0` or `1` for
    /// the text `'f'` or `'t'` (`'false'`, `'true'`) on a boolean.
    static func contractDefault(_ text: String?, declared: String, type: LogicalType) -> String? {
        guard let text else { return nil }
        switch (type, columnDefault(text, declared: declared, nearest: type)) {
        case (.timestamp, .currentTimestamp?):
            let call = SQLiteToken.scan(String(ColumnDefault.unwrapped(text))).map(\.normalized)
            return [[.word("now"), .symbol("("), .symbol(")")], [.word("meridian_now"), .symbol("("), .symbol(")")]].contains(call) ? nil : "(now())"
        case (.bool, .text(let value)?):
            return ["f": "0", "false": "0", "t": "1", "true": "1"][value.lowercased()]
        default:
            return nil
        }
    }

    /// A literal other than `NULL` as written, or `nil`. SQLite's `TRUE` and `FALSE` are the
    /// integers 1 and 0.
    private static func literal(_ tokens: [SQLiteToken]) -> ColumnDefault? {
        switch tokens.count {
        case 1:
            switch tokens[0] {
            case .word("true"): return .number("1")
            case .word("false"): return .number("0")
            case .word("current_timestamp"): return .currentTimestamp
            case .word("current_date"): return .currentDate
            case .string(let text): return .text(text)
            case .symbol(let number): return ColumnDefault.numeric(number)
            default: return nil
            }
        case 2:
            guard case .symbol(let sign) = tokens[0], sign == "-" || sign == "+", case .symbol(let number) = tokens[1] else { return nil }
            return ColumnDefault.numeric(sign + number)
        default:
            return nil
        }
    }

    /// A call of one of the clock's or Meridian's functions, or `nil`.
    private static func function(_ tokens: [SQLiteToken]) -> ColumnDefault? {
        guard tokens.count >= 3, case .word(let name) = tokens[0], tokens[1] == .symbol("("), tokens.last == .symbol(")") else { return nil }
        // The arguments, if all are string literals; "?" stands for any other.
        let arguments = tokens[2..<(tokens.count - 1)].filter { $0 != .symbol(",") }.map { token in
            if case .string(let text) = token { return text }
            return "?"
        }
        let now = arguments.last?.lowercased() == "now"
        switch (name, arguments.count) {
        case ("now", 0), ("meridian_now", 0): return .currentTimestamp
        case ("datetime", 1) where now: return .currentTimestamp
        case ("date", 1) where now: return .currentDate
        case ("strftime", 2) where now && arguments[0].contains("%H"): return .currentTimestamp
        case ("strftime", 2) where now && arguments[0] == "%Y-%m-%d": return .currentDate
        case ("gen_random_uuid", 0): return .randomUUID
        default: return nil
        }
    }
}

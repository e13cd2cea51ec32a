import Foundation
import Meridian

extension PostgresInspector {
    /// A column's `DEFAULT`, as `pg_get_expr` prints it, in the form both engines share; `nil`
    /// for none and for `NULL`.
    ///
    /// ```swift
    /// columnDefault("false")                       // .bool(false)
    /// columnDefault("'-1.50'::numeric")            // .number("-1.5")
    /// columnDefault("'x'::character varying")      // .text("x")
    /// columnDefault("now()")                       // .currentTimestamp
    /// ```
    ///
    /// PostgreSQL has already cast the literal to the column's type, so a literal's cast says
    /// what it is: a number for the numeric types, a boolean for `boolean`, text for the rest
    /// (`'{}'::jsonb` is the text `{}`). `now()`, `CURRENT_TIMESTAMP`, `LOCALTIMESTAMP`,
    /// `transaction_timestamp()` and `statement_timestamp()` are
    /// ``ColumnDefault/currentTimestamp``; `CURRENT_DATE` ``ColumnDefault/currentDate``;
    /// `gen_random_uuid()` and uuid-ossp's `uuid_generate_v4()` ``ColumnDefault/randomUUID``.
    static func columnDefault(_ text: String?) -> ColumnDefault? {
        guard let text else { return nil }
        let expression = ColumnDefault.unwrapped(text)
        let lowercased = expression.lowercased()
        if lowercased == "null" || lowercased.hasPrefix("null::") { return nil }
        if let function = functions[lowercased] { return function }
        if lowercased == "true" || lowercased == "false" { return .bool(lowercased == "true") }
        if let number = ColumnDefault.numeric(expression) { return number }
        var rest = expression
        if let literal = stringLiteral(&rest), let type = casts(rest) {
            if numericTypes.contains(type), let number = ColumnDefault.numeric(literal) { return number }
            if type == "boolean", let value = booleans[literal.lowercased()] { return .bool(value) }
            return .text(literal)
        }
        return ColumnDefault.expression(normalizing: expression)
    }

    private static let functions: [String: ColumnDefault] = [
        "now()": .currentTimestamp, "current_timestamp": .currentTimestamp, "localtimestamp": .currentTimestamp,
        "transaction_timestamp()": .currentTimestamp, "statement_timestamp()": .currentTimestamp,
        "current_date": .currentDate, "gen_random_uuid()": .randomUUID, "uuid_generate_v4()": .randomUUID,
    ]

    private static let numericTypes: Set<String> = ["integer", "bigint", "smallint", "numeric", "real", "double precision"]

    /// The spellings `boolean` reads.
    private static let booleans: [String: Bool] = ["t": true, "true": true, "f": false, "false": false]

    /// The type of the last of the casts `text` consists of (`::character varying(20)`, or
    /// `::text::jsonb`), without modifiers; `""` for no cast; `nil` when `text` is anything else.
    private static func casts(_ text: Substring) -> String? {
        guard !text.isEmpty else { return "" }
        guard text.hasPrefix("::"), !text.contains("'") else { return nil }
        let last = text.components(separatedBy: "::").last ?? ""
        return String(last.prefix { $0 != "(" && $0 != "[" }).trimmingCharacters(in: .whitespaces)
    }

    /// Reads one `'…'` literal from the front of `text` (`''` is a quote), leaving the rest;
    /// `nil`, with `text` unchanged, when it does not start with one.
    static func stringLiteral(_ text: inout Substring) -> String? {
        guard text.first == "'" else { return nil }
        var rest = text.dropFirst()
        var value = ""
        while let c = rest.first {
            rest = rest.dropFirst()
            if c == "'" {
                guard rest.first == "'" else {
                    text = rest
                    return value
                }
                rest = rest.dropFirst()
            }
            value.append(c)
        }
        return nil
    }
}

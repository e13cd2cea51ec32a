/// The checks every bound value passes before either driver sends it, so that a value one
/// engine would store and the other would reject, alter or silently change is refused the
/// same way on both.
public enum ValueContract {
    /// The value as it must be stored, or an `invalidValue` error naming the parameter.
    ///
    /// - NUL in text: PostgreSQL text cannot hold it; SQLite could, so both reject it.
    /// - NaN: SQLite stores it as NULL; both reject it.
    /// - `-0.0`: SQLite keeps REAL values that are whole numbers as integers and loses the sign;
    ///   both store `0.0`.
    /// - timestamps outside 0001–9999: SQLite's fixed-width text cannot hold them.
    /// - geometry: finite coordinates, longitude/latitude in range for SRID 4326 (PostGIS would
    ///   silently wrap a latitude of 95), well-formed rings.
    @inline(__always)
    public static func checked(_ value: DatabaseValue, parameter: Int) throws(DatabaseError) -> DatabaseValue {
        try checked(value, naming: "parameter $\(parameter)")
    }

    /// The same check, the error naming the value as `subject` (`COPY column 3`, `the value`)
    /// where a parameter number would mean nothing to the reader.
    @inline(__always)
    public static func checked(_ value: DatabaseValue, naming subject: @autoclosure () -> String) throws(DatabaseError) -> DatabaseValue {
        func reject(_ reason: String) -> DatabaseError { DatabaseError(.invalidValue, "\(subject()) \(reason)") }
        switch value {
        case .null, .int, .bool, .uuid, .date, .bytes:
            return value
        case .double(let v):
            if v.isNaN { throw reject("is NaN; SQLite cannot store NaN (it becomes NULL), so neither backend accepts it: store NULL instead") }
            return v == 0 ? .double(0) : value
        case .text(let v):
            if v.utf8.contains(0) { throw reject("contains a NUL character, which PostgreSQL text cannot hold: remove it or store the value as bytes") }
            return value
        case .timestamp(let v):
            if !v.isInContractRange { throw reject("is a timestamp outside the years 0001–9999 that both backends store") }
            return value
        case .json(let v):
            if containsNUL(v) { throw reject("is JSON with a NUL character in a string, which PostgreSQL jsonb cannot hold") }
            return value
        case .geometry(let g):
            do { try g.validate() } catch { throw reject("is not a storable geometry: \(error)") }
            return value
        }
    }

    private static func containsNUL(_ json: JSON) -> Bool {
        switch json {
        case .null, .bool, .number: false
        case .string(let s): s.utf8.contains(0)
        case .array(let a): a.contains(where: containsNUL)
        case .object(let o): o.contains { $0.key.utf8.contains(0) || containsNUL($0.value) }
        }
    }
}

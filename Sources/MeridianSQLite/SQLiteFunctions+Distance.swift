import CMeridianSQLite
import Meridian

extension SQLiteFunctions {
    /// The arguments of `calculate_distance_km`, in order, with the magnitude each may reach.
    private static let distanceArguments: [(name: String, limit: Double)] = [("lat1", 90), ("lon1", 180), ("lat2", 90), ("lon2", 180)]

    /// Registers `calculate_distance_km(lat1, lon1, lat2, lon2)`: the length in kilometres of the
    /// shortest path between two positions on the WGS84 ellipsoid (``Geodesic/distance(from:to:)``).
    ///
    /// The reference database's `0003_create_functions` defines the same function on PostgreSQL
    /// with PostGIS (`ST_Distance` on `geography`); the two agree to about 1e-8 m. Like the
    /// PostgreSQL function it is deterministic, returns NULL when an argument is NULL, and refuses
    /// a latitude outside ±90°, a longitude outside ±180° or a value that is not a number with an
    /// `invalidValue` error naming the argument (its value is in `nativeMessage`, kept out of
    /// `description` as every bound value is): latitudes come first, and a longitude passed in
    /// their place is a mistake worth stopping.
    static func registerDistance(on db: OpaquePointer) throws {
        let flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS
        let code = sqlite3_create_function_v2(db, "calculate_distance_km", 4, flags, nil, { invocation, _, arguments in
            guard let arguments else { return }
            // NULL first, whatever the other arguments hold, as PostgreSQL's STRICT does.
            if (0..<4).contains(where: { sqlite3_value_type(arguments[$0]) == SQLITE_NULL }) {
                return sqlite3_result_null(invocation)
            }
            var degrees: [Double] = []
            for (index, argument) in SQLiteFunctions.distanceArguments.enumerated() {
                let value = arguments[index]
                switch sqlite3_value_numeric_type(value) {
                case SQLITE_INTEGER, SQLITE_FLOAT:
                    let number = sqlite3_value_double(value)
                    guard number.isFinite, number.magnitude <= argument.limit else {
                        let limit = Int(argument.limit)
                        return SQLiteFunctions.refuse(
                            "\(argument.name) is outside -\(limit)…\(limit)", detail: "\(argument.name) = \(DatabaseValue.double(number))", invocation)
                    }
                    degrees.append(number)
                default:
                    let text = String(cString: sqlite3_value_text(value))
                    return SQLiteFunctions.refuse("\(argument.name) is not a number", detail: "\(argument.name) = '\(text)'", invocation)
                }
            }
            let distance = Geodesic.distance(from: Position(x: degrees[1], y: degrees[0]), to: Position(x: degrees[3], y: degrees[2]))
            sqlite3_result_double(invocation, distance.kilometers)
        }, nil, nil, nil)
        guard code == SQLITE_OK else {
            throw DatabaseError(.other, "cannot register calculate_distance_km() on SQLite", nativeCode: "\(code)")
        }
    }

    /// Fails the call with `SQLITE_CONSTRAINT_FUNCTION`, which ``SQLiteError`` reports as
    /// `invalidValue`: the first line of the message is the reason, free of the value, as the
    /// PostgreSQL function's message is; the value follows on a second line, as in its DETAIL.
    private static func refuse(_ problem: String, detail: String, _ invocation: OpaquePointer?) {
        let message = "calculate_distance_km: \(problem) (the arguments are lat1, lon1, lat2, lon2 in degrees)\n\(detail)"
        sqlite3_result_error(invocation, message, -1)
        sqlite3_result_error_code(invocation, SQLiteError.functionRefusedArgument)
    }
}

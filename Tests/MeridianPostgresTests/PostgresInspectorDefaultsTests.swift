import Meridian
import XCTest

@testable import MeridianPostgres

/// How the PostgreSQL inspector reads `pg_get_expr` output into the shared form, without a server.
final class PostgresInspectorDefaultsTests: XCTestCase {
    func testDefaultsAreReadInTheSharedForm() {
        let cases: [(String?, ColumnDefault?)] = [
            ("false", .bool(false)), ("true", .bool(true)), ("'t'::boolean", .bool(true)),
            ("0", .number("0")), ("1.0", .number("1")), ("'-1'::integer", .number("-1")), ("'-1.50'::numeric", .number("-1.5")),
            ("'1e3'::double precision", .number("1000")),
            ("'x'::text", .text("x")), ("'x'::character varying", .text("x")), ("'it''s'::text", .text("it's")),
            ("'{}'::jsonb", .text("{}")), ("'a'::text::character varying(5)", .text("a")),
            ("'2000-01-01 00:00:01'::timestamp without time zone", .text("2000-01-01 00:00:01")),
            ("now()", .currentTimestamp), ("CURRENT_TIMESTAMP", .currentTimestamp), ("LOCALTIMESTAMP", .currentTimestamp),
            ("transaction_timestamp()", .currentTimestamp), ("CURRENT_DATE", .currentDate),
            ("gen_random_uuid()", .randomUUID), ("uuid_generate_v4()", .randomUUID),
            (nil, nil), ("NULL::character varying", nil), ("NULL", nil),
            ("(now() + '1 day'::interval)", .expression("now()+'1 day'::interval")),
            ("upper('X'::text)", .expression("upper('X'::text)")),
        ]
        for (text, expected) in cases {
            XCTAssertEqual(PostgresInspector.columnDefault(text), expected, text ?? "nil")
        }
    }
}

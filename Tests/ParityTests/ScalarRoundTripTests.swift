import Foundation
import Meridian
import MeridianTesting
import XCTest

/// Every scalar logical type written and read back, with its edge values, on both backends.
final class ScalarRoundTripTests: ParityTestCase {
    func testIntegerExtremes() {
        parity { db, backend in
            try db.create(Fixtures.values)
            for (id, value) in [Int64.min, Int64.max, 0, -1].enumerated() {
                let back = try Fixtures.roundTrip(db, column: "i", .int(value), as: Int64.self, id: Int64(id))
                XCTAssertEqual(back, value, "\(backend)")
            }
        }
    }

    func testDoubleEdgesBitForBit() {
        parity { db, backend in
            try db.create(Fixtures.values)
            let samples: [Double] = [.infinity, -.infinity, .pi, .leastNonzeroMagnitude, .greatestFiniteMagnitude, -1e-300, 0.1]
            for (id, value) in samples.enumerated() {
                let back = try Fixtures.roundTrip(db, column: "d", .double(value), as: Double.self, id: Int64(id))
                XCTAssertEqual(back.bitPattern, value.bitPattern, "\(backend): \(value)")
            }
        }
    }

    /// SQLite keeps whole REAL values as integers and loses the sign of -0.0; both store 0.0.
    func testNegativeZeroIsStoredAsZero() {
        parity { db, backend in
            try db.create(Fixtures.values)
            let back = try Fixtures.roundTrip(db, column: "d", .double(-0.0), as: Double.self)
            XCTAssertEqual(back.bitPattern, (0.0 as Double).bitPattern, "\(backend)")
        }
    }

    /// SQLite turns NaN into NULL; both reject it before it reaches the engine.
    func testNaNIsRejectedTheSameWay() {
        parity { db, backend in
            try db.create(Fixtures.values)
            let error = Fixtures.databaseError { try db.execute("INSERT INTO value_samples (id, d) VALUES (1, $1)", [.double(.nan)]) }
            XCTAssertEqual(error?.kind, .invalidValue, "\(backend)")
            XCTAssertEqual(try Fixtures.count(db, "value_samples"), 0, "\(backend)")
        }
    }

    func testTextEdges() {
        parity { db, backend in
            try db.create(Fixtures.values)
            let samples = [
                "", "plain", String(repeating: "long text ", count: 200_000), "Zürich · 東京 · Москва · 🌋🌊",
                "e\u{301} vs é", "quote ' double \" backslash \\ percent % underscore _", "tab\tnewline\ncr\r",
            ]
            for (id, value) in samples.enumerated() {
                let back = try Fixtures.roundTrip(db, column: "t", .text(value), as: String.self, id: Int64(id))
                XCTAssertEqual(Array(back.utf8), Array(value.utf8), "\(backend): sample \(id)")
            }
        }
    }

    /// PostgreSQL text cannot hold NUL; SQLite could, so both reject it and store nothing.
    func testNULInTextIsRejectedTheSameWay() {
        parity { db, backend in
            try db.create(Fixtures.values)
            let error = Fixtures.databaseError {
                try db.execute("INSERT INTO value_samples (id, t) VALUES (1, $1)", [.text("before\u{0}after")])
            }
            XCTAssertEqual(error?.kind, .invalidValue, "\(backend)")
            XCTAssertEqual(try Fixtures.count(db, "value_samples"), 0, "\(backend)")
        }
    }

    func testBooleans() {
        parity { db, backend in
            try db.create(Fixtures.values)
            XCTAssertEqual(try Fixtures.roundTrip(db, column: "b", .bool(true), as: Bool.self, id: 1), true, "\(backend)")
            XCTAssertEqual(try Fixtures.roundTrip(db, column: "b", .bool(false), as: Bool.self, id: 2), false, "\(backend)")
            let rows = try db.fetchAll("SELECT id FROM value_samples WHERE b ORDER BY id")
            XCTAssertEqual(rows.count, 1, "\(backend): a boolean column works as a predicate")
        }
    }

    func testUUIDsAreCanonicalLowercase() {
        parity { db, backend in
            try db.create(Fixtures.values)
            let id = UUID(uuidString: "F81D4FAE-7DEC-11D0-A765-00A0C91E6BF6")!
            XCTAssertEqual(try Fixtures.roundTrip(db, column: "u", .uuid(id), as: UUID.self), id, "\(backend)")
            let text = try db.fetchValue(String.self, "SELECT CAST(u AS TEXT) FROM value_samples")
            XCTAssertEqual(text, "f81d4fae-7dec-11d0-a765-00a0c91e6bf6", "\(backend)")
        }
    }

    func testTimestampsAtMicrosecondPrecision() {
        parity { db, backend in
            try db.create(Fixtures.values)
            let samples: [Timestamp] = [
                Timestamp(microsecondsSinceEpoch: -1),
                Timestamp(year: 1969, month: 7, day: 20, hour: 20, minute: 17, second: 40, microsecond: 123_456)!,
                Timestamp.min, Timestamp.max,
                Timestamp(year: 2024, month: 2, day: 29, hour: 12, minute: 0, second: 0, microsecond: 1)!,
                Timestamp(microsecondsSinceEpoch: 0),
            ]
            for (id, value) in samples.enumerated() {
                let back = try Fixtures.roundTrip(db, column: "ts", .timestamp(value), as: Timestamp.self, id: Int64(id))
                XCTAssertEqual(back, value, "\(backend): \(value)")
            }
            let ordered = try db.fetchAll("SELECT ts FROM value_samples ORDER BY ts").map { try $0.decode(Timestamp.self, at: 0) }
            XCTAssertEqual(ordered, samples.sorted(), "\(backend): storage order is time order")
        }
    }

    func testTimestampOutsideContractRangeIsRejected() {
        parity { db, backend in
            try db.create(Fixtures.values)
            let tooLate = Timestamp(microsecondsSinceEpoch: Timestamp.max.microsecondsSinceEpoch + 1)
            let error = Fixtures.databaseError { try db.execute("INSERT INTO value_samples (id, ts) VALUES (1, $1)", [.timestamp(tooLate)]) }
            XCTAssertEqual(error?.kind, .invalidValue, "\(backend)")
        }
    }

    func testDates() {
        parity { db, backend in
            try db.create(Fixtures.values)
            let samples = [CalendarDate(year: 1, month: 1, day: 1)!, CalendarDate(year: 9999, month: 12, day: 31)!, CalendarDate(year: 2000, month: 2, day: 29)!]
            for (id, value) in samples.enumerated() {
                XCTAssertEqual(try Fixtures.roundTrip(db, column: "dt", .date(value), as: CalendarDate.self, id: Int64(id)), value, "\(backend)")
            }
        }
    }

    func testBytes() {
        parity { db, backend in
            try db.create(Fixtures.values)
            let samples: [[UInt8]] = [[], Array(0...255), [0, 0, 0], (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }]
            for (id, value) in samples.enumerated() {
                XCTAssertEqual(try Fixtures.roundTrip(db, column: "by", .bytes(value), as: [UInt8].self, id: Int64(id)), value, "\(backend): sample \(id)")
            }
        }
    }

    func testNullInEveryColumn() {
        parity { db, backend in
            try db.create(Fixtures.values)
            let columns = Fixtures.logicalTypes.map(\.0)
            let placeholders = (2...(columns.count + 1)).map { "$\($0)" }.joined(separator: ", ")
            try db.execute(
                "INSERT INTO value_samples (id, \(columns.joined(separator: ", "))) VALUES ($1, \(placeholders))",
                [.int(1)] + columns.map { _ in .null })
            let row = try XCTUnwrap(try db.fetchOne("SELECT \(columns.joined(separator: ", ")) FROM value_samples"))
            XCTAssertEqual(row.values, columns.map { _ in .null }, "\(backend)")
        }
    }

    /// Parameters in expressions (no column to give them a type) read back as the same values.
    func testParametersReadBackFromExpressions() {
        parity { db, backend in
            let id = UUID()
            let at = Timestamp(year: 1999, month: 12, day: 31, hour: 23, minute: 59, second: 59, microsecond: 999_999)!
            let row = try XCTUnwrap(try db.fetchOne("SELECT $1, $2, $3, $4, $5, $6", [.bool(true), .uuid(id), .timestamp(at), .int(7), .double(2.5), .text("x")]))
            XCTAssertEqual(try row.decode(Bool.self, at: 0), true, "\(backend)")
            XCTAssertEqual(try row.decode(UUID.self, at: 1), id, "\(backend)")
            XCTAssertEqual(try row.decode(Timestamp.self, at: 2), at, "\(backend)")
            XCTAssertEqual(try row.decode(Int64.self, at: 3), 7, "\(backend)")
            XCTAssertEqual(try row.decode(Double.self, at: 4), 2.5, "\(backend)")
            XCTAssertEqual(try row.decode(String.self, at: 5), "x", "\(backend)")
        }
    }
}

import Meridian
import MeridianTesting
import XCTest

/// JSON documents as values: key order, duplicate keys, whitespace and number spelling do not
/// change what reads back, on either backend.
final class JSONRoundTripTests: ParityTestCase {
    func testNestedUnicodeAndBigNumbers() throws {
        let document = try JSON(parsing: """
            {"name": "Tunguska · Тунгусский", "emoji": "☄️🌠", "nested": {"levels": [1, [2, [3, {"deep": true}]]], "none": null},
             "big": 123456789012345678901234567890, "precise": 0.1000000000000000055511151231257827,
             "tiny": 1e-30, "negative": -42, "escapes": "line\\nbreak \\"quoted\\" \\\\ \\u00e9\\ud83c\\udf0d"}
            """)
        parity { db, backend in
            try db.create(Fixtures.values)
            XCTAssertEqual(try Fixtures.roundTrip(db, column: "j", .json(document), as: JSON.self), document, "\(backend)")
        }
    }

    func testKeyOrderDuplicatesAndNumberSpellingAreNormalised() throws {
        let written = try JSON(parsing: #"{"b": 1e2, "a": 1.50, "a": -0, "c": [1.0E+1]}"#)
        let expected = try JSON(parsing: #"{"a": 0, "b": 100, "c": [10]}"#)
        parity { db, backend in
            try db.create(Fixtures.values)
            let back = try Fixtures.roundTrip(db, column: "j", .json(written), as: JSON.self)
            XCTAssertEqual(back, expected, "\(backend)")
        }
    }

    /// A scalar document stays a document: a column declared JSONB alone would make SQLite
    /// turn the text '123' into the integer 123.
    func testScalarDocumentsKeepTheirType() {
        parity { db, backend in
            try db.create(Fixtures.values)
            let samples: [JSON] = [123, "123", true, nil, [], [:]]
            for (id, value) in samples.enumerated() {
                XCTAssertEqual(try Fixtures.roundTrip(db, column: "j", .json(value), as: JSON.self, id: Int64(id)), value, "\(backend)")
            }
        }
    }

    func testJSONWithNULIsRejected() {
        parity { db, backend in
            try db.create(Fixtures.values)
            let error = Fixtures.databaseError {
                try db.execute("INSERT INTO value_samples (id, j) VALUES (1, $1)", [.json(["k": .string("a\u{0}b")])])
            }
            XCTAssertEqual(error?.kind, .invalidValue, "\(backend)")
        }
    }
}

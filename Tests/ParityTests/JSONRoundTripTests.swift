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

    /// `jsonb` compares keys and strings by bytes: precomposed "é" (U+00E9) and decomposed
    /// "e\u{301}" are two keys and two different strings on both backends, though Swift `String ==`
    /// calls them equal. ``JSON`` equality is byte-exact, so a merged key or a renormalised
    /// string would fail here.
    func testCanonicallyEquivalentKeysAndStringsStayDistinct() throws {
        let precomposed = "\u{E9}", decomposed = "e\u{301}"
        let document = try JSON(parsing: #"{"é": "é", "e\u0301": "e\u0301", "v": ["é", "e\u0301"], "o": {"e\u0301": "é", "é": "e\u0301"}}"#)
        guard case .object(let members) = document else { return XCTFail("not an object") }
        XCTAssertEqual(members.count, 4)
        XCTAssertNotEqual(document, try JSON(parsing: #"{"é": "é", "e\u0301": "é", "v": ["é", "e\u0301"], "o": {"e\u0301": "é", "é": "e\u0301"}}"#))
        parity { db, backend in
            try db.create(Fixtures.values)
            let back = try Fixtures.roundTrip(db, column: "j", .json(document), as: JSON.self)
            XCTAssertEqual(back, document, "\(backend)")
            XCTAssertTrue(back.canonicalText.utf8.elementsEqual(document.canonicalText.utf8), "\(backend)")
            guard case .object(let object) = back, case .object(let inner)? = object["o"] else {
                return XCTFail("\(backend): not an object: \(back)")
            }
            XCTAssertEqual(object.keys.map { Array($0.utf8) }, [Array(decomposed.utf8), [0x6F], [0x76], Array(precomposed.utf8)], "\(backend)")
            XCTAssertEqual(object[precomposed], .string(precomposed), "\(backend)")
            XCTAssertEqual(object[decomposed], .string(decomposed), "\(backend)")
            XCTAssertEqual(object["v"], .array([.string(precomposed), .string(decomposed)]), "\(backend)")
            XCTAssertEqual(inner.count, 2, "\(backend)")
            XCTAssertEqual(inner[decomposed], .string(precomposed), "\(backend)")
            XCTAssertEqual(inner[precomposed], .string(decomposed), "\(backend)")
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

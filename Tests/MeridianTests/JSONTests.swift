import XCTest
@testable import Meridian

/// The `json` logical type: a strict RFC 8259 parser that rejects what `jsonb` rejects, numbers
/// normalised as PostgreSQL `numeric` prints them, and a canonical text form.
final class JSONTests: XCTestCase {
    private func parse(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> JSON? {
        do { return try JSON(parsing: text) } catch {
            XCTFail("\(text.debugDescription) should parse: \(error)", file: file, line: line)
            return nil
        }
    }

    private func number(_ literal: String) -> JSON { .number(JSONNumber(literal: literal)!) }

    /// Asserts the text is rejected with the error at `offset`.
    private func assertRejects(_ text: String, at offset: Int, file: StaticString = #filePath, line: UInt = #line) {
        do {
            let value = try JSON(parsing: text)
            XCTFail("\(text.debugDescription) should be rejected, parsed \(value)", file: file, line: line)
        } catch {
            XCTAssertEqual(error.offset, offset, "\(text.debugDescription): \(error)", file: file, line: line)
            XCTAssertTrue(error.description.hasPrefix("invalid JSON at byte \(offset): "), error.description, file: file, line: line)
        }
    }

    // MARK: - Accepted forms

    func testParsesLiteralsAndTopLevelScalarsWithSurroundingWhitespace() {
        XCTAssertEqual(parse("true"), .bool(true))
        XCTAssertEqual(parse("false"), .bool(false))
        XCTAssertEqual(parse(" \t\r\n null \n"), .null)
        XCTAssertEqual(parse("42"), number("42"))
        XCTAssertEqual(parse("\"x\""), .string("x"))
    }

    func testParsesEveryNumberGrammarForm() {
        for (text, expected) in [
            ("0", "0"), ("-0", "0"), ("7", "7"), ("-12", "-12"), ("1.5", "1.5"), ("-0.25", "-0.25"),
            ("1e3", "1000"), ("1E3", "1000"), ("1e+3", "1000"), ("1e-3", "0.001"), ("-2.5E+2", "-250"), ("0e0", "0"),
        ] {
            XCTAssertEqual(parse(text), number(expected), text)
        }
    }

    func testParsesStringsWithEveryEscapeAndRawUnicode() {
        XCTAssertEqual(parse(#""""#), .string(""))
        XCTAssertEqual(parse(#""\"\\\/\b\f\n\r\t""#), .string("\"\\/\u{08}\u{0C}\n\r\t"))
        XCTAssertEqual(parse(#""\u00e9\u00E9\u65e5""#), .string("éé日"))
        XCTAssertEqual(parse(#""\ud83d\ude00 \uD834\uDD1E""#), .string("😀 𝄞"))
        XCTAssertEqual(parse("\"é日本😀\u{7F}\""), .string("é日本😀\u{7F}"))
    }

    func testParsesNestedArraysAndObjects() {
        XCTAssertEqual(parse("[]"), .array([]))
        XCTAssertEqual(parse("{}"), .object([:]))
        XCTAssertEqual(parse("[ 1 , [ 2 , [ ] ] , { } ]"), .array([number("1"), .array([number("2"), .array([])]), .object([:])]))
        XCTAssertEqual(
            parse(#"{"a": {"b": [true, null, "s"]}, "c" : -1.0}"#),
            .object(["a": .object(["b": .array([.bool(true), .null, .string("s")])]), "c": number("-1.0")]))
    }

    func testAcceptsNestingOf512Levels() {
        let text = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        XCTAssertNotNil(parse(text))
    }

    // MARK: - Rejected forms and their offsets

    func testRejectsTrailingCommas() {
        assertRejects("[1,]", at: 3)
        assertRejects(#"{"a":1,}"#, at: 7)
        assertRejects("[,1]", at: 1)
    }

    func testRejectsNumbersOutsideTheGrammar() {
        assertRejects("01", at: 0)
        assertRejects("[01]", at: 1)
        assertRejects("-01", at: 0)
        assertRejects(".5", at: 0)
        assertRejects("1.", at: 0)
        assertRejects("[1.e5]", at: 1)
        assertRejects("+1", at: 0)
        assertRejects("-", at: 0)
        assertRejects("1e", at: 0)
        assertRejects("1e+", at: 0)
        assertRejects("[1-2]", at: 1)
        assertRejects("NaN", at: 0)
        assertRejects("-Infinity", at: 0)
    }

    func testRejectsUnpairedSurrogatesAndNUL() {
        assertRejects(#""\ud800""#, at: 7)
        assertRejects(#""\udc00""#, at: 7)
        assertRejects(#""\ud800\u0041""#, at: 13)
        assertRejects(#""\ud800x""#, at: 7)
        assertRejects(#""\u0000""#, at: 7)
        assertRejects(#"{"k\u0000":1}"#, at: 9)
    }

    func testRejectsRawControlCharactersInStrings() {
        assertRejects("\"a\tb\"", at: 2)
        assertRejects("\"a\nb\"", at: 2)
        assertRejects("\"\u{01}\"", at: 1)
        assertRejects("\"\u{1F}\"", at: 1)
    }

    func testRejectsBadEscapesAndUnterminatedStrings() {
        assertRejects(#""\x""#, at: 2)
        assertRejects(#""\u12G4""#, at: 5)
        assertRejects(#""\u12""#, at: 3)
        assertRejects("\"abc", at: 4)
        assertRejects("'a'", at: 0)
    }

    func testRejectsNestingDeeperThan512Levels() {
        assertRejects(String(repeating: "[", count: 513) + String(repeating: "]", count: 513), at: 512)
        assertRejects(String(repeating: #"{"a":"#, count: 513) + "1" + String(repeating: "}", count: 513), at: 512 * 5)
    }

    func testRejectsTrailingTextAndEmptyInput() {
        assertRejects("{} x", at: 3)
        assertRejects("1 2", at: 2)
        assertRejects("[1] ]", at: 4)
        assertRejects("", at: 0)
        assertRejects("   ", at: 3)
        assertRejects("\u{FEFF}{}", at: 0)
    }

    func testRejectsMalformedStructure() {
        assertRejects("tru", at: 0)
        assertRejects("True", at: 0)
        assertRejects("{a:1}", at: 1)
        assertRejects(#"{"a" 1}"#, at: 5)
        assertRejects(#"{"a":1"#, at: 6)
        assertRejects("[1 2]", at: 3)
        assertRejects("[1", at: 2)
    }

    // MARK: - Numbers

    func testNumbersNormaliseAsPostgresNumericDisplays() {
        for (literal, expected) in [
            ("1e2", "100"), ("1.50", "1.50"), ("-0", "0"), ("-0.0", "0.0"), ("1E-3", "0.001"), ("12.5e-1", "1.25"),
            ("123456789012345678901234567890", "123456789012345678901234567890"), ("100e-2", "1.00"),
            ("1.0e1", "10"), ("1.23e1", "12.3"), ("0.1e-2", "0.001"), ("-1.5E+3", "-1500"), ("-0e-3", "0.000"),
            ("0.000", "0.000"), ("1e0001", "10"), ("-123.456e2", "-12345.6"), ("5e-1", "0.5"),
        ] {
            XCTAssertEqual(JSONNumber(literal: literal)?.text, expected, literal)
        }
    }

    func testNumberExponentBoundIsPostgresNumericLimit() {
        XCTAssertNil(JSONNumber(literal: "1e1001"))
        XCTAssertNil(JSONNumber(literal: "1e-1001"))
        XCTAssertNil(JSONNumber(literal: "1e99999999999999999999"))
        XCTAssertEqual(JSONNumber(literal: "1e1000")?.text, "1" + String(repeating: "0", count: 1000))
        XCTAssertEqual(JSONNumber(literal: "1e-1000")?.text, "0." + String(repeating: "0", count: 999) + "1")
    }

    func testNumberLiteralRejectsNonNumbers() {
        for literal in ["", "-", "01", ".5", "1.", "1e", "+1", "1 ", " 1", "0x10", "1_000", "١"] {
            XCTAssertNil(JSONNumber(literal: literal), literal)
        }
    }

    func testDoubleInitialiserRoundTripsAndRejectsNonFinite() {
        XCTAssertNil(JSONNumber(Double.nan))
        XCTAssertNil(JSONNumber(Double.infinity))
        XCTAssertNil(JSONNumber(-Double.infinity))
        XCTAssertEqual(JSONNumber(1.5)?.text, "1.5")
        XCTAssertEqual(JSONNumber(-0.0)?.text, "0.0")
        XCTAssertEqual(JSONNumber(1e20)?.text, "100000000000000000000")
        XCTAssertEqual(JSONNumber(1e-5)?.text, "0.00001")
        for value in [0.1, -2.5, 1.0 / 3.0, 1e300, Double.leastNonzeroMagnitude, Double.greatestFiniteMagnitude, -Double.leastNormalMagnitude] {
            XCTAssertEqual(JSONNumber(value)?.doubleValue, value, "\(value)")
        }
        XCTAssertEqual(JSONNumber(Int64.min).int64Value, Int64.min)
        XCTAssertNil(JSONNumber(literal: "1.5")!.int64Value)
    }

    // MARK: - Equality and canonical text

    func testObjectsAreEqualRegardlessOfKeyOrderAndWhitespace() {
        XCTAssertEqual(parse(#"{"a":1,"b":[2,{"c":3,"d":4}]}"#), parse(#"{ "b" : [2, {"d":4, "c":3}], "a" : 1 }"#))
        XCTAssertNotEqual(parse("[1,2]"), parse("[2,1]"))
        XCTAssertEqual(parse("1e2"), parse("100"))
    }

    func testDuplicateKeysKeepTheLast() {
        XCTAssertEqual(parse(#"{"a":1,"b":2,"a":3}"#), .object(["a": number("3"), "b": number("2")]))
        XCTAssertEqual(parse(#"{"a":{"x":1},"a":{"y":2}}"#), .object(["a": .object(["y": number("2")])]))
    }

    func testCanonicalTextSortsKeysByBytesAndEscapes() {
        let doc: JSON = ["b": 1, "a": [true, nil, "x"], "é": 1.5, "Z": 0, "": "e"]
        XCTAssertEqual(doc.canonicalText, #"{"":"e","Z":0,"a":[true,null,"x"],"b":1,"é":1.5}"#)
        let escaped: JSON = .string("q\"b\\n\nr\rt\t\u{01}\u{08}\u{0C}\u{1F}/é😀")
        XCTAssertEqual(escaped.canonicalText, #""q\"b\\n\nr\rt\t\u0001\u0008\u000c\u001f/é😀""#)
        XCTAssertEqual(JSON.array([]).canonicalText, "[]")
        XCTAssertEqual(JSON.object([:]).canonicalText, "{}")
    }

    func testCanonicalTextParsesBackToTheSameNestedDocument() {
        let doc: JSON = [
            "名前": "東京 🗼", "emoji": ["😀", "👩🏽‍💻", "🇫🇮"], "combining": "e\u{301}", "quote\"key": ["\\": ["\n": nil]],
            "numbers": [0, -1, 1.25, .number(JSONNumber(literal: "1e-7")!), .number(JSONNumber(literal: "12345678901234567890.00")!)],
            "deep": [[[[["bottom": true]]]]], "control": "\u{7F}\u{1B}\u{0B}",
        ]
        let text = doc.canonicalText
        XCTAssertEqual(parse(text), doc)
        XCTAssertEqual(parse(text)?.canonicalText, text)
    }

    // MARK: - Byte-exact strings and keys

    /// `jsonb` compares keys bytewise: precomposed "é" (C3 A9) and decomposed "e\u0301"
    /// (65 CC 81) are two keys, though Swift `String ==` calls them equal.
    func testCanonicallyEquivalentKeysStayDistinct() throws {
        let text = #"{"é":1,"e\u0301":2}"#
        let doc = try XCTUnwrap(parse(text))
        guard case .object(let object) = doc else { return XCTFail("not an object: \(doc)") }
        XCTAssertEqual(object.count, 2)
        XCTAssertEqual(object.keys.map { Array($0.utf8) }, [[0x65, 0xCC, 0x81], [0xC3, 0xA9]])
        XCTAssertEqual(object["\u{E9}"], number("1"))
        XCTAssertEqual(object["e\u{301}"], number("2"))
        let canonical = doc.canonicalText
        XCTAssertEqual(Array(canonical.utf8), Array("{\"e\u{301}\":2,\"\u{E9}\":1}".utf8))
        XCTAssertEqual(parse(canonical), doc)
        XCTAssertEqual(parse(canonical)?.canonicalText.utf8.elementsEqual(canonical.utf8), true)
        XCTAssertNotEqual(doc, parse(#"{"é":1,"é":2}"#))
        XCTAssertNotEqual(doc, parse(#"{"e\u0301":1,"é":2}"#))
        let literal: JSON = ["\u{E9}": 1, "e\u{301}": 2]
        XCTAssertEqual(literal, doc)
    }

    func testStringsCompareByBytes() {
        XCTAssertEqual("\u{E9}" as String, "e\u{301}" as String, "Swift String equality is canonical equivalence")
        XCTAssertNotEqual(JSON.string("\u{E9}"), JSON.string("e\u{301}"))
        XCTAssertEqual(JSON.string("\u{E9}"), JSON.string("é"))
        XCTAssertNotEqual(JSON.array(["\u{E9}"]), JSON.array(["e\u{301}"]))
        XCTAssertNotEqual(JSON.object(["k": "\u{E9}"]), JSON.object(["k": "e\u{301}"]))
        XCTAssertNotEqual(JSONObject([("\u{E9}", nil)]), JSONObject([("e\u{301}", nil)]))
        // Ångström sign U+212B is canonically equivalent to Å U+00C5.
        XCTAssertNotEqual(JSON.string("\u{212B}"), JSON.string("\u{C5}"))
    }

    func testHashingIsConsistentWithByteEquality() {
        XCTAssertEqual(Set<JSON>([.string("\u{E9}"), .string("e\u{301}")]).count, 2)
        XCTAssertEqual(Set<JSON>([.string("\u{E9}"), .string("\u{E9}")]).count, 1)
        XCTAssertEqual(Set<JSON>([["\u{E9}": 1], ["e\u{301}": 1]]).count, 2)
        XCTAssertEqual(Set<JSONObject>([["\u{E9}": 1], ["e\u{301}": 1], ["\u{E9}": 1]]).count, 2)
        XCTAssertEqual(Set<JSON>([.array(["\u{212B}"]), .array(["\u{C5}"])]).count, 2)
        let a: JSON = ["x": [1, "\u{E9}"], "y": nil]
        let b = JSON(dictionaryLiteral: ("y", nil), ("x", [1, "\u{E9}"]))
        XCTAssertEqual(a, b)
        XCTAssertEqual(a.hashValue, b.hashValue)
        XCTAssertEqual(Set<JSON>([a, b, parse(#"{"y":null,"x":[1.0e0,"é"]}"#)!]).count, 2)
        XCTAssertNotEqual(JSON.string("1"), number("1"))
        XCTAssertEqual(Set<JSON>([.string("1"), number("1"), .array([]), .object([:]), .null, false]).count, 6)
    }

    func testObjectSubscriptGetSetAndRemoveMatchByBytes() {
        var object: JSONObject = ["b": 1]
        XCTAssertEqual(object["b"], 1)
        XCTAssertNil(object["a"])
        object["a"] = "x"
        object["\u{E9}"] = true
        object["e\u{301}"] = false
        XCTAssertEqual(object.keys, ["a", "b", "e\u{301}", "\u{E9}"])
        XCTAssertEqual(object.count, 4)
        XCTAssertEqual(object["\u{E9}"], true)
        XCTAssertEqual(object["e\u{301}"], false)
        object["\u{E9}"] = [1, 2]
        XCTAssertEqual(object["\u{E9}"], [1, 2])
        XCTAssertEqual(object["e\u{301}"], false)
        object["e\u{301}"] = nil   // Optional.none: removes the member
        XCTAssertNil(object["e\u{301}"])
        XCTAssertEqual(object.count, 3)
        object["n"] = .null            // a JSON null is a member
        XCTAssertEqual(object["n"], .some(.null))
        XCTAssertEqual(object.count, 4)
        XCTAssertEqual(object.removeValue(forKey: "n"), .some(.null))
        XCTAssertEqual(object["\u{E9}"], [1, 2])
        XCTAssertEqual(object.removeValue(forKey: "a"), "x")
        XCTAssertNil(object.removeValue(forKey: "a"))
        object["missing"] = nil
        XCTAssertEqual(object.keys.map { Array($0.utf8) }, [Array("b".utf8), [0xC3, 0xA9]])
        XCTAssertEqual(JSON.object(object).canonicalText, "{\"b\":1,\"\u{E9}\":[1,2]}")
        XCTAssertEqual(object.description, JSON.object(object).canonicalText)
        XCTAssertFalse(object.isEmpty)
        XCTAssertTrue(JSONObject().isEmpty)
        XCTAssertEqual(Array(object.map(\.key)), object.keys)
        XCTAssertEqual(object.values, [1, [1, 2]])
    }

    func testObjectMembersAreUniqueAndTheLastDuplicateWins() {
        let object = JSONObject([("a", 1), ("\u{E9}", 2), ("a", 3), ("e\u{301}", 4), ("\u{E9}", 5)])
        XCTAssertEqual(object.count, 3)
        XCTAssertEqual(object["a"], 3)
        XCTAssertEqual(object["\u{E9}"], 5)
        XCTAssertEqual(object["e\u{301}"], 4)
        XCTAssertEqual(object, ["a": 3, "\u{E9}": 5, "e\u{301}": 4])
        let literal: JSON = ["k": 1, "k": 2]
        XCTAssertEqual(literal, ["k": 2])
        XCTAssertEqual(parse(#"{"é":1,"e\u0301":2,"\u00e9":3}"#), JSON.object(["e\u{301}": 2, "\u{E9}": 3]))
    }

    func testObjectFromSwiftDictionary() {
        let dictionary: [String: JSON] = ["a": 1, "b": [true]]
        XCTAssertEqual(JSON.object(JSONObject(dictionary)), parse(#"{"b":[true],"a":1}"#))
        XCTAssertEqual(JSONObject([:] as [String: JSON]), JSONObject())
    }
}

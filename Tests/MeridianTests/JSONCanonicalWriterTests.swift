import XCTest

@testable import Meridian

/// The streaming canonical writer gives one text per JSON value, with jsonb's key order, and
/// refuses what the parser refuses.
final class JSONCanonicalWriterTests: XCTestCase {
    private func canonical(_ text: String) throws -> String {
        var writer = JSONCanonicalWriter()
        var out: [UInt8] = []
        var text = text
        try text.withUTF8 { try writer.write(UnsafeRawBufferPointer($0), into: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    private let documents = [
        #"{"b":1,"a":[1,2.50,-0,1e2,1.5E-3,0.000],"c":{"z":null,"y":true,"x":false}}"#,
        #"{"a": 2, "b": 1, "aa": {"k": "v"}}"#,
        #" [ ] "#, #"{}"#, #""plain""#, #"-12.3400e+3"#, #"0"#, #"1e-1000"#, #"123456789012345678901234567890"#,
        #"{"dup":1,"dup":2,"a":{"dup":[3],"dup":{"b":1,"a":2}}}"#,
        #"{"é":1,"e\u0301":2,"\u00e9\u00e9":3}"#,
        #"["quote \" backslash \\ slash \/ \b\f\n\r\t \u001f \u0041 \ud83c\udf0b 🌊 ü"]"#,
        #"{"\"":1,"\\":2," ":3,"!":4}"#,
        #"[[[[{"a":[{"c":3,"b":2}]}]]]]"#,
    ]

    /// The same value as the document, in one form: what the canonical text of the parsed
    /// document also gives.
    private func assertCanonical(_ document: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let written = try canonical(document)
        XCTAssertEqual(try JSON(parsing: written), try JSON(parsing: document), document, file: file, line: line)
        XCTAssertEqual(try canonical(try JSON(parsing: document).canonicalText), written, document, file: file, line: line)
        XCTAssertEqual(try canonical(written), written, "a canonical text is its own canonical form", file: file, line: line)
    }

    func testOneTextPerValue() throws {
        for document in documents { try assertCanonical(document) }
    }

    /// Keys as jsonb orders them (shorter first, then by bytes), numbers and escapes normalised.
    func testKnownForms() throws {
        XCTAssertEqual(try canonical(#"{"bb": 1, "a": 2, "c": {"zz": null, "y": [1.50, 1e2, -0]}}"#), #"{"a":2,"c":{"y":[1.50,100,0],"zz":null},"bb":1}"#)
        XCTAssertEqual(try canonical(#"{"dup":1,"dup":2}"#), #"{"dup":2}"#)
        XCTAssertEqual(try canonical(#""tab\tslash\/é\u00e9\u001f""#), #""tab\tslash/éé\u001f""#)
    }

    /// Many documents through one writer, whose storage is reused, in shuffled key orders.
    func testMatchesCanonicalTextForGeneratedDocuments() throws {
        var random = SystemRandomNumberGenerator()
        var writer = JSONCanonicalWriter()
        for _ in 0..<500 {
            let document = Self.randomDocument(depth: 0, using: &random)
            var out: [UInt8] = []
            var text = document
            try text.withUTF8 { try writer.write(UnsafeRawBufferPointer($0), into: &out) }
            let written = String(decoding: out, as: UTF8.self)
            XCTAssertEqual(try JSON(parsing: written), try JSON(parsing: document), document)
            XCTAssertEqual(try canonical(try JSON(parsing: document).canonicalText), written, document)
        }
    }

    func testRefusesWhatTheParserRefuses() {
        for bad in [#"{"a":1"#, #"[1,]"#, #"{"a" 1}"#, #""\u0000""#, #""\ud800""#, #"01"#, #"1."#, #"tru"#, "\"a\u{1}\"", #"{"a":1} x"#, ""] {
            XCTAssertThrowsError(try canonical(bad), bad)
            XCTAssertThrowsError(try JSON(parsing: bad), bad)
        }
    }

    private static func randomDocument(depth: Int, using random: inout SystemRandomNumberGenerator) -> String {
        let keys = ["a", "b", "ab", "ba", "é", "Z", "key", "k\\\"q", "longer key", "a"]
        switch Int.random(in: 0..<(depth > 3 ? 4 : 6), using: &random) {
        case 0: return ["1", "-0.50", "3e2", "2.5E-2", "0", "-7"][Int.random(in: 0..<6, using: &random)]
        case 1: return ["true", "false", "null"][Int.random(in: 0..<3, using: &random)]
        case 2: return "\"" + ["x", "tab\\t", "\\u00e9", "slash\\/", ""][Int.random(in: 0..<5, using: &random)] + "\""
        case 3: return " \"s\" "
        case 4:
            let count = Int.random(in: 0..<4, using: &random)
            return "[" + (0..<count).map { _ in randomDocument(depth: depth + 1, using: &random) }.joined(separator: ", ") + "]"
        default:
            let count = Int.random(in: 0..<6, using: &random)
            let members = (0..<count).map { _ in
                "\"\(keys[Int.random(in: 0..<keys.count, using: &random)])\" : " + randomDocument(depth: depth + 1, using: &random)
            }
            return "{ " + members.joined(separator: " ,") + " }"
        }
    }
}

/// One record of a CSV file: its fields, unescaped, and the physical line it starts on.
///
/// The fields are kept as bytes and decoded only when asked for, so a reader that needs a few
/// columns of a wide file does not build a `String` for every field.
public struct CSVRecord: Sendable {
    /// The 1-based line of the file where the record starts; the header is line 1, and newlines
    /// inside quoted fields of earlier records count, so this is the line an editor shows.
    public let line: Int
    /// What is wrong with the record's quoting, if anything; the fields are then best-effort.
    public let problem: CSVProblem?
    /// The unescaped bytes of every field, back to back.
    private let bytes: [UInt8]
    /// Where each field ends in `bytes`.
    private let ends: [Int]

    init(line: Int, bytes: [UInt8], ends: [Int], problem: CSVProblem?) {
        self.line = line
        self.bytes = bytes
        self.ends = ends
        self.problem = problem
    }

    /// A record built from decoded fields, for tests and callers that already split a line.
    public init(line: Int, fields: [String]) {
        var bytes: [UInt8] = []
        var ends: [Int] = []
        for field in fields {
            bytes += field.utf8
            ends.append(bytes.count)
        }
        self.init(line: line, bytes: bytes, ends: ends, problem: nil)
    }

    /// The number of fields.
    public var count: Int { ends.count }

    /// The number of bytes of all fields together.
    var byteCount: Int { bytes.count }

    /// The raw bytes of field `index` (0-based).
    public func bytes(at index: Int) -> ArraySlice<UInt8> {
        bytes[(index == 0 ? 0 : ends[index - 1])..<ends[index]]
    }

    /// Whether field `index` is empty.
    public func isEmpty(at index: Int) -> Bool {
        ends[index] == (index == 0 ? 0 : ends[index - 1])
    }

    /// Field `index` as text, or `nil` when its bytes are not valid UTF-8.
    public func field(at index: Int) -> String? {
        String(validating: bytes(at: index), as: UTF8.self)
    }

    /// Every field as text; invalid UTF-8 is replaced by U+FFFD (for messages and headers).
    public var fields: [String] {
        (0..<count).map { String(decoding: bytes(at: $0), as: UTF8.self) }
    }
}

/// Quoting that does not follow RFC 4180, found in one record.
public enum CSVProblem: Sendable, Hashable, CustomStringConvertible {
    /// A `"` inside a field that did not start with one (`ab"c`); quote the field and double it.
    case quoteInUnquotedField(field: Int)
    /// Text between a closing quote and the next comma or line end (`"ab"c`).
    case textAfterClosingQuote(field: Int)
    /// A quoted field still open at the end of the input.
    case unterminatedQuote(field: Int)

    public var description: String {
        switch self {
        case .quoteInUnquotedField(let field):
            "field \(field + 1) has a quote (\") but does not start with one; quote the whole field and double the quotes inside it"
        case .textAfterClosingQuote(let field):
            "field \(field + 1) has text after its closing quote; a quote inside a quoted field is written twice (\"\")"
        case .unterminatedQuote(let field):
            "field \(field + 1) opens a quote that is never closed before the end of the input"
        }
    }
}

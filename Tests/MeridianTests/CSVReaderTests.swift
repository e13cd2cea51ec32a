import Foundation
import XCTest
@testable import Meridian

/// `CSVReader`: RFC 4180 quoting, line endings, a byte order mark, physical line numbers and
/// records that span reads, without a database.
final class CSVReaderTests: XCTestCase {
    /// Every record of `text` as (line, fields, problem), read in chunks of each size given.
    private func records(_ text: String, chunkSizes: [Int] = [1, 2, 3, 7, 1 << 16], file: StaticString = #filePath, line: UInt = #line) throws
        -> [(line: Int, fields: [String], problem: CSVProblem?)]
    {
        var results: [[(line: Int, fields: [String], problem: CSVProblem?)]] = []
        for size in chunkSizes {
            var reader = CSVReader(text: text, chunkSize: size)
            var records: [(line: Int, fields: [String], problem: CSVProblem?)] = []
            while let record = try reader.next() { records.append((record.line, record.fields, record.problem)) }
            results.append(records)
        }
        for other in results.dropFirst() {
            XCTAssertEqual(other.map(\.line), results[0].map(\.line), "chunk sizes disagree", file: file, line: line)
            XCTAssertEqual(other.map(\.fields), results[0].map(\.fields), "chunk sizes disagree", file: file, line: line)
            XCTAssertEqual(other.map(\.problem), results[0].map(\.problem), "chunk sizes disagree", file: file, line: line)
        }
        return results[0]
    }

    func testSplitsFieldsAndRecords() throws {
        let read = try records("a,b,c\n1,,3\n")
        XCTAssertEqual(read.map(\.fields), [["a", "b", "c"], ["1", "", "3"]])
        XCTAssertEqual(read.map(\.line), [1, 2])
    }

    func testQuotedFieldsHoldCommasQuotesAndNewlines() throws {
        let read = try records("place,n\n\"5 km SSW of Chino Hills, CA\",1\n\"say \"\"hi\"\"\",2\n\"two\nlines\",3\n\"\",4\n")
        XCTAssertEqual(read.map(\.fields), [["place", "n"], ["5 km SSW of Chino Hills, CA", "1"], ["say \"hi\"", "2"], ["two\nlines", "3"], ["", "4"]])
        XCTAssertTrue(read.allSatisfy { $0.problem == nil })
    }

    func testLineNumbersArePhysicalLinesCountingQuotedNewlines() throws {
        let read = try records("h1,h2\n\"a\nb\nc\",1\nnext,2\n\n\"x\r\ny\",3\r\nlast,4")
        XCTAssertEqual(read.map(\.line), [1, 2, 5, 7, 9])
        XCTAssertEqual(read[3].fields, ["x\r\ny", "3"], "a CRLF inside quotes is data")
    }

    func testCRLFAndLFEndingsReadTheSame() throws {
        let lf = try records("a,\"b\"\n1,2\n,\n")
        let crlf = try records("a,\"b\"\r\n1,2\r\n,\r\n")
        XCTAssertEqual(lf.map(\.fields), crlf.map(\.fields))
        XCTAssertEqual(lf.map(\.fields), [["a", "b"], ["1", "2"], ["", ""]])
    }

    func testSkipsAByteOrderMarkAndBlankLines() throws {
        let read = try records("\u{FEFF}time,id\n\n2024,x\r\n\r\n2025,y\n\n")
        XCTAssertEqual(read.map(\.fields), [["time", "id"], ["2024", "x"], ["2025", "y"]])
        XCTAssertEqual(read.map(\.line), [1, 3, 5])
    }

    func testLastRecordWithoutANewline() throws {
        XCTAssertEqual(try records("a,b\n1,2").map(\.fields), [["a", "b"], ["1", "2"]])
        XCTAssertEqual(try records("a,b\n1,").map(\.fields), [["a", "b"], ["1", ""]])
        XCTAssertEqual(try records("a,b\n\"1\",\"2\"").map(\.fields), [["a", "b"], ["1", "2"]])
        XCTAssertEqual(try records("").count, 0)
        XCTAssertEqual(try records("\u{FEFF}").count, 0)
    }

    func testBadQuotingIsReportedOnTheRecordAndReadingGoesOn() throws {
        let read = try records("a,b\nab\"c,1\n\"ab\"c,2\n\"ok\",3\n\"open,4\nstill open")
        XCTAssertEqual(read.map(\.problem), [nil, .quoteInUnquotedField(field: 0), .textAfterClosingQuote(field: 0), nil, .unterminatedQuote(field: 0)])
        XCTAssertEqual(read.map(\.line), [1, 2, 3, 4, 5])
        XCTAssertEqual(read[3].fields, ["ok", "3"])
    }

    func testKeepsUTF8AndReportsInvalidBytes() throws {
        var reader = CSVReader(bytes: Array("place\n\"San Fabián de Alico, Chile\"\n".utf8) + [0x66, 0xFF, 0x0A])
        XCTAssertEqual(try reader.next()?.field(at: 0), "place")
        XCTAssertEqual(try reader.next()?.field(at: 0), "San Fabián de Alico, Chile")
        let bad = try XCTUnwrap(reader.next())
        XCTAssertNil(bad.field(at: 0), "invalid UTF-8 is not decoded silently")
        XCTAssertEqual(bad.line, 3)
    }

    func testAQuoteThatNeverClosesStopsAtTheRecordLimit() {
        let text = "a\n\"" + String(repeating: "x,\n", count: CSVReader.maximumRecordBytes / 2)
        var reader = CSVReader(text: text, chunkSize: 4096)
        XCTAssertNoThrow(try reader.next())
        XCTAssertThrowsError(try reader.next()) { error in
            XCTAssertEqual(error as? CSVError, .recordTooLong(line: 2, limit: CSVReader.maximumRecordBytes, inQuotedField: true))
            XCTAssertTrue("\(error)".contains("line 2"), "\(error)")
            XCTAssertTrue("\(error)".contains("quote opened in it is probably never closed"), "\(error)")
        }
    }

    /// A record without any quote that is simply too long says so, and speaks of no quote.
    func testAnUnquotedRecordPastTheLimitIsNotBlamedOnAQuote() {
        let text = "a\n" + String(repeating: "x", count: CSVReader.maximumRecordBytes + 10_000) + "\n"
        var reader = CSVReader(text: text, chunkSize: 4096)
        XCTAssertNoThrow(try reader.next())
        XCTAssertThrowsError(try reader.next()) { error in
            XCTAssertEqual(error as? CSVError, .recordTooLong(line: 2, limit: CSVReader.maximumRecordBytes, inQuotedField: false))
            XCTAssertTrue("\(error)".contains("1024 KiB, the longest a record may be"), "\(error)")
            XCTAssertFalse("\(error)".contains("quote"), "\(error)")
        }
    }

    func testReadsAFileDescriptor() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("csv-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "a,b\r\n\"1\r\n2\",3\r\n".write(toFile: path, atomically: true, encoding: .utf8)
        let handle = try XCTUnwrap(FileHandle(forReadingAtPath: path))
        defer { try? handle.close() }
        var reader = CSVReader(fileDescriptor: handle.fileDescriptor, chunkSize: 5)
        XCTAssertEqual(try reader.next()?.fields, ["a", "b"])
        let second = try XCTUnwrap(reader.next())
        XCTAssertEqual(second.fields, ["1\r\n2", "3"])
        XCTAssertNil(try reader.next())
        XCTAssertEqual(reader.bytesRead, 15)
    }
}

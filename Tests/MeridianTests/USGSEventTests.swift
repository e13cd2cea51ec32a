import Foundation
import XCTest
@testable import Meridian

/// The USGS FDSN event CSV format mapped to `earthquakes` rows, without a database.
final class USGSEventTests: XCTestCase {
    static let header = "time,latitude,longitude,depth,mag,magType,nst,gap,dmin,rms,net,id,updated,place,type,horizontalError,depthError,magError,magNst,status,locationSource,magSource"
    static let noto = "2024-01-01T07:10:09.476Z,37.4873,137.2710,10,7.5,mww,,38,0.659,0.84,us,us6000m0xl,2024-03-26T16:29:45.254Z,\"2024 Noto Peninsula, Japan Earthquake\",earthquake,6.58,1.788,0.034,82,reviewed,us,us"

    /// The header and the records of `text`.
    private func read(_ text: String) throws -> (USGSCatalogueColumns, [CSVRecord]) {
        var reader = CSVReader(text: text)
        let columns = try USGSCatalogueColumns(header: try XCTUnwrap(reader.next()))
        var records: [CSVRecord] = []
        while let record = try reader.next() { records.append(record) }
        return (columns, records)
    }

    private func event(_ row: String, header: String = header) throws -> USGSEvent {
        let (columns, records) = try read(header + "\n" + row + "\n")
        return try USGSEvent(try XCTUnwrap(records.first), columns: columns)
    }

    /// The reason `row` is refused.
    private func refusal(_ row: String, header: String = header, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        do {
            let event = try event(row, header: header)
            XCTFail("accepted: \(event)", file: file, line: line)
            return ""
        } catch let error as USGSRowError {
            return error.reason
        }
    }

    /// The CSV reader hands NUL bytes on as they are; the catalogue refuses them in any field,
    /// naming it, since PostgreSQL text cannot hold NUL (and SQLite would cut a C string there).
    func testNULInAnyFieldIsRefusedNamingTheField() throws {
        let cases = [("Noto Peninsula", "Noto\0Peninsula", "place"), (",mww,", ",m\0ww,", "magType"), (",37.4873,", ",37.4\0873,", "latitude"),
                     (",us6000m0xl,", ",us6000\0m0xl,", "id"), (",reviewed,", ",review\0ed,", "status")]
        for (original, broken, field) in cases {
            let row = Self.noto.replacingOccurrences(of: original, with: broken)
            XCTAssertNotEqual(row, Self.noto)
            XCTAssertEqual(try refusal(row), "\(field) contains a NUL character")
        }
    }

    func testMapsEveryFieldOfARealRow() throws {
        let e = try event(Self.noto)
        XCTAssertEqual(e.usgsID, "us6000m0xl")
        XCTAssertEqual(e.occurredAt, Timestamp(year: 2024, month: 1, day: 1, hour: 7, minute: 10, second: 9, microsecond: 476_000))
        XCTAssertEqual(e.occurredAt.iso8601, "2024-01-01T07:10:09.476000Z")
        XCTAssertEqual(e.location, .point(x: 137.2710, y: 37.4873, srid: 4326))
        XCTAssertEqual(e.depthKm, 10)
        XCTAssertEqual(e.magnitude, 7.5)
        XCTAssertEqual(e.magnitudeType, "mww")
        XCTAssertEqual(e.place, "2024 Noto Peninsula, Japan Earthquake")
        XCTAssertEqual(e.updated?.iso8601, "2024-03-26T16:29:45.254000Z")
        let expected: JSON = [
            "gap": 38, "dmin": .number(JSONNumber(literal: "0.659")!), "rms": .number(JSONNumber(literal: "0.84")!), "net": "us",
            "updated": "2024-03-26T16:29:45.254000Z", "type": "earthquake", "horizontalError": .number(JSONNumber(literal: "6.58")!),
            "depthError": .number(JSONNumber(literal: "1.788")!), "magError": .number(JSONNumber(literal: "0.034")!), "magNst": 82,
            "status": "reviewed", "locationSource": "us", "magSource": "us",
        ]
        XCTAssertEqual(JSON.object(e.properties), expected, "nst is empty and left out; numbers stay numbers with their digits")
        XCTAssertEqual(JSON.object(e.properties).canonicalText.contains("\"nst\""), false)
    }

    func testColumnsAreFoundByNameInAnyOrderAndExtraColumnsGoToProperties() throws {
        let e = try event("us1,\"Kermadec Islands, New Zealand\",-29.9,-177.7,5.9,2024-02-02T02:02:02.5Z,ok", header: "id,place,latitude,longitude,mag,time,reviewer")
        XCTAssertEqual(e.usgsID, "us1")
        XCTAssertEqual(e.occurredAt.iso8601, "2024-02-02T02:02:02.500000Z")
        XCTAssertEqual(e.location, .point(x: -177.7, y: -29.9, srid: 4326))
        XCTAssertNil(e.depthKm)
        XCTAssertNil(e.magnitudeType)
        XCTAssertNil(e.updated)
        XCTAssertEqual(JSON.object(e.properties), ["reviewer": "ok"])
    }

    func testAHeaderWithoutARequiredColumnNamesIt() throws {
        var reader = CSVReader(text: "time,latitude,depth,mag,place\n")
        let header = try XCTUnwrap(reader.next())
        XCTAssertThrowsError(try USGSCatalogueColumns(header: header)) { error in
            XCTAssertEqual("\(error)".contains("no longitude, id columns"), true, "\(error)")
        }
        var twice = CSVReader(text: "time,latitude,longitude,mag,id,mag\n")
        XCTAssertThrowsError(try USGSCatalogueColumns(header: try XCTUnwrap(twice.next()))) { error in
            XCTAssertTrue("\(error)".contains("the column mag appears twice"), "\(error)")
        }
        var nul = CSVReader(text: "time,latitude,longitude,mag,id,pl\0ace\n")
        XCTAssertThrowsError(try USGSCatalogueColumns(header: try XCTUnwrap(nul.next()))) { error in
            XCTAssertTrue("\(error)".hasPrefix("line 1: "), "\(error)")
            XCTAssertTrue("\(error)".contains("column 6's name contains a NUL character"), "\(error)")
        }
    }

    func testTimesKeepTheirMicrosecondsAndReadWithoutAZoneAsUTC() throws {
        let header = "time,latitude,longitude,mag,id"
        XCTAssertEqual(try event("2024-01-01T07:10:09.123456Z,0,0,1,a", header: header).occurredAt.microsecondsSinceEpoch % 1_000_000, 123_456)
        XCTAssertEqual(try event("2024-01-01T07:10:09.476,0,0,1,a", header: header).occurredAt.iso8601, "2024-01-01T07:10:09.476000Z")
        XCTAssertEqual(try event("1906-04-18T13:12:21Z,37.75,-122.55,7.9,a", header: header).occurredAt.iso8601, "1906-04-18T13:12:21.000000Z")
    }

    func testEachKindOfBadRowHasItsReason() throws {
        func row(_ change: (inout [String]) -> Void) -> String {
            var fields = [
                "2024-01-01T07:10:09.476Z", "37.4873", "137.2710", "10", "7.5", "mww", "", "38", "0.659", "0.84", "us", "us6000m0xl",
                "2024-03-26T16:29:45.254Z", "\"Noto, Japan\"", "earthquake", "6.58", "1.788", "0.034", "82", "reviewed", "us", "us",
            ]
            change(&fields)
            return fields.joined(separator: ",")
        }
        XCTAssertEqual(try refusal(row { $0[0] = "2024-13-01T07:10:09.476Z" }), "time \"2024-13-01T07:10:09.476Z\" is not a UTC time such as 2024-01-01T07:10:09.476Z")
        XCTAssertEqual(try refusal(row { $0[0] = "yesterday" }), "time \"yesterday\" is not a UTC time such as 2024-01-01T07:10:09.476Z")
        XCTAssertEqual(try refusal(row { $0[0] = "2024-01-01T07:10:09.476+09:00" }), "time \"2024-01-01T07:10:09.476+09:00\" is not a UTC time such as 2024-01-01T07:10:09.476Z")
        XCTAssertEqual(try refusal(row { $0[0] = "" }), "time is empty")
        XCTAssertEqual(try refusal(row { $0[1] = "95" }), "latitude 95 is outside -90…90")
        XCTAssertEqual(try refusal(row { $0[2] = "-180.5" }), "longitude -180.5 is outside -180…180")
        XCTAssertEqual(try refusal(row { $0[1] = "north" }), "latitude \"north\" is not a number")
        XCTAssertEqual(try refusal(row { $0[1] = "nan" }), "latitude \"nan\" is not a number")
        XCTAssertEqual(try refusal(row { $0[4] = "10.2" }), "mag 10.2 is outside -2…10")
        XCTAssertEqual(try refusal(row { $0[4] = "-2.5" }), "mag -2.5 is outside -2…10")
        XCTAssertEqual(try refusal(row { $0[4] = "" }), "mag is empty; the earthquakes table needs a magnitude")
        XCTAssertEqual(try refusal(row { $0[3] = "801" }), "depth 801 is outside -10…800")
        XCTAssertEqual(try refusal(row { $0[11] = "" }), "id is empty")
        XCTAssertEqual(try refusal(row { $0[7] = "wide" }), "gap \"wide\" is not a number")
        XCTAssertEqual(try refusal(row { $0[12] = "soon" }), "updated \"soon\" is not a UTC time such as 2024-01-01T07:10:09.476Z")
        XCTAssertEqual(try refusal(row { $0.removeLast() }), "has 21 fields; the header has 22")
        XCTAssertEqual(try refusal(row { $0.append("extra") }), "has 23 fields; the header has 22")
        XCTAssertEqual(try refusal(row { $0[13] = "\"Noto\"x" }), "field 14 has text after its closing quote; a quote inside a quoted field is written twice (\"\")")
    }

    func testRefusesBytesNoBackendCanStore() throws {
        let (columns, _) = try read(Self.header + "\n")
        let fields = Self.noto.replacingOccurrences(of: "\"2024 Noto Peninsula, Japan Earthquake\"", with: "PLACE").split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        var bytes = Array(fields.joined(separator: ",").utf8)
        let at = bytes.firstIndex(of: UInt8(ascii: "P"))!
        bytes.replaceSubrange(at..<(at + 5), with: [0x4E, 0xFF, 0x6F])
        var reader = CSVReader(bytes: bytes)
        XCTAssertThrowsError(try USGSEvent(try XCTUnwrap(reader.next()), columns: columns)) { error in
            XCTAssertEqual((error as? USGSRowError)?.reason, "place is not valid UTF-8")
        }
        bytes.replaceSubrange(at..<(at + 3), with: [0x4E, 0x00, 0x6F])
        reader = CSVReader(bytes: bytes)
        XCTAssertThrowsError(try USGSEvent(try XCTUnwrap(reader.next()), columns: columns)) { error in
            XCTAssertEqual((error as? USGSRowError)?.reason, "place contains a NUL character")
        }
    }

    func testTypeIsReadForFiltering() throws {
        let (columns, records) = try read(Self.header + "\n" + Self.noto.replacingOccurrences(of: ",earthquake,", with: ",quarry blast,") + "\n")
        XCTAssertEqual(USGSEvent.type(of: records[0], columns: columns), "quarry blast")
    }

    /// The committed sample file reads without a bad row.
    func testTheSampleFileReadsCleanly() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/usgs-catalogue-sample.csv").path
        let (columns, records) = try read(try String(contentsOfFile: path, encoding: .utf8))
        XCTAssertEqual(records.count, 22)
        for record in records { XCTAssertNoThrow(try USGSEvent(record, columns: columns), "line \(record.line)") }
    }
}

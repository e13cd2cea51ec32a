import XCTest
@testable import Meridian

/// WKB/EWKB codec, bit-exact equality and validation of `Geometry`.
///
/// The fixed hex strings were produced by SpatiaLite 5.0.1 (`hex(AsBinary(GeomFromText(…)))`)
/// and match PostGIS's `ST_AsBinary`/`ST_AsEWKB` output for the same values.
final class GeometryCodecTests: XCTestCase {
    private func p(_ x: Double, _ y: Double) -> Position { Position(x: x, y: y) }

    /// Coordinates a lossy codec would change: signed zero, subnormals, extremes, NaN payloads.
    private lazy var edges: [Position] = [
        p(-0.0, 0.0), p(Double.leastNonzeroMagnitude, -Double.leastNonzeroMagnitude),
        p(Double.leastNormalMagnitude, 1e-300), p(Double.greatestFiniteMagnitude, -Double.greatestFiniteMagnitude),
        p(0.1, -179.99999999999997), p(.pi, -.infinity), p(Double(bitPattern: 0x7FF8_0000_0000_0001), .nan),
        p(-0.0, 0.0),
    ]

    private func allShapes() -> [Geometry.Shape] {
        let ring = [p(0, 0), p(10, 0), p(10, 10), p(0, 0)]
        return [
            .point(p(-0.0, Double.leastNonzeroMagnitude)), .point(p(.nan, .nan)),
            .lineString(edges), .lineString([]),
            .polygon([edges, ring]), .polygon([]),
            .multiPoint(edges), .multiPoint([]),
            .multiLineString([edges, [], ring]), .multiLineString([]),
            .multiPolygon([[edges], [ring, ring], []]), .multiPolygon([]),
        ]
    }

    private func assertThrows(
        _ expected: (String) -> GeometryError, containing needle: String = "",
        file: StaticString = #filePath, line: UInt = #line, _ body: () throws(GeometryError) -> Void
    ) {
        do {
            try body()
            XCTFail("expected an error", file: file, line: line)
        } catch {
            let message = Self.message(error)
            XCTAssertEqual(error, expected(message), file: file, line: line)
            XCTAssertTrue(needle.isEmpty || message.contains(needle), "\(message) lacks \(needle)", file: file, line: line)
        }
    }

    private static func message(_ e: GeometryError) -> String {
        switch e {
        case .malformed(let m), .unsupported(let m), .coordinateOutOfRange(let m), .nonFinite(let m): m
        }
    }

    private func bytes(_ hex: String) -> [UInt8] {
        var out: [UInt8] = []
        var it = hex.makeIterator()
        while let a = it.next(), let b = it.next() { out.append(UInt8(String([a, b]), radix: 16)!) }
        return out
    }

    // MARK: - Round trips

    func testEveryShapeRoundTripsBitForBitThroughWKBAndEWKB() throws {
        for shape in allShapes() {
            for srid: Int32? in [nil, 4326, 3857, -1, Int32.max] {
                let g = Geometry(shape, srid: srid)
                XCTAssertEqual(try Geometry(wkb: g.ewkb()), g, g.typeName)
                XCTAssertEqual(try Geometry(hexEWKB: g.hexEWKB), g)
                XCTAssertEqual(try Geometry(hexEWKB: g.hexEWKB.lowercased()), g)
                XCTAssertEqual(try Geometry(wkb: g.wkb()), Geometry(shape), "WKB drops the SRID")
                XCTAssertEqual(try Geometry(wkb: g.ewkb()[...]), g, "ArraySlice input")
                XCTAssertEqual(try Geometry(wkb: AnyCollection(g.ewkb())), g, "non-contiguous input")
            }
        }
    }

    func testEqualityIsBitExact() {
        XCTAssertNotEqual(p(0.0, 1), p(-0.0, 1))
        XCTAssertEqual(p(.nan, 1), p(.nan, 1))
        XCTAssertNotEqual(p(.nan, 1), p(Double(bitPattern: 0x7FF8_0000_0000_0001), 1))
        XCTAssertEqual(Set([p(.nan, 0), p(.nan, 0), p(0, 0), p(-0.0, 0)]).count, 3)
        XCTAssertNotEqual(Geometry.point(x: 0, y: 0), Geometry.point(x: -0.0, y: 0))
    }

    func testSRIDZeroIsNoSRID() {
        var g = Geometry(.point(p(1, 2)), srid: 0)
        XCTAssertNil(g.srid)
        g.srid = 0
        XCTAssertNil(g.srid)
        XCTAssertEqual(g.ewkb(), g.wkb())
    }

    // MARK: - Fixed bytes from SpatiaLite and PostGIS

    func testWKBMatchesSpatiaLiteAsBinary() throws {
        let cases: [(Geometry, String)] = [
            (.point(x: 1, y: 2), "0101000000000000000000F03F0000000000000040"),
            (.point(x: -0.0, y: 0), "010100000000000000000000800000000000000000"),
            (.lineString([p(0, 0), p(1, 1), p(2, -1)]),
             "01020000000300000000000000000000000000000000000000000000000000F03F000000000000F03F0000000000000040000000000000F0BF"),
            (.multiPoint([p(1, 2), p(3, 4)]),
             "0104000000020000000101000000000000000000F03F0000000000000040010100000000000000000008400000000000001040"),
            (.multiLineString([[p(0, 0), p(1, 1)], [p(2, 2), p(3, 3), p(4, 5)]]),
             "01050000000200000001020000000200000000000000000000000000000000000000000000000000F03F000000000000F03F010200000003000000000000000000004000000000000000400000000000000840000000000000084000000000000010400000000000001440"),
            (.multiPolygon([[[p(0, 0), p(1, 0), p(1, 1), p(0, 0)]], [[p(5, 5), p(6, 5), p(6, 6), p(5, 5)]]]),
             "0106000000020000000103000000010000000400000000000000000000000000000000000000000000000000F03F0000000000000000000000000000F03F000000000000F03F000000000000000000000000000000000103000000010000000400000000000000000014400000000000001440000000000000184000000000000014400000000000001840000000000000184000000000000014400000000000001440"),
        ]
        for (g, hex) in cases {
            XCTAssertEqual(g.wkb(), bytes(hex), g.description)
            XCTAssertEqual(try Geometry(wkb: bytes(hex)), Geometry(g.shape))
        }
    }

    func testEWKBMatchesPostGIS() throws {
        let g = Geometry.point(x: 1, y: 2)
        XCTAssertEqual(g.hexEWKB, "0101000020E6100000000000000000F03F0000000000000040")
        XCTAssertEqual(try Geometry(hexEWKB: "0101000020e6100000000000000000f03f0000000000000040"), g)
        XCTAssertEqual(Geometry(.point(p(1, 2))).hexEWKB, "0101000000000000000000F03F0000000000000040")
        XCTAssertEqual(g.description, "SRID=4326;POINT(1 2)")
    }

    func testBigEndianAndMixedEndianInput() throws {
        // XDR POINT(1 2), then XDR EWKB SRID=4326;POINT(1 2).
        XCTAssertEqual(try Geometry(wkb: bytes("00000000013FF00000000000004000000000000000")), Geometry(.point(p(1, 2))))
        XCTAssertEqual(try Geometry(wkb: bytes("0020000001000010E63FF00000000000004000000000000000")), .point(x: 1, y: 2))
        // XDR MULTIPOINT holding one NDR and one XDR point.
        let mixed = "000000000400000002" + "0101000000000000000000F03F0000000000000040"
            + "00000000013FF00000000000004000000000000000"
        XCTAssertEqual(try Geometry(wkb: bytes(mixed)), Geometry(.multiPoint([p(1, 2), p(1, 2)])))
        // XDR LINESTRING with -0.0 and a subnormal.
        let line = "000000000200000002" + "80000000000000000000000000000001" + "3FF00000000000004000000000000000"
        XCTAssertEqual(
            try Geometry(wkb: bytes(line)),
            Geometry(.lineString([p(-0.0, Double.leastNonzeroMagnitude), p(1, 2)])))
    }

    func testDescription() {
        XCTAssertEqual(Geometry(.point(p(-0.0, 0.5))).description, "POINT(-0 0.5)")
        XCTAssertEqual(Geometry.multiPoint([]).description, "SRID=4326;MULTIPOINT EMPTY")
        XCTAssertEqual(
            Geometry(.polygon([[p(0, 0), p(1, 0), p(1, 1), p(0, 0)]]), srid: 3857).description,
            "SRID=3857;POLYGON((0 0,1 0,1 1,0 0))")
        XCTAssertEqual(Geometry.multiLineString([[p(1, 2), p(3, 4)]]).typeName, "MULTILINESTRING")
    }

    // MARK: - Decoding errors

    func testTruncatedInputNamesTheOffset() {
        let full = Geometry.multiPolygon([[[p(0, 0), p(1, 0), p(1, 1), p(0, 0)]]]).ewkb()
        for n in 0..<full.count {
            assertThrows(GeometryError.malformed) { () throws(GeometryError) in _ = try Geometry(wkb: full.prefix(n)) }
        }
        assertThrows(GeometryError.malformed, containing: "byte offset 5") { () throws(GeometryError) in
            _ = try Geometry(wkb: bytes("0101000000000000000000F03F"))
        }
    }

    func testTrailingBytesAreRejected() {
        assertThrows(GeometryError.malformed, containing: "byte offset 21") { () throws(GeometryError) in
            _ = try Geometry(wkb: bytes("0101000000000000000000F03F000000000000004000"))
        }
    }

    func testZMCollectionsCurvesAndUnknownTypes() {
        let cases: [(String, (String) -> GeometryError, String)] = [
            ("0101000080000000000000F03F00000000000000400000000000000840", GeometryError.unsupported, "Z/M"),  // EWKB Z
            ("0101000040000000000000F03F00000000000000400000000000000840", GeometryError.unsupported, "Z/M"),  // EWKB M
            ("01E9030000000000000000F03F00000000000000400000000000000840", GeometryError.unsupported, "Z/M"),  // ISO 1001
            ("01D1070000000000000000F03F00000000000000400000000000000840", GeometryError.unsupported, "Z/M"),  // ISO 2001
            ("01B90B0000", GeometryError.unsupported, "Z/M"),  // ISO 3001
            ("0107000000010000000101000000000000000000F03F0000000000000040", GeometryError.unsupported, "GEOMETRYCOLLECTION"),
            ("010800000000000000", GeometryError.unsupported, "CIRCULARSTRING"),
            ("016300000000000000", GeometryError.malformed, "type code 99"),
            ("0101000010000000000000F03F0000000000000040", GeometryError.malformed, "type code"),
            ("0201000000000000000000F03F0000000000000040", GeometryError.malformed, "byte-order marker 2"),
            // A MULTIPOINT whose element is a LINESTRING.
            ("010400000001000000010200000000000000" + String(repeating: "00", count: 12), GeometryError.malformed, "element 0"),
            // A line string declaring 2^32-1 points.
            ("0102000000FFFFFFFF", GeometryError.malformed, "4294967295"),
            // SRID=4326 MULTIPOINT whose element claims SRID 3857.
            ("0104000020E6100000010000000101000020110F0000000000000000F03F0000000000000040", GeometryError.malformed, "SRID 3857"),
            // MULTIPOINT whose element carries a Z flag.
            ("0104000000010000000101000080000000000000F03F00000000000000400000000000000840", GeometryError.unsupported, "Z/M"),
        ]
        for (hex, kind, needle) in cases {
            assertThrows(kind, containing: needle) { () throws(GeometryError) in _ = try Geometry(wkb: bytes(hex)) }
        }
    }

    func testBadHex() {
        assertThrows(GeometryError.malformed, containing: "odd") { () throws(GeometryError) in
            _ = try Geometry(hexEWKB: "010")
        }
        assertThrows(GeometryError.malformed, containing: "offset 3") { () throws(GeometryError) in
            _ = try Geometry(hexEWKB: "010G000000000000000000F03F0000000000000040")
        }
    }

    // MARK: - Validation

    func testValidGeometriesPass() throws {
        let ring = [p(-180, -90), p(180, -90), p(180, 90), p(-180, -90)]
        try Geometry.point(x: -180, y: 90).validate()
        try Geometry.lineString([p(0, 0), p(1, 1)]).validate()
        try Geometry.polygon([ring, ring]).validate()
        try Geometry.multiPoint([]).validate()
        try Geometry.multiLineString([]).validate()
        try Geometry.multiPolygon([]).validate()
        try Geometry.point(x: 500_000, y: 4_000_000, srid: 3857).validate()
        try Geometry(.point(p(1000, -1000))).validate()
    }

    func testValidationErrors() {
        let square = [p(0, 0), p(1, 0), p(1, 1), p(0, 0)]
        let cases: [(Geometry, (String) -> GeometryError, String)] = [
            (.point(x: .nan, y: 0), GeometryError.nonFinite, "x of the point is nan"),
            (.multiPoint([p(0, 0), p(1, .infinity)]), GeometryError.nonFinite, "y of point 1"),
            (Geometry(.lineString([p(0, 0), p(-.infinity, 0)]), srid: 3857), GeometryError.nonFinite, "point 1"),
            (.point(x: 10, y: 95), GeometryError.coordinateOutOfRange,
             "latitude 95.0 is outside [-90, 90] for SRID 4326"),
            (.point(x: -180.0000001, y: 0), GeometryError.coordinateOutOfRange, "longitude"),
            (.multiPolygon([[square], [[p(0, 0), p(200, 0), p(1, 1), p(0, 0)]]]), GeometryError.coordinateOutOfRange,
             "point 1 of ring 0 of polygon 1"),
            (.lineString([p(0, 0)]), GeometryError.malformed, "at least 2"),
            (.multiLineString([[p(0, 0), p(1, 1)], []]), GeometryError.malformed, "line string 1"),
            (.polygon([]), GeometryError.malformed, "exterior ring"),
            (.polygon([[p(0, 0), p(1, 0), p(0, 0)]]), GeometryError.malformed, "at least 4"),
            (.polygon([square, [p(0, 0), p(1, 0), p(1, 1), p(0, 1)]]), GeometryError.malformed, "ring 1"),
            (.polygon([[p(0, 0), p(1, 0), p(1, 1), p(-0.0, 0)]]), GeometryError.malformed, "not closed"),
        ]
        for (g, kind, needle) in cases {
            assertThrows(kind, containing: needle) { () throws(GeometryError) in try g.validate() }
        }
    }

    func testErrorDescriptionsSayWhatToDoWithoutTheGeometry() {
        let e = GeometryError.unsupported("x")
        XCTAssertTrue(e.description.contains("ST_Force2D"))
        let big = Geometry.lineString((0..<1000).map { p(Double($0), 1e300) })
        do {
            try big.validate()
        } catch {
            XCTAssertLessThan(error.description.count, 400)
        }
    }
}

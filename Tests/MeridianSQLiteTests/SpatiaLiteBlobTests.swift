import XCTest
@testable import Meridian
@testable import MeridianSQLite

/// SpatiaLite BLOB-Geometry codec against blobs SpatiaLite itself wrote.
///
/// Every fixed hex below is the output of SpatiaLite 5.0.1, e.g.
/// `sqlite3 :memory: ".load mod_spatialite" "SELECT hex(GeomFromText('POINT(1 2)', 4326))"`,
/// so `encode` must be byte-identical to SpatiaLite and `decode` must read what it writes.
final class SpatiaLiteBlobTests: XCTestCase {
    private func p(_ x: Double, _ y: Double) -> Position { Position(x: x, y: y) }

    private func bytes(_ hex: String) -> [UInt8] {
        var out: [UInt8] = []
        var it = hex.makeIterator()
        while let a = it.next(), let b = it.next() { out.append(UInt8(String([a, b]), radix: 16)!) }
        return out
    }

    private func decode(_ blob: [UInt8]) throws(GeometryError) -> Geometry {
        try blob.withUnsafeBytes(Self.decodeResult).get()
    }

    private static func decodeResult(_ raw: UnsafeRawBufferPointer) -> Result<Geometry, GeometryError> {
        do { return .success(try SpatiaLiteBlob.decode(raw)) } catch { return .failure(error) }
    }

    private func isBlob(_ blob: [UInt8]) -> Bool {
        blob.withUnsafeBytes(SpatiaLiteBlob.isGeometryBlob)
    }

    /// (WKT given to SpatiaLite, the same geometry in Swift, SpatiaLite's blob as hex).
    private var fixtures: [(String, Geometry, String)] {
        [
            ("POINT(1 2)", .point(x: 1, y: 2),
             "0001E6100000000000000000F03F0000000000000040000000000000F03F00000000000000407C01000000000000000000F03F0000000000000040FE"),
            ("POINT(-0.0 0)", .point(x: -0.0, y: 0),
             "0001E610000000000000000000800000000000000000000000000000008000000000000000007C0100000000000000000000800000000000000000FE"),
            ("LINESTRING(0 0, 1 1, 2 -1)", .lineString([p(0, 0), p(1, 1), p(2, -1)]),
             "0001E61000000000000000000000000000000000F0BF0000000000000040000000000000F03F7C020000000300000000000000000000000000000000000000000000000000F03F000000000000F03F0000000000000040000000000000F0BFFE"),
            ("LINESTRING(1 2, 3 4) SRID 0", Geometry(.lineString([p(1, 2), p(3, 4)])),
             "000100000000000000000000F03F0000000000000040000000000000084000000000000010407C0200000002000000000000000000F03F000000000000004000000000000008400000000000001040FE"),
            ("POLYGON((0 0, 10 0, 10 10, 0 10, 0 0),(2 2, 2 3, 3 3, 2 2))",
             .polygon([[p(0, 0), p(10, 0), p(10, 10), p(0, 10), p(0, 0)], [p(2, 2), p(2, 3), p(3, 3), p(2, 2)]]),
             "0001E610000000000000000000000000000000000000000000000000244000000000000024407C03000000020000000500000000000000000000000000000000000000000000000000244000000000000000000000000000002440000000000000244000000000000000000000000000002440000000000000000000000000000000000400000000000000000000400000000000000040000000000000004000000000000008400000000000000840000000000000084000000000000000400000000000000040FE"),
            // A hole outside the exterior: the MBR covers the exterior ring only, as in SpatiaLite.
            ("POLYGON((0 0, 1 0, 1 1, 0 0),(5 5, 6 5, 6 6, 5 5)) SRID 0",
             Geometry(.polygon([[p(0, 0), p(1, 0), p(1, 1), p(0, 0)], [p(5, 5), p(6, 5), p(6, 6), p(5, 5)]])),
             "00010000000000000000000000000000000000000000000000000000F03F000000000000F03F7C03000000020000000400000000000000000000000000000000000000000000000000F03F0000000000000000000000000000F03F000000000000F03F000000000000000000000000000000000400000000000000000014400000000000001440000000000000184000000000000014400000000000001840000000000000184000000000000014400000000000001440FE"),
            ("MULTIPOINT(1 2, 3 4)", .multiPoint([p(1, 2), p(3, 4)]),
             "0001E6100000000000000000F03F0000000000000040000000000000084000000000000010407C04000000020000006901000000000000000000F03F0000000000000040690100000000000000000008400000000000001040FE"),
            ("MULTIPOINT(1 2)", .multiPoint([p(1, 2)]),
             "0001E6100000000000000000F03F0000000000000040000000000000F03F00000000000000407C04000000010000006901000000000000000000F03F0000000000000040FE"),
            // 0.0 and -0.0 compare equal, so the first one seen is the MBR value.
            ("MULTIPOINT(0 0, -0.0 -0.0)", .multiPoint([p(0, 0), p(-0.0, -0.0)]),
             "0001E610000000000000000000000000000000000000000000000000000000000000000000007C0400000002000000690100000000000000000000000000000000000000690100000000000000000000800000000000000080FE"),
            ("MULTIPOINT(-0.0 -0.0, 0 0)", .multiPoint([p(-0.0, -0.0), p(0, 0)]),
             "0001E610000000000000000000800000000000000080000000000000008000000000000000807C0400000002000000690100000000000000000000800000000000000080690100000000000000000000000000000000000000FE"),
            ("MULTILINESTRING((0 0, 1 1),(2 2, 3 3, 4 5))", .multiLineString([[p(0, 0), p(1, 1)], [p(2, 2), p(3, 3), p(4, 5)]]),
             "0001E610000000000000000000000000000000000000000000000000104000000000000014407C050000000200000069020000000200000000000000000000000000000000000000000000000000F03F000000000000F03F690200000003000000000000000000004000000000000000400000000000000840000000000000084000000000000010400000000000001440FE"),
            ("MULTIPOLYGON(((0 0, 10 0, 10 10, 0 10, 0 0),(2 2, 2 3, 3 3, 2 2)),((20 20, 21 20, 21 21, 20 20))) SRID 3857",
             Geometry(.multiPolygon([
                 [[p(0, 0), p(10, 0), p(10, 10), p(0, 10), p(0, 0)], [p(2, 2), p(2, 3), p(3, 3), p(2, 2)]],
                 [[p(20, 20), p(21, 20), p(21, 21), p(20, 20)]],
             ]), srid: 3857),
             "0001110F000000000000000000000000000000000000000000000000354000000000000035407C060000000200000069030000000200000005000000000000000000000000000000000000000000000000002440000000000000000000000000000024400000000000002440000000000000000000000000000024400000000000000000000000000000000004000000000000000000004000000000000000400000000000000040000000000000084000000000000008400000000000000840000000000000004000000000000000406903000000010000000400000000000000000034400000000000003440000000000000354000000000000034400000000000003540000000000000354000000000000034400000000000003440FE"),
            // GeomFromWKB of an empty line string: SpatiaLite keeps the ±DBL_MAX MBR sentinels.
            ("LINESTRING EMPTY (from WKB)", .lineString([]),
             "0001E6100000FFFFFFFFFFFFEF7FFFFFFFFFFFFFEF7FFFFFFFFFFFFFEFFFFFFFFFFFFFFFEFFF7C0200000000000000FE"),
            // GeomFromWKB of POINT(NaN NaN): NaN never wins a comparison, so the sentinels stay.
            ("POINT(NaN NaN) SRID 0 (from WKB)", Geometry(.point(p(.nan, .nan))),
             "000100000000FFFFFFFFFFFFEF7FFFFFFFFFFFFFEF7FFFFFFFFFFFFFEFFFFFFFFFFFFFFFEFFF7C01000000000000000000F87F000000000000F87FFE"),
        ]
    }

    func testEncodeIsByteIdenticalToSpatiaLite() {
        for (wkt, geometry, hex) in fixtures {
            XCTAssertEqual(SpatiaLiteBlob.encode(geometry), bytes(hex), wkt)
        }
    }

    func testDecodeReadsSpatiaLiteBlobs() throws {
        for (wkt, geometry, hex) in fixtures {
            XCTAssertEqual(try decode(bytes(hex)), geometry, wkt)
            XCTAssertTrue(isBlob(bytes(hex)), wkt)
        }
    }

    func testEncodeIntoAppendsAfterExistingBytes() {
        var buffer: [UInt8] = [0xAA]
        let g = Geometry.point(x: 1, y: 2)
        SpatiaLiteBlob.encode(g, into: &buffer)
        SpatiaLiteBlob.encode(g, into: &buffer)
        XCTAssertEqual(buffer, [0xAA] + SpatiaLiteBlob.encode(g) + SpatiaLiteBlob.encode(g))
    }

    func testEdgeCoordinatesRoundTripBitForBit() throws {
        let edges = [
            p(-0.0, 0.0), p(Double.leastNonzeroMagnitude, -Double.leastNonzeroMagnitude),
            p(Double.greatestFiniteMagnitude, -Double.greatestFiniteMagnitude), p(1e-300, 0.1),
            p(Double(bitPattern: 0x7FF8_0000_0000_0001), .infinity), p(-180, 90),
        ]
        let shapes: [Geometry.Shape] = [
            .point(edges[1]), .lineString(edges), .polygon([edges, edges]), .multiPoint(edges),
            .multiPoint([]), .multiLineString([edges, []]), .multiPolygon([[edges], [], [edges, edges]]),
            .multiPolygon([]),
        ]
        for shape in shapes {
            for srid: Int32? in [nil, 4326, -1, Int32.max] {
                let g = Geometry(shape, srid: srid)
                XCTAssertEqual(try decode(SpatiaLiteBlob.encode(g)), g, g.typeName)
            }
        }
    }

    func testBigEndianBlobAndTinyPoint() throws {
        // Big-endian SRID=4326;POINT(1 2), then the same as a SpatiaLite 5 TinyPoint
        // (written after `SELECT EnableTinyPoint()`), little- and big-endian.
        let xy = "3FF0000000000000" + "4000000000000000"
        let big = "0000000010E6" + xy + xy + "7C00000001" + xy + "FE"
        XCTAssertEqual(try decode(bytes(big)), .point(x: 1, y: 2))
        XCTAssertEqual(try decode(bytes("0081E610000001000000000000F03F0000000000000040FE")), .point(x: 1, y: 2))
        XCTAssertEqual(try decode(bytes("0080000010E6013FF00000000000004000000000000000FE")), .point(x: 1, y: 2))
        XCTAssertTrue(isBlob(bytes("0081E610000001000000000000F03F0000000000000040FE")))
    }

    private func assertThrows(
        _ hex: String, _ expected: (String) -> GeometryError, _ needle: String,
        file: StaticString = #filePath, line: UInt = #line
    ) {
        do {
            _ = try decode(bytes(hex))
            XCTFail("expected an error", file: file, line: line)
        } catch {
            let message: String
            switch error {
            case .malformed(let m), .unsupported(let m), .coordinateOutOfRange(let m), .nonFinite(let m): message = m
            }
            XCTAssertEqual(error, expected(message), file: file, line: line)
            XCTAssertTrue(message.contains(needle), "\(message) lacks \(needle)", file: file, line: line)
        }
    }

    func testUnsupportedClasses() {
        // SpatiaLite's own GEOMETRYCOLLECTION(POINT(1 2)), POINT Z(1 2 3), a compressed line
        // string (CompressGeometry) and a TinyPoint Z.
        assertThrows(
            "0001E6100000000000000000F03F0000000000000040000000000000F03F00000000000000407C07000000010000006901000000000000000000F03F0000000000000040FE",
            GeometryError.unsupported, "GEOMETRYCOLLECTION")
        assertThrows(
            "0001E6100000000000000000F03F0000000000000040000000000000F03F00000000000000407CE9030000000000000000F03F00000000000000400000000000000840FE",
            GeometryError.unsupported, "Z/M")
        assertThrows(
            "0001E610000000000000000000000000000000000000000000000000004000000000000000407C42420F0003000000000000000000000000000000000000000000803F0000803F00000000000000400000000000000040FE",
            GeometryError.unsupported, "compressed")
        assertThrows(
            "0081E610000002000000000000F03F00000000000000400000000000000840FE", GeometryError.unsupported, "Z/M")
    }

    func testMalformedBlobs() {
        let point = "0001E6100000000000000000F03F0000000000000040000000000000F03F00000000000000407C01000000000000000000F03F0000000000000040FE"
        let multi = "0001E6100000000000000000F03F0000000000000040000000000000084000000000000010407C04000000020000006901000000000000000000F03F0000000000000040690100000000000000000008400000000000001040FE"
        func replacing(_ hex: String, byte offset: Int, with value: String) -> String {
            let i = hex.index(hex.startIndex, offsetBy: 2 * offset)
            return hex.replacingCharacters(in: i..<hex.index(i, offsetBy: 2), with: value)
        }
        assertThrows(String(point.prefix(80)) + "FE", GeometryError.malformed, "at least 45")
        assertThrows(replacing(point, byte: 0, with: "01"), GeometryError.malformed, "START")
        assertThrows(String(point.dropLast(2)) + "00", GeometryError.malformed, "END")
        assertThrows(replacing(point, byte: 38, with: "00"), GeometryError.malformed, "MBR_END")
        assertThrows(replacing(point, byte: 1, with: "02"), GeometryError.malformed, "endianness")
        assertThrows(replacing(point, byte: 39, with: "09"), GeometryError.malformed, "class 9")
        // Second entity marker 0x69 at byte offset 68 replaced.
        assertThrows(replacing(multi, byte: 68, with: "01"), GeometryError.malformed, "ENTITY")
        // Second element claims to be a LINESTRING.
        assertThrows(replacing(multi, byte: 69, with: "02"), GeometryError.malformed, "element 1")
        // Element count 3 where only 2 fit.
        assertThrows(replacing(multi, byte: 43, with: "03"), GeometryError.malformed, "declares 3")
        // An extra byte before END.
        assertThrows(String(point.dropLast(2)) + "00FE", GeometryError.malformed, "before the END")
        XCTAssertFalse(isBlob(Geometry.point(x: 1, y: 2).ewkb()))
        XCTAssertFalse(isBlob([]))
    }
}

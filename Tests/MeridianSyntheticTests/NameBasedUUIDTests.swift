import Foundation
import Meridian
@testable import MeridianSynthetic
import XCTest

/// Version-5 UUIDs and the SHA-1 under them match RFC 9562 and FIPS 180-4.
final class NameBasedUUIDTests: XCTestCase {
    func testSHA1MatchesTheStandardVectors() {
        XCTAssertEqual(hex(SHA1.digest(Array("abc".utf8))), "a9993e364706816aba3e25717850c26c9cd0d89d")
        XCTAssertEqual(hex(SHA1.digest([])), "da39a3ee5e6b4b0d3255bfef95601890afd80709")
        // Two blocks, and a message whose padding spills into a block of its own.
        XCTAssertEqual(
            hex(SHA1.digest(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))),
            "84983e441c3bd26ebaae4aa1f95129e5e54670f1")
        XCTAssertEqual(hex(SHA1.digest(Array(repeating: UInt8(ascii: "a"), count: 1_000))), "291e9a6c66994949b57ba5e650361e98fc36b1ba")
    }

    /// The same values Python's `uuid.uuid5` gives.
    func testVersion5UUIDsMatchOtherImplementations() {
        XCTAssertEqual(NameBasedUUID.synthetic.uuidString.lowercased(), "27bdfa44-1de0-5067-bf1a-9c7c141ab03b")
        XCTAssertEqual(
            NameBasedUUID.synthetic(table: "earthquakes", seed: 42, index: 0).uuidString.lowercased(),
            "bef58acf-5e1c-5cca-a3b4-5c6a02f413a4")
        XCTAssertEqual(
            NameBasedUUID.make(namespace: NameBasedUUID.urlNamespace, name: "https://www.python.org/").uuidString.lowercased(),
            "5406f80d-92e9-51cd-a176-77445955e733")
    }

    private func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }
}

import Foundation
import Meridian
import MeridianTesting
import XCTest

/// Arguments of any convertible type bind as their database values: UUIDs, timestamps,
/// optionals, enumerations, alongside literals, on both backends.
final class ConvertibleArgumentTests: ParityTestCase {
    private enum Mood: String, DatabaseValueConvertible { case calm, busy }

    func testValuesOfAnyConvertibleTypeBind() {
        parityEqual { db, backend in
            let uuid = backend.expect(sqlite: "UUID TEXT", postgres: "uuid")
            let time = backend.expect(sqlite: "TIMESTAMP TEXT", postgres: "timestamptz")
            try db.execute("CREATE TABLE notes (id \(uuid) PRIMARY KEY, mood TEXT NOT NULL, at \(time), score INTEGER)")
            let id = UUID(uuidString: "0f8fad5b-d9cb-469f-a165-70867728950e")!
            let at = Timestamp(year: 2024, month: 5, day: 1, hour: 10)!
            let missing: Int? = nil
            XCTAssertEqual(try db.execute("INSERT INTO notes (id, mood, at, score) VALUES ($1, $2, $3, $4)", [id, Mood.busy, at, missing]), 1)
            let row = try XCTUnwrap(try db.fetchOne("SELECT mood, at, score FROM notes WHERE id = $1 AND mood = $2", [id, Mood.busy]))
            XCTAssertNil(try row.decode(Int64?.self, at: 2))
            let count = try db.fetchValue(Int64.self, "SELECT count(*) FROM notes WHERE at >= $1 AND id <> $2", [at, UUID()])
            return "\(try row.decode(String.self, at: 0)) \(try row.decode(Timestamp.self, at: 1).iso8601) \(count ?? -1)"
        }
    }
}

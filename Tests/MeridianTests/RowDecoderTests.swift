import Foundation
import Meridian
import XCTest

/// Rows decoded into `Decodable` structs without a database: column lookup by name or its
/// snake_case form, in any order, the first of two columns with one name, and optionals.
final class RowDecoderTests: XCTestCase {
    private struct Task: Decodable, Equatable {
        var id: UUID?
        var userId: UUID
        var title: String
        var note: String?
        var done: Bool?
        var createdAt: Timestamp?
        var weight: Double?
        var rank: Int64?
    }

    private let id = UUID(uuidString: "00000001-0000-4000-8000-000000000002")!
    private let user = UUID(uuidString: "00000001-0000-4000-8000-000000000003")!

    func testColumnsInDeclarationOrderAndOutOfIt() throws {
        let at = Timestamp(microsecondsSinceEpoch: 1_700_000_000_123_456)
        let expected = Task(id: id, userId: user, title: "t", note: nil, done: true, createdAt: at, weight: 2.5, rank: 7)
        let ordered = Row(
            columnNames: ["id", "user_id", "title", "note", "done", "created_at", "weight", "rank"],
            values: [.uuid(id), .uuid(user), .text("t"), .null, .bool(true), .timestamp(at), .double(2.5), .int(7)])
        XCTAssertEqual(try ordered.decode(Task.self), expected)
        let shuffled = Row(
            columnNames: ["rank", "created_at", "title", "weight", "user_id", "done", "id"],
            values: [.int(7), .timestamp(at), .text("t"), .double(2.5), .uuid(user), .bool(true), .uuid(id)])
        XCTAssertEqual(try shuffled.decode(Task.self), expected, "a missing optional column (note) reads as nil")
    }

    func testStorageFormsOfTheValueContract() throws {
        let row = Row(
            columnNames: ["id", "user_id", "title", "done", "created_at"],
            values: [.text(id.uuidString.lowercased()), .text(user.uuidString), .text("t"), .int(0), .text("2023-11-14T22:13:20.123456Z")])
        let task = try row.decode(Task.self)
        XCTAssertEqual(task.id, id)
        XCTAssertEqual(task.userId, user)
        XCTAssertEqual(task.done, false)
        XCTAssertEqual(task.createdAt, Timestamp(microsecondsSinceEpoch: 1_700_000_000_123_456))
    }

    func testTheFirstOfTwoColumnsWithOneNameIsRead() throws {
        // A join that selects two `title` columns: a lookup by name finds the first, whatever
        // order the properties are decoded in.
        struct Pair: Decodable { var userId: UUID; var title: String }
        let row = Row(columnNames: ["title", "user_id", "title"], values: [.text("first"), .uuid(user), .text("second")])
        XCTAssertEqual(try row.decode(Pair.self).title, "first")
    }

    func testANullInANonOptionalPropertyIsADecodingError() {
        let row = Row(columnNames: ["user_id", "title"], values: [.uuid(user), .null])
        XCTAssertThrowsError(try row.decode(Task.self)) { error in
            XCTAssertEqual((error as? DatabaseError)?.kind, .decoding)
        }
    }
}

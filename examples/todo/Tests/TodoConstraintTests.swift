import Foundation
import Meridian
import MeridianTesting
import XCTest

/// The todo schema's promises, each kept the same way by SQLite and PostgreSQL: foreign keys,
/// the cascade from conversations to messages, timestamps the database fills, and messages that
/// cannot be changed.
final class TodoConstraintTests: ParityTestCase {
    func testAMessageInAnUnknownConversationIsRefused() {
        parity(recipe: TodoDatabase.recipe) { db, backend in
            XCTAssertThrowsError(try db.insert(Message(conversationId: UUID(), role: .user, content: "hello?"))) { error in
                XCTAssertEqual((error as? DatabaseError)?.kind, .foreignKeyViolation, "\(backend): \(error)")
            }
            XCTAssertEqual(try db.fetchValue(Int64.self, "SELECT count(*) FROM messages"), 4, "\(backend): nothing was written")
        }
    }

    func testDeletingAConversationDeletesItsMessages() {
        parity(recipe: TodoDatabase.recipe) { db, backend in
            let ada = try TodoDatabase.user("ada@example.com", in: db)
            let conversation = try XCTUnwrap(try db.fetchValue(UUID.self, "SELECT id FROM conversations WHERE user_id = $1", [.uuid(ada)]))
            let count = "SELECT count(*) FROM messages WHERE conversation_id = $1"
            XCTAssertEqual(try db.fetchValue(Int64.self, count, [.uuid(conversation)]), 2, "\(backend)")
            XCTAssertEqual(try db.execute("DELETE FROM conversations WHERE id = $1", [.uuid(conversation)]), 1, "\(backend)")
            XCTAssertEqual(try db.fetchValue(Int64.self, count, [.uuid(conversation)]), 0, "\(backend): the messages went with it")
            XCTAssertEqual(try db.fetchValue(Int64.self, "SELECT count(*) FROM messages"), 2, "\(backend): other conversations keep theirs")
        }
    }

    /// Ids, `created_at` and `updated_at` come from the database (`insertAndFetch` returns
    /// them), and an update moves `updated_at` though the caller sent the old value back.
    func testTheDatabaseFillsIdsAndTimestamps() {
        parity(recipe: TodoDatabase.recipe) { db, backend in
            let before = Timestamp.now()
            let user = try db.insertAndFetch(User(email: "margaret@example.com"))
            let userId = try XCTUnwrap(user.id, "\(backend)")
            let created = try XCTUnwrap(user.createdAt, "\(backend)")
            XCTAssertEqual(user.updatedAt, created, "\(backend)")
            XCTAssertLessThan(abs(created.microsecondsSinceEpoch - before.microsecondsSinceEpoch), 5_000_000, "\(backend): \(created) is about now")

            var task = try db.insertAndFetch(TaskRecord(userId: userId, title: "Check the landing software"))
            XCTAssertNotNil(task.id, "\(backend)")
            XCTAssertEqual(task.completed, false, "\(backend): the default")
            let taskCreated = try XCTUnwrap(task.createdAt, "\(backend)")
            let message = try db.insertAndFetch(Message(conversationId: try XCTUnwrap(try db.fetchValue(UUID.self, "SELECT id FROM conversations LIMIT 1")), role: .assistant, content: "Done."))
            XCTAssertNotNil(message.createdAt, "\(backend)")

            Thread.sleep(forTimeInterval: 0.002)
            task.completed = true
            XCTAssertEqual(try db.update(task), 1, "\(backend)")
            let stored = try XCTUnwrap(try db.fetchAll(TaskRecord.self, "SELECT * FROM tasks WHERE id = $1", [.uuid(try XCTUnwrap(task.id))]).first)
            XCTAssertEqual(stored.completed, true, "\(backend)")
            XCTAssertEqual(stored.createdAt, taskCreated, "\(backend): created_at stays")
            XCTAssertGreaterThan(try XCTUnwrap(stored.updatedAt), taskCreated, "\(backend): updated_at moved")
        }
    }

    /// `0002_messages_are_immutable`: a trigger on each backend refuses any UPDATE of a message,
    /// typed or written by hand, with the same kind (`raised`) and the trigger's own words.
    func testAMessageCannotBeChanged() {
        parity(recipe: TodoDatabase.recipe) { db, backend in
            var message = try XCTUnwrap(try db.fetchAll(Message.self, "SELECT * FROM messages ORDER BY created_at LIMIT 1").first)
            let original = message.content
            message.content = "Something I never said."
            let attempts: [() throws -> Void] = [{ try db.update(message) }, { try db.execute("UPDATE messages SET role = 'assistant'") }]
            for attempt in attempts {
                XCTAssertThrowsError(try attempt()) { error in
                    let error = error as? DatabaseError
                    XCTAssertEqual(error?.kind, .raised, "\(backend): \(String(describing: error))")
                    XCTAssertEqual(error?.reason, "messages are immutable", "\(backend)")
                }
            }
            let stored = try db.fetchValue(String.self, "SELECT content FROM messages WHERE id = $1", [.uuid(try XCTUnwrap(message.id))])
            XCTAssertEqual(stored, original, "\(backend): the message is as it was")
            XCTAssertEqual(try db.fetchValue(Int64.self, "SELECT count(*) FROM messages WHERE role = 'assistant'"), 2, "\(backend)")
        }
    }
}

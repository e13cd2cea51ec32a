import Meridian
import MeridianTesting
import XCTest

/// Transactions and nested savepoints behave the same on both backends.
final class TransactionTests: ParityTestCase {
    private struct Abort: Error {}

    private func table(_ db: any DatabaseConnection) throws {
        try db.create(TableDefinition("ledger", columns: [.init("id", .int, nullable: false)], primaryKey: ["id"]))
    }

    func testCommitAndRollback() {
        parity { db, backend in
            try table(db)
            try db.transaction { try db.execute("INSERT INTO ledger (id) VALUES (1)") }
            XCTAssertThrowsError(try db.transaction {
                try db.execute("INSERT INTO ledger (id) VALUES (2)")
                throw Abort()
            })
            XCTAssertEqual(try Fixtures.count(db, "ledger"), 1, "\(backend)")
            XCTAssertEqual(db.transactionDepth, 0, "\(backend)")
        }
    }

    /// A failed inner step rolls back to its savepoint; the outer transaction goes on and
    /// commits (PostgreSQL would otherwise refuse every statement after the error).
    func testNestedSavepointRecoversFromAnError() {
        parity { db, backend in
            try table(db)
            try db.transaction {
                try db.execute("INSERT INTO ledger (id) VALUES (1)")
                let error = Fixtures.databaseError {
                    try db.transaction {
                        try db.execute("INSERT INTO ledger (id) VALUES (2)")
                        try db.execute("INSERT INTO ledger (id) VALUES (1)")
                    }
                }
                XCTAssertEqual(error?.kind, .uniqueViolation, "\(backend)")
                try db.execute("INSERT INTO ledger (id) VALUES (3)")
            }
            let ids = try db.fetchAll("SELECT id FROM ledger ORDER BY id").map { try $0.decode(Int64.self, at: 0) }
            XCTAssertEqual(ids, [1, 3], "\(backend)")
        }
    }

    func testSchemaChangesRollBack() {
        parity { db, backend in
            XCTAssertThrowsError(try db.transaction {
                try table(db)
                throw Abort()
            })
            let error = Fixtures.databaseError { _ = try Fixtures.count(db, "ledger") }
            XCTAssertEqual(error?.kind, .undefinedObject, "\(backend): DDL is transactional on both")
        }
    }

    func testSpatialTableInsideATransaction() {
        parity { db, backend in
            try db.transaction {
                try db.create(Fixtures.shapes(.point))
                try db.execute("INSERT INTO shapes (id, g) VALUES (1, $1)", [.geometry(.point(x: 24.9, y: 60.2))])
            }
            XCTAssertEqual(try Fixtures.count(db, "shapes"), 1, "\(backend)")
        }
    }
}

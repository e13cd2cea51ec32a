import Foundation
import Meridian
import MeridianTesting
import XCTest

/// The example's two migration folders apply, roll back to nothing and apply again.
final class TodoMigrationTests: ParityTestCase {
    func testMigratesUpDownAndUpAgain() {
        parity { db, backend in
            let migrator = Migrator(connection: db, migrations: try TodoDatabase.migrations(backend))
            let tables = { try db.inspectSchema().tables.map(\.name).sorted() }
            XCTAssertEqual(try migrator.up().map(\.name), ["0001_initial", "0002_messages_are_immutable"], "\(backend)")
            XCTAssertEqual(try tables(), ["conversations", "messages", "tasks", "users"], "\(backend)")
            try FixtureLoader(db).load(try FixtureFile.load(directory: try XCTUnwrap(TodoDatabase.recipe.fixtures)))

            XCTAssertEqual(try migrator.down(.all).count, 2, "\(backend)")
            XCTAssertEqual(try tables(), [], "\(backend): down --all leaves no tables but the tracking table")
            XCTAssertEqual(try migrator.applied(), [], "\(backend)")
            if backend == .postgres {
                let functions = "SELECT count(*) FROM pg_proc WHERE pronamespace = current_schema()::regnamespace"
                XCTAssertEqual(try db.fetchValue(Int64.self, functions), 0, "\(backend): the trigger functions are gone too")
            }

            XCTAssertEqual(try migrator.up().count, 2, "\(backend)")
            XCTAssertEqual(try tables(), ["conversations", "messages", "tasks", "users"], "\(backend)")
            XCTAssertEqual(try migrator.currentVersion(), "0002", "\(backend)")
        }
    }
}

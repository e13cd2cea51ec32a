import XCTest

@testable import Meridian

final class MigrationVersionCheckTests: XCTestCase {
    private func applied(_ versions: [(MigrationVersion, String)], dirty: MigrationVersion? = nil) -> [AppliedMigration] {
        versions.map {
            AppliedMigration(version: $0.0, slug: $0.1, checksum: "x", appliedAt: .now(), durationMilliseconds: 1, appliedBy: "test", dirty: $0.0 == dirty)
        }
    }

    private func compare(_ source: [AppliedMigration], _ target: [AppliedMigration]) throws -> MigrationVersionCheck.Outcome {
        try MigrationVersionCheck.compare(source: source, target: target, sourceName: "sqlite:dev.sqlite", targetName: "postgres://db")
    }

    func testSameVersionsPass() throws {
        let both = applied([(1, "init"), (2, "views")])
        XCTAssertEqual(try compare(both, both), .same)
        XCTAssertEqual(try compare([], []), .same)
    }

    func testAnOlderOrEmptyTargetCanBeMigrated() throws {
        XCTAssertEqual(try compare(applied([(1, "init"), (2, "views")]), applied([(1, "init")])), .targetBehind(sourceVersion: 2))
        XCTAssertEqual(try compare(applied([(1, "init")]), []), .targetBehind(sourceVersion: 1))
    }

    func testMismatchesThatMigratingCannotFixAreErrors() {
        for (source, target, phrase) in [
            (applied([(1, "init")]), applied([(1, "init"), (2, "views")]), "at version 0002 and sqlite:dev.sqlite at 0001"),
            (applied([(1, "init"), (2, "views")]), applied([(1, "init"), (2, "other")]), "applied 0002_views, postgres://db applied 0002_other"),
            ([], applied([(1, "init")]), "has no migrations applied"),
            (applied([(1, "init")], dirty: 1), applied([(1, "init")]), "dirty"),
        ] {
            XCTAssertThrowsError(try compare(source, target)) { error in
                XCTAssertTrue(String(describing: error).contains(phrase), "\(error)")
            }
        }
    }
}

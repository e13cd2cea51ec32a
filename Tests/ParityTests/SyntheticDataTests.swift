import Foundation
import Meridian
import MeridianSynthetic
import MeridianTesting
import XCTest

/// Generated development data (`meridian fixtures generate`): the same seed stores the same
/// rows on both backends, exactly as generated; generating again adds nothing, a larger count
/// adds only the rest, another seed adds its own rows; a database without the reference
/// schema is refused with what to do.
final class SyntheticDataTests: ParityTestCase {
    private static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The reference schema without seed data: the generated tables start empty.
    private static let recipe = DatabaseRecipe(
        sqliteMigrations: root.appendingPathComponent("migrations-sqlite").path,
        postgresMigrations: root.appendingPathComponent("migrations-postgres").path)

    /// Small counts, written in batches of 128 rows so that batches and multi-row statements
    /// end part-way.
    private static let dataset = SyntheticDataset(
        seed: 20_261_125, counts: [.earthquakes: 600, .volcanicActivity: 70, .solarEvents: 150, .meteorShowers: 40, .ephemerisData: 300])

    private func writer(_ db: any DatabaseConnection, _ backend: Backend) -> SyntheticDataWriter {
        var writer = SyntheticDataWriter(db, database: "\(backend)", sink: SyntheticDataWriter.fastestSink(for: db))
        writer.batchSize = 128
        return writer
    }

    /// Each table's generated columns, read back in natural-key order.
    private func stored(_ db: any DatabaseConnection, _ generator: any SyntheticTableGenerator) throws -> [[DatabaseValue]] {
        let q = db.dialect.quote
        let sql = "SELECT \(generator.columns.map(q).joined(separator: ", ")) FROM \(q(generator.table)) ORDER BY \(generator.naturalKey.map(q).joined(separator: ", "))"
        return try db.fetchAll(sql).map(\.values)
    }

    func testTheSameSeedStoresTheSameRowsOnBothBackends() {
        parityEqual(recipe: Self.recipe) { db, backend -> [String: [[DatabaseValue]]] in
            let report = try writer(db, backend).write(Self.dataset)
            XCTAssertEqual(report.inserted, Self.dataset.totalRows, "\(backend)")
            var tables: [String: [[DatabaseValue]]] = [:]
            for (table, count) in Self.dataset.plan {
                let generator = table.generator(seed: Self.dataset.seed)
                let rows = try stored(db, generator)
                // Every value reads back as it was generated.
                XCTAssertEqual(Set(rows), Set((0..<count).map(generator.row)), "\(backend): \(table)")
                XCTAssertEqual(rows.count, count, "\(backend): \(table)")
                tables[table.name] = rows
            }
            return tables
        }
    }

    func testGeneratingAgainAddsOnlyWhatIsMissing() {
        parity(recipe: Self.recipe) { db, backend in
            let writer = writer(db, backend)
            try writer.write(Self.dataset)
            XCTAssertEqual(try writer.write(Self.dataset).inserted, 0, "\(backend): the same seed and counts again")

            var more = Self.dataset
            for (table, count) in Self.dataset.plan { more[table] = count + 5 }
            let report = try writer.write(more)
            XCTAssertEqual(report.tables.map(\.inserted), Array(repeating: 5, count: 5), "\(backend): five more rows of each table")

            var other = Self.dataset
            other.seed += 1
            let otherReport = try writer.write(other)
            for table in otherReport.tables {
                // Another seed adds its own events; ephemerides are keyed by body and epoch,
                // which the first seed already holds.
                XCTAssertEqual(table.inserted, table.table == "ephemeris_data" ? 0 : table.rows, "\(backend): \(table.table)")
            }
            XCTAssertEqual(try Fixtures.count(db, "earthquakes"), Int64(2 * Self.dataset[.earthquakes] + 5), "\(backend)")
        }
    }

    func testADatabaseWithoutTheReferenceSchemaIsRefused() {
        parity { db, backend in
            XCTAssertThrowsError(try writer(db, backend).write(Self.dataset)) { error in
                XCTAssertEqual(error as? SyntheticDataError, .schemaMissing(table: "earthquakes", column: nil, database: "\(backend)"), "\(backend)")
                XCTAssertTrue("\(error)".contains("meridian migrate up"), "\(backend): \(error)")
            }
        }
    }
}

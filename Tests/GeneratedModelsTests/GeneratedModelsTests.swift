import Foundation
import Meridian
import MeridianTesting
import XCTest

/// The models `meridian generate models` wrote from `schema.yaml` (in `Models/`, kept current by
/// `generate models --check` in `GenerateModelsTests`) compile in Swift 6 mode and carry every
/// table's seeded rows: each is read into its struct, written back through `update` (every
/// column through the typed-write encoder), and reads back equal, on both backends.
final class GeneratedModelsTests: ParityTestCase {
    private static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    private static let recipe = DatabaseRecipe.standard(root: root.path)

    /// Reads `Model`'s table, writes each row back, and checks it reads back the same; returns
    /// how many rows it carried.
    private func roundTrip<Model: TableRecord & Decodable & Equatable>(_ type: Model.Type, _ db: any DatabaseConnection, _ backend: Backend) throws -> Int {
        let table = Model.tableName
        let sql = "SELECT * FROM \(table) ORDER BY \(Model.primaryKey.joined(separator: ", "))"
        let before = try db.fetchAll(Model.self, sql)
        for row in before {
            let changed = try db.update(row)
            XCTAssertEqual(changed, 1, "\(backend): \(table)")
        }
        let written = try before.map { try Self.columnsSetByCaller($0) }
        let readBack = try db.fetchAll(Model.self, sql).map { try Self.columnsSetByCaller($0) }
        XCTAssertEqual(readBack, written, "\(backend): \(table) reads back as written")
        return before.count
    }

    /// A row as JSON without `updated_at`, which the database moves on every update that does
    /// not change it (the reference schema's triggers).
    private static func columnsSetByCaller(_ row: any Encodable) throws -> JSON {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        guard case .object(let object) = try JSON(parsing: String(decoding: try encoder.encode(row), as: UTF8.self)) else {
            throw DatabaseError(.decoding, "a model did not encode as an object")
        }
        return .object(JSONObject(zip(object.keys, object.values).filter { $0.0 != "updated_at" }))
    }

    func testEveryTableRoundTripsThroughItsModel() {
        parity(recipe: Self.recipe) { db, backend in
            var carried: [String: Int] = [:]
            carried["alerts"] = try roundTrip(Alert.self, db, backend)
            carried["celestial_signs"] = try roundTrip(CelestialSign.self, db, backend)
            carried["correlation_rules"] = try roundTrip(CorrelationRule.self, db, backend)
            carried["data_triggers"] = try roundTrip(DataTrigger.self, db, backend)
            carried["earthquakes"] = try roundTrip(Earthquake.self, db, backend)
            carried["ephemeris_data"] = try roundTrip(EphemerisData.self, db, backend)
            carried["event_correlations"] = try roundTrip(EventCorrelation.self, db, backend)
            carried["impact_risks"] = try roundTrip(ImpactRisk.self, db, backend)
            carried["meteor_showers"] = try roundTrip(MeteorShower.self, db, backend)
            carried["orbital_elements"] = try roundTrip(OrbitalElement.self, db, backend)
            carried["prophecies"] = try roundTrip(Prophecy.self, db, backend)
            carried["prophecy_sign_links"] = try roundTrip(ProphecySignLink.self, db, backend)
            carried["solar_events"] = try roundTrip(SolarEvent.self, db, backend)
            carried["volcanic_activity"] = try roundTrip(VolcanicActivity.self, db, backend)
            XCTAssertEqual(carried.filter { $0.value == 0 }.keys.sorted(), [], "\(backend): every table has seeded rows to carry")
        }
    }

    /// A model inserted with its database-filled properties left nil comes back with them filled.
    func testInsertAndFetchFillsWhatTheDatabaseFills() {
        parity(recipe: Self.recipe) { db, backend in
            let quake = Earthquake(
                usgsId: "meridian-test-1", magnitude: 5.2, occurredAt: Timestamp(microsecondsSinceEpoch: 1_700_000_000_000_000),
                location: .point(x: 139.7, y: 35.7))
            let saved = try db.insertAndFetch(quake)
            XCTAssertNotNil(saved.id, "\(backend)")
            XCTAssertNotNil(saved.createdAt, "\(backend)")
            XCTAssertEqual(saved.createdAt, saved.updatedAt, "\(backend)")
            XCTAssertEqual(saved.location, quake.location, "\(backend)")
        }
    }
}

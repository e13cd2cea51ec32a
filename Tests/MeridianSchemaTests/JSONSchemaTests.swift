import Foundation
import XCTest

@testable import MeridianSchema

/// `schema/meridian-schema.json`, which editors use to complete and check schema files, knows
/// the keys the reader knows.
final class JSONSchemaTests: XCTestCase {
    private func jsonSchema() throws -> [String: Any] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../schema/meridian-schema.json")
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    private func keys(_ object: Any?) -> Set<String> {
        Set(((object as? [String: Any])?["properties"] as? [String: Any])?.keys.map { $0 } ?? [])
    }

    func testTheJSONSchemaNamesTheKeysTheReaderAccepts() throws {
        let root = try jsonSchema()
        XCTAssertEqual(keys(root), Set(SchemaFileReader.topLevelKeys))
        let tables = (root["properties"] as? [String: Any])?["tables"] as? [String: Any]
        let table = tables?["additionalProperties"] as? [String: Any]
        XCTAssertEqual(keys(table), Set(SchemaFileReader.tableKeys))
        let columns = (table?["properties"] as? [String: Any])?["columns"] as? [String: Any]
        let column = ((columns?["additionalProperties"] as? [String: Any])?["oneOf"] as? [Any])?.last
        XCTAssertEqual(keys(column), Set(SchemaFileReader.columnKeys))
        let types = ((column as? [String: Any])?["properties"] as? [String: Any])?["type"] as? [String: Any]
        XCTAssertEqual(types?["enum"] as? [String], SchemaFileReader.typeNames)
    }
}

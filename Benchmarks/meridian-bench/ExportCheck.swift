import Foundation
import Meridian
import MeridianPostgres
import MeridianSQLite

/// After each contender of `export`: every row of its table read back and compared with the
/// generated rows, value by value, exactly (doubles and coordinates bit for bit, timestamps to
/// the microsecond, JSON as values), plus the column types and the keys and indexes it built.
///
/// Meridian and the limit must match exactly, with the contract's types, the primary key, the
/// unique key and the GiST index; the other peers' differences are reported in their RESULT line.
struct ExportCheck {
    let dataset: ExportDataset

    struct Outcome {
        /// Columns whose type is not the contract's PostgreSQL type (`occurred_at character varying`).
        var otherTypes: [String]
        /// Per column, how many rows differ from the source and one example.
        var differences: [String]
        /// Keys and indexes missing of the three the table should have.
        var missingIndexes: [String]

        var exact: Bool { otherTypes.isEmpty && differences.isEmpty && missingIndexes.isEmpty }

        /// For a RESULT line: `values exact`, or what differs.
        var summary: String {
            var parts: [String] = []
            if !otherTypes.isEmpty { parts.append("types: " + otherTypes.joined(separator: ", ")) }
            parts.append(differences.isEmpty ? "values exact" : "values differ: " + differences.joined(separator: "; "))
            if !missingIndexes.isEmpty { parts.append("no " + missingIndexes.joined(separator: ", ")) }
            return parts.joined(separator: "; ")
        }
    }

    private static let contractTypes = [
        "id": "bigint", "usgs_id": "text", "magnitude": "double precision", "depth_km": "double precision",
        "occurred_at": "timestamp with time zone", "place": "text", "properties": "jsonb", "location": "geography(Point,4326)",
    ]

    /// Reads `table` of `url` back and compares it with the dataset.
    func inspect(_ url: String, table: String = ExportDataset.tableName) throws -> Outcome {
        let db = try PostgresConnection(url: url)
        let types = try db.fetchAll(
            "SELECT attname::text, format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped",
            [.text(table)])
        let otherTypes = types.compactMap { row -> String? in
            let (name, type) = (row[0].description, row[1].description)
            return Self.contractTypes[name] == type ? nil : "\(name) \(type)"
        }
        let columns = ExportDataset.table.columns
        var mismatches = [Int](repeating: 0, count: columns.count)
        var examples = [String?](repeating: nil, count: columns.count)
        var seen = [Bool](repeating: false, count: dataset.rows.count)
        var extra = 0
        let names = columns.map { "\"\($0.name)\"" }.joined(separator: ", ")
        try db.copyRows(of: "SELECT \(names) FROM \"\(table)\"") { row in
            guard case .int(let id) = try row.streamedValue(at: 0), id >= 1, id <= dataset.rows.count, !seen[Int(id) - 1] else {
                extra += 1
                return
            }
            seen[Int(id) - 1] = true
            let expected = dataset.rows[Int(id) - 1].values
            for index in 1..<columns.count {
                let actual = try Self.value(try row.streamedValue(at: index), as: columns[index].type)
                if actual != expected[index] {
                    mismatches[index] += 1
                    if examples[index] == nil { examples[index] = "id \(id): \(actual) instead of \(expected[index])" }
                }
            }
        }
        var differences = columns.indices.filter { mismatches[$0] > 0 }.map {
            "\(columns[$0].name) in \(mismatches[$0]) rows (\(examples[$0]!))"
        }
        let missing = seen.filter { !$0 }.count
        if missing > 0 { differences.append("\(missing) rows missing") }
        if extra > 0 { differences.append("\(extra) rows extra or duplicated") }
        return Outcome(otherTypes: otherTypes.sorted(), differences: differences, missingIndexes: try missingIndexes(db, table))
    }

    /// A value read back as the logical type it was written as: text holding a timestamp or
    /// JSON (a peer's varchar column) is parsed, bytes holding a SpatiaLite blob (pgloader's
    /// bytea) are decoded, so that what is compared is the value, and the type is reported apart.
    private static func value(_ value: StreamedValue, as type: LogicalType) throws -> DatabaseValue {
        if case .bytes(let bytes) = value, case .geometry = type, SpatiaLiteBlob.isGeometryBlob(bytes) {
            return .geometry(try SpatiaLiteBlob.decode(bytes))
        }
        if let converted = try? value.converted(to: type), let owned = try? converted.databaseValue { return owned }
        return try value.databaseValue
    }

    private func missingIndexes(_ db: PostgresConnection, _ table: String) throws -> [String] {
        guard let schema = try db.inspectSchema().table(table) else { return ["table"] }
        var missing: [String] = []
        if schema.primaryKey != ["id"] { missing.append("primary key") }
        if !schema.uniqueConstraints.contains(["usgs_id"]) && !schema.indexes.contains(where: { $0.unique && $0.columns == ["usgs_id"] }) {
            missing.append("unique usgs_id")
        }
        if !schema.indexes.contains(where: { $0.spatial && $0.columns == ["location"] }) { missing.append("GiST index") }
        return missing
    }
}

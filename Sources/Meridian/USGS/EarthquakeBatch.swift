import Foundation

/// Events waiting to be written to `earthquakes` in one multi-row upsert.
///
/// The statement is the same on both backends:
///
/// ```sql
/// INSERT INTO "earthquakes" ("id", "usgs_id", …, "location") VALUES ($1, …), (…)
/// ON CONFLICT ("usgs_id") DO UPDATE SET "magnitude" = excluded."magnitude", …
/// WHERE COALESCE("earthquakes"."properties" ->> 'updated', '') < COALESCE(excluded."properties" ->> 'updated', '')
/// RETURNING "id"
/// ```
///
/// A stored event is replaced only by a later revision: `updated` is kept in `properties` in
/// the fixed-width timestamp form, so comparing the text compares the instants (`->>` reads it
/// on PostgreSQL and on SQLite 3.38 and later). Each new row gets an id made here, so the
/// returned ids tell the rows inserted (their id is one of ours) from the rows updated (they
/// keep theirs); a row the condition left alone returns nothing.
///
/// PostgreSQL refuses to change one row twice in a statement, so a batch never holds two
/// revisions of one event: ``canAdd(_:)`` says when to write the batch first.
struct EarthquakeBatch {
    static let columns = ["id", "usgs_id", "magnitude", "magnitude_type", "depth_km", "occurred_at", "place", "properties", "location"]

    private(set) var events: [USGSEvent] = []
    /// The line of each event, for messages about a batch.
    private(set) var lines: [Int] = []
    private var keys: Set<String> = []
    private var statements: [Int: String] = [:]

    var count: Int { events.count }

    /// Whether `event` can join the batch: its `usgs_id` is not in it yet.
    func canAdd(_ event: USGSEvent) -> Bool { !keys.contains(event.usgsID) }

    mutating func add(_ event: USGSEvent, line: Int) {
        events.append(event)
        lines.append(line)
        keys.insert(event.usgsID)
    }

    mutating func removeAll() {
        events.removeAll(keepingCapacity: true)
        lines.removeAll(keepingCapacity: true)
        keys.removeAll(keepingCapacity: true)
    }

    /// Writes the batch and empties it; returns how many rows were inserted, updated and left alone.
    mutating func write(to connection: any DatabaseConnection) throws(USGSCatalogueError) -> (inserted: Int, updated: Int, unchanged: Int) {
        guard let first = lines.first, let last = lines.last else { return (0, 0, 0) }
        var values: [DatabaseValue] = []
        values.reserveCapacity(events.count * Self.columns.count)
        let ids = RandomUUIDs.make(events.count)
        let ours = Set(ids)
        for (event, id) in zip(events, ids) {
            values += [
                .uuid(id), .text(event.usgsID), .double(event.magnitude), event.magnitudeType.map(DatabaseValue.text) ?? .null,
                event.depthKm.map(DatabaseValue.double) ?? .null, .timestamp(event.occurredAt), event.place.map(DatabaseValue.text) ?? .null,
                .json(.object(event.properties)), .geometry(event.location),
            ]
        }
        let sql = statement(rows: events.count, dialect: connection.dialect)
        var returned = 0
        var inserted = 0
        do {
            try connection.forEachRow(sql, values) { row in
                returned += 1
                if ours.contains(try row.decode(UUID.self, at: 0)) { inserted += 1 }
            }
        } catch let error as DatabaseError {
            throw .writeFailed(lines: first...last, error)
        } catch {
            throw .writeFailed(lines: first...last, DatabaseError(.other, "\(error)"))
        }
        let counts = (inserted, returned - inserted, events.count - returned)
        removeAll()
        return counts
    }

    /// The upsert for `rows` rows, built once per size.
    private mutating func statement(rows: Int, dialect: any SQLDialect) -> String {
        if let sql = statements[rows] { return sql }
        let table = dialect.quote("earthquakes")
        let width = Self.columns.count
        let tuples = (0..<rows).map { row in
            "(" + (1...width).map { "$\(row * width + $0)" }.joined(separator: ", ") + ")"
        }
        let updates = Self.columns.dropFirst(2).map { "\(dialect.quote($0)) = excluded.\(dialect.quote($0))" }
        let revision = { (table: String) in "COALESCE(\(table).\(dialect.quote("properties")) ->> 'updated', '')" }
        let sql = """
            INSERT INTO \(table) (\(Self.columns.map(dialect.quote).joined(separator: ", ")))
            VALUES \(tuples.joined(separator: ", "))
            ON CONFLICT (\(dialect.quote("usgs_id"))) DO UPDATE SET \(updates.joined(separator: ", "))
            WHERE \(revision(table)) < \(revision("excluded"))
            RETURNING \(dialect.quote("id"))
            """
        statements[rows] = sql
        return sql
    }
}

/// The 30 migrations `meridian-bench migrate` applies: an environmental monitoring platform
/// (organisations, stations, sensors, observations, sightings, alerts, reports, …) grown one
/// migration at a time, as a real project's folder is.
///
/// Each migration is a list of portable steps; ``MigrationCorpusSQL`` writes them out as the
/// `NNNN_slug.up.sql` / `.down.sql` pairs of each dialect, in the contract's types. Together
/// they make 25 tables of 5–10 columns with foreign keys (CASCADE, SET NULL, RESTRICT),
/// unique constraints, indexes, CHECKs, 4 spatial tables (points with a spatial index),
/// 4 migrations of `ALTER TABLE … ADD COLUMN`, a view and 4 migrations of reference rows.
/// Nothing here is random, so every run writes the same files.
enum MigrationCorpus {
    struct Column {
        enum Kind: Equatable {
            case int, double, text, bool, timestamp, json
            /// A `bigint` key of another table's `id`, with its `ON DELETE` action.
            case reference(String, onDelete: String)
        }
        enum Option: Equatable {
            case notNull, unique, defaultFalse
            /// A text enumeration, held by a CHECK on both dialects.
            case oneOf([String])
        }
        var name: String
        var kind: Kind
        var options: [Option]

        var notNull: Bool { options.contains(.notNull) }
        var unique: Bool { options.contains(.unique) }
        var defaultFalse: Bool { options.contains(.defaultFalse) }
        var values: [String]? {
            for case .oneOf(let values) in options { return values }
            return nil
        }
    }

    struct Table {
        var name: String
        var columns: [Column]
        /// The primary key; the default is an `id` column of its own (identity on PostgreSQL).
        var primaryKey: [String] = ["id"]
        /// A `POINT` in SRID 4326 with a spatial index (SpatiaLite geometry, PostGIS geography).
        var point: (name: String, notNull: Bool)?
        var indexes: [[String]] = []
        var uniques: [[String]] = []
        var checks: [(name: String, expression: String)] = []

        var hasIdentity: Bool { primaryKey == ["id"] }
    }

    enum Value {
        case int(Int64), double(Double), text(String), bool(Bool), null
        /// `2024-03-01T08:00:00`, in UTC.
        case timestamp(String)
        case json(String)
        case point(x: Double, y: Double)
    }

    enum Step {
        case table(Table)
        case addColumns(table: String, [Column])
        /// A view over portable SQL.
        case view(name: String, select: String)
        /// Reference rows; the first column is the key the down script deletes by.
        case seed(table: String, columns: [String], rows: [[Value]])
    }

    struct Entry {
        var slug: String
        var steps: [Step]
    }

    static func int(_ name: String, _ options: Column.Option...) -> Column { Column(name: name, kind: .int, options: options) }
    static func double(_ name: String, _ options: Column.Option...) -> Column { Column(name: name, kind: .double, options: options) }
    static func text(_ name: String, _ options: Column.Option...) -> Column { Column(name: name, kind: .text, options: options) }
    static func bool(_ name: String, _ options: Column.Option...) -> Column { Column(name: name, kind: .bool, options: options) }
    static func timestamp(_ name: String, _ options: Column.Option...) -> Column { Column(name: name, kind: .timestamp, options: options) }
    static func json(_ name: String, _ options: Column.Option...) -> Column { Column(name: name, kind: .json, options: options) }
    static func ref(_ name: String, _ table: String, _ onDelete: String, _ options: Column.Option...) -> Column {
        Column(name: name, kind: .reference(table, onDelete: onDelete), options: options)
    }

    /// Versions 1…30, in order.
    static let entries: [Entry] = MigrationCorpusEntries.all
}

/// One step of a schema change as a dialect renders it.
public enum SchemaStatement: Sendable, Equatable {
    /// DDL run as is.
    case execute(String)
    /// A `SELECT` of a management function that must return 1 (SpatiaLite's
    /// `AddGeometryColumn`, `CreateSpatialIndex`), with what to say when it does not.
    case expectTrue(String, failure: String)

    public var sql: String {
        switch self {
        case .execute(let sql), .expectTrue(let sql, _): sql
        }
    }
}

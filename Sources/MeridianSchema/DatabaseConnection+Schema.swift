import Meridian

extension DatabaseConnection {
    /// Builds `schema` on this database, which should hold none of it yet, in one transaction:
    /// ``Schema/statements(for:)`` in this connection's dialect.
    ///
    /// ```swift
    /// let schema = try Schema.load(path: "schema.yaml")
    /// try schema.validate()
    /// try connection.create(schema)
    /// ```
    ///
    /// - Throws: ``SchemaRenderingError`` for what this version does not render, or the
    ///   engine's ``DatabaseError`` for a statement it refused (the transaction is rolled back).
    public func create(_ schema: Schema) throws {
        let statements = try schema.statements(for: dialect)
        if schema.tables.contains(where: { $0.columns.contains { if case .geometry = $0.type { true } else { false } } }) {
            try ensureSpatialSupport()
        }
        try transaction {
            for statement in statements { try run(statement) }
        }
    }
}

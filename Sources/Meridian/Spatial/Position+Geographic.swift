extension Position {
    /// Refuses a longitude outside [-180, 180] or a latitude outside [-90, 90], NaN included,
    /// naming what the position is for (`role`).
    func validateGeographic(role: String, table: String, column: String) throws(DatabaseError) {
        guard x.isFinite, (-180...180).contains(x) else {
            throw DatabaseError(.invalidValue, "the \(role)'s longitude \(x) is outside -180…180", table: table, column: column)
        }
        guard y.isFinite, (-90...90).contains(y) else {
            throw DatabaseError(.invalidValue, "the \(role)'s latitude \(y) is outside -90…90", table: table, column: column)
        }
    }
}

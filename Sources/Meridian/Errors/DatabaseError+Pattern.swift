extension DatabaseError.Kind {
    /// Matches an error of this kind in a `catch` clause or a `switch`.
    ///
    /// ```swift
    /// do {
    ///     try conn.insert(user)
    /// } catch DatabaseError.Kind.uniqueViolation {
    ///     // the e-mail address is taken
    /// }
    /// ```
    public static func ~= (kind: DatabaseError.Kind, error: any Error) -> Bool {
        (error as? DatabaseError)?.kind == kind
    }
}

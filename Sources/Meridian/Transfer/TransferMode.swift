/// What a transfer does with a target table that already holds rows.
public enum TransferMode: String, Sendable, Codable, CaseIterable {
    /// Refuse to start while any target table holds rows (the default): nothing is overwritten
    /// or mixed by accident.
    case refuse
    /// Empty the target tables first, in the same transaction.
    case replace
    /// Add the rows; a row whose key exists already fails the transfer.
    case append
    /// Insert new rows and overwrite those whose primary key exists already.
    case upsert
}

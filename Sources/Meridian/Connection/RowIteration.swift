/// Whether ``DatabaseConnection/forEachRow(_:_:until:)`` reads on after a row.
public enum RowIteration: Sendable {
    /// Read the next row.
    case next
    /// Stop here: the rest of the result is not read.
    case stop
}

/// Thrown through a driver's row loop to leave it early; never seen by callers.
struct StopReadingRows: Error {}

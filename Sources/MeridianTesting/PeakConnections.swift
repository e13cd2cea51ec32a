import Meridian

/// The most connections `database` held open at once while `body` ran, sampled every 2 ms:
/// how a test proves that concurrent work stayed within a pool's bound.
///
/// ```swift
/// let (_, peak) = try await peakConnections(of: db) {
///     try await withThrowingTaskGroup(of: Void.self) { group in … }
/// }
/// XCTAssertLessThanOrEqual(peak, db.maximumConnections)
/// ```
public func peakConnections<D: Database, T>(of database: D, during body: () async throws -> T) async throws -> (result: T, peak: Int) {
    let watching = Task.detached {
        var most = 0
        while !Task.isCancelled {
            most = max(most, database.openConnections)
            try? await Task.sleep(nanoseconds: 2_000_000)
        }
        return most
    }
    do {
        let result = try await body()
        watching.cancel()
        return (result, await watching.value)
    } catch {
        watching.cancel()
        throw error
    }
}

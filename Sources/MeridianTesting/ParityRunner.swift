import Meridian

/// Runs one test body on both backends and requires the same result from each, for any test
/// framework.
///
/// ```swift
/// @Test func codesSortTheSameEverywhere() throws {
///     try ParityRunner.compare { db, _ in
///         try db.execute("CREATE TABLE stations (code TEXT)")
///         try db.execute("INSERT INTO stations (code) VALUES ('KEV'), ('abk'), ('Éire')")
///         return try db.fetchAll("SELECT code FROM stations ORDER BY code").map { try $0.decode(String.self, at: 0) }
///     }
/// }
/// ```
///
/// Each backend gets a ``FreshDatabase``; PostgreSQL is left out when no server is configured
/// (and not required). A body that throws fails with the backend's name; results that differ
/// fail with a line-by-line diff.
public enum ParityRunner {
    /// The result of `body` on each backend that ran; throws ``ParityMismatch`` when they differ.
    @discardableResult
    ///
    /// - Parameter recipe: migrations and fixtures each database starts with (see
    ///   ``FreshDatabase/make(_:recipe:)``); `nil` for empty databases.
    public static func compare<T: Equatable>(
        recipe: DatabaseRecipe? = nil, _ body: (any DatabaseConnection, Backend) throws -> T
    ) throws -> [Backend: T] {
        var results: [(Backend, T)] = []
        for backend in Backend.allCases {
            guard let fresh = try FreshDatabase.make(backend, recipe: recipe) else { continue }
            defer { fresh.close() }
            do {
                results.append((backend, try body(fresh.connection, backend)))
            } catch {
                throw ParityFailure(backend: backend, error: error)
            }
        }
        if let (firstBackend, first) = results.first, let (otherBackend, other) = results.dropFirst().first(where: { $0.1 != first }) {
            throw ParityMismatch(first: (firstBackend, String(describing: first)), second: (otherBackend, String(describing: other)))
        }
        return Dictionary(uniqueKeysWithValues: results)
    }
}

/// A parity body threw on one backend.
public struct ParityFailure: Error, CustomStringConvertible {
    public let backend: Backend
    public let error: any Error

    public var description: String { "[\(backend)] \(String(reflecting: error))" }
}

/// Two backends returned different results; the description shows where.
public struct ParityMismatch: Error, CustomStringConvertible {
    public let first: (backend: Backend, result: String)
    public let second: (backend: Backend, result: String)

    public var description: String {
        let a = Self.lines(first.result)
        let b = Self.lines(second.result)
        var out = "the backends disagree (- \(first.backend), + \(second.backend)):"
        for index in 0..<max(a.count, b.count) {
            let left = index < a.count ? a[index] : nil
            let right = index < b.count ? b[index] : nil
            if left == right {
                out += "\n    \(left ?? "")"
            } else {
                if let left { out += "\n  - \(left)" }
                if let right { out += "\n  + \(right)" }
            }
        }
        return out
    }

    /// Collections one element per line, so a diff points at the element that differs.
    private static func lines(_ text: String) -> [String] {
        guard text.hasPrefix("["), text.hasSuffix("]"), text.count > 2 else { return text.split(separator: "\n").map(String.init) }
        return text.dropFirst().dropLast().components(separatedBy: ", ")
    }
}

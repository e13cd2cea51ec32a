import Foundation
import Meridian
import MeridianPostgres
import MeridianSQLite
import XCTest

/// One test body for a ``Database`` shared between threads and tasks, written once and run on
/// each backend's database type: a generic method, since `Database` has an associated type.
///
/// ```swift
/// struct CountsRows: ParityDatabaseCase {
///     func run<D: Database>(_ db: D, _ backend: Backend) async throws {
///         let n = try await db.read { try $0.fetchValue(Int64.self, "SELECT 1") }
///         XCTAssertEqual(n, 1, "\(backend)")
///     }
/// }
/// ```
public protocol ParityDatabaseCase {
    func run<D: Database>(_ database: D, _ backend: Backend) async throws
}

extension ParityTestCase {
    /// Runs `test` on an `SQLiteDatabase` over a new temporary file (several connections: one
    /// writer, WAL readers) and on a `PostgresDatabase` whose sessions start in a private schema,
    /// counted in the parity summary like every other case.
    ///
    /// - Parameters:
    ///   - recipe: migrations and fixtures each database starts with (applied to it, not
    ///     cloned: a template is one connection); `nil` for empty databases.
    ///   - maximumConnections: the PostgreSQL pool's bound.
    public func parityDatabases(
        _ test: some ParityDatabaseCase, recipe: DatabaseRecipe? = nil, maximumConnections: Int = 20,
        file: StaticString = #filePath, line: UInt = #line
    ) async {
        for backend in Backend.allCases {
            let failuresBefore = testRun?.totalFailureCount ?? 0
            do {
                switch backend {
                case .sqlite:
                    let scratch = SQLiteScratchFile()
                    defer { scratch.remove() }
                    try recipe?.prepare(try scratch.connect(), for: backend)
                    try await test.run(try SQLiteDatabase(path: scratch.path), backend)
                case .postgres:
                    guard let url = TestDatabase.postgresURL else {
                        skip(backend, file: file, line: line)
                        continue
                    }
                    let scratch = try TestDatabase.postgres(url: url)
                    defer { scratch.close() }
                    try recipe?.prepare(scratch.connection, for: backend)
                    let separator = url.contains("?") ? "&" : "?"
                    let scoped = url + separator + "options=-c%20search_path%3D\(scratch.schema)%2Cpublic"
                    try await test.run(PostgresDatabase(url: scoped, maximumConnections: maximumConnections), backend)
                }
            } catch {
                XCTFail("[\(backend)] \(String(reflecting: error))", file: file, line: line)
            }
            tally(backend, failuresBefore: failuresBefore)
        }
    }
}

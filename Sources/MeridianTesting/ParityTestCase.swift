import Foundation
import Meridian
import XCTest

/// An XCTest case whose tests run one body on both backends.
///
/// ```swift
/// final class BooleanTests: ParityTestCase {
///     func testRoundTrip() {
///         parity { db, backend in
///             let value = try db.fetchValue(Bool.self, "SELECT $1", [true])
///             XCTAssertEqual(value, true, "\(backend)")
///         }
///     }
/// }
/// ```
///
/// Each backend gets a fresh database. The PostgreSQL half needs `MERIDIAN_POSTGRES_URL`;
/// without it the half is skipped and reported, unless `MERIDIAN_REQUIRE_POSTGRES=1`, which
/// makes it a failure. At the end of the run one line sums up:
/// `parity: <n> cases passed on sqlite, <m> on postgres`.
open class ParityTestCase: XCTestCase {
    override open class func setUp() {
        super.setUp()
        ParityReport.shared.registerOnce()
    }

    /// Runs `body` on a fresh database of each backend; a thrown error fails the test and
    /// names the backend.
    ///
    /// - Parameter recipe: migrations and fixtures each database starts with, cloned from a
    ///   template (see ``FreshDatabase/make(_:recipe:)``); `nil` for empty databases.
    public func parity(
        recipe: DatabaseRecipe? = nil, file: StaticString = #filePath, line: UInt = #line,
        _ body: (any DatabaseConnection, Backend) throws -> Void
    ) {
        for backend in Backend.allCases {
            run(backend, shared: false, recipe: recipe, file: file, line: line) { db, _ in try body(db, backend) }
        }
    }

    /// Runs `body` on a fresh database of each backend, as ``parity(recipe:file:line:_:)`` does,
    /// and fails unless both return the same value; the failure shows the lines that differ.
    ///
    /// ```swift
    /// parityEqual(recipe: recipe) { db, _ in
    ///     try db.fetchAll(Quake.self, "SELECT * FROM v_recent_significant_quakes ORDER BY usgs_id")
    /// }
    /// ```
    public func parityEqual<T: Equatable>(
        recipe: DatabaseRecipe? = nil, file: StaticString = #filePath, line: UInt = #line,
        _ body: (any DatabaseConnection, Backend) throws -> T
    ) {
        var results: [(backend: Backend, value: T)] = []
        parity(recipe: recipe, file: file, line: line) { db, backend in results.append((backend, try body(db, backend))) }
        if let first = results.first, let other = results.dropFirst().first(where: { $0.value != first.value }) {
            let mismatch = ParityMismatch(first: (first.backend, String(describing: first.value)), second: (other.backend, String(describing: other.value)))
            XCTFail(mismatch.description, file: file, line: line)
        }
    }

    /// Runs `body` on a fresh database of each backend that several sessions can share: `open`
    /// returns a new connection to it each time (a temporary SQLite file; the same private
    /// PostgreSQL schema). For cases about concurrency and separate sessions.
    public func parityShared(
        file: StaticString = #filePath, line: UInt = #line,
        _ body: (_ open: @escaping () throws -> any DatabaseConnection, Backend) throws -> Void
    ) {
        for backend in Backend.allCases {
            run(backend, shared: true, file: file, line: line) { _, open in try body(open, backend) }
        }
    }

    private func run(
        _ backend: Backend, shared: Bool, recipe: DatabaseRecipe? = nil, file: StaticString, line: UInt,
        _ body: (any DatabaseConnection, @escaping () throws -> any DatabaseConnection) throws -> Void
    ) {
        let failuresBefore = testRun?.totalFailureCount ?? 0
        do {
            switch backend {
            case .sqlite where shared:
                let scratch = SQLiteScratchFile()
                defer { scratch.remove() }
                try body(try scratch.connect(), scratch.connect)
            case .postgres where shared:
                guard let url = TestDatabase.postgresURL else { return skip(backend, file: file, line: line) }
                let scratch = try TestDatabase.postgres(url: url)
                defer { scratch.close() }
                try body(scratch.connection, scratch.connect)
            case .sqlite, .postgres:
                guard let fresh = try FreshDatabase.make(backend, recipe: recipe) else { return skip(backend, file: file, line: line) }
                defer { fresh.close() }
                try body(fresh.connection, { fresh.connection })
            }
        } catch {
            XCTFail("[\(backend)] \(String(reflecting: error))", file: file, line: line)
        }
        tally(backend, failuresBefore: failuresBefore)
    }
}

extension ParityTestCase {
    /// Counts the case as passed on `backend` when no failure was recorded since
    /// `failuresBefore`, else as failed.
    func tally(_ backend: Backend, failuresBefore: Int) {
        if (testRun?.totalFailureCount ?? 0) == failuresBefore {
            ParityReport.shared.passed(backend)
        } else {
            ParityReport.shared.failed(backend)
        }
    }

    /// A backend without a server: a failure when one is required, else a counted skip.
    func skip(_ backend: Backend, file: StaticString, line: UInt) {
        if TestDatabase.postgresRequired {
            XCTFail(FreshDatabase.MissingServer().description, file: file, line: line)
        } else {
            ParityReport.shared.skipped(backend)
        }
    }
}

/// Counts parity cases per backend and prints the summary line when the test bundle ends.
/// `@unchecked Sendable`: its counters and flag are read and written only under `lock`.
final class ParityReport: NSObject, XCTestObservation, @unchecked Sendable {
    static let shared = ParityReport()

    private let lock = NSLock()
    private var registered = false
    private var passes: [Backend: Int] = [:]
    private var failures: [Backend: Int] = [:]
    private var skips: [Backend: Int] = [:]

    func registerOnce() {
        lock.lock()
        defer { lock.unlock() }
        guard !registered else { return }
        registered = true
        XCTestObservationCenter.shared.addTestObserver(self)
    }

    func passed(_ backend: Backend) { count(&passes, backend) }
    func failed(_ backend: Backend) { count(&failures, backend) }
    func skipped(_ backend: Backend) { count(&skips, backend) }

    private func count(_ counter: inout [Backend: Int], _ backend: Backend) {
        lock.lock()
        counter[backend, default: 0] += 1
        lock.unlock()
    }

    func testBundleDidFinish(_ testBundle: Bundle) {
        lock.lock()
        defer { lock.unlock() }
        var line = "parity: \(passes[.sqlite, default: 0]) cases passed on sqlite, \(passes[.postgres, default: 0]) on postgres"
        let failed = Backend.allCases.compactMap { b in failures[b].map { "\($0) on \(b)" } }
        if !failed.isEmpty { line += "; failed: " + failed.joined(separator: ", ") }
        if let skipped = skips[.postgres] {
            line += "; \(skipped) skipped on postgres (set MERIDIAN_POSTGRES_URL, or run make test)"
        }
        print(line)
    }
}

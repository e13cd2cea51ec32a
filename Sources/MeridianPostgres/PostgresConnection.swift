import CMeridianLibPQ
import Foundation
import Meridian

/// A libpq session with a PostgreSQL + PostGIS server, set up for the value contract.
///
/// ```swift
/// let db = try PostgresConnection(url: "postgres://app@db.example.com/events?sslmode=verify-full")
/// let rows = try db.fetchAll("SELECT code FROM stations WHERE id = $1", [42])
/// ```
///
/// The URL is anything libpq accepts (a `postgres://` URI or `host=… dbname=…` keywords, with
/// `sslmode` up to `verify-full`); what it leaves out comes from the `PG*` environment
/// variables, as with `psql`. Each session runs in UTC with ISO dates, exact float output and
/// hex bytea, and its server notices are kept from stderr.
public final class PostgresConnection: DatabaseConnection {
    /// The `PGconn*`, closed in `deinit`.
    let handle: OpaquePointer
    public let dialect: any SQLDialect = PostgresDialect()
    public var transactionDepth = 0

    private var statements: [StatementKey: PreparedStatement] = [:]
    private var nextStatementNumber = 0
    private var buffer: [UInt8] = []
    private var typeKinds: [UInt32: PostgresValues.ColumnKind?] = [:]
    private var geometryTypeOID: UInt32?
    private static let statementCacheLimit = 256

    /// Settings every session needs for values to read back as they were written.
    static let sessionSettings = """
        SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'; SET extra_float_digits = 3; \
        SET bytea_output = 'hex'; SET client_encoding = 'UTF8'; SET standard_conforming_strings = on
        """

    /// Connects with a libpq connection URI or keyword string; `""` uses only the `PG*`
    /// environment variables.
    ///
    /// - Throws: ``DatabaseError`` of kind `connection` when the string is malformed or the
    ///   server cannot be reached, `authentication` when it refuses the credentials; the
    ///   message never holds the password (``PostgresConnectionString``).
    public init(url: String) throws {
        let conninfo = try PostgresConnectionString(url)
        guard let connection = PQconnectdb(conninfo.text) else {
            throw DatabaseError(.connection, "libpq could not allocate a connection")
        }
        guard PQstatus(connection) == CONNECTION_OK else {
            let message = conninfo.scrub(String(cString: PQerrorMessage(connection)))
            PQfinish(connection)
            throw PostgresError.connectionFailed(message)
        }
        handle = connection
        PQsetNoticeProcessor(connection, { _, _ in }, nil)
        try executeScript(Self.sessionSettings)
    }

    deinit { PQfinish(handle) }

    /// The server's version number, such as 150018 for 15.18.
    public var serverVersion: Int { Int(PQserverVersion(handle)) }

    /// Whether the session is encrypted with SSL.
    public var usesSSL: Bool { PQsslInUse(handle) == 1 }

    // MARK: - Statements

    private struct StatementKey: Hashable {
        let sql: String
        let types: [UInt32]
    }

    private struct PreparedStatement {
        let name: String
        let parameterCount: Int
    }

    /// Binds `arguments` (after the value contract) into the shared buffer; returns their OIDs
    /// and the byte range of each, `nil` for NULL.
    private func encode(_ arguments: [DatabaseValue], sql: String) throws -> (types: [UInt32], ranges: [Range<Int>?]) {
        buffer.removeAll(keepingCapacity: true)
        var types: [UInt32] = []
        var ranges: [Range<Int>?] = []
        types.reserveCapacity(arguments.count)
        ranges.reserveCapacity(arguments.count)
        for (offset, argument) in arguments.enumerated() {
            let value: DatabaseValue
            do { value = try ValueContract.checked(argument, parameter: offset + 1) } catch { throw error.with(sql: sql) }
            let start = buffer.count
            types.append(try PostgresValues.appendBinary(value, to: &buffer, geometryOID: { try geometryOID(sql: sql) }))
            ranges.append(value.isNull ? nil : start..<buffer.count)
        }
        return (types, ranges)
    }

    private func prepared(_ sql: String, types: [UInt32], argumentCount: Int) throws -> PreparedStatement {
        let key = StatementKey(sql: sql, types: types)
        if let cached = statements[key] { return cached }
        let scan = PlaceholderScan(sql)
        try scan.check(argumentCount: argumentCount, sql: sql)
        if statements.count >= Self.statementCacheLimit { try deallocateAll() }
        nextStatementNumber += 1
        let name = "meridian_\(nextStatementNumber)"
        let result = try prepare(name, dialect.renderPlaceholders(sql, scan), types: types)
        defer { PQclear(result) }
        try check(result, sql: sql, showsDetail: argumentCount == 0)
        let statement = PreparedStatement(name: name, parameterCount: scan.parameterCount)
        statements[key] = statement
        return statement
    }

    private func deallocateAll() throws {
        statements.removeAll()
        try executeScript("DEALLOCATE ALL")
    }

    /// Runs a prepared statement and hands its result to `body`; the result is freed after.
    ///
    /// A cached statement whose tables changed shape since it was prepared fails with
    /// "cached plan must not change result type"; it is prepared again once, as SQLite does by
    /// itself.
    private func run<T>(_ sql: String, _ arguments: [DatabaseValue], _ body: (OpaquePointer) throws -> T) throws -> T {
        try preparingAgainOnceIfChanged(sql) {
            let result = try withPreparedArguments(sql, arguments) { name, count, values, lengths, formats in
                PQexecPrepared(handle, name, count, values, lengths, formats, 0)
            }
            defer { PQclear(result) }
            try check(result, sql: sql, showsDetail: arguments.isEmpty)
            return try body(result!)
        }
    }

    /// Runs `attempt`, and once more after forgetting the cached statement of `sql` when the
    /// server says its plan changed result type (SQLSTATE 0A000) outside a transaction.
    func preparingAgainOnceIfChanged<T>(_ sql: String, _ attempt: () throws -> T) throws -> T {
        do {
            return try attempt()
        } catch let error as DatabaseError where error.nativeCode == "0A000" && transactionDepth == 0 {
            statements = statements.filter { $0.key.sql != sql }
            return try attempt()
        }
    }

    /// Binds `arguments`, prepares `sql` (or finds it cached) and hands libpq's parameter
    /// arrays to `call`, which sends the statement (`PQexecPrepared`, `PQsendQueryPrepared`).
    func withPreparedArguments<T>(
        _ sql: String, _ arguments: [DatabaseValue],
        _ call: (_ name: String, _ count: Int32, _ values: [UnsafePointer<CChar>?], _ lengths: [Int32], _ formats: [Int32]) -> T
    ) throws -> T {
        let (types, ranges) = try encode(arguments, sql: sql)
        let statement = try prepared(sql, types: types, argumentCount: arguments.count)
        return buffer.withUnsafeBufferPointer { bytes in
            let base = UnsafeRawPointer(bytes.baseAddress ?? UnsafePointer(bitPattern: 1)!)
            let values: [UnsafePointer<CChar>?] = ranges.map { range in
                range.map { base.advanced(by: $0.lowerBound).assumingMemoryBound(to: CChar.self) }
            }
            let lengths = ranges.map { Int32($0?.count ?? 0) }
            let formats = [Int32](repeating: 1, count: ranges.count)
            return call(statement.name, Int32(ranges.count), values, lengths, formats)
        }
    }

    /// Throws the error of a failed result; `showsDetail` when the statement bound no values
    /// (``DatabaseError/showsDetail``).
    private func check(_ result: OpaquePointer?, sql: String?, showsDetail: Bool) throws {
        let status = result.map(PQresultStatus) ?? PGRES_FATAL_ERROR
        guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK else {
            throw PostgresError.make(result: result, connection: handle, sql: sql, showsDetail: showsDetail)
        }
    }

    // MARK: - SQL to libpq

    /// `PQexec`: sends `sql`, after refusing a NUL, where libpq would stop reading it
    /// (``SQLText/refuseNUL(in:)``). Every statement, script and COPY command goes through
    /// here or ``prepare(_:_:types:)``.
    func exec(_ sql: String) throws -> OpaquePointer? {
        try SQLText.refuseNUL(in: sql)
        return PQexec(handle, sql)
    }

    /// `PQprepare`: prepares `sql` as statement `name` (`""` for the unnamed one), after
    /// refusing a NUL as ``exec(_:)`` does.
    func prepare(_ name: String, _ sql: String, types: [UInt32]) throws -> OpaquePointer? {
        try SQLText.refuseNUL(in: sql)
        return PQprepare(handle, name, sql, Int32(types.count), types)
    }

    @discardableResult
    public func execute(_ sql: String, _ arguments: [DatabaseValue]) throws -> Int {
        try run(sql, arguments) { result in Int(String(cString: PQcmdTuples(result))) ?? 0 }
    }

    public func forEachRow(_ sql: String, _ arguments: [DatabaseValue], _ body: (Row) throws -> Void) throws {
        try run(sql, arguments) { result in
            let shape = try ResultShape(result, sql: sql, connection: self)
            for row in 0..<PQntuples(result) { try body(try shape.row(row, of: result)) }
        }
    }

    /// The column names and value kinds of a result, read once and used for each of its rows.
    struct ResultShape {
        let sql: String
        let names: [String]
        let kinds: [PostgresValues.ColumnKind]

        init(_ result: OpaquePointer, sql: String, connection: PostgresConnection) throws {
            self.sql = sql
            let count = Int(PQnfields(result))
            names = (0..<count).map { String(cString: PQfname(result, Int32($0))) }
            kinds = try (0..<count).map { try connection.kind(ofType: PQftype(result, Int32($0)), sql: sql) }
        }

        /// Row `row` of `result`, decoded.
        func row(_ row: Int32, of result: OpaquePointer) throws -> Row {
            var values: [DatabaseValue] = []
            values.reserveCapacity(kinds.count)
            for column in 0..<kinds.count {
                let c = Int32(column)
                if PQgetisnull(result, row, c) == 1 {
                    values.append(.null)
                    continue
                }
                let bytes = UnsafeBufferPointer(
                    start: UnsafeRawPointer(PQgetvalue(result, row, c)!).assumingMemoryBound(to: UInt8.self),
                    count: Int(PQgetlength(result, row, c)))
                do {
                    values.append(try PostgresValues.decodeText(bytes, as: kinds[column]))
                } catch {
                    throw error.with(sql: sql)
                }
            }
            return Row(columnNames: names, values: values)
        }
    }

    public func executeScript(_ sql: String) throws {
        let result = try exec(sql)
        defer { PQclear(result) }
        try check(result, sql: sql, showsDetail: true)
    }

    public func callReportingSuccess(_ sql: String) throws -> Bool { try fetchSuccessFlag(sql) }

    /// Holds a session advisory lock keyed by the current schema, so migrators of different
    /// schemas in one database do not wait for each other; a second migrator of the same schema
    /// waits here until the first finishes.
    ///
    /// Inside a transaction of the caller's (`export --migrate`, where the migrations commit
    /// with the rows), the lock is the transaction's own and lasts until it ends: released
    /// earlier, it would let a second migrator in before the first one's tracking table is
    /// visible, to create it again and fail.
    public func withMigrationLock<T>(_ body: () throws -> T) throws -> T {
        let key = "SELECT hashtext(current_schema() || '.meridian_migrations')"
        if transactionDepth > 0 {
            try executeScript("SELECT pg_advisory_xact_lock((\(key)))")
            return try body()
        }
        try executeScript("SELECT pg_advisory_lock((\(key)))")
        defer { try? executeScript("SELECT pg_advisory_unlock((\(key)))") }
        return try body()
    }

    public func ensureSpatialSupport() throws {
        try PostGIS.ensureExtension(on: self)
    }

    /// PostgreSQL enforces foreign keys as each statement runs, and its DDL deletes no rows that
    /// were not asked for: a migration needs no safeguard.
    public func makeMigrationSafeguard() throws -> any MigrationSafeguard { PassThroughMigrationSafeguard() }

    public func makeInterrupter() -> any StatementInterrupter { PostgresInterrupter(connection: handle) }

    public func pinClock(to instant: Timestamp?) throws {
        try execute("SELECT set_config('meridian.now', $1, false)", [.text(instant?.iso8601 ?? "")])
    }

    // MARK: - Types

    /// How to read a result column of type `oid`; PostGIS types have OIDs assigned when the
    /// extension is installed, so unknown OIDs are looked up once per connection.
    func kind(ofType oid: UInt32, sql: String) throws -> PostgresValues.ColumnKind {
        if let builtIn = PostgresValues.kind(ofBuiltIn: oid) { return builtIn }
        if let known = typeKinds[oid] { return known ?? .text }
        let name = try fetchValue(String.self, "SELECT typname::text FROM pg_type WHERE oid = $1", [.int(Int64(oid))])
        let kind: PostgresValues.ColumnKind? = (name == "geometry" || name == "geography") ? .geometry : nil
        typeKinds[oid] = .some(kind)
        return kind ?? .text
    }

    /// The OID of PostGIS `geometry`, whose binary input reads EWKB (geography columns take it
    /// through PostGIS's implicit cast).
    private func geometryOID(sql: String) throws -> UInt32 {
        if let geometryTypeOID { return geometryTypeOID }
        let result = try exec("SELECT oid FROM pg_type WHERE typname = 'geometry'")
        defer { PQclear(result) }
        try check(result, sql: sql, showsDetail: false)
        guard PQntuples(result) == 1, let oid = UInt32(String(cString: PQgetvalue(result, 0, 0))) else {
            throw DatabaseError(.undefinedObject, "PostGIS is not installed in this database: run CREATE EXTENSION postgis", sql: sql)
        }
        geometryTypeOID = oid
        return oid
    }
}

extension PostgresConnection {
    /// The version of the libpq this process runs, such as `15.18`.
    public static var libpqVersion: String {
        let number = Int(PQlibVersion())
        return "\(number / 10000).\(number % 10000)"
    }
}

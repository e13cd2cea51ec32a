import Foundation
import MeridianPostgres

/// `generate`: the next migration generated from an edited schema, `meridian migrate generate`
/// against Alembic's `revision --autogenerate`, on a 100-table schema with one change per table
/// (``GenerateSchema``, ``GenerateChange``).
///
/// Both tools start from their project at the "before" state (``MeridianGenerateProject``: a
/// schema file and the first migration pair; ``AlembicProject``: models and a database built
/// from the before models and stamped), untimed; each round then times the process a user runs
/// after editing the schema. Meridian's one run writes the migration for both dialects; Alembic
/// needs one run per database, so its peer time is the sum of its SQLite and PostgreSQL medians
/// (SQLite only without a PostgreSQL server, which the RESULT line says).
///
/// Then, per change kind, a `KIND` line: whether each tool detected it (``GenerateDetection``)
/// and whether its SQLite migration kept the data (``GenerateDataCheck``); with a server, an
/// `APPLY postgres` line: whether each tool's PostgreSQL migration runs (Meridian's from an
/// empty database, Alembic's on its before-state one). Goal: ratio ≤ 0.2.
struct GenerateBenchmark {
    static let name = "generate"
    static let ratioGoal = 0.2
    static let tables = 100
    var rounds: Int
    var postgresURL: String?
    /// The `meridian` executable; `nil` looks next to this one, then in `.build/release/`.
    var meridianPath: String?

    func run() throws {
        guard let meridian = ExportBenchmark.locateMeridian(meridianPath) else {
            throw BenchmarkError("\(Self.name): no meridian binary: build it with `swift build -c release --product meridian` or pass --meridian PATH")
        }
        guard let venv = PythonPeers.locate() else {
            throw BenchmarkError("\(Self.name): no .bench-venv with Alembic: run scripts/install-deps --bench")
        }
        let directory = try TemporaryDirectory(Self.name)
        defer { directory.remove() }
        let before = GenerateSchema.before(tables: Self.tables)
        let after = GenerateSchema.after(tables: Self.tables)
        Progress.log("\(Self.name): \(Self.tables) tables, \(GenerateChange.allCases.count) kinds of change, in \(directory.path)")

        let project = try MeridianGenerateProject(root: directory.file("meridian"), meridian: meridian, before: before, after: after)
        let meridianDiff = try project.diff()
        let meridianBefore = directory.file("meridian-before.sqlite")
        try project.migrateUp(sqliteFile: meridianBefore)

        let alembicBefore = directory.file("alembic-before.sqlite")
        let alembicSQLite = try AlembicProject(
            folder: directory.file("alembic-sqlite"), venv: venv, url: "sqlite:///" + alembicBefore, before: before, after: after)
        let scratch = try postgresURL.map { try PostgresScratchDatabase(serverURL: $0, purpose: "bench_generate") }
        defer { scratch?.drop() }
        let alembicPostgres = try scratch.map {
            try AlembicProject(folder: directory.file("alembic-postgres"), venv: venv, url: Self.sqlalchemyURL($0.url), before: before, after: after)
        }
        if alembicPostgres == nil {
            Progress.log("\(Self.name): PostgreSQL skipped: pass --postgres URL or set MERIDIAN_POSTGRES_URL; the peer is Alembic on SQLite alone")
        }

        var revisions: [String: String] = [:]
        var contenders = [
            RotatingRounds.Contender(label: "meridian") { _ in try project.generate() },
            RotatingRounds.Contender(label: "alembic sqlite") { _ in
                let (milliseconds, file) = try alembicSQLite.autogenerate()
                revisions["sqlite"] = try String(contentsOfFile: file, encoding: .utf8)
                return milliseconds
            },
        ]
        if let alembicPostgres {
            contenders.append(RotatingRounds.Contender(label: "alembic postgres") { _ in
                let (milliseconds, file) = try alembicPostgres.autogenerate()
                revisions["postgres"] = try String(contentsOfFile: file, encoding: .utf8)
                return milliseconds
            })
        }
        let times = try RotatingRounds(benchmark: Self.name, rounds: rounds, warmUp: true, contenders)
        // The last round's pair stays in the folders (each round deletes the one before): the
        // data check applies it.

        let alembicRevisions = revisions.mapValues(AlembicRevision.init(source:))
        let check = GenerateDataCheck(before: before, after: after)
        for change in GenerateChange.allCases {
            let meridianData = try check.verdict(change, template: meridianBefore, file: directory.file("meridian-check.sqlite"),
                                                 migrate: { try project.migrateUp(sqliteFile: $0) })
            let alembicData = try check.verdict(change, template: alembicBefore, file: directory.file("alembic-check.sqlite"),
                                                migrate: { try alembicSQLite.upgrade(sqliteFile: $0) })
            let (meridianSeen, alembicSeen) = detection(change, before: before, after: after, meridianDiff, alembicRevisions)
            Output.line("KIND \(change.label): meridian=\(meridianSeen),\(meridianData) alembic=\(alembicSeen),\(alembicData)")
        }
        let names = Set((before.tables + after.tables).map(\.name))
        let outside = meridianDiff.changes.filter { !names.contains($0.table) }.map { "meridian: \($0.kind) \($0.table)" }
            + alembicRevisions.sorted { $0.key > $1.key }.flatMap { dialect, revision in
                revision.operations.filter { !names.contains($0.table) }.map { "alembic \(dialect): \($0.name) \($0.table)" }
            }
        if !outside.isEmpty { Output.line("OUTSIDE the schema's tables: " + outside.joined(separator: "; ")) }

        if let postgresURL, let alembicPostgres {
            let target = try PostgresScratchDatabase(serverURL: postgresURL, purpose: "bench_generate_meridian")
            defer { target.drop() }
            let meridianApplied = Self.outcome { try project.migrateUp(postgres: target.url) }
            let alembicApplied = Self.outcome { try alembicPostgres.upgrade() }
            Output.line("APPLY postgres: meridian=\(meridianApplied) alembic=\(alembicApplied) (tables without rows: the migrations run, their data is not checked)")
        }

        let meridianMilliseconds = times.median(0)
        let peerMilliseconds = times.median(1) + (alembicPostgres == nil ? 0 : times.median(2))
        let met = meridianMilliseconds / peerMilliseconds <= Self.ratioGoal ? "met" : "MISSED"
        let peer = alembicPostgres == nil
            ? "alembic revision --autogenerate on SQLite only (no PostgreSQL server given)"
            : String(format: "alembic revision --autogenerate, sqlite %.0f ms + postgres %.0f ms (one run per database; meridian's one run writes both)",
                     times.median(1), times.median(2))
        ResultLine(benchmark: Self.name, meridianMilliseconds: meridianMilliseconds, peerMilliseconds: peerMilliseconds,
                   details: [peer, "\(Self.tables) tables (\(before.tables.count) before, \(after.tables.count) after), 1 change each, \(GenerateChange.allCases.count) kinds",
                             "processes timed, median of \(rounds)", String(format: "goal ratio <= %.1f: %@", Self.ratioGoal, met)]).emit()
    }

    /// Each tool's verdict on the tables of `change`; Alembic's once if both databases' revisions
    /// agree, else per dialect.
    private func detection(
        _ change: GenerateChange, before: GenerateSchema, after: GenerateSchema,
        _ meridianDiff: GenerateDetection.MeridianDiff, _ alembicRevisions: [String: AlembicRevision]
    ) -> (meridian: String, alembic: String) {
        let tables = (change == .dropTable ? before : after).tables.filter { $0.change == change }
        let meridian = GenerateDetection.gather(tables.map { GenerateDetection.meridian(meridianDiff, table: $0) })
        let alembic = alembicRevisions.sorted { $0.key > $1.key }.map { dialect, revision in
            (dialect, GenerateDetection.gather(tables.map { GenerateDetection.alembic(revision, table: $0) }))
        }
        let agreed = Set(alembic.map(\.1)).count == 1
        return (meridian, agreed ? alembic[0].1 : alembic.map { "\($0.0):\($0.1)" }.joined(separator: " "))
    }

    /// `applied`, or `failed (…)` with the tool's error.
    private static func outcome(_ body: () throws -> Void) -> String {
        do {
            try body()
            return "applied"
        } catch let failure as Subprocess.Failure {
            return "failed (\(GenerateDataCheck.errorLine(failure.stderr)))"
        } catch {
            return "failed (\(error))"
        }
    }

    /// A libpq URL as SQLAlchemy takes it, through psycopg2.
    static func sqlalchemyURL(_ url: String) -> String {
        for scheme in ["postgresql://", "postgres://"] where url.hasPrefix(scheme) {
            return "postgresql+psycopg2://" + url.dropFirst(scheme.count)
        }
        return url
    }
}

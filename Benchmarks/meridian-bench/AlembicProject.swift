import Foundation

/// An Alembic project as a user keeps one, for one database: `alembic.ini` and the
/// `migrations/` folder that `alembic init` writes, the SQLAlchemy models beside them, and the
/// database brought to the "before" state (PEERS.md, "Other peers in use").
///
/// `env.py` is the generic template's online mode with the models' metadata as its target,
/// `render_as_batch=True` on SQLite (Alembic's way to alter SQLite tables: copy, rebuild,
/// rename) and `compare_server_default=True` (off by default, so that the default changes are
/// detected at all; `compare_type` is on by default since Alembic 1.12) and an `include_object`
/// that leaves PostGIS's `spatial_ref_sys` alone (without it, autogenerate on a PostGIS database
/// drops the table, and the upgrade fails; PostGIS projects filter it so). The "before" state is
/// `metadata.create_all` of the before models and `alembic stamp head`, untimed; then
/// ``autogenerate()`` is what a user runs after editing the models.
struct AlembicProject {
    let folder: String
    let alembic: String
    let python: String

    /// Writes the project into `folder` for the SQLAlchemy URL `url`, with `after` as its
    /// models, and builds `before` in the database.
    init(folder: String, venv: PythonPeers, url: String, before: GenerateSchema, after: GenerateSchema) throws {
        self.folder = folder
        alembic = venv.alembic
        python = venv.python
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Subprocess.run([alembic, "-c", ini, "init", "--template", "generic", folder + "/migrations"],
                           stdout: folder + "/init.out", stderr: folder + "/init.err")
        try Self.configure(ini, from: ini, url: url)
        try Self.environment.write(toFile: folder + "/migrations/env.py", atomically: true, encoding: .utf8)
        try GenerateSQLAlchemyModels.render(after).write(toFile: folder + "/models.py", atomically: true, encoding: .utf8)
        try GenerateSQLAlchemyModels.render(before).write(toFile: folder + "/before_models.py", atomically: true, encoding: .utf8)
        try Self.createBefore.write(toFile: folder + "/create_before.py", atomically: true, encoding: .utf8)
        try build(url: url)
    }

    var ini: String { folder + "/alembic.ini" }

    /// `create_all` of the before models into the database at `url`, then `alembic stamp head`:
    /// how an Alembic user's database stands before the models change.
    private func build(url: String) throws {
        try Subprocess.run([python, folder + "/create_before.py", url], stderr: folder + "/create.err")
        try Subprocess.run([alembic, "-c", ini, "stamp", "head"], stderr: folder + "/stamp.err")
    }

    /// Times `alembic revision --autogenerate -m change`, the process, and returns the revision
    /// file it wrote.
    func autogenerate() throws -> (milliseconds: Double, revision: String) {
        try removeRevisions()
        let milliseconds = try Subprocess.run([alembic, "-c", ini, "revision", "--autogenerate", "-m", "change"],
                                              stdout: folder + "/revision.out", stderr: folder + "/revision.err")
        let versions = folder + "/migrations/versions"
        guard let file = try FileManager.default.contentsOfDirectory(atPath: versions).first(where: { $0.hasSuffix(".py") }) else {
            throw BenchmarkError("alembic revision --autogenerate wrote no file in \(versions)")
        }
        return (milliseconds, versions + "/" + file)
    }

    /// `alembic upgrade head` on the project's own database.
    func upgrade() throws {
        try Subprocess.run([alembic, "-c", ini, "upgrade", "head"], stderr: folder + "/upgrade.err")
    }

    /// `alembic upgrade head` against another SQLite file (a copy of the before state with rows
    /// in it); throws ``Subprocess/Failure`` with Alembic's traceback when it fails.
    func upgrade(sqliteFile: String) throws {
        let environment = folder + "/upgrade.ini"
        try Self.configure(environment, from: ini, url: "sqlite:///" + sqliteFile)
        try Subprocess.run([alembic, "-c", environment, "upgrade", "head"], stderr: folder + "/upgrade.err")
    }

    /// Writes `file`: the ini file `template` with its `sqlalchemy.url` set to `url`.
    private static func configure(_ file: String, from template: String, url: String) throws {
        let lines = try String(contentsOfFile: template, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map {
            // configparser interpolates %, so a password with one needs it doubled.
            $0.hasPrefix("sqlalchemy.url") ? "sqlalchemy.url = " + url.replacingOccurrences(of: "%", with: "%%") : String($0)
        }
        try lines.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
    }

    /// Deletes the revisions an earlier round wrote, so that each round diffs the same state.
    private func removeRevisions() throws {
        let versions = folder + "/migrations/versions"
        for file in try FileManager.default.contentsOfDirectory(atPath: versions) where file.hasSuffix(".py") {
            try FileManager.default.removeItem(atPath: versions + "/" + file)
        }
    }

    private static let environment = """
        \"\"\"Alembic's environment for `meridian-bench generate`: the generic template's online mode
        with the models' metadata as the target, batch mode on SQLite, server defaults compared,
        PostGIS's spatial_ref_sys left alone.\"\"\"
        import os
        import sys
        from logging.config import fileConfig

        from alembic import context
        from sqlalchemy import engine_from_config, pool

        sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
        import models  # noqa: E402

        config = context.config
        if config.config_file_name is not None:
            fileConfig(config.config_file_name)
        target_metadata = models.Base.metadata


        def include_object(object, name, type_, reflected, compare_to):
            \"\"\"Leaves PostGIS's own table out of the comparison.\"\"\"
            return not (type_ == "table" and name == "spatial_ref_sys")


        def run_migrations_online() -> None:
            connectable = engine_from_config(
                config.get_section(config.config_ini_section, {}),
                prefix="sqlalchemy.",
                poolclass=pool.NullPool,
            )
            with connectable.connect() as connection:
                context.configure(
                    connection=connection,
                    target_metadata=target_metadata,
                    render_as_batch=connection.dialect.name == "sqlite",
                    compare_server_default=True,
                    include_object=include_object,
                )
                with context.begin_transaction():
                    context.run_migrations()


        run_migrations_online()

        """

    private static let createBefore = """
        \"\"\"Builds the before models' tables in the database at argv[1].\"\"\"
        import sys

        import sqlalchemy as sa

        import before_models

        before_models.Base.metadata.create_all(sa.create_engine(sys.argv[1]))

        """
}

/// The virtual environment `scripts/install-deps --bench` keeps, `.bench-venv/`, holding
/// Alembic, SQLAlchemy and psycopg2.
struct PythonPeers {
    let folder: String
    var python: String { folder + "/bin/python" }
    var alembic: String { folder + "/bin/alembic" }

    /// `.bench-venv` in the working directory or in a folder above the `meridian-bench`
    /// executable (the repository of a `.build/…/release/meridian-bench`), else `nil`.
    static func locate() -> PythonPeers? {
        var candidates = [FileManager.default.currentDirectoryPath]
        var folder = (Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])).resolvingSymlinksInPath()
        while folder.pathComponents.count > 1 {
            folder.deleteLastPathComponent()
            candidates.append(folder.path)
        }
        return candidates.map { PythonPeers(folder: $0 + "/.bench-venv") }
            .first { FileManager.default.isExecutableFile(atPath: $0.alembic) }
    }
}

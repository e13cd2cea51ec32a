import ArgumentParser
import Meridian

/// `--database` given up to twice, for the commands that compare the two engines on one
/// question (`explain`, `advise`): one SQLite file and one PostgreSQL database, or one alone.
struct EnginePairOptions: ParsableArguments {
    @Option(name: [.short, .long], help: ArgumentHelp("A database: sqlite:FILE or a postgres:// URL; give it twice, one of each kind, to compare them.", valueName: "url"))
    var database: [String] = []

    func validate() throws {
        guard database.count <= 2 else { throw ValidationError("give at most two databases, one SQLite and one PostgreSQL") }
    }

    /// The databases given, or the default one (`DATABASE_URL`, else `meridian.sqlite`).
    func urls() throws -> [DatabaseURL] {
        try database.isEmpty ? [DatabaseOptions().url()] : database.map { try DatabaseURL(parsing: $0) }
    }
}

import ArgumentParser
import Foundation
import Meridian

/// The `--database` option every command shares.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: [.short, .long],
        help: ArgumentHelp(
            "The database: sqlite:FILE or a postgres:// URL.",
            discussion: "Defaults to DATABASE_URL, else sqlite:meridian.sqlite in the working directory.",
            valueName: "url"))
    var database: String?

    /// The database named by the option, `DATABASE_URL`, or the default SpatiaLite file.
    func url() throws -> DatabaseURL {
        if let database { return try DatabaseURL(parsing: database) }
        if let environment = ProcessInfo.processInfo.environment["DATABASE_URL"], !environment.isEmpty {
            return try DatabaseURL(parsing: environment)
        }
        return .defaultSQLite
    }
}

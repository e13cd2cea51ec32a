// swift-tools-version:6.0
// `meridian-app-bench` (run by `meridian-bench app` and `make bench`): Meridian's application API
// against GRDB 7 on SQLite and postgres-nio on PostgreSQL. A package of its own so that
// `make test` never builds the peers.
import PackageDescription

let package = Package(
    name: "MeridianAppBench",
    platforms: [.macOS(.v14)],
    dependencies: [
        // Named: a path dependency's identity is otherwise its folder's name, which differs
        // between checkouts (and the target below names the package).
        .package(name: "Meridian", path: "../.."),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
    ],
    targets: [
        .executableTarget(
            name: "meridian-app-bench",
            dependencies: [
                .product(name: "Meridian", package: "Meridian"),
                .product(name: "MeridianSQLite", package: "Meridian"),
                .product(name: "MeridianPostgres", package: "Meridian"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)

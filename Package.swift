// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Meridian",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "Meridian", targets: ["Meridian"]),
        .library(name: "MeridianSQLite", targets: ["MeridianSQLite"]),
        .library(name: "MeridianPostgres", targets: ["MeridianPostgres"]),
        .library(name: "MeridianSchema", targets: ["MeridianSchema"]),
        .library(name: "MeridianTesting", targets: ["MeridianTesting"]),
        .library(name: "MeridianSynthetic", targets: ["MeridianSynthetic"]),
        .executable(name: "meridian", targets: ["meridian"]),
        .executable(name: "meridian-bench", targets: ["meridian-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CMeridianSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev", "libsqlite3-mod-spatialite"]), .brew(["sqlite", "libspatialite"])]
        ),
        .systemLibrary(
            name: "CMeridianLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"]), .brew(["libpq"])]
        ),
        .target(name: "Meridian", dependencies: [.product(name: "Logging", package: "swift-log")]),
        .target(name: "MeridianSchema", dependencies: ["Meridian", .product(name: "Yams", package: "Yams")]),
        .target(name: "MeridianSQLite", dependencies: ["Meridian", "CMeridianSQLite"]),
        .target(name: "MeridianPostgres", dependencies: ["Meridian", "CMeridianLibPQ"]),
        .target(name: "MeridianTesting", dependencies: ["Meridian", "MeridianSQLite", "MeridianPostgres"]),
        .target(name: "MeridianSynthetic", dependencies: ["Meridian", "MeridianPostgres"]),
        .executableTarget(
            name: "meridian",
            dependencies: [
                "Meridian", "MeridianSchema", "MeridianSQLite", "MeridianPostgres", "MeridianSynthetic",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "meridian-bench",
            dependencies: [
                "Meridian", "MeridianSQLite", "MeridianPostgres", "MeridianTesting", "MeridianSynthetic", "CMeridianSQLite",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Benchmarks/meridian-bench"
        ),
        .testTarget(name: "MeridianTests", dependencies: ["Meridian"]),
        .testTarget(name: "MeridianSQLiteTests", dependencies: ["MeridianSQLite", "MeridianTesting"]),
        .testTarget(name: "MeridianPostgresTests", dependencies: ["MeridianPostgres", "MeridianTesting"]),
        .testTarget(name: "ParityTests", dependencies: ["Meridian", "MeridianSchema", "MeridianTesting", "MeridianSynthetic"]),
        // The reference schema's models as `meridian generate models` writes them, compiled and used.
        .testTarget(name: "GeneratedModelsTests", dependencies: ["Meridian", "MeridianTesting"]),
        // The todo example (examples/todo): its generated models and its tests, on both backends.
        .testTarget(
            name: "TodoExampleTests", dependencies: ["Meridian", "MeridianPostgres", "MeridianTesting"],
            path: "examples/todo", exclude: ["schema.yaml", "migrations-sqlite", "migrations-postgres", "fixtures"],
            sources: ["Models", "Tests"]),
        .testTarget(name: "MeridianSchemaTests", dependencies: ["MeridianSchema", "MeridianSQLite", "MeridianPostgres"]),
        .testTarget(name: "MeridianCLITests", dependencies: ["Meridian", "MeridianSchema", "MeridianTesting"]),
        .testTarget(name: "MeridianTestingTests", dependencies: ["MeridianTesting"]),
        .testTarget(name: "MeridianSyntheticTests", dependencies: ["MeridianSynthetic"]),
    ],
    swiftLanguageModes: [.v6]
)

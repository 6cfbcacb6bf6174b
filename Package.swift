// swift-tools-version:6.0
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "CallDesk",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "calldesk", targets: ["calldesk"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor", from: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver", from: "2.14.0"),
        .package(url: "https://github.com/vapor/sql-kit", from: "3.36.0"),
        .package(url: "https://github.com/JohnSundell/Plot", from: "0.14.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        .target(
            name: "CallDeskCore",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "CallDeskStore",
            dependencies: [
                "CallDeskCore",
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "CallDeskWeb",
            dependencies: [
                "CallDeskCore",
                "CallDeskStore",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Plot", package: "Plot"),
            ],
            // The stylesheet and the small script of the pages (no npm, no CDN).
            resources: [.copy("Public")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "calldesk",
            dependencies: [
                "CallDeskCore",
                "CallDeskStore",
                "CallDeskWeb",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CallDeskCoreTests",
            dependencies: ["CallDeskCore"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "CallDeskTestSupport",
            dependencies: [
                "CallDeskCore",
                "CallDeskStore",
                .product(name: "Fluent", package: "fluent"),
                .product(name: "SQLKit", package: "sql-kit"),
            ],
            path: "Tests/CallDeskTestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CallDeskStoreTests",
            dependencies: [
                "CallDeskCore",
                "CallDeskStore",
                "CallDeskTestSupport",
                .product(name: "Fluent", package: "fluent"),
                .product(name: "SQLKit", package: "sql-kit"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CallDeskWebTests",
            dependencies: [
                "CallDeskWeb",
                "CallDeskTestSupport",
                .product(name: "VaporTesting", package: "vapor"),
            ],
            swiftSettings: swiftSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)

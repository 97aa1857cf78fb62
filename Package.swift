// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "ChiSo",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "ChiSoKit", targets: ["ChiSoKit"]),
        .executable(name: "chiso", targets: ["chiso"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
        .package(url: "https://github.com/x-sheep/swift-property-based", exact: "2.0.1"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/JohnSundell/Ink", exact: "0.6.0"),
    ],
    targets: [
        .target(
            name: "ChiSoKit",
            dependencies: [
                .product(name: "GRDB", package: "GRDB.swift"),
                // The C API, for the authorizer that keeps notebook SQL read-only.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Ink", package: "Ink"),
            ],
            resources: [.copy("Resources/datasets")]
        ),
        .target(
            name: "ChiSoCLI",
            dependencies: ["ChiSoKit", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(name: "chiso", dependencies: ["ChiSoCLI"]),
        // Golden-file and fixture helpers shared by the test targets.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(
            name: "ChiSoKitTests",
            dependencies: ["ChiSoKit", "TestSupport", .product(name: "PropertyBased", package: "swift-property-based")],
            exclude: ["Report/Snapshots"], resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "ChiSoCLITests", dependencies: ["ChiSoCLI", "chiso", "TestSupport"], exclude: ["Snapshots"]),
    ]
)

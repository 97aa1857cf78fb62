// swift-tools-version: 6.1
import PackageDescription

// The layers, each a target, so the compiler keeps data flowing one way:
// Core ← CSV ← Ingest ← Store ← Metrics ← Report ← Notebook ← App ← CLI.
// ARCHITECTURE.md draws the graph; a test reads `swift package describe` and fails on an upward edge.
let package = Package(
    name: "ChiSo",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "ChiSoKit", targets: ["ChiSoKit"]),
        .executable(name: "chiso", targets: ["chiso"]),
        // The properties the fuzz targets check, for the Fuzz package (and replayed by the tests).
        .library(name: "ChiSoFuzzChecks", targets: ["ChiSoFuzzChecks"]),
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
        // Provinces and the 2025 crosswalk, days and periods, source locations, number formatting.
        .target(name: "ChiSoCore"),
        // zlib (the system library), to inflate the parts of an .xlsx workbook.
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        // The byte-level CSV reader and writer, the .xlsx sheet reader, number parsers.
        .target(name: "ChiSoCSV", dependencies: ["ChiSoCore", "CZlib"]),
        // Bytes → typed batches and diagnostics. Never imports GRDB.
        .target(name: "ChiSoIngest", dependencies: ["ChiSoCore", "ChiSoCSV", .product(name: "Crypto", package: "swift-crypto")]),
        // Linux's sync_file_range (a GNU extension the Glibc module leaves out), for the store's loads.
        .systemLibrary(name: "CWriteback"),
        // The only target that imports GRDB: schema, migrations, the ingest sink, queries.
        .target(name: "ChiSoStore", dependencies: [
            "ChiSoCore", "ChiSoCSV", "ChiSoIngest", "CWriteback",
            .product(name: "GRDB", package: "GRDB.swift"),
            // The C API, for the authorizer that keeps notebook SQL read-only.
            .product(name: "GRDBSQLite", package: "GRDB.swift"),
        ]),
        // Rank and score changes, rates, movers: values in, values out.
        .target(name: "ChiSoMetrics", dependencies: ["ChiSoCore"]),
        // The document model and its Markdown, HTML and SVG renderers.
        // Map geometry: Resources/maps, projected once by Tools/project_maps.py.
        .target(name: "ChiSoReport", dependencies: ["ChiSoCore", "ChiSoMetrics"], resources: [.copy("Resources/maps")]),
        // Notebook parsing and execution.
        .target(name: "ChiSoNotebook", dependencies: [
            "ChiSoCore", "ChiSoStore", "ChiSoReport",
            .product(name: "Yams", package: "Yams"), .product(name: "Ink", package: "Ink"),
        ]),
        // The use cases the CLI and notebooks share: ingest, changes, ranks, rates, reports, the site.
        .target(name: "ChiSoApp", dependencies: [
            "ChiSoCore", "ChiSoCSV", "ChiSoIngest", "ChiSoStore", "ChiSoMetrics", "ChiSoReport", "ChiSoNotebook",
        ], resources: [.copy("Resources/datasets")]),
        // The library product for users: re-exports the layers.
        .target(name: "ChiSoKit", dependencies: [
            "ChiSoCore", "ChiSoCSV", "ChiSoIngest", "ChiSoStore", "ChiSoMetrics", "ChiSoReport", "ChiSoNotebook", "ChiSoApp",
        ]),
        // Arguments → ChiSoApp → output.
        .target(name: "ChiSoCLI", dependencies: ["ChiSoApp", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        // glibc's malloc.h, for the executable's memory settings.
        .systemLibrary(name: "CMalloc"),
        .executableTarget(name: "chiso", dependencies: ["ChiSoCLI", "CMalloc"]),
        // Golden-file and fixture helpers shared by the test targets.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        // What the libFuzzer targets of Fuzz/ check on every input; FuzzCorpusReplayTests replays the corpora through it.
        .target(name: "ChiSoFuzzChecks", dependencies: ["ChiSoKit"], path: "Tests/FuzzChecks"),
        .testTarget(
            name: "ChiSoKitTests",
            dependencies: ["ChiSoKit", "ChiSoCore", "ChiSoCSV", "ChiSoIngest", "ChiSoStore", "ChiSoMetrics", "ChiSoReport", "ChiSoNotebook", "ChiSoApp", "TestSupport",
                           "ChiSoFuzzChecks", .product(name: "PropertyBased", package: "swift-property-based"), .product(name: "GRDB", package: "GRDB.swift")],
            exclude: ["Report/Snapshots"], resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "ChiSoCLITests", dependencies: ["ChiSoCLI", "ChiSoKit", "chiso", "TestSupport"], exclude: ["Snapshots"]),
    ]
)

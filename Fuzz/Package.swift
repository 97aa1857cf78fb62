// swift-tools-version: 6.1
// libFuzzer targets for ChiSo, in their own package so that `swift build` and `swift test` of the main
// package never build them. See README.md for the commands.
import Foundation
import PackageDescription

// A path dependency's identity is its folder's name ("chiso", "main", ...), whatever the clone is called.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
let chiso = root.lastPathComponent

let package = Package(
    name: "ChiSoFuzz",
    platforms: [.macOS(.v14)],
    dependencies: [.package(path: root.path)],
    targets: [.target(name: "FuzzDriver")] + ["FuzzCSVReader", "FuzzRankingIngest", "FuzzNotebookParser", "FuzzDossierIngest", "FuzzStatisticsIngest", "FuzzXLSXReader"].map { name in
        .executableTarget(name: name, dependencies: [
            "FuzzDriver", .product(name: "ChiSoKit", package: chiso), .product(name: "ChiSoFuzzChecks", package: chiso),
        ])
    }
)

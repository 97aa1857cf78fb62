// swift-tools-version: 6.1
// Measures the candidates for reading .xlsx (Benchmarks/README.md, "Reading .xlsx: what was measured"):
// ZIPFoundation's inflate, Foundation's XMLParser and XMLCoder on the sheet of the 200k-row dossier log.
// Not part of ChiSo's build: `swift run -c release xlsx-choice /tmp/dossiers-200000.xlsx` from this folder.
import PackageDescription

let package = Package(
    name: "XLSXChoice",
    dependencies: [
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
        .package(url: "https://github.com/CoreOffice/XMLCoder", exact: "0.18.2"),
    ],
    targets: [
        .executableTarget(name: "xlsx-choice", dependencies: [
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            .product(name: "XMLCoder", package: "XMLCoder"),
        ]),
    ]
)

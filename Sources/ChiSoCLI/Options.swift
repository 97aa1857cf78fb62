import ArgumentParser
import ChiSoKit
import Foundation

/// `--db`: which database a command reads or writes.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The SQLite database (default: $CHISO_DB, else ./chiso.sqlite built from the bundled datasets on first use).",
        valueName: "path"))
    var db: String?

    /// Opens the named database (created empty), or the default one (created from the bundled datasets).
    func open() throws -> ChiSoStore {
        if let path = db ?? ProcessInfo.processInfo.environment["CHISO_DB"], !path.isEmpty {
            return try ChiSoStore(path: path)
        }
        return try BundledDatabase.openOrCreate(at: BundledDatabase.defaultPath, timestamp: Ingestor.timestamp()) { message in
            Terminal.printError(message)
        }
    }
}

/// How rows are printed.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, md, csv, json
}

struct FormatOptions: ParsableArguments {
    @Option(name: .long, help: "Output format: table, md, csv or json.")
    var format: OutputFormat = .table

    @Option(name: .long, help: "Language of text output: vi or en.")
    var lang: Language = .vi
}

extension Language: ExpressibleByArgument {}

import ArgumentParser
import ChiSoKit
import Foundation

/// `--db`: which database a command reads or writes.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The SQLite database (default: $CHISO_DB, else ./chiso.sqlite built from the bundled datasets on first use).",
        valueName: "path"))
    var db: String?

    /// For commands that must write nothing (`validate`): the named or default database if it exists,
    /// else an in-memory one (empty when named, built from the bundled datasets when default), so no
    /// file is ever created.
    func openWithoutCreating() throws -> ChiSoStore {
        let named = db ?? ProcessInfo.processInfo.environment["CHISO_DB"]
        let path = (named?.isEmpty == false ? named : nil) ?? BundledDatabase.defaultPath
        if FileManager.default.fileExists(atPath: path) { return try ChiSoStore(path: path) }
        let store = try ChiSoStore(path: nil)
        if named?.isEmpty != false { _ = try BundledDatabase.load(into: store, timestamp: Ingestor.timestamp()) }
        return store
    }

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

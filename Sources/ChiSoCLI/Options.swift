import ArgumentParser
import ChiSoApp
import ChiSoCore
import ChiSoCSV
import ChiSoIngest
import ChiSoMetrics
import ChiSoNotebook
import ChiSoReport
import ChiSoStore
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

    /// Opens the named database, or the default one (created from the bundled datasets). A named
    /// database that does not exist is an error unless `creating` (ingest): a mistyped path must not
    /// leave an empty database behind and answer "no data".
    func open(creating: Bool = false) throws -> ChiSoStore {
        if let path = db ?? ProcessInfo.processInfo.environment["CHISO_DB"], !path.isEmpty {
            if !creating && !FileManager.default.fileExists(atPath: path) {
                throw CLIError(message: "error: no database at \(path) (named by \(db != nil ? "--db" : "CHISO_DB")); check the path, "
                               + "or create it by loading files: chiso ingest --db \(path) FILE.csv")
            }
            return try ChiSoStore(path: path)
        }
        return try BundledDatabase.openOrCreate(at: BundledDatabase.defaultPath, timestamp: Ingestor.timestamp()) { message in
            Terminal.printError(message)
        }
    }
}

extension StoreOptions {
    /// Runs `body` on the database opened for reading only (no migration check: a query command
    /// starts faster). The default database that must first be built, and a database too old to
    /// have the tables `body` reads (an SQLite "no such table"), are opened as usual instead,
    /// which brings their schema up to date.
    func reading<T>(_ body: (ChiSoStore) throws -> T) throws -> T {
        if let path = db ?? ProcessInfo.processInfo.environment["CHISO_DB"], !path.isEmpty, FileManager.default.fileExists(atPath: path),
           let store = try? ChiSoStore(path: path, readOnly: true) {
            do {
                return try body(store)
            } catch let StoreError.sqlite(message, _) where message.hasPrefix("no such table") {
                try store.close()
            }
        }
        return try body(try open())
    }
}

extension OutputFormat: ExpressibleByArgument {}

struct FormatOptions: ParsableArguments {
    @Option(name: .long, help: "Output format: table, md, csv or json.")
    var format: OutputFormat = .table

    @Option(name: .long, help: "Language of text output: vi or en.")
    var lang: Language = .vi
}

extension Language: ExpressibleByArgument {}

/// `--query-timeout`: the time budget of each sql block of a notebook.
struct NotebookLimitOptions: ParsableArguments {
    @Option(name: .customLong("query-timeout"), help: ArgumentHelp(
        "Seconds each sql block of a notebook may run before it is stopped and the notebook fails naming its line (default: 30).",
        valueName: "seconds"))
    var queryTimeout: Double = NotebookRunner.defaultQueryTimeout

    func validate() throws {
        guard queryTimeout > 0, queryTimeout.isFinite else {
            throw ValidationError("--query-timeout must be a positive number of seconds, e.g. --query-timeout 60")
        }
    }

    /// The limits every sql block runs with: this time budget, and at most `NotebookRunner.defaultMaxRows` rows shown.
    var limits: QueryLimits { QueryLimits(timeout: queryTimeout, maxRows: NotebookRunner.defaultMaxRows) }
}

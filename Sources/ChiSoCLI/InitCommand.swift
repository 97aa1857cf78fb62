import ArgumentParser
import ChiSoApp
import ChiSoStore
import Foundation

/// `chiso init`: a database of one's own that starts with the bundled datasets.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a database holding the bundled datasets, to load your own files on top of them.",
        discussion: """
            A database named with --db starts empty; `chiso init --db my.sqlite` instead fills it with the bundled \
            datasets (the same as ./chiso.sqlite), so that `chiso ingest --db my.sqlite FILE` adds your files to the \
            bundled history. A complete edition you load (every province of the edition, say PCI 2022 of 63) \
            supersedes a bundled partial one for that edition only: the bundled file's other editions stay. An \
            existing database is never overwritten.

            Examples:
              chiso init --db my.sqlite
              chiso ingest --db my.sqlite --index PCI --year 2022 pci-2022-full.xlsx
            """)

    @OptionGroup package var store: StoreOptions

    func run() throws {
        let path = store.db ?? ProcessInfo.processInfo.environment["CHISO_DB"].flatMap { $0.isEmpty ? nil : $0 } ?? BundledDatabase.defaultPath
        if FileManager.default.fileExists(atPath: path) {
            throw CLIError(message: "error: \(path) already exists; choose another --db, or remove it first to start again from the bundled datasets")
        }
        var created = false
        let opened = try BundledDatabase.openOrCreate(at: path, timestamp: Ingestor.timestamp()) { message in
            created = true
            Terminal.printError(message)
        }
        try opened.close()
        if !created { throw CLIError(message: "error: \(path) was created by another process meanwhile; it was left as it is") }
    }
}

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

struct SourcesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sources",
        abstract: "List the files the database was loaded from, or remove one with its rows.",
        discussion: """
            Every row in the database points to the file it came from (name, SHA-256, ingest time). Loading the same bytes again changes nothing; loading a corrected file with the same name replaces the rows the earlier version brought.

            Examples:
              chiso sources
              chiso sources --remove pci_2022_2024_partial.csv
            """)

    @Option(help: ArgumentHelp("Remove the source with this file name (as listed), or loaded from this path, and every row it brought.", valueName: "file-name"))
    var remove: String?

    @OptionGroup package var store: StoreOptions
    @OptionGroup package var output: FormatOptions

    func run() throws {
        let store = try store.open()
        if let remove {
            // The name `chiso sources` lists, or the file's path as given (q1/thong-ke.csv beside q2/thong-ke.csv).
            let path = URL(fileURLWithPath: remove).standardizedFileURL.resolvingSymlinksInPath().path
            guard let removed = try store.removeSource(fileName: remove, path: path) else {
                let names = try store.fetchSources().map(\.fileName)
                throw CLIError(message: "error: no source named \(remove) in \(store.path); sources: \(names.joined(separator: ", "))")
            }
            Terminal.printError("removed \(removed.fileName) (\(Count.of(removed.rowCount, "row")), sha256 \(removed.sha256.prefix(12)))")
            return
        }
        let sources = try store.fetchSources()
        Terminal.write(SourceRows.table(sources, output.lang, fullDigests: output.format != .table).render(output.format))
    }
}

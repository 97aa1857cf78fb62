import ChiSoCore
import ChiSoNotebook
import ChiSoReport
import ChiSoStore

/// A notebook's `chiso changes` and `chiso ranks` blocks, run with the use cases of the commands of
/// the same name: a `changes` block shows the sentences `chiso changes` prints, a `ranks` block the
/// rows of `chiso ranks --format md`.
public struct StoreNotebookCommands: NotebookCommands {
    public var store: ChiSoStore
    public var registry: ProvinceRegistry

    public init(store: ChiSoStore, registry: ProvinceRegistry = .standard) { self.store = store; self.registry = registry }

    public func run(_ name: String, settings: [String: String], language: Language) throws -> NotebookCommandOutput {
        func setting(_ key: String) throws -> String {
            guard let value = settings[key] else { throw NotebookCommandError("needs \(key): (in the block, or a notebook parameter \(key))") }
            return value
        }
        func year() throws -> Int {
            let text = try setting("year")
            guard let y = Int(text) else { throw NotebookCommandError("year \"\(text)\" is not a year") }
            return y
        }
        let indexes = settings["index"].map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).uppercased() } }
        do {
            switch name {
            case "changes":
                let result = try ProvinceChanges.make(store: store, query: try setting("province"), year: try year(), indexes: indexes, registry: registry)
                guard !result.changes.isEmpty else {
                    throw NotebookCommandError("no \(result.missingIndexes.joined(separator: ", ")) \(result.year) figures for \(result.province.name)")
                }
                let sentences = result.changes.map { RankSentence.make($0, language: language, registry: registry) }
                let notes = result.changes.flatMap { c in c.caveats.map { RankSentence.caveat(for: $0, c, language, registry) } }
                return NotebookCommandOutput(blocks: [.list(sentences.map { [.text($0)] })], notes: notes)
            default:  // ranks
                guard let index = indexes?.first else { throw NotebookCommandError("needs index: (PCI, PAPI, DTI, …)") }
                var subregion: Subregion?
                if let sub = settings["subregion"] {
                    guard let s = Subregion(rawValue: sub) else {
                        throw NotebookCommandError("subregion \"\(sub)\" is not one of \(Subregion.allCases.map(\.rawValue).joined(separator: ", "))")
                    }
                    subregion = s
                }
                let y = try year()
                let ranks = try EditionRanks.make(store: store, index: index, year: y, subregion: subregion,
                                                  limit: settings["limit"].flatMap(Int.init), registry: registry)
                let rows = RankChangeRows.table(ranks.changes, language, registry)
                return NotebookCommandOutput(blocks: [.table(rows.reportTable(caption: "\(ranks.index) \(ranks.year)"))],
                                             notes: rows.footnotes + (ranks.completenessNote(language).map { [$0] } ?? []))
            }
        } catch let error as ProvinceLookupError {
            throw NotebookCommandError(error.message)
        } catch let error as EditionRanks.Failure {
            throw NotebookCommandError(error.description)
        }
    }
}

extension NotebookRunner {
    /// A runner whose `chiso` blocks call the same use cases as the commands.
    public init(store: ChiSoStore, registry: ProvinceRegistry = .standard) {
        self.init(store: store, registry: registry, commands: StoreNotebookCommands(store: store, registry: registry))
    }
}

extension OutputTable {
    /// The rows as a report table: the columns the human formats show, numbers aligned right.
    public func reportTable(caption: String) -> ReportTable {
        let columns = humanColumns ?? Array(headers.indices)
        return ReportTable(
            caption: caption,
            columns: columns.map { i in ReportTable.Column(headers[i], alignment: rows.contains { $0[i].isNumeric } ? .trailing : .leading) },
            rows: rows.map { row in columns.map { ReportTable.Cell(row[$0].display) } },
            firstColumnIsRowHeader: false)
    }
}

import ChiSoCore
import ChiSoMetrics
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
            case "service-index":
                return try serviceIndex(settings, language)
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

extension StoreNotebookCommands {
    /// A `chiso service-index` block: province, year, optional quarter or month, by (year, quarter,
    /// month, unit, level), limit (rows shown); the rows `chiso service-index` prints as a table,
    /// and what cannot be computed as notes.
    private func serviceIndex(_ settings: [String: String], _ language: Language) throws -> NotebookCommandOutput {
        guard let province = settings["province"] else { throw NotebookCommandError("needs province: (in the block, or a notebook parameter province)") }
        guard let yearText = settings["year"], let year = Int(yearText) else { throw NotebookCommandError("needs year: (a year)") }
        var within: CalendarPeriod?
        if let q = settings["quarter"] {
            guard let n = Int(q), (1...4).contains(n) else { throw NotebookCommandError("quarter \"\(q)\" is not 1 to 4") }
            within = .quarter(n, of: year)
        }
        if let m = settings["month"] {
            guard let n = Int(m), (1...12).contains(n) else { throw NotebookCommandError("month \"\(m)\" is not 1 to 12") }
            within = .month(n, of: year)
        }
        let by = settings["by"] ?? "unit"
        guard let grouping = ServiceIndexGrouping(rawValue: by) else {
            throw NotebookCommandError("by \"\(by)\" is not one of \(ServiceIndexGrouping.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        do {
            var answer = try ServiceIndexQuery.answer(ServiceIndexRequest(province: province, year: year, grouping: grouping, within: within),
                                                      store: store, registry: registry)
            if let limit = settings["limit"].flatMap(Int.init) { answer.rows = Array(answer.rows.prefix(limit)) }
            let table = answer.humanTable(language)
            let caption = (language == .vi ? "Bộ chỉ số 766, \(answer.province.name), " : "Decision 766 index, \(answer.province.name), ")
                + (within?.description ?? String(year))
            return NotebookCommandOutput(blocks: [.table(table.reportTable(caption: caption))], notes: table.footnotes)
        } catch let error as UseCaseError {
            throw NotebookCommandError(error.message.hasPrefix("error: ") ? String(error.message.dropFirst(7)) : error.message)
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

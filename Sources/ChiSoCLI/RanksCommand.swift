import ArgumentParser
import ChiSoKit

struct RanksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ranks",
        abstract: "The leaderboard of one edition, with each province's change.",
        discussion: """
            Ranks are as published; where an edition published none (PAPI) or only some (PCI 2020-2021), they are computed from the scores (1, 2, 2, 4 for ties) and marked in the rank_computed column.

            Examples:
              chiso ranks --index PCI --year 2021
              chiso ranks --index DTI --year 2022 --region central-highlands --format json
              chiso ranks --index PAPI --year 2021 --subregion south-central-coast
            """)

    @Option(help: "Index code: PCI, PAPI, DTI, or any code you ingested.")
    var index: String

    @Option(help: "The edition (year). Without it, the editions in the store are listed.")
    var year: Int?

    @Option(help: ArgumentHelp("Only provinces of this region: \(Region.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "region"))
    var region: Region?

    @Option(help: ArgumentHelp("Only provinces of this traditional sub-region: \(Subregion.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "subregion"))
    var subregion: Subregion?

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: FormatOptions

    func run() throws {
        let store = try store.open()
        let code = index.uppercased()
        let editions = try store.fetchEditions(index: code)
        guard !editions.isEmpty else {
            let known = try store.fetchIndexes()
            throw CLIError(message: "error: no \(code) editions in \(store.path); indexes there: \(known.isEmpty ? "none (run `chiso ingest`)" : known.joined(separator: ", "))")
        }
        guard let year else {
            Terminal.write(EditionRows.table(editions, output.lang).render(output.format))
            return
        }
        guard editions.contains(where: { $0.year == year }) else {
            throw CLIError(message: "error: no \(code) \(year) in \(store.path); editions there: \(editions.map { String($0.year) }.joined(separator: ", "))")
        }
        let registry = ProvinceRegistry.standard
        let calculator = RankChangeCalculator(index: code, entries: try store.fetchEntries(index: code), editions: editions, registry: registry)
        var changes = calculator.changes(year: year)
        if let region { changes = changes.filter { registry.province(id: $0.provinceID)?.region == region } }
        if let subregion { changes = changes.filter { registry.province(id: $0.provinceID)?.subregion == subregion } }
        Terminal.write(RankChangeRows.table(changes, output.lang, registry).render(output.format))
        if output.format == .table || output.format == .md, let edition = calculator.edition(year), edition.present < edition.of || !edition.scoresComplete && edition.ranksPublished < edition.present {
            Terminal.printError(output.lang == .vi
                ? "Lưu ý: kho dữ liệu có \(edition.present)/\(edition.of) tỉnh của \(code) \(year) (\(edition.scored) có điểm, \(edition.ranksPublished) có thứ hạng công bố)."
                : "Note: the store holds \(edition.present) of the \(edition.of) provinces of \(code) \(year) (\(edition.scored) with a score, \(edition.ranksPublished) with a published rank).")
        }
    }
}

extension Region: ExpressibleByArgument {}
extension Subregion: ExpressibleByArgument {}

/// Edition summaries as output rows.
enum EditionRows {
    static func table(_ editions: [EditionSummary], _ language: Language) -> OutputTable {
        OutputTable(
            keys: ["index", "year", "of", "provinces_present", "provinces_scored", "ranks_published"],
            headers: language == .vi ? ["Chỉ số", "Năm", "Số tỉnh xếp hạng", "Có trong kho", "Có điểm", "Có thứ hạng công bố"]
                : ["Index", "Year", "Ranked", "In store", "Scored", "Ranks published"],
            rows: editions.map { [.text($0.index), .int($0.year), .int($0.of), .int($0.present), .int($0.scored), .int($0.ranksPublished)] })
    }
}

import ArgumentParser
import ChiSoApp
import ChiSoCore
import ChiSoCSV
import ChiSoIngest
import ChiSoMetrics
import ChiSoNotebook
import ChiSoReport
import ChiSoStore

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

    @OptionGroup package var store: StoreOptions
    @OptionGroup package var output: FormatOptions

    func run() throws {
        let store = try store.open()
        do { try show(store) } catch let failure as EditionRanks.Failure { throw CLIError(message: "error: " + failure.message(in: store.path)) }
    }

    private func show(_ store: ChiSoStore) throws {
        let editions = try EditionRanks.editions(store: store, index: index)
        guard let year else {
            Terminal.write(EditionRows.table(editions, output.lang).render(output.format))
            return
        }
        let ranks = try EditionRanks.make(store: store, index: index, year: year, region: region, subregion: subregion)
        Terminal.write(RankChangeRows.table(ranks.changes, output.lang, .standard).render(output.format))
        if output.format == .table || output.format == .md, let note = ranks.completenessNote(output.lang) {
            Terminal.printError(note)
        }
    }
}

extension Region: ExpressibleByArgument {}
extension Subregion: ExpressibleByArgument {}

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
            Ranks are as published; where an edition published none (PAPI) or only some (PCI 2020-2021), they are computed from the scores (1, 2, 2, 4 for ties) and marked in the rank_computed column. Without --year, the latest edition of each index is shown; --editions lists the editions instead. Regions take their key or their Vietnamese or English name.

            Examples:
              chiso ranks --index PCI --year 2021
              chiso ranks --index PCI,PAPI,DTI --region "Tây Nguyên"
              chiso ranks --index DTI --year 2022 --region central-highlands --format json
              chiso ranks --index PAPI --year 2021 --subregion "Duyên hải Nam Trung Bộ"
              chiso ranks --index DTI-34 --year 2024
              chiso ranks --index DTI --editions
            """)

    @Option(help: ArgumentHelp("Index codes, comma-separated: PCI, PAPI, DTI, DTI-34, or any code you ingested.", valueName: "codes"))
    var index: String

    @Option(help: "The edition (year). Without it, the latest edition of each index.")
    var year: Int?

    @Flag(help: "List the editions in the store and how complete each is, instead of a leaderboard.")
    var editions = false

    @Option(help: ArgumentHelp("Only provinces of this region: \(Region.allCases.map(\.rawValue).joined(separator: ", ")), or its Vietnamese name.", valueName: "region"))
    var region: Region?

    @Option(help: ArgumentHelp("Only provinces of this traditional sub-region: \(Subregion.allCases.map(\.rawValue).joined(separator: ", ")), or its Vietnamese name.", valueName: "subregion"))
    var subregion: Subregion?

    @OptionGroup package var store: StoreOptions
    @OptionGroup package var output: FormatOptions

    func run() throws {
        let store = try store.open()
        do { try show(store) } catch let failure as EditionRanks.Failure { throw CLIError(message: "error: " + failure.message(in: store.path)) }
    }

    private func show(_ store: ChiSoStore) throws {
        let codes = index.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if editions {
            let all = try codes.flatMap { try EditionRanks.editions(store: store, index: $0) }
            Terminal.write(EditionRows.table(all, output.lang).render(output.format))
            return
        }
        var changes: [RankChange] = []
        var notes: [String] = []
        for code in codes {
            // Without --year: the latest edition the store has of this index.
            let shownYear = try year ?? EditionRanks.editions(store: store, index: code).map(\.year).max()!
            let ranks = try EditionRanks.make(store: store, index: code, year: shownYear, region: region, subregion: subregion)
            changes += ranks.changes
            if let note = ranks.completenessNote(output.lang) { notes.append(note) }
        }
        Terminal.write(RankChangeRows.table(changes, output.lang, .standard).render(output.format))
        if output.format == .table || output.format == .md {
            for note in notes { Terminal.printError(note) }
        }
    }
}

extension Region: ExpressibleByArgument {
    public init?(argument: String) { self.init(named: argument) }
}

extension Subregion: ExpressibleByArgument {
    public init?(argument: String) { self.init(named: argument) }
}

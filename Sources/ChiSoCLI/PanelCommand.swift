import ArgumentParser
import ChiSoApp
import ChiSoCore

struct PanelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "panel",
        abstract: "The province-year panel for researchers: every index's score, rank, change and caveat codes.",
        discussion: """
            One row per province and year, each province by its stable id (54 Phú Yên until 2025-06-30, HT Hà Tây, 2025-66 the Đắk Lắk of 2025) with province_code, province and year, then per index (lower case) score, rank, of, rank_computed, previous_year, change, score_change and caveats (stable codes: rank_computed, partial_edition, field_size_changed, reorganisation_2025, method_change). Scores are as published; no score change is given across a methodology break. DTI-34 (DTI 2024 on the 34 units of 2025) fills the dti_ columns of the 2025 units.

            Examples:
              chiso panel --format csv > panel.csv
              chiso panel --index PCI,PAPI --from 2011 --to 2021 --format csv
              chiso panel --index PAPI --components --long --format json
            """)

    @Option(help: ArgumentHelp("Index codes, comma-separated (default: all in the store).", valueName: "codes"))
    var index: String?

    @Option(help: "The first year kept.")
    var from: Int?

    @Option(help: "The last year kept.")
    var to: Int?

    @Flag(help: "Add the sub-index, dimension and pillar columns.")
    var components = false

    @Flag(help: "One row per province, year and index instead of one per province and year.")
    var long = false

    @OptionGroup package var store: StoreOptions

    @Option(name: .long, help: "Output format: csv or json (table and md also work, but the panel is wide).")
    var format: OutputFormat = .csv

    func run() throws {
        let panel = try store.reading { store in
            try ResearchPanel.make(store: store, indexes: index.map { $0.split(separator: ",").map(String.init) },
                                   from: from, to: to, components: components)
        }
        Terminal.write((long ? panel.longTable() : panel.wideTable()).render(format))
    }
}

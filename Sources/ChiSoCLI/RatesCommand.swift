import ArgumentParser
import ChiSoApp
import ChiSoCore
import ChiSoCSV
import ChiSoIngest
import ChiSoMetrics
import ChiSoNotebook
import ChiSoReport
import ChiSoStore

struct RatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rates",
        abstract: "Online-submission and on-time rates of administrative procedures, with their change.",
        discussion: """
            Reads what `chiso ingest` loaded from dossier logs and aggregated statistics.

              online rate   = received online / received
              on-time rate  = resolved on time / resolved
                              (on time: resolved on or before the due date)
              full-online   = received fully online (toàn trình) / received online

            A dossier counts as received in the month of received_at and as resolved in the month of resolved_at. A rate whose denominator is 0, or whose counts the source does not state, is n/a. The change is in percentage points against the previous period (month, quarter, year); for --by unit, level, procedure, field and province, against the same group a year earlier. Periods are written 2023, 2023-Q1, 2023-03.

            Examples:
              chiso rates --province "Kon Tum" --year 2023
              chiso rates --province "Kon Tum" --year 2023 --by level
              chiso rates --province 19 --year 2023 --format json
              chiso rates --year 2023 --by province --format csv
            """)

    @Option(help: "Province name or GSO code (any spelling: \"Phu Yen\", \"54\"). Not needed with --by province.")
    var province: String?

    @Option(help: "The year.")
    var year: Int

    @Option(help: ArgumentHelp("Rows per year (default), quarter, month, province, unit, level, procedure or field.", valueName: "grouping"))
    var by: RateGrouping = .year

    @OptionGroup package var store: StoreOptions
    @OptionGroup package var output: FormatOptions

    func validate() throws {
        if province == nil && by != .province { throw ValidationError("--province is needed (or --by province for every province)") }
        if !(1...9999).contains(year) { throw ValidationError("--year \(year) is not a year") }
    }

    func run() throws {
        try store.reading(answer)
    }

    private func answer(_ store: ChiSoStore) throws {
        let rates = try ProvinceRates.make(store: store, province: province, year: year, by: by)
        Terminal.write(RateRows.table(rates.report.rates, by, output.lang, .standard).render(output.format))
        if let note = rates.coarserPeriodsNote(output.lang) { Terminal.printError(note) }
    }
}

extension RateGrouping: ExpressibleByArgument {}

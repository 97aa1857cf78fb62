import ArgumentParser
import ChiSoApp
import ChiSoCore
import ChiSoMetrics
import ChiSoStore

struct ServiceIndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "service-index",
        abstract: "The Decision 766 service index (Bộ chỉ số 766) that a province's dossier logs determine, per period, unit or level.",
        discussion: """
            Reads the cohorts `chiso ingest` counted from dossier logs (one row a dossier). Every indicator shows points, max_points, numerator, denominator, rate and a versioned formula id; an indicator the loaded data cannot determine is not computable (its points unknown, never 0) and names what it needs. Totals read "x of the y points ChiSo can compute".

              handling on time = 20 × on time / received, where on time counts the
                dossiers received in the period that were resolved on or before their
                due date, or were still in progress within it, on the period's last day

            Optional yes/no log columns add indicators: synced, result_electronic, digitized, reused_data, citizen_data, fee_required + paid_online, satisfied, full_online_eligible. A procedure catalogue (chiso ingest --kind catalogue) loaded before a log gives its rows full_online_eligible and fee_required. Formulas follow the edition in force on the period's last day (qd766-2022, qd766-2025).

            For a period without a dossier log, aggregated statistics files with the matching counts (synced, result_electronic, digitized, reused_data, citizen_data, satisfied + rated, fee_required + paid_online) give the indicators that are ratios of counts; handling on time stays not computable from them (statistics count resolutions in the period, not the status of the dossiers received in it). Where a log counts the period, the log is used alone and the statistics are named as not added (JSON: input, statistics_set_aside).

            Examples:
              chiso service-index --province "Phú Thọ" --year 2026
              chiso service-index --province 54 --year 2023 --by quarter --format json
              chiso service-index --province 54 --year 2023 --quarter 3 --by unit
            """)

    @Option(help: "Province name or GSO code (any spelling: \"Phu Yen\", \"54\").")
    var province: String

    @Option(help: "The year.")
    var year: Int

    @Option(help: ArgumentHelp("Rows per year (default), quarter, month, unit or level (units ranked by points lost).", valueName: "grouping"))
    var by: ServiceIndexGrouping = .year

    @Option(help: "Only this quarter (1-4) of the year.")
    var quarter: Int?

    @Option(help: "Only this month (1-12) of the year.")
    var month: Int?

    @OptionGroup package var store: StoreOptions
    @OptionGroup package var output: FormatOptions

    func validate() throws {
        if !(1...9999).contains(year) { throw ValidationError("--year \(year) is not a year") }
        if let quarter, !(1...4).contains(quarter) { throw ValidationError("--quarter \(quarter) is not 1 to 4") }
        if let month, !(1...12).contains(month) { throw ValidationError("--month \(month) is not 1 to 12") }
        if quarter != nil && month != nil { throw ValidationError("give --quarter or --month, not both") }
        if by == .quarter && month != nil { throw ValidationError("--by quarter cannot be narrowed to a month") }
    }

    func run() throws {
        let within: CalendarPeriod? = quarter.map { .quarter($0, of: year) } ?? month.map { .month($0, of: year) }
        let request = ServiceIndexRequest(province: province, year: year, grouping: by, within: within)
        let answer = try store.reading { try ServiceIndexQuery.answer(request, store: $0) }
        Terminal.write(answer.render(output.format, output.lang))
    }
}

extension ServiceIndexGrouping: ExpressibleByArgument {}

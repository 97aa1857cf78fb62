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
              on-time rate  = resolved on time / resolved (on time: resolved on or before the due date)
              full-online   = received fully online (toàn trình) / received online
            A dossier counts as received in the month of received_at and as resolved in the month of
            resolved_at. A rate whose denominator is 0, or whose counts the source does not state, is n/a.
            The change is in percentage points against the previous period (month, quarter, year);
            for --by unit, level, procedure, field and province, against the same group a year earlier.
            Periods are written 2023, 2023-Q1, 2023-03.

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
        let registry = ProvinceRegistry.standard
        var provinceID: String?
        var rollups: [DossierRollup] = []
        let years = (year - 1)...year
        if let province {
            // A name can denote a pre-2025 province and a post-2025 unit: take the one with figures.
            let candidates = try registry.candidates(province, fallbackDay: Day(year: year, month: 1, day: 1))
            for candidate in candidates {
                let rows = try store.fetchRollups(grain: by.grain, provinceID: candidate.id, years: years)
                if rows.contains(where: { $0.period.year == year }) { provinceID = candidate.id; rollups = rows; break }
            }
            guard let found = provinceID else {
                let shown = (try? registry.resolve(province, on: Day(year: year, month: 7, day: 1))) ?? candidates[0]
                let known = try store.fetchRollupYears(provinceID: shown.id)
                throw CLIError(message: "error: no dossier statistics for \(shown.name) in \(year) in \(store.path); "
                    + (known.isEmpty ? "load a dossier log or statistics file with `chiso ingest`" : "years there: \(known.map(String.init).joined(separator: ", "))"))
            }
            provinceID = found
        } else {
            rollups = try store.fetchRollups(grain: by.grain, provinceID: nil, years: years)
        }
        let report = ProcedureRateCalculator(rollups: rollups).rates(year: year, by: by, provinceID: provinceID)
        if report.rates.isEmpty && report.coarserPeriods.isEmpty {
            throw CLIError(message: "error: no dossier statistics for \(year) in \(store.path); load some with `chiso ingest`")
        }
        Terminal.write(RateRows.table(report.rates, by, output.lang, registry).render(output.format))
        if !report.coarserPeriods.isEmpty {
            let periods = report.coarserPeriods.map(\.description).joined(separator: ", ")
            Terminal.printError(output.lang == .vi
                ? "Lưu ý: số liệu \(periods) chỉ có cho cả kỳ, không chia được theo \(by == .month ? "tháng" : "quý"); chúng được tính trong số liệu cả năm (--by year)."
                : "Note: the figures for \(periods) are given for the whole period only and cannot be split by \(by.rawValue); they count in the year (--by year).")
        }
    }
}

extension RateGrouping: ExpressibleByArgument {}

/// Rates as output rows, with the keys JSON users rely on.
enum RateRows {
    static func table(_ rates: [ProcedureRates], _ grouping: RateGrouping, _ language: Language, _ registry: ProvinceRegistry) -> OutputTable {
        let vi = language == .vi
        var keys = ["period", "province_code", "province"]
        var headers = vi ? ["Kỳ", "Mã tỉnh", "Tỉnh/Thành phố"] : ["Period", "Code", "Province"]
        var human = [0]
        if grouping == .province { human += [2] }
        switch grouping {
        case .unit:
            keys += ["unit_code", "unit_name", "level"]; headers += vi ? ["Mã đơn vị", "Đơn vị", "Cấp"] : ["Unit code", "Unit", "Level"]
            human += [3, 4, 5]
        case .level:
            keys += ["level"]; headers += vi ? ["Cấp"] : ["Level"]; human += [3]
        case .procedure:
            keys += ["procedure_code", "field"]; headers += vi ? ["Mã thủ tục", "Lĩnh vực"] : ["Procedure", "Field"]; human += [3, 4]
        case .field:
            keys += ["field"]; headers += vi ? ["Lĩnh vực"] : ["Field"]; human += [3]
        default: break
        }
        let first = keys.count
        keys += ["received_total", "received_online", "online_rate", "online_rate_change_pp", "received_full_online", "full_online_share",
                 "received_direct", "received_postal", "resolved_total", "resolved_on_time", "resolved_late", "on_time_rate",
                 "on_time_rate_change_pp", "pending", "first_day", "last_day"]
        headers += vi
            ? ["Tiếp nhận", "Trực tuyến", "Tỷ lệ trực tuyến", "Thay đổi", "Toàn trình", "Tỷ lệ toàn trình", "Trực tiếp", "Bưu chính",
               "Đã giải quyết", "Đúng hạn", "Trễ hạn", "Tỷ lệ đúng hạn", "Thay đổi", "Đang giải quyết", "Từ ngày", "Đến ngày"]
            : ["Received", "Online", "Online rate", "Change", "Full online", "Full-online share", "Direct", "Postal",
               "Resolved", "On time", "Late", "On-time rate", "Change", "Pending", "From", "To"]
        human += [first, first + 1, first + 2, first + 3, first + 8, first + 9, first + 11, first + 12]

        func count(_ n: Int?) -> OutputValue { n.map { .number(Double($0), display: NumberFormat.integer($0, language)) } ?? .null }
        func rate(_ r: some Proportion) -> OutputValue {
            r.value.map { .number($0, display: NumberFormat.percent(ratio: $0, places: 2, language)) } ?? .absent(display: "n/a")
        }
        func change(_ c: PercentagePoints?) -> OutputValue {
            c.map { .number($0.value, display: NumberFormat.signed($0.value, places: 2, language) + (vi ? " điểm phần trăm" : " pp")) } ?? .null
        }
        // Rows whose figures cover less (or other days) than their period: (label, days).
        var coverage: [(label: String, period: String, first: Day, last: Day)] = []
        let rows: [[OutputValue]] = rates.map { r in
            let p = r.group.provinceID.flatMap { registry.province(id: $0) }
            var row: [OutputValue] = [.text(r.period.description), p?.code.map(OutputValue.text) ?? .null, .text(p?.name ?? r.group.provinceID ?? "")]
            let notStated: OutputValue = .absent(display: vi ? "(không ghi)" : "(not stated)")
            func level(_ l: AdministrativeLevel?) -> OutputValue {
                l.map { .code($0.rawValue, display: vi ? $0.vietnameseName : $0.rawValue) } ?? notStated
            }
            switch grouping {
            case .unit: row += [r.group.unitCode.map(OutputValue.text) ?? notStated, r.group.unitName.map(OutputValue.text) ?? notStated, level(r.group.level)]
            case .level: row += [level(r.group.level)]
            case .procedure: row += [r.group.procedureCode.map(OutputValue.text) ?? notStated, r.group.field.map(OutputValue.text) ?? notStated]
            case .field: row += [r.group.field.map(OutputValue.text) ?? notStated]
            default: break
            }
            let c = r.counts
            row += [count(c.receivedTotal), count(c.receivedOnline), rate(r.onlineRate), change(r.onlineRateChange),
                    count(c.receivedFullOnline), rate(r.fullOnlineShare), count(c.receivedDirect), count(c.receivedPostal),
                    count(c.resolvedTotal), count(c.resolvedOnTime), count(c.resolvedLate), rate(r.onTimeRate), change(r.onTimeRateChange),
                    count(c.pending), .text(r.firstDay.description), .text(r.lastDay.description)]
            // Only real windows and part-period figures get a note, not groups that are merely sparse.
            if r.coversPartOfPeriod {
                // Name the group when rows are not one per period.
                var label = r.period.description
                switch grouping {
                case .province: label = "\(p?.name ?? "") \(label)"
                case .unit: label = "\(r.group.unitName ?? r.group.unitCode ?? notStated.display) \(label)"
                case .level: label = "\(level(r.group.level).display) \(label)"
                case .procedure: label = "\(r.group.procedureCode ?? notStated.display) \(label)"
                case .field: label = "\(r.group.field ?? notStated.display) \(label)"
                default: break
                }
                coverage.append((label, r.period.description, r.firstDay, r.lastDay))
            }
            return row
        }
        // One note per period when every group of it covers the same days.
        var notes: [String] = []
        func note(_ label: String, _ first: Day, _ last: Day) -> String {
            vi ? "\(label): số liệu từ \(first) đến \(last)" : "\(label): figures cover \(first) to \(last)"
        }
        var periods: [String] = []
        for c in coverage where !periods.contains(c.period) { periods.append(c.period) }
        for period in periods {
            let entries = coverage.filter { $0.period == period }
            let groups = rates.filter { $0.period.description == period }.count
            if entries.count == groups && Set(entries.map { "\($0.first)..\($0.last)" }).count == 1 {
                notes.append(note(period, entries[0].first, entries[0].last))
            } else {
                notes += entries.map { note($0.label, $0.first, $0.last) }
            }
        }
        return OutputTable(keys: keys, headers: headers, rows: rows, humanColumns: human, footnotes: notes)
    }
}

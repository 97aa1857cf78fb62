import ChiSoCore
import ChiSoMetrics
import ChiSoStore

/// Online-submission and on-time rates of a province (or of every province) in one year, with their
/// change: what `chiso rates` prints.
public struct ProvinceRates: Sendable, Equatable {
    /// The province the rates are about (nil with `--by province`).
    public var provinceID: String?
    public var year: Int
    public var grouping: RateGrouping
    public var report: ProcedureRateReport

    /// Reads the rollups of `year` and the year before and computes the rates. `province` is a name or
    /// code in any spelling; nil means every province (`grouping` must be `.province`).
    public static func make(store: ChiSoStore, province: String?, year: Int, by grouping: RateGrouping,
                            registry: ProvinceRegistry = .standard) throws -> ProvinceRates {
        var provinceID: String?
        var rollups: [DossierRollup] = []
        let years = (year - 1)...year
        if let province {
            // A name can denote a pre-2025 province and a post-2025 unit: take the one with figures.
            let candidates = try registry.candidates(province, fallbackDay: Day(year: year, month: 1, day: 1))
            for candidate in candidates {
                let rows = try store.fetchRollups(grain: grouping.grain, provinceID: candidate.id, years: years)
                if rows.contains(where: { $0.period.year == year }) { provinceID = candidate.id; rollups = rows; break }
            }
            if provinceID == nil {
                let shown = (try? registry.resolve(province, on: Day(year: year, month: 7, day: 1))) ?? candidates[0]
                let known = try store.fetchRollupYears(provinceID: shown.id)
                throw UseCaseError("error: no dossier statistics for \(shown.name) in \(year) in \(store.path); "
                    + (known.isEmpty ? "load a dossier log or statistics file with `chiso ingest`" : "years there: \(known.map(String.init).joined(separator: ", "))"))
            }
        } else {
            rollups = try store.fetchRollups(grain: grouping.grain, provinceID: nil, years: years)
        }
        let report = ProcedureRateCalculator(rollups: rollups).rates(year: year, by: grouping, provinceID: provinceID)
        if report.rates.isEmpty && report.coarserPeriods.isEmpty {
            throw UseCaseError("error: no dossier statistics for \(year) in \(store.path); load some with `chiso ingest`")
        }
        return ProvinceRates(provinceID: provinceID, year: year, grouping: grouping, report: report)
    }

    /// Periods whose figures exist only for the whole period (a quarter's report asked by month):
    /// said once under the table.
    public func coarserPeriodsNote(_ language: Language) -> String? {
        guard !report.coarserPeriods.isEmpty else { return nil }
        let periods = report.coarserPeriods.map(\.description).joined(separator: ", ")
        return language == .vi
            ? "Lưu ý: số liệu \(periods) chỉ có cho cả kỳ, không chia được theo \(grouping == .month ? "tháng" : "quý"); chúng được tính trong số liệu cả năm (--by year)."
            : "Note: the figures for \(periods) are given for the whole period only and cannot be split by \(grouping.rawValue); they count in the year (--by year)."
    }
}

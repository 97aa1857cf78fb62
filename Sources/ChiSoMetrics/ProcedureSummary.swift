import ChiSoCore

/// A province's administrative-procedure figures as the report's procedures section shows them:
/// the online-submission and on-time rates per reporting period, and the best and worst units.
///
/// The report leaves the section out when it gets no `ProcedureSummary` (or one without periods and
/// units); whoever computes the rates from dossier statistics fills this in.
public struct ProcedureSummary: Sendable, Equatable {
    /// One reporting period (a quarter, nine months, a year).
    public struct Period: Sendable, Equatable {
        /// The period as the source names it ("Q1/2023", "9 tháng 2022"); printed as is.
        public var label: String
        /// Share of dossiers received online, 0...1.
        public var onlineRate: Double?
        /// Share of dossiers resolved on time or early, 0...1.
        public var onTimeRate: Double?
        /// Dossiers received in the period.
        public var dossiers: Int?
        /// True when the source gives the rates only approximately ("gần 98%").
        public var approximate: Bool
        /// The days the figures cover when they are not the whole period (a reporting window such as
        /// Kon Tum's 2022-12-15..2023-03-14 counted as 2023-Q1, or a part-year file); `nil` when whole.
        public var covers: ClosedRange<Day>?

        public init(label: String, onlineRate: Double? = nil, onTimeRate: Double? = nil, dossiers: Int? = nil, approximate: Bool = false,
                    covers: ClosedRange<Day>? = nil) {
            self.label = label; self.onlineRate = onlineRate; self.onTimeRate = onTimeRate
            self.dossiers = dossiers; self.approximate = approximate; self.covers = covers
        }
    }

    /// A department, district or commune with its rates in the latest period.
    public struct Unit: Sendable, Equatable {
        public var name: String
        public var onlineRate: Double?
        public var onTimeRate: Double?

        public init(name: String, onlineRate: Double? = nil, onTimeRate: Double? = nil) {
            self.name = name; self.onlineRate = onlineRate; self.onTimeRate = onTimeRate
        }
    }

    /// Which rate orders `best` and `worst`.
    public enum Measure: String, Sendable, Equatable {
        case online, onTime
    }

    public var provinceID: String
    /// Oldest first.
    public var periods: [Period]
    /// Best first.
    public var best: [Unit]
    /// Worst first.
    public var worst: [Unit]
    public var rankedBy: Measure
    /// Names of the ingested files the figures come from (they must be among the store's sources to
    /// appear in the footer).
    public var sourceFiles: [String]

    /// The report's year as a whole, and the year before: the figure a yearly report leads with.
    /// When set, `periods` holds only the parts of the year (quarters), never a year beside them.
    public var year: Period?
    public var previousYear: Period?

    public init(provinceID: String, periods: [Period], best: [Unit] = [], worst: [Unit] = [], rankedBy: Measure = .onTime, sourceFiles: [String] = [],
                year: Period? = nil, previousYear: Period? = nil) {
        self.provinceID = provinceID; self.periods = periods; self.best = best; self.worst = worst
        self.rankedBy = rankedBy; self.sourceFiles = sourceFiles; self.year = year; self.previousYear = previousYear
    }

    /// True when there is something to show.
    public var isEmpty: Bool { year == nil && periods.isEmpty && best.isEmpty && worst.isEmpty }

    /// The change of a rate from the year before to the year (as a ratio difference), when both have it.
    public func yearChange(_ measure: Measure) -> Double? {
        guard let year, let previousYear, let now = rate(measure, of: year), let before = rate(measure, of: previousYear) else { return nil }
        return now - before
    }

    /// The change of a rate between the last two periods that both have it (as a ratio difference).
    public func trend(_ measure: Measure) -> (from: Period, to: Period, change: Double)? {
        let with = periods.filter { rate(measure, of: $0) != nil }
        guard with.count >= 2 else { return nil }
        let a = with[with.count - 2], b = with[with.count - 1]
        return (a, b, rate(measure, of: b)! - rate(measure, of: a)!)
    }

    /// The period's rate for `measure`.
    public func rate(_ measure: Measure, of period: Period) -> Double? {
        measure == .online ? period.onlineRate : period.onTimeRate
    }
}

extension ProcedureSummary {
    /// The report's summary from the store's rollups: the province's rates per quarter of `year` (or the
    /// year as a whole when the figures are not split), preceded by the year before when known, and the
    /// units with the best and worst on-time rate in `year` (units that resolved at least `minimumResolved`).
    /// `nil` when the province has no dossier figures for `year`.
    public static func make(provinceID: String, year: Int, provinceRollups: [DossierRollup], unitRollups: [DossierRollup],
                            units: Int = 3, minimumResolved: Int = 20) -> ProcedureSummary? {
        let calculator = ProcedureRateCalculator(rollups: provinceRollups)
        func period(_ r: ProcedureRates) -> Period {
            // A window or part of the period is never presented as the whole period.
            let whole = !r.coversPartOfPeriod
            return Period(label: r.period.description, onlineRate: r.onlineRate.value, onTimeRate: r.onTimeRate.value,
                          dossiers: r.counts.receivedTotal, covers: whole ? nil : r.firstDay...r.lastDay)
        }
        // The year leads; its quarters follow apart (a year and its quarters never share an axis).
        let quarters = calculator.rates(year: year, by: .quarter, provinceID: provinceID).rates
        let whole = calculator.rates(year: year, by: .year, provinceID: provinceID).rates
        guard let current = whole.last else { return nil }
        let before = calculator.rates(year: year - 1, by: .year, provinceID: provinceID).rates
        let ranked = ProcedureRateCalculator(rollups: unitRollups).rates(year: year, by: .unit, provinceID: provinceID).rates
            .filter { ($0.counts.resolvedTotal ?? 0) >= minimumResolved && $0.onTimeRate.value != nil && $0.group.unitName != nil }
            .sorted { a, b in
                a.onTimeRate.value! != b.onTimeRate.value! ? a.onTimeRate.value! > b.onTimeRate.value!
                    : VietnameseCollation.areInIncreasingOrder(a.group.unitName!, b.group.unitName!)
            }
        func unit(_ r: ProcedureRates) -> Unit { Unit(name: r.group.unitName!, onlineRate: r.onlineRate.value, onTimeRate: r.onTimeRate.value) }
        let best = ranked.prefix(units).map(unit)
        let worst = ranked.count > units ? ranked.suffix(min(units, ranked.count - units)).reversed().map(unit) : []
        return ProcedureSummary(provinceID: provinceID, periods: quarters.count >= 2 ? quarters.map(period) : [], best: Array(best),
                                worst: Array(worst), rankedBy: .onTime, year: period(current), previousYear: before.last.map(period))
    }
}

import ChiSoCore

/// How `chiso rates` groups its rows.
public enum RateGrouping: String, Sendable, CaseIterable {
    /// One row for the year.
    case year
    case quarter, month
    /// One row per province (every province in the store).
    case province
    case unit, level, procedure, field

    /// The rollup breakdown the grouping reads.
    public var grain: RollupGrain {
        switch self {
        case .year, .quarter, .month, .province: .province
        case .unit, .level: .unit
        case .procedure, .field: .procedure
        }
    }

    /// The kind of period each row covers.
    public var periodKind: CalendarPeriod.Kind {
        switch self {
        case .quarter: .quarter
        case .month: .month
        default: .year
        }
    }
}

/// The group a row of rates describes; fields the grouping does not use are `nil`.
public struct RateGroup: Hashable, Sendable {
    public var provinceID: String?
    public var unitCode: String?
    public var unitName: String?
    public var level: AdministrativeLevel?
    public var procedureCode: String?
    public var field: String?

    public init(provinceID: String? = nil, unitCode: String? = nil, unitName: String? = nil, level: AdministrativeLevel? = nil,
                procedureCode: String? = nil, field: String? = nil) {
        self.provinceID = provinceID; self.unitCode = unitCode; self.unitName = unitName; self.level = level
        self.procedureCode = procedureCode; self.field = field
    }
}

/// Online-submission and on-time rates of one group over one period, with the change against the
/// previous period (the previous month, quarter or year; the same group a year earlier for
/// groupings by unit, level, procedure, field or province).
public struct ProcedureRates: Sendable, Equatable {
    public var period: CalendarPeriod
    public var group: RateGroup
    public var counts: DossierCounts
    /// The days the counts cover, from the rows that make them up.
    public var firstDay: Day
    public var lastDay: Day
    public var onlineRate: OnlineSubmissionRate
    public var onTimeRate: OnTimeRate
    public var fullOnlineShare: FullOnlineShare
    /// The period compared with.
    public var previousPeriod: CalendarPeriod
    public var onlineRateChange: PercentagePoints?
    public var onTimeRateChange: PercentagePoints?
}

/// What `ProcedureRateCalculator` found for one year.
public struct ProcedureRateReport: Sendable, Equatable {
    public var rates: [ProcedureRates]
    /// Periods of the year whose figures are reported only for a longer period (a quarter or the
    /// year), so they cannot appear in a monthly or quarterly breakdown; they count in the year.
    public var coarserPeriods: [CalendarPeriod]
}

/// Sums rollup rows into groups and periods and computes their rates.
///
/// A rate uses only the rows that state both of its counts (a report that gives the resolved
/// count but no on-time count adds to `resolvedTotal` but not to the on-time rate).
public struct ProcedureRateCalculator: Sendable {
    public var rollups: [DossierRollup]

    public init(rollups: [DossierRollup]) { self.rollups = rollups }

    /// The rates of `year` (and of the period before each, for the change), grouped as asked.
    /// `provinceID` limits the rows to one province (`nil`: every province in `rollups`).
    public func rates(year: Int, by grouping: RateGrouping, provinceID: String? = nil) -> ProcedureRateReport {
        var sums: [Key: Accumulator] = [:]
        var coarser = Set<CalendarPeriod>()
        for row in rollups where row.grain == grouping.grain && (provinceID == nil || row.provinceID == provinceID) {
            guard let period = row.period.enclosing(grouping.periodKind) else {
                if row.period.year == year { coarser.insert(row.period) }
                continue
            }
            sums[Key(period: period, group: group(of: row, grouping)), default: Accumulator()].add(row)
        }
        var result: [ProcedureRates] = []
        for (key, sum) in sums where key.period.year == year {
            let previousPeriod = key.period.previous
            let previous = sums[Key(period: previousPeriod, group: key.group)]
            let online = sum.onlineRate, onTime = sum.onTimeRate
            result.append(ProcedureRates(
                period: key.period, group: key.group, counts: sum.counts, firstDay: sum.firstDay!, lastDay: sum.lastDay!,
                onlineRate: online, onTimeRate: onTime, fullOnlineShare: sum.fullOnlineShare, previousPeriod: previousPeriod,
                onlineRateChange: PercentagePoints.change(from: previous?.onlineRate, to: online),
                onTimeRateChange: PercentagePoints.change(from: previous?.onTimeRate, to: onTime)))
        }
        result.sort { a, b in a.period != b.period ? a.period < b.period : Self.precedes(a.group, b.group) }
        return ProcedureRateReport(rates: result, coarserPeriods: coarser.sorted())
    }

    private func group(of row: DossierRollup, _ grouping: RateGrouping) -> RateGroup {
        switch grouping {
        case .year, .quarter, .month, .province: return RateGroup(provinceID: row.provinceID)
        case .unit: return RateGroup(provinceID: row.provinceID, unitCode: row.unitCode, unitName: row.unitName, level: row.level)
        case .level: return RateGroup(provinceID: row.provinceID, level: row.level)
        case .procedure: return RateGroup(provinceID: row.provinceID, procedureCode: row.procedureCode, field: row.field)
        case .field: return RateGroup(provinceID: row.provinceID, field: row.field)
        }
    }

    /// Provinces by id; levels from province to commune; units by level then code; procedures by
    /// code; fields in Vietnamese dictionary order. "Not stated" comes last.
    package static func precedes(_ a: RateGroup, _ b: RateGroup) -> Bool {
        func order<T>(_ x: T?, _ y: T?, _ less: (T, T) -> Bool) -> Bool? {
            switch (x, y) {
            case (nil, nil): return nil
            case (nil, _): return false
            case (_, nil): return true
            case let (x?, y?): return less(x, y) ? true : less(y, x) ? false : nil
            }
        }
        if let o = order(a.provinceID, b.provinceID, <) { return o }
        if let o = order(a.level, b.level, <) { return o }
        if let o = order(a.unitCode, b.unitCode, { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) { return o }
        if let o = order(a.procedureCode, b.procedureCode, { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) { return o }
        if let o = order(a.field, b.field, { VietnameseCollation.sortKey($0).lexicographicallyPrecedes(VietnameseCollation.sortKey($1)) }) { return o }
        if let o = order(a.unitName, b.unitName, { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) { return o }
        return false
    }

    private struct Key: Hashable {
        package var period: CalendarPeriod
        package var group: RateGroup
    }

    /// Running sums of one group and period.
    private struct Accumulator {
        package var counts = DossierCounts()
        package var online = (part: 0, whole: 0)
        package var onTime = (part: 0, whole: 0)
        package var full = (part: 0, whole: 0)
        package var firstDay: Day?
        package var lastDay: Day?

        package mutating func add(_ row: DossierRollup) {
            for measure in DossierCounts.measures {
                if let v = row.counts[keyPath: measure] { counts[keyPath: measure] = (counts[keyPath: measure] ?? 0) + v }
            }
            let c = row.counts
            if let o = c.receivedOnline, let t = c.receivedTotal { online.part += o; online.whole += t }
            if let o = c.resolvedOnTime, let t = c.resolvedTotal { onTime.part += o; onTime.whole += t }
            if let f = c.receivedFullOnline, let o = c.receivedOnline { full.part += f; full.whole += o }
            firstDay = min(firstDay ?? row.firstDay, row.firstDay)
            lastDay = max(lastDay ?? row.lastDay, row.lastDay)
        }

        package var onlineRate: OnlineSubmissionRate { OnlineSubmissionRate(online: online.part, received: online.whole) }
        package var onTimeRate: OnTimeRate { OnTimeRate(onTime: onTime.part, resolved: onTime.whole) }
        package var fullOnlineShare: FullOnlineShare { FullOnlineShare(fullOnline: full.part, online: full.whole) }
    }
}

extension ProcedureRates {
    /// True when the figures cover a reporting window or part of their period, not the whole of it:
    /// the days reach outside the period (Kon Tum's 2022-12-15..2023-03-14 reported as 2023-Q1), or
    /// more than a week of the period is uncovered at its start or end (a nine-month file). A log
    /// whose first dossier came on 3 January is merely sparse, not partial.
    public var coversPartOfPeriod: Bool {
        PeriodCoverage.isPartial(firstDay: firstDay, lastDay: lastDay, of: period)
    }
}

/// Whether the days a figure covers are a window or part of its calendar period (see `ProcedureRates.coversPartOfPeriod`).
public enum PeriodCoverage {
    /// Days that may be missing at either end before a figure counts as partial.
    public static let toleratedGapDays = 7

    public static func isPartial(firstDay: Day, lastDay: Day, of period: CalendarPeriod) -> Bool {
        let outside = firstDay < period.firstDay || lastDay > period.lastDay
        let uncovered = firstDay.dayNumber - period.firstDay.dayNumber > toleratedGapDays
            || period.lastDay.dayNumber - lastDay.dayNumber > toleratedGapDays
        return outside || uncovered
    }
}

import ChiSoCore

/// How `chiso service-index` groups its rows.
public enum ServiceIndexGrouping: String, Sendable, CaseIterable {
    /// One row for the period (the year, or the quarter or month asked for).
    case year
    case quarter, month
    /// One row per unit, ranked by points lost.
    case unit
    /// One row per level (province, district, commune).
    case level
}

/// The value of one indicator for one group and period.
public struct ServiceIndicatorValue: Sendable, Equatable {
    public var formula: ServiceIndicatorFormula
    /// The versioned formula id: `qd766-2022/HANDLING_ON_TIME`.
    public var formulaID: String
    /// nil when not computable (never zero for "unknown").
    public var points: Double?
    public var numerator: Int?
    public var denominator: Int?
    /// numerator / denominator, nil when either is unknown or the denominator is 0.
    public var rate: Double?
    /// False when the loaded data cannot determine the points; `missing` names what is missing.
    public var computable: Bool
    public var missing: String?
    /// `missing` in Vietnamese.
    public var missingVietnamese: String?

    public var maxPoints: Double { formula.maxPoints }
}

/// The group a row of the service index describes.
public struct ServiceIndexGroupKey: Hashable, Sendable {
    public var unitCode: String?
    public var unitName: String?
    public var level: AdministrativeLevel?

    public init(unitCode: String? = nil, unitName: String? = nil, level: AdministrativeLevel? = nil) {
        self.unitCode = unitCode; self.unitName = unitName; self.level = level
    }
}

/// What a row of the service index was computed from.
public enum ServiceIndexInput: String, Sendable, Equatable {
    /// Dossier logs (one row a dossier): every indicator they determine.
    case dossierLog = "dossier_log"
    /// Aggregated statistics with the optional count columns, for a period without a dossier log:
    /// the ratios of counts, never handling on time.
    case statistics
}

/// The service index of one group over one period.
public struct ServiceIndexRow: Sendable, Equatable {
    public var provinceID: String
    public var period: CalendarPeriod
    public var group: ServiceIndexGroupKey
    /// The edition of the formulas in force on the period's last day; nil before Decision 766.
    public var editionID: String?
    /// The day the statuses are taken on: the period's last day, or the log's last day when the
    /// log ends before it (`complete` is then false).
    public var statusDay: Day
    public var complete: Bool
    public var received: Int
    public var indicators: [ServiceIndicatorValue]
    /// What the row was computed from.
    public var input: ServiceIndexInput = .dossierLog
    /// For a row from statistics: the files read.
    public var statisticsFiles: [String] = []
    /// Statistics files that also count the province in the period, not used because a dossier
    /// log does (the two are never added).
    public var statisticsSetAside: [String] = []

    /// Points of the indicators ChiSo can compute.
    public var points: Double { indicators.reduce(0) { $0 + ($1.points ?? 0) } }
    /// The maximum of the indicators ChiSo can compute ("x of the y points ChiSo can compute").
    public var computableMaxPoints: Double { indicators.filter(\.computable).reduce(0) { $0 + $1.maxPoints } }
    /// The maximum of every indicator: 100.
    public var maxPoints: Double { indicators.reduce(0) { $0 + $1.maxPoints } }
    /// What the group lost on the indicators ChiSo can compute.
    public var pointsLost: Double { computableMaxPoints - points }
    /// For a unit: the points the whole province loses because of it, on the indicators ChiSo can
    /// compute for both: the province's points had every one of the unit's dossiers met the
    /// indicator, minus its actual points. Units are ranked by it. nil for other groupings.
    public var provinceCost: Double?
}

/// Computes the Decision 766 indicators a dossier log determines, per period and group, from the
/// store's cohort rollups (`ServiceRollup`).
public struct ServiceIndexCalculator: Sendable {
    public var rollups: [ServiceRollup]
    /// Aggregated statistics with service counts: used for the province's periods no dossier log counts.
    public var statistics: [ServiceStatistic]

    public init(rollups: [ServiceRollup], statistics: [ServiceStatistic] = []) { self.rollups = rollups; self.statistics = statistics }

    /// The rows of `year` (or of `within`, a quarter or month of it), grouped as asked. Units are
    /// ranked by points lost (most first), then by code; other groupings come in calendar or level order.
    public func index(year: Int, by grouping: ServiceIndexGrouping, within: CalendarPeriod? = nil) -> [ServiceIndexRow] {
        let kind: CalendarPeriod.Kind
        switch grouping {
        case .month: kind = .month
        case .quarter: kind = .quarter
        case .year, .unit, .level: kind = within?.kind ?? .year
        }
        var sums: [Key: Sum] = [:]
        for row in rollups where row.month.year == year {
            if let within, row.month.enclosing(within.kind) != within { continue }
            guard let period = row.month.enclosing(kind) else { continue }
            let group: ServiceIndexGroupKey
            switch grouping {
            case .unit: group = ServiceIndexGroupKey(unitCode: row.unitCode, unitName: row.unitName, level: row.level)
            case .level: group = ServiceIndexGroupKey(level: row.level)
            default: group = ServiceIndexGroupKey()
            }
            sums[Key(provinceID: row.provinceID, period: period, group: group), default: Sum()].add(row)
        }
        // Statistics for the province-periods no log counts; where a log does, it is used alone.
        let logPeriods = Set(sums.keys.map { PeriodKey(provinceID: $0.provinceID, period: $0.period) })
        var setAside: [PeriodKey: Set<String>] = [:]
        for (key, sum) in statisticsSums(year: year, kind: kind, grouping: grouping, within: within) {
            let period = PeriodKey(provinceID: key.provinceID, period: key.period)
            if logPeriods.contains(period) { setAside[period, default: []].formUnion(sum.files); continue }
            sums[key] = sum
        }
        var rows = sums.map { key, sum in Self.row(key.provinceID, key.period, key.group, sum) }
        for i in rows.indices {
            rows[i].statisticsSetAside = (setAside[PeriodKey(provinceID: rows[i].provinceID, period: rows[i].period)] ?? []).sorted()
        }
        if grouping == .unit {
            // Each unit's cost to its province: the province's rows of the same periods first.
            var totals: [Key: Sum] = [:]
            for (key, sum) in sums { totals[Key(provinceID: key.provinceID, period: key.period, group: ServiceIndexGroupKey()), default: Sum()].merge(sum) }
            let provinceRows = Dictionary(uniqueKeysWithValues: totals.map { key, sum in
                (Key(provinceID: key.provinceID, period: key.period, group: key.group), Self.row(key.provinceID, key.period, key.group, sum))
            })
            for i in rows.indices {
                guard let total = provinceRows[Key(provinceID: rows[i].provinceID, period: rows[i].period, group: ServiceIndexGroupKey())] else { continue }
                rows[i].provinceCost = Self.cost(of: rows[i], in: total)
            }
        }
        rows.sort { a, b in
            if a.provinceID != b.provinceID { return a.provinceID < b.provinceID }
            if a.period != b.period { return a.period < b.period }
            if grouping == .unit, a.provinceCost != b.provinceCost { return (a.provinceCost ?? 0) > (b.provinceCost ?? 0) }
            if grouping == .unit, a.pointsLost != b.pointsLost { return a.pointsLost > b.pointsLost }
            if a.group.level != b.group.level { return (a.group.level ?? .commune) < (b.group.level ?? .commune) }
            return Array((a.group.unitCode ?? "").utf8).lexicographicallyPrecedes(Array((b.group.unitCode ?? "").utf8))
        }
        return rows
    }

    /// The statistics of `year` summed per period and group, for `index`. Per province and period,
    /// one breakdown is read so that nothing counts twice: the unit rows, else the level rows, else
    /// the province's own; and one kind of reported period, the longest there is (a year's row, else
    /// its quarters, else its months). Periods those rows do not cover whole are not computable.
    func statisticsSums(year: Int, kind: CalendarPeriod.Kind, grouping: ServiceIndexGrouping, within: CalendarPeriod?) -> [Key: Sum] {
        var byPeriod: [PeriodKey: [ServiceStatistic]] = [:]
        for s in statistics where s.period.year == year {
            if let within, s.period.enclosing(within.kind) != within { continue }
            guard let period = s.period.enclosing(kind) else { continue }
            byPeriod[PeriodKey(provinceID: s.provinceID, period: period), default: []].append(s)
        }
        var sums: [Key: Sum] = [:]
        for (key, rows) in byPeriod {
            let units = rows.filter { $0.unitCode != nil }
            let levels = rows.filter { $0.unitCode == nil && $0.level != nil }
            var chosen = grouping == .unit || !units.isEmpty ? units : !levels.isEmpty ? levels : rows
            guard let longest = chosen.map(\.period.kind).min() else { continue }
            chosen = chosen.filter { $0.period.kind == longest }
            let covered = Set(chosen.map(\.period))
            let needed = [1, 4, 12][longest.rawValue] / [1, 4, 12][key.period.kind.rawValue]
            let list = covered.sorted().map(\.description).joined(separator: ", ")
            let gap = covered.count < needed
                ? ServiceGap(english: "statistics for the whole of \(key.period) (the files cover \(list))",
                             vietnamese: "số liệu thống kê cho trọn kỳ \(key.period) (các tệp chỉ có \(list))")
                : nil
            for s in chosen {
                let group: ServiceIndexGroupKey
                switch grouping {
                case .unit: group = ServiceIndexGroupKey(unitCode: s.unitCode, unitName: s.unitName, level: s.level)
                case .level: guard let level = s.level else { continue }; group = ServiceIndexGroupKey(level: level)
                default: group = ServiceIndexGroupKey()
                }
                sums[Key(provinceID: key.provinceID, period: key.period, group: group), default: Sum(input: .statistics)].add(s, gap: gap)
            }
        }
        return sums
    }

    /// The indicators of one group and period from its summed cohort counts.
    public static func row(_ provinceID: String, _ period: CalendarPeriod, _ group: ServiceIndexGroupKey, _ sum: Sum) -> ServiceIndexRow {
        let statusDay = min(period.lastDay, sum.asOf ?? period.lastDay)
        let edition = ServiceIndexEdition.inForce(on: period.lastDay)
        let horizon = ServiceCounts.Horizon(period.kind)
        let counts = sum.counts
        var values: [ServiceIndicatorValue] = []
        guard let edition else {
            // Before Decision 766: no formula; every indicator unknown, shown with the first edition's maxima.
            let first = ServiceIndexEdition.all[0]
            for f in first.formulas {
                values.append(ServiceIndicatorValue(formula: f, formulaID: first.formulaID(f), points: nil, numerator: nil, denominator: nil,
                                                    rate: nil, computable: false,
                                                    missing: "a formula: the index of Decision 766/QĐ-TTg starts \(first.validFrom)",
                                                    missingVietnamese: "công thức: Bộ chỉ số theo Quyết định 766/QĐ-TTg áp dụng từ \(first.validFrom)"))
            }
            return ServiceIndexRow(provinceID: provinceID, period: period, group: group, editionID: nil, statusDay: statusDay,
                                   complete: statusDay == period.lastDay, received: counts.received, indicators: values)
        }
        let outOfScope = group.level.map { !edition.levels.contains($0) } ?? false
        for f in edition.formulas {
            var v = value(f, edition, counts, horizon, outOfScope: outOfScope ? group.level : nil, input: sum.input)
            if let gap = sum.gap { v.points = nil; v.computable = false; v.missing = gap.english; v.missingVietnamese = gap.vietnamese }
            values.append(v)
        }
        var row = ServiceIndexRow(provinceID: provinceID, period: period, group: group, editionID: edition.id, statusDay: statusDay,
                                  complete: statusDay == period.lastDay, received: counts.received, indicators: values)
        row.input = sum.input
        row.statisticsFiles = sum.files.sorted()
        return row
    }

    /// One indicator: its counts, then its points when the data and the formula determine them.
    public static func value(_ f: ServiceIndicatorFormula, _ edition: ServiceIndexEdition, _ c: ServiceCounts, _ h: ServiceCounts.Horizon,
                             outOfScope: AdministrativeLevel? = nil, input: ServiceIndexInput = .dossierLog) -> ServiceIndicatorValue {
        var v = ServiceIndicatorValue(formula: f, formulaID: edition.formulaID(f), points: nil, numerator: nil, denominator: nil,
                                      rate: nil, computable: false, missing: nil, missingVietnamese: nil)
        func needsFlag(_ flag: ServiceFlag, of whole: Int, emptyAllowed: Bool = false) -> (String, String)? {
            let absent = c.count(flag, .absent), empty = c.count(flag, .empty)
            if input == .statistics {
                guard absent > 0 else { return nil }
                let column = flag == .satisfied ? "satisfied (with rated)" : flag.rawValue
                if flag == .fullOnlineEligible {
                    return ("a dossier log with full_online_eligible (or a procedure catalogue): statistics files have no such count",
                            "nhật ký hồ sơ có full_online_eligible (hoặc danh mục thủ tục): tệp số liệu thống kê không có số này")
                }
                if absent == whole { return ("the statistics column \(column)", "cột \(column) trong tệp số liệu thống kê") }
                return ("the statistics column \(column) for \(absent) of \(whole) dossiers (rows without it)",
                        "cột \(column) cho \(absent) trên \(whole) hồ sơ (dòng không có số này)")
            }
            // Two flags a procedure catalogue loaded before the log can give.
            let catalogue = flag == .fullOnlineEligible || flag == .feeRequired
            let or = catalogue ? (" or a procedure catalogue loaded before the log", " hoặc danh mục thủ tục nạp trước nhật ký") : ("", "")
            if absent == whole && whole > 0 { return ("the dossier-log column \(flag.rawValue)\(or.0)", "cột \(flag.rawValue) trong nhật ký hồ sơ\(or.1)") }
            if absent > 0 {
                return ("the dossier-log column \(flag.rawValue)\(or.0) for \(absent) of \(whole) dossiers (files without it\(catalogue ? ", procedures not in the catalogue" : ""))",
                        "cột \(flag.rawValue)\(or.1) cho \(absent) trên \(whole) hồ sơ (tệp không có cột này\(catalogue ? ", thủ tục không có trong danh mục" : ""))")
            }
            if !emptyAllowed && empty > 0 {
                return ("\(flag.rawValue) for \(empty) of \(whole) dossiers (empty cells)", "\(flag.rawValue) cho \(empty) trên \(whole) hồ sơ (ô trống)")
            }
            return nil
        }
        func setMissing(_ texts: (String, String)) { v.missing = texts.0; v.missingVietnamese = texts.1 }
        switch f.inputs {
        case .notInDossierLogs(let missing, let vietnamese):
            setMissing((missing, vietnamese))
            return v
        case .handlingOnTime:
            if input == .statistics {
                setMissing(("a dossier log: statistics count the dossiers resolved in the period, not the status on its last day of the dossiers received in it",
                            "nhật ký hồ sơ: số liệu thống kê đếm hồ sơ giải quyết trong kỳ, không phải tình trạng cuối kỳ của hồ sơ tiếp nhận trong kỳ"))
                return v
            }
            v.numerator = c.onTime(h) + c.openWithinDue(h)
            v.denominator = c.received
        case .flag(let flag):
            if let missing = needsFlag(flag, of: c.received) { setMissing(missing); return v }
            v.numerator = c.count(flag, .yes)
            v.denominator = c.received
        case .satisfaction:
            if let missing = needsFlag(.satisfied, of: c.received, emptyAllowed: true) { setMissing(missing); return v }
            v.numerator = c.count(.satisfied, .yes)
            v.denominator = c.count(.satisfied, .yes) + c.count(.satisfied, .no)
        case .fullOnline:
            if let missing = needsFlag(.fullOnlineEligible, of: c.received) { setMissing(missing); return v }
            v.numerator = c.eligibleFullOnline
            v.denominator = c.count(.fullOnlineEligible, .yes)
        case .paymentDossiers:
            if let missing = needsFlag(.feeRequired, of: c.received) { setMissing(missing); return v }
            let fees = c.count(.feeRequired, .yes)
            if c.feePaidStated < fees {
                setMissing(input == .statistics ? ("the statistics column paid_online", "cột paid_online trong tệp số liệu thống kê")
                    : c.count(.paidOnline, .absent) == c.received
                    ? ("the dossier-log column paid_online", "cột paid_online trong nhật ký hồ sơ")
                    : ("paid_online for \(fees - c.feePaidStated) of \(fees) dossiers with a fee",
                       "paid_online cho \(fees - c.feePaidStated) trên \(fees) hồ sơ có phí"))
                return v
            }
            v.numerator = c.feePaidOnline
            v.denominator = fees
        }
        if let n = v.numerator, let d = v.denominator, d > 0 { v.rate = Double(n) / Double(d) }
        if let level = outOfScope {
            setMissing(("a score: \(edition.id) scores \(edition.levels.map(\.rawValue).joined(separator: " and ")) units only, not \(level.rawValue)-level ones",
                        "điểm: \(edition.id) chỉ chấm đơn vị \(edition.levels.map(\.vietnameseName).joined(separator: " và ")), không chấm \(level.vietnameseName)"))
            return v
        }
        if let rate = v.rate {
            guard let points = f.points(rate: rate) else {
                setMissing(("a confirmed formula (the portal's published scores of this indicator are not reproduced yet); the rate is shown",
                            "công thức đã kiểm chứng (chưa tái tạo được điểm Cổng DVCQG công bố cho chỉ số này); tỷ lệ vẫn được hiển thị"))
                return v
            }
            v.points = points
            v.computable = true
        } else {
            switch f.whenNoDossiers {
            case .zero: v.points = 0; v.computable = true
            case .fullPoints: v.points = f.maxPoints; v.computable = true
            case .unknown: setMissing(("dossiers: none in the denominator for this period and group", "hồ sơ: mẫu số bằng 0 trong kỳ và nhóm này"))
            }
            if f.rule == .notReproduced {
                v.points = nil; v.computable = false
                setMissing(("a confirmed formula (the portal's published scores of this indicator are not reproduced yet)",
                            "công thức đã kiểm chứng (chưa tái tạo được điểm Cổng DVCQG công bố cho chỉ số này)"))
            }
        }
        return v
    }

    /// The points `total` (the province) would gain on its computable indicators had every dossier
    /// of `unit` met them.
    public static func cost(of unit: ServiceIndexRow, in total: ServiceIndexRow) -> Double {
        var cost = 0.0
        for (u, p) in zip(unit.indicators, total.indicators) {
            guard p.computable, let points = p.points, let n = p.numerator, let d = p.denominator, d > 0,
                  let un = u.numerator, let ud = u.denominator, let better = p.formula.points(rate: Double(n - un + ud) / Double(d)) else { continue }
            cost += better - points
        }
        return cost
    }

    struct Key: Hashable {
        var provinceID: String
        var period: CalendarPeriod
        var group: ServiceIndexGroupKey
    }

    struct PeriodKey: Hashable {
        var provinceID: String
        var period: CalendarPeriod
    }

    /// The summed cohorts (or statistics) of one group and period.
    public struct Sum: Sendable {
        public var counts = ServiceCounts()
        /// The latest last day of the logs summed.
        public var asOf: Day?
        public var input = ServiceIndexInput.dossierLog
        /// The statistics files summed.
        public var files: Set<String> = []
        /// Why statistics cannot score the period (they do not cover it whole), when so.
        public var gap: ServiceGap?

        public init(input: ServiceIndexInput = .dossierLog) { self.input = input }

        /// Adds statistics rows; `gap` says what the period's statistics lack, if anything.
        public mutating func add(_ statistic: ServiceStatistic, gap: ServiceGap?) {
            counts.add(statistic.serviceCounts)
            files.insert(statistic.file)
            if let gap { self.gap = gap }
        }

        public mutating func add(_ row: ServiceRollup) {
            counts.add(row.counts)
            asOf = max(asOf ?? row.asOf, row.asOf)
        }

        public mutating func merge(_ other: Sum) {
            counts.add(other.counts)
            if let day = other.asOf { asOf = max(asOf ?? day, day) }
            input = other.input
            files.formUnion(other.files)
            if let gap = other.gap { self.gap = gap }
        }
    }
}

/// What statistics lack to score a period, in English and Vietnamese.
public struct ServiceGap: Sendable, Equatable {
    public var english: String
    public var vietnamese: String
}

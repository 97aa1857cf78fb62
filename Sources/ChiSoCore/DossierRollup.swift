/// Counts of one group over one period, as the store's rollup tables hold them.
public struct DossierRollup: Sendable, Equatable {
    public var grain: RollupGrain
    public var provinceID: String
    /// The period the counts are reported for: a month, quarter or year for the province grain,
    /// a year for the others.
    public var period: CalendarPeriod
    /// The days the counts cover (a reporting window such as 2022-12-15..2023-03-14 reports Q1 2023).
    public var firstDay: Day
    public var lastDay: Day
    public var unitCode: String?
    public var unitName: String?
    public var level: AdministrativeLevel?
    public var procedureCode: String?
    public var field: String?
    public var counts: DossierCounts

    public init(grain: RollupGrain, provinceID: String, period: CalendarPeriod, firstDay: Day, lastDay: Day,
                unitCode: String? = nil, unitName: String? = nil, level: AdministrativeLevel? = nil,
                procedureCode: String? = nil, field: String? = nil, counts: DossierCounts) {
        self.grain = grain; self.provinceID = provinceID; self.period = period; self.firstDay = firstDay; self.lastDay = lastDay
        self.unitCode = unitCode; self.unitName = unitName; self.level = level; self.procedureCode = procedureCode
        self.field = field; self.counts = counts
    }
}

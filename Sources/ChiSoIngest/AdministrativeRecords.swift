import ChiSoCore

/// A unit that receives dossiers, as the dictionary table holds it.
package struct AdminUnitEntry: Sendable, Equatable {
    package var id: Int64
    package var provinceID: String
    package var code: String
    package var name: String
    package var level: AdministrativeLevel

    package init(id: Int64, provinceID: String, code: String, name: String, level: AdministrativeLevel) {
        self.id = id; self.provinceID = provinceID; self.code = code; self.name = name; self.level = level
    }
}

/// The dictionaries as loaded at the start of a file's load.
package struct AdminDictionaries: Sendable {
    package var units: [AdminUnitEntry] = []
    package var procedures: [(id: Int64, code: String)] = []
    package var fields: [(id: Int64, name: String)] = []
    /// What the loaded procedure catalogues say of their procedures (nil: not stated), by
    /// `admin_procedure` id: a dossier log takes these for rows that do not state them.
    package var catalogue: [(procedureID: Int64, fullOnlineEligible: Bool?, feeRequired: Bool?)] = []

    package init(units: [AdminUnitEntry] = [], procedures: [(id: Int64, code: String)] = [], fields: [(id: Int64, name: String)] = []) {
        self.units = units; self.procedures = procedures; self.fields = fields
    }
}

/// One rollup row to write.
package struct RollupRecord: Sendable {
    package var grain: RollupGrain
    package var provinceID: String
    package var period: CalendarPeriod
    /// The days the counts cover, as day numbers (days since 1970-01-01): the store writes the
    /// procedure cells' days so, and a national log's millions of cells need no calendar arithmetic.
    package var firstDayNumber: Int32
    package var lastDayNumber: Int32
    package var unitID: Int64?
    package var level: AdministrativeLevel?
    package var procedureID: Int64?
    package var fieldID: Int64?
    package var counts: DossierCounts

    package var firstDay: Day { DayNumber.day(Int(firstDayNumber)) }
    package var lastDay: Day { DayNumber.day(Int(lastDayNumber)) }

    package init(grain: RollupGrain, provinceID: String, period: CalendarPeriod, firstDay: Int32, lastDay: Int32, unitID: Int64? = nil,
                 level: AdministrativeLevel? = nil, procedureID: Int64? = nil, fieldID: Int64? = nil, counts: DossierCounts) {
        self.grain = grain; self.provinceID = provinceID; self.period = period
        self.firstDayNumber = firstDay; self.lastDayNumber = lastDay
        self.unitID = unitID; self.level = level; self.procedureID = procedureID; self.fieldID = fieldID; self.counts = counts
    }
}

/// One statistics row as stored.
package struct StatisticValues {
    package var line: Int
    package var period: String
    package var reported: String
    package var firstDay: String
    package var lastDay: String
    package var provinceID: String
    package var unitID: Int64?
    package var level: String?
    package var procedureID: Int64?
    package var fieldID: Int64?
    /// The nine counts in `DossierCounts.measures` order, and which are stated.
    package var counts: StatedCounts
    package var note: String?
    package var citation: String?
    /// The service-index counts in `ServiceStatisticColumn.allCases` order, and which are stated.
    package var service = StatedCounts()
}

/// What identifies a statistics row within its file: the same values twice are a duplicate.
package struct StatisticKey: Hashable, Sendable {
    package var firstDay: String
    package var lastDay: String
    package var provinceID: String
    package var unitID: Int64?
    package var level: String?
    package var procedureID: Int64?
    package var fieldID: Int64?

    package init(firstDay: String, lastDay: String, provinceID: String, unitID: Int64? = nil, level: String? = nil, procedureID: Int64? = nil, fieldID: Int64? = nil) {
        self.firstDay = firstDay; self.lastDay = lastDay; self.provinceID = provinceID; self.unitID = unitID; self.level = level; self.procedureID = procedureID; self.fieldID = fieldID
    }
}

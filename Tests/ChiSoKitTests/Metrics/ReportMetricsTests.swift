import ChiSoKit
import Testing

@Suite("Metrics behind the reports")
struct ReportMetricsTests {
    func change(_ id: String, rank: Int?, change: Int? = nil, score: Double? = nil, year: Int = 2021, of: Int = 63) -> RankChange {
        RankChange(index: "PCI", year: year, provinceID: id, rank: rank, of: of, score: score, rankComputed: false,
                   previousYear: change == nil ? nil : year - 1, previousRank: change.flatMap { c in rank.map { $0 + c } }, previousOf: nil,
                   previousScore: nil, change: change, scoreChange: nil, caveats: [])
    }

    // Phú Yên 54, Bình Định 52, Khánh Hòa 56, Đà Nẵng 48: North Central and Central Coast. Hà Nội 01: Red River Delta.
    @Test("the regional position counts members ranked strictly better, so ties share a position")
    func regionalPositionTies() throws {
        let changes = [change("48", rank: 4), change("52", rank: 11), change("56", rank: 11), change("54", rank: 35), change("01", rank: 2)]
        let p = try #require(RegionalPosition.make(provinceID: "54", changes: changes, edition: nil))
        #expect(p.region == .northCentralAndCentralCoast)
        #expect(p.position == 4)
        #expect(p.ranked == 4)
        #expect(p.regionSize == 14)
        #expect(p.members.map(\.provinceID) == ["48", "52", "56", "54"])  // Bình Định before Khánh Hòa at 11
        #expect(!p.isComplete)
        let tied = try #require(RegionalPosition.make(provinceID: "56", changes: changes, edition: nil))
        #expect(tied.position == 2)
    }

    @Test("a position is complete when the whole region is ranked or the store holds the whole edition")
    func regionalPositionCompleteness() throws {
        let changes = [change("48", rank: 4), change("54", rank: 35)]
        let partial = EditionSummary(index: "PCI", year: 2021, of: 63, present: 2, scored: 2, ranksPublished: 2)
        let whole = EditionSummary(index: "PCI", year: 2005, of: 2, present: 2, scored: 2, ranksPublished: 2)
        #expect(RegionalPosition.make(provinceID: "54", changes: changes, edition: partial)?.isComplete == false)
        #expect(RegionalPosition.make(provinceID: "54", changes: changes, edition: whole)?.isComplete == true)
        #expect(RegionalPosition.make(provinceID: "99", changes: changes, edition: whole) == nil)
        let unranked = RegionalPosition.make(provinceID: "54", changes: [change("48", rank: 4), change("54", rank: nil)], edition: whole)
        #expect(unranked?.position == nil)
        #expect(unranked?.members.last?.provinceID == "54")
    }

    @Test("on the bundled data Phú Yên is 8th of 14 in its region in PCI 2021 and last in PAPI 2021")
    func regionalPositionOnBundledData() throws {
        for (index, position) in [("PCI", 8), ("PAPI", 14)] {
            let calc = RankChangeCalculator(index: index, entries: try bundledStore.fetchEntries(index: index), editions: try bundledStore.fetchEditions(index: index))
            let p = try #require(RegionalPosition.make(provinceID: "54", changes: calc.changes(year: 2021), edition: calc.edition(2021)))
            #expect(p.position == position, "\(index)")
            #expect(p.ranked == 14 && p.isComplete, "\(index)")
        }
    }

    func component(_ year: Int, _ key: String, _ value: Double, province: String = "54") -> ComponentValue {
        ComponentValue(index: "PCI", year: year, provinceID: province, component: key, value: value)
    }

    @Test("component changes compare only keys present in both editions, against the latest earlier one")
    func componentChangeKeySets() throws {
        let values = [
            component(2011, "entry_costs", 9), component(2012, "entry_costs", 8), component(2012, "business_support_services", 5),
            component(2013, "entry_costs", 8.5), component(2013, "business_support_services", 4), component(2013, "policy_bias", 6),
            component(2013, "entry_costs", 1, province: "52"),
        ]
        let c = try #require(ComponentChange.make(provinceID: "54", year: 2013, components: values))
        #expect(c.previousYear == 2012)
        #expect(c.deltas.map(\.key) == ["business_support_services", "entry_costs"])
        #expect(c.deltas.map(\.change) == [-1, 0.5])
        #expect(c.added == ["policy_bias"])
        #expect(c.dropped.isEmpty)
        #expect(c.current.count == 3)
        #expect(ComponentChange.make(provinceID: "54", year: 2014, components: values) == nil)
        let first = try #require(ComponentChange.make(provinceID: "54", year: 2011, components: values))
        #expect(first.previousYear == nil && first.deltas.isEmpty && first.added.isEmpty)
    }

    @Test("gains and losses are ordered by improvement; for a rank component a smaller value is better")
    func componentGainsAndLosses() throws {
        let values = [
            component(2020, "a", 5), component(2021, "a", 6),        // +1
            component(2020, "b", 5), component(2021, "b", 7),        // +2
            component(2020, "c", 5), component(2021, "c", 4),        // -1
            component(2020, "d", 5), component(2021, "d", 6),        // +1, ties with a: by key
            component(2020, "cqs_rank", 30), component(2021, "cqs_rank", 20),  // 10 places better
        ]
        let c = try #require(ComponentChange.make(provinceID: "54", year: 2021, components: values))
        #expect(c.gains(limit: 10).map(\.key) == ["cqs_rank", "b", "a", "d"])
        #expect(c.gains(limit: 2).map(\.key) == ["cqs_rank", "b"])
        #expect(c.losses(limit: 3).map(\.key) == ["c"])
        #expect(c.deltas.first { $0.key == "cqs_rank" }?.improvement == 10)
    }

    @Test("movers: biggest first, ties in Vietnamese name order, unchanged and uncomparable left out")
    func movers() {
        // 52 Bình Định, 48 Đà Nẵng, 54 Phú Yên, 56 Khánh Hòa, 01 Hà Nội
        let changes = [change("48", rank: 1, change: 3), change("52", rank: 2, change: 3), change("54", rank: 3, change: 7),
                       change("56", rank: 4, change: -2), change("01", rank: 5, change: 0), change("02", rank: 6)]
        let m = Movers.make(changes, limit: 2)
        #expect(m.up.map(\.provinceID) == ["54", "52"])  // Bình Định before Đà Nẵng
        #expect(m.down.map(\.provinceID) == ["56"])
        #expect(m.compared == 5)
    }

    @Test("region summaries: region sizes, best, worst, median, mean score and movement")
    func regionSummary() throws {
        let changes = [change("48", rank: 4, change: 1, score: 70), change("52", rank: 11, change: -2, score: 68),
                       change("54", rank: 35, change: 7, score: 64), change("56", rank: 44, change: 0, score: 63),
                       change("01", rank: 20, score: 66)]
        let summaries = RegionSummary.make(changes)
        #expect(summaries.map(\.region) == [.redRiverDelta, .northCentralAndCentralCoast])
        let coast = try #require(summaries.last)
        #expect(coast.provinces == 14 && coast.ranked == 4)
        #expect(coast.best?.provinceID == "48" && coast.worst?.provinceID == "56")
        #expect(coast.medianRank == 23)
        #expect(coast.meanScore == 66.25)
        #expect(coast.up == 2 && coast.down == 1 && coast.unchanged == 1)
        #expect(summaries.first?.provinces == 11 && summaries.first?.medianRank == 20)
    }

    @Test("an edition of the 34 units formed in 2025 is read on 2025-07-01")
    func editionDay() {
        #expect(EditionUnits.day(year: 2024, provinceIDs: ["2025-01", "2025-79"]) == Day(year: 2025, month: 7, day: 1))
        #expect(EditionUnits.day(year: 2021, provinceIDs: ["54"]) == Day(year: 2021, month: 1, day: 1))
        #expect(EditionUnits.regionSize(.northCentralAndCentralCoast, on: Day(year: 2007, month: 1, day: 1)) == 14)
        let total = Region.allCases.map { EditionUnits.regionSize($0, on: Day(year: 2025, month: 7, day: 1)) }.reduce(0, +)
        #expect(total == 34)
    }

    @Test("procedure rates: the trend compares the last two periods that have the rate")
    func procedureTrend() throws {
        let rates = ProcedureSummary(provinceID: "62", periods: [
            .init(label: "Q3/2022", onlineRate: 0.20, onTimeRate: 0.97),
            .init(label: "Q4/2022", onTimeRate: 0.96),
            .init(label: "Q1/2023", onlineRate: 0.2233, onTimeRate: 0.98, approximate: true),
        ])
        let online = try #require(rates.trend(.online))
        #expect(online.from.label == "Q3/2022" && online.to.label == "Q1/2023")
        #expect(abs(online.change - 0.0233) < 1e-12)
        #expect(try #require(rates.trend(.onTime)).from.label == "Q4/2022")
        #expect(!rates.isEmpty)
        #expect(ProcedureSummary(provinceID: "62", periods: []).isEmpty)
        #expect(ProcedureSummary(provinceID: "62", periods: [.init(label: "Q1/2023")]).trend(.online) == nil)
    }
}

import ChiSoKit
import Testing

@Suite("Procedure rates")
struct ProcedureRatesTests {
    static func row(_ period: CalendarPeriod, _ counts: DossierCounts, grain: RollupGrain = .province, unit: String? = nil,
                    level: AdministrativeLevel? = nil) -> DossierRollup {
        DossierRollup(grain: grain, provinceID: "54", period: period, firstDay: period.firstDay, lastDay: period.lastDay,
                      unitCode: unit, unitName: unit, level: level, counts: counts)
    }

    @Test("a zero denominator is n/a (nil), never NaN or a crash")
    func zeroDenominator() {
        #expect(OnlineSubmissionRate(online: 0, received: 0).value == nil)
        #expect(OnTimeRate(onTime: 0, resolved: 0).value == nil)
        #expect(FullOnlineShare(fullOnline: 0, online: 0).value == nil)
        #expect(OnTimeRate(onTime: 0, resolved: 4).value == 0)
        let rates = ProcedureRateCalculator(rollups: [
            Self.row(.month(1, of: 2023), DossierCounts(receivedTotal: 0, receivedOnline: 0, resolvedTotal: 0, resolvedOnTime: 0)),
            Self.row(.month(2, of: 2023), DossierCounts(receivedTotal: 5, receivedOnline: 2, resolvedTotal: 0, resolvedOnTime: 0)),
        ]).rates(year: 2023, by: .month).rates
        #expect(rates.count == 2)
        #expect(rates[0].onlineRate.value == nil && rates[0].onTimeRate.value == nil)
        #expect(rates[1].onlineRate.value == 0.4)
        // Against an n/a month there is no change.
        #expect(rates[1].onlineRateChange == nil)
        #expect(rates.allSatisfy { !($0.onlineRate.value ?? 0).isNaN })
    }

    @Test("the change is in percentage points against the previous period, January against December")
    func change() throws {
        let rates = ProcedureRateCalculator(rollups: [
            Self.row(.month(12, of: 2022), DossierCounts(receivedTotal: 100, receivedOnline: 30, resolvedTotal: 50, resolvedOnTime: 50)),
            Self.row(.month(1, of: 2023), DossierCounts(receivedTotal: 200, receivedOnline: 70, resolvedTotal: 40, resolvedOnTime: 38)),
            Self.row(.month(3, of: 2023), DossierCounts(receivedTotal: 10, receivedOnline: 5)),
        ]).rates(year: 2023, by: .month).rates
        #expect(rates.map(\.period) == [.month(1, of: 2023), .month(3, of: 2023)])
        let january = rates[0]
        #expect(january.previousPeriod == .month(12, of: 2022))
        #expect(abs(january.onlineRateChange!.value - 5.0) < 1e-9)
        #expect(abs(january.onTimeRateChange!.value - (-5.0)) < 1e-9)
        // No February: March has nothing to compare with.
        #expect(rates[1].onlineRateChange == nil)
    }

    @Test("quarters and the year sum the months; a quarter-only report counts in the year, not in months")
    func periods() {
        let calculator = ProcedureRateCalculator(rollups: [
            Self.row(.month(1, of: 2023), DossierCounts(receivedTotal: 10, receivedOnline: 1)),
            Self.row(.month(2, of: 2023), DossierCounts(receivedTotal: 20, receivedOnline: 2)),
            Self.row(.month(4, of: 2023), DossierCounts(receivedTotal: 40, receivedOnline: 4)),
            Self.row(.quarter(3, of: 2023), DossierCounts(receivedTotal: 70, receivedOnline: 7)),
        ])
        #expect(calculator.rates(year: 2023, by: .quarter).rates.map(\.counts.receivedTotal) == [30, 40, 70])
        #expect(calculator.rates(year: 2023, by: .year).rates.map(\.counts.receivedTotal) == [140])
        let months = calculator.rates(year: 2023, by: .month)
        #expect(months.rates.map(\.period) == [.month(1, of: 2023), .month(2, of: 2023), .month(4, of: 2023)])
        #expect(months.coarserPeriods == [.quarter(3, of: 2023)])
    }

    @Test("a rate uses only rows that state both of its counts")
    func statedCountsOnly() throws {
        let rates = ProcedureRateCalculator(rollups: [
            Self.row(.quarter(1, of: 2023), DossierCounts(receivedTotal: 100, receivedOnline: 25)),
            Self.row(.quarter(1, of: 2023), DossierCounts(receivedTotal: 50)),
            Self.row(.quarter(1, of: 2023), DossierCounts(resolvedTotal: 80)),
        ]).rates(year: 2023, by: .quarter).rates
        let q1 = try #require(rates.first)
        #expect(q1.counts.receivedTotal == 150 && q1.counts.receivedOnline == 25 && q1.counts.resolvedTotal == 80)
        #expect(q1.onlineRate == OnlineSubmissionRate(online: 25, received: 100))
        #expect(q1.onTimeRate.value == nil)
    }

    @Test("groups by level sort from province to commune, not stated last; unit changes compare with the year before")
    func levels() {
        let rows = [
            Self.row(.year(2022), DossierCounts(receivedTotal: 10, receivedOnline: 5), grain: .unit, unit: "B", level: .commune),
            Self.row(.year(2023), DossierCounts(receivedTotal: 10, receivedOnline: 6), grain: .unit, unit: "B", level: .commune),
            Self.row(.year(2023), DossierCounts(receivedTotal: 10, receivedOnline: 1), grain: .unit, unit: "A", level: .province),
            Self.row(.year(2023), DossierCounts(receivedTotal: 10, receivedOnline: 1), grain: .unit, level: nil),
        ]
        let byLevel = ProcedureRateCalculator(rollups: rows).rates(year: 2023, by: .level).rates
        #expect(byLevel.map(\.group.level) == [.province, .commune, nil])
        let byUnit = ProcedureRateCalculator(rollups: rows).rates(year: 2023, by: .unit).rates
        #expect(byUnit.map(\.group.unitCode) == ["A", "B", nil])
        #expect(abs(byUnit[1].onlineRateChange!.value - 10) < 1e-9)
        #expect(byUnit[0].onlineRateChange == nil)
    }
}

@Suite("Calendar and reporting periods")
struct PeriodTests {
    @Test("periods are written 2023, 2023-Q1, 2023-03 and read back", arguments: [
        ("2023", CalendarPeriod.year(2023)), ("2023-Q1", .quarter(1, of: 2023)), ("2023-q4", .quarter(4, of: 2023)),
        ("2023-03", .month(3, of: 2023)), ("2023-12", .month(12, of: 2023)),
    ])
    func calendar(text: String, period: CalendarPeriod) {
        #expect(CalendarPeriod(text) == period)
        #expect(period.description == text.uppercased())
    }

    @Test("not periods", arguments: ["", "23", "2023-13", "2023-Q5", "2023-00", "2023/03", "2023-3", "Q1 2023"])
    func notCalendar(text: String) {
        #expect(CalendarPeriod(text) == nil)
    }

    @Test("previous periods cross the year; bounds are the calendar's")
    func previous() {
        #expect(CalendarPeriod.month(1, of: 2023).previous == .month(12, of: 2022))
        #expect(CalendarPeriod.quarter(1, of: 2023).previous == .quarter(4, of: 2022))
        #expect(CalendarPeriod.year(2023).previous == .year(2022))
        #expect(CalendarPeriod.month(2, of: 2024).lastDay == Day(year: 2024, month: 2, day: 29))
        #expect(CalendarPeriod.quarter(3, of: 2023).firstDay == Day(year: 2023, month: 7, day: 1))
        #expect(CalendarPeriod.quarter(3, of: 2023).lastDay == Day(year: 2023, month: 9, day: 30))
        #expect([CalendarPeriod.month(1, of: 2023), .year(2023), .quarter(1, of: 2023)].sorted() == [.year(2023), .quarter(1, of: 2023), .month(1, of: 2023)])
    }

    @Test("reporting periods: calendar periods, Vietnamese spellings, ranges and the 15th-to-14th windows", arguments: [
        ("2023", "2023", "2023-01-01", "2023-12-31"),
        ("2023-Q2", "2023-Q2", "2023-04-01", "2023-06-30"),
        ("Q1/2023", "2023-Q1", "2023-01-01", "2023-03-31"),
        ("03/2023", "2023-03", "2023-03-01", "2023-03-31"),
        (" 2023-03 ", "2023-03", "2023-03-01", "2023-03-31"),
        ("2022-12-15..2023-03-14", "2023-Q1", "2022-12-15", "2023-03-14"),
        ("2023-02-15..2023-03-14", "2023-03", "2023-02-15", "2023-03-14"),
        ("2022-12-15..2023-12-14", "2023", "2022-12-15", "2023-12-14"),
        ("2022-12-15..2023-06-14", "2023", "2022-12-15", "2023-06-14"),
        ("2023-03-01..2023-03-15", "2023-03", "2023-03-01", "2023-03-15"),
        ("2023-01-10..2023-02-20", "2023-Q1", "2023-01-10", "2023-02-20"),
        ("2023-03-01..2023-04-30", "2023", "2023-03-01", "2023-04-30"),
    ])
    func reporting(text: String, reported: String, first: String, last: String) throws {
        let period = try ReportingPeriod.parse(text)
        #expect(period.reported.description == reported)
        #expect(period.firstDay == Day(iso: first) && period.lastDay == Day(iso: last))
    }

    @Test("refused periods say why", arguments: [
        ("2023-13", ReportingPeriod.ParseError.notAPeriod("2023-13")),
        ("Q5/2023", .notAPeriod("Q5/2023")),
        ("2023-03-31..2023-03-01", .reversed("2023-03-31..2023-03-01")),
        ("2022-06-01..2023-05-31", .spansYears("2022-06-01..2023-05-31")),
        ("2023-02-30..2023-03-01", .notAPeriod("2023-02-30..2023-03-01")),
    ])
    func refused(text: String, error: ReportingPeriod.ParseError) {
        #expect(throws: error) { try ReportingPeriod.parse(text) }
    }
}

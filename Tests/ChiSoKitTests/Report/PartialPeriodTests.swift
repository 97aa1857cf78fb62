@testable import ChiSoApp
@testable import ChiSoReport
import ChiSoKit
import Foundation
import Testing

@Suite("Partial periods in the procedure section")
struct PartialPeriodTests {
    /// Kon Tum's "Q1/2023" is the reporting window 2022-12-15..2023-03-14 (datasets/SOURCES.md): the
    /// report must say so in its sentence, its table and a caveat, and cite the file.
    @Test("Kon Tum 2023: the window's days in the sentence, the table and a caveat; the file in the footer")
    func konTumWindow() throws {
        let request = ReportRequest(kind: .province, language: .vi, province: "Kon Tum", year: 2023)
        let document = try request.document(store: bundledStore, generatedAt: nil)
        let text = MarkdownRenderer().render(document).markdown
        let section = try #require(text.components(separatedBy: "## Thủ tục hành chính").last)
        #expect(section.contains("Năm 2023 (15/12/2022–14/03/2023), Kon Tum: tỷ lệ hồ sơ nộp trực tuyến 22,3%."), "\(section)")
        #expect(section.contains("| 2023 (15/12/2022–14/03/2023) | 56.039 | 22,3% |"))
        #expect(section.contains("không phải của cả kỳ"))
        #expect(document.footer.sources.map(\.name).contains("admin_statistics_partial.csv"))
    }

    @Test("a whole or merely sparse year carries no window; a window or a part-year does")
    func wholePeriod() throws {
        func summary(_ first: Day, _ last: Day) throws -> ProcedureSummary.Period? {
            let rollup = DossierRollup(grain: .province, provinceID: "54", period: try #require(CalendarPeriod("2023")), firstDay: first, lastDay: last,
                                       counts: DossierCounts(receivedTotal: 100, receivedOnline: 40))
            return try #require(ProcedureSummary.make(provinceID: "54", year: 2023, provinceRollups: [rollup], unitRollups: [])).year
        }
        #expect(try summary(Day(year: 2023, month: 1, day: 1), Day(year: 2023, month: 12, day: 31))?.covers == nil)
        // A log whose first dossier came on 3 January and last on 29 December: sparse, not partial.
        #expect(try summary(Day(year: 2023, month: 1, day: 3), Day(year: 2023, month: 12, day: 29))?.covers == nil)
        // A reporting window reaching into the year before.
        let window = try summary(Day(year: 2022, month: 12, day: 15), Day(year: 2023, month: 12, day: 14))
        #expect(window?.covers == Day(year: 2022, month: 12, day: 15)...Day(year: 2023, month: 12, day: 14))
        // Nine months of a year.
        #expect(try summary(Day(year: 2023, month: 1, day: 1), Day(year: 2023, month: 9, day: 30))?.covers != nil)
    }

    @Test("the section leads with the year and its change on the year before; the quarters follow on their own axis")
    func yearFirst() throws {
        func quarter(_ q: Int, online: Int, onTime: Int) -> DossierRollup {
            let period = CalendarPeriod("2023-Q\(q)")!
            return DossierRollup(grain: .province, provinceID: "54", period: period, firstDay: period.firstDay, lastDay: period.lastDay,
                                 counts: DossierCounts(receivedTotal: 100, receivedOnline: online, resolvedTotal: 100, resolvedOnTime: onTime))
        }
        let year2022 = CalendarPeriod("2022")!
        let before = DossierRollup(grain: .province, provinceID: "54", period: year2022, firstDay: year2022.firstDay, lastDay: year2022.lastDay,
                                   counts: DossierCounts(receivedTotal: 400, receivedOnline: 100, resolvedTotal: 400, resolvedOnTime: 380))
        let rollups = [before, quarter(1, online: 30, onTime: 95), quarter(2, online: 40, onTime: 96), quarter(3, online: 50, onTime: 97), quarter(4, online: 60, onTime: 98)]
        let summary = try #require(ProcedureSummary.make(provinceID: "54", year: 2023, provinceRollups: rollups, unitRollups: []))
        // 2023: 180 of 400 online (45%), 25% in 2022: +20 points; 386 of 400 on time (96.5%), 95% in 2022.
        #expect(summary.year?.onlineRate == 0.45 && summary.previousYear?.onlineRate == 0.25)
        #expect(summary.periods.map(\.label) == ["2023-Q1", "2023-Q2", "2023-Q3", "2023-Q4"])
        let section = ProcedureSection.make(summary, provinceName: "Phú Yên", language: .vi)
        let document = ReportDocument(title: "t", language: .vi, subtitle: "", blocks: [section], footer: ReportFooter(sources: [], attribution: ""))
        let text = MarkdownRenderer().render(document).markdown
        #expect(text.contains("Năm 2023, Phú Yên: tỷ lệ hồ sơ nộp trực tuyến 45,0% (+20,0 điểm phần trăm so với năm 2022), tỷ lệ hồ sơ giải quyết đúng hạn 96,5% (+1,5 điểm phần trăm so với năm 2022)."), "\(text)")
        guard case let .section(_, _, blocks) = section else { Issue.record("not a section"); return }
        for case let .chart(chart) in blocks { #expect(chart.xLabels == ["2023-Q1", "2023-Q2", "2023-Q3", "2023-Q4"]) }
        #expect(!text.contains("| 2023-Q1 (")) // whole quarters carry no window
    }
}

@testable import ChiSoApp
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
        #expect(section.contains("Kỳ 2023 (15/12/2022–14/03/2023), Kon Tum: tỷ lệ hồ sơ nộp trực tuyến 22,3%."), "\(section)")
        #expect(section.contains("| 2023 (15/12/2022–14/03/2023) | 56.039 | 22,3% |"))
        #expect(section.contains("không phải của cả kỳ"))
        #expect(document.footer.sources.map(\.name).contains("admin_statistics_partial.csv"))
    }

    @Test("a whole or merely sparse year carries no window; a window or a part-year does")
    func wholePeriod() throws {
        func summary(_ first: Day, _ last: Day) throws -> ProcedureSummary.Period? {
            let rollup = DossierRollup(grain: .province, provinceID: "54", period: try #require(CalendarPeriod("2023")), firstDay: first, lastDay: last,
                                       counts: DossierCounts(receivedTotal: 100, receivedOnline: 40))
            return try #require(ProcedureSummary.make(provinceID: "54", year: 2023, provinceRollups: [rollup], unitRollups: [])).periods.last
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
}

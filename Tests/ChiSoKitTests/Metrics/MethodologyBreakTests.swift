@testable import ChiSoApp
import ChiSoKit
import Foundation
import Testing
import TestSupport

@Suite("Methodology breaks")
struct MethodologyBreakTests {
    @Test("the table names PAPI 2018, DTI 2021 and 2022, PCI 2009 and 2013, each with a source")
    func table() {
        #expect(MethodologyBreaks.all.map { "\($0.index) \($0.year)" }.sorted() == ["DTI 2021", "DTI 2022", "PAPI 2018", "PCI 2009", "PCI 2013"])
        for b in MethodologyBreaks.all {
            #expect(!b.source.isEmpty && !b.change.isEmpty && !b.changeVietnamese.isEmpty)
        }
        #expect(MethodologyBreaks.between("PAPI", previousYear: 2017, year: 2018)?.year == 2018)
        #expect(MethodologyBreaks.between("PAPI", previousYear: 2018, year: 2019) == nil)
        #expect(MethodologyBreaks.between("DTI", previousYear: 2020, year: 2022)?.year == 2022)
        #expect(MethodologyBreaks.between("DTI-34", previousYear: 2021, year: 2022)?.year == 2022)
        #expect(MethodologyBreaks.runStarts("PAPI", years: Array(2016...2019)) == [2])
    }

    /// The PAPI totals of 2017 and 2018 read from the raw CSV: every province "gains" 2.7–12.1 points
    /// from the two new dimensions, which is why no score change may be printed.
    @Test("PAPI 2017 → 2018: a rank change for every province, no score change, caveat method_change, in data and in words")
    func papi2018() throws {
        let rows = try RawCSV.records("papi_2011_2024.csv")
        func totals(_ year: String) -> [String: Double] {
            Dictionary(uniqueKeysWithValues: rows.filter { $0["year"] == year }.compactMap { r in Double(r["score"]!).map { (r["province_code"]!, $0) } })
        }
        let (before, after) = (totals("2017"), totals("2018"))
        let both = Set(before.keys).intersection(after.keys)
        #expect(both.count >= 60)
        let gains = both.map { after[$0]! - before[$0]! }
        #expect(gains.min()! > 2.5 && gains.max()! < 12.2)

        let calc = RankChangeCalculator(index: "PAPI", entries: try bundledStore.fetchEntries(index: "PAPI"),
                                        editions: try bundledStore.fetchEditions(index: "PAPI"))
        var changes: [RankChange] = []
        for code in both.sorted() {
            let c = try #require(calc.change(provinceID: code, year: 2018))
            #expect(c.previousYear == 2017)
            #expect(c.change != nil, "\(code)")
            #expect(c.scoreChange == nil, "\(code)")
            #expect(c.caveats.map(\.code).contains("method_change"), "\(code)")
            for language in [Language.vi, .en] {
                let sentence = RankSentence.make(c, language: language)
                #expect(!sentence.contains(language == .vi ? "(tăng" : "(up "), "\(sentence)")
                #expect(!sentence.contains(language == .vi ? "(giảm" : "(down "), "\(sentence)")
                #expect(sentence.contains(language == .vi ? "phương pháp tính PAPI thay đổi từ năm 2018" : "the PAPI method changed in 2018"), "\(sentence)")
            }
            changes.append(c)
        }
        // The machine outputs: score_change is null, the caveat code is there.
        let table = RankChangeRows.table(changes, .en, .standard)
        let json = table.render(.json)
        #expect(!json.contains("\"score_change\":0") && !json.contains("\"score_change\":-") && !json.contains("\"score_change\":1"))
        #expect(table.rows.allSatisfy { $0[RankChangeRows.keys.firstIndex(of: "score_change")!].raw.isEmpty })
        // Without a break (2018 → 2019) the score change is there.
        let next = try #require(calc.change(provinceID: "54", year: 2019))
        #expect(next.scoreChange != nil && !next.caveats.map(\.code).contains("method_change"))
    }

    @Test("a score change has no binary noise: 64.17482 − 62.842781 is 1.332039")
    func noNoise() throws {
        #expect(DecimalArithmetic.difference(64.17482, 62.842781) == 1.332039)
        #expect(64.17482 - 62.842781 != 1.332039)
        #expect(DecimalArithmetic.difference(0.8241, 0.7951) == 0.029)
        let calc = RankChangeCalculator(index: "PCI", entries: try bundledStore.fetchEntries(index: "PCI"),
                                        editions: try bundledStore.fetchEditions(index: "PCI"))
        let c = try #require(calc.change(provinceID: "54", year: 2021))
        #expect(c.scoreChange == 1.332039)
        #expect(c.caveats.map(\.code).contains("rank_computed"))
    }

    @Test("the score chart of a province across 2018 starts a new line at 2018")
    func chartBreak() throws {
        let chart = Chart(kind: .line, title: "t", description: "d", xLabels: ["2016", "2017", "2018", "2019"], xAxisLabel: "Năm",
                          series: [ChartSeries(name: "Phú Yên", values: [35, 36, 44, 45], breaksBefore: [2])],
                          yAxis: ChartAxis(label: "Điểm", style: .number(places: 2)), language: .vi)
        let svg = SVGChartRenderer.svg(for: chart)
        let path = try #require(svg.components(separatedBy: "<path d=\"").dropFirst().first?.components(separatedBy: "\"").first)
        #expect(path.components(separatedBy: "M").count - 1 == 2, "\(path)")
        #expect(path.components(separatedBy: "L").count - 1 == 2, "\(path)")
    }
}

import ChiSoKit
@testable import ChiSoCore
@testable import ChiSoMetrics
@testable import ChiSoReport
import Foundation
import Testing

/// Leaderboards (region column, inline bars, no column of "—", PAPI groups as ChiSo's quartiles),
/// a province's components against the country, and Markdown that links no unwritten file.
@Suite struct LeaderboardBenchmarkTests {
    static let ids = ["54", "52", "56", "48", "01", "79", "92", "66"]

    static func history(_ index: String, scores: Bool = true) -> IndexHistory {
        var entries: [RankingEntry] = []
        for (i, id) in ids.enumerated() {
            for year in [2020, 2021] {
                let rank = year == 2021 ? i + 1 : ids.count - i
                entries.append(RankingEntry(index: index, year: year, provinceID: id, score: scores ? 70 - Double(rank) : nil, rank: rank, of: ids.count))
            }
        }
        var components: [ComponentValue] = []
        for (i, id) in ids.enumerated() {
            for year in [2020, 2021] {
                components.append(ComponentValue(index: index, year: year, provinceID: id, component: "d1_participation", value: 4 + Double(i) * 0.25))
                components.append(ComponentValue(index: index, year: year, provinceID: id, component: "d2_transparency", value: 6 - Double(i) * 0.5 + (year == 2021 ? 0.1 : 0)))
            }
        }
        let editions = [2020, 2021].map { EditionSummary(index: index, year: $0, of: ids.count, present: ids.count, scored: scores ? ids.count : 0, ranksPublished: ids.count) }
        return IndexHistory(index: index, entries: entries, editions: editions, components: components)
    }

    func leaderboard(_ document: ReportDocument) -> (ReportTable, [String]) {
        for case .section(_, "leaderboard", let blocks) in document.blocks {
            var table: ReportTable?
            var texts: [String] = []
            for block in blocks {
                if case .table(let t) = block { table = t }
                if case .paragraph(let runs) = block { texts.append(runs.map(\.plainText).joined()) }
            }
            return (table!, texts)
        }
        Issue.record("no leaderboard")
        return (ReportTable(caption: "", columns: [], rows: []), [])
    }

    @Test func theLeaderboardHasARegionColumnAndInlineScoreBars() {
        let document = IndexReport.make(history: Self.history("PCI"), year: 2021, sources: [], language: .vi)
        let (table, notes) = leaderboard(document)
        #expect(table.columns.map(\.header).prefix(4) == ["Tỉnh, thành phố", "Vùng", "Hạng", "Điểm"])
        #expect(table.rows[0][1].text == "Miền\u{00A0}Trung")  // Phú Yên, no-break spaces
        let bars = table.rows.compactMap { $0[3].bar }
        #expect(bars.count == Self.ids.count && bars.first == 1 && bars.last! > 0 && bars.last! < 0.1)
        #expect(notes.contains { $0.hasPrefix("Thanh cạnh điểm") })
        let html = HTMLRenderer().render(document)
        #expect(html.contains("<span class=\"data-bar\" aria-hidden=\"true\"><span style=\"width:100%\"></span></span>69,00"))
        #expect(MarkupChecks.htmlNestingProblem(html) == nil)
        // Markdown shows the number only.
        #expect(MarkdownRenderer().render(document).markdown.contains("| Phú Yên | Miền\u{00A0}Trung | 1 | 69,00 |"))
    }

    @Test func aColumnTheEditionDoesNotPublishIsLeftOutAndSaidOnce() {
        let document = IndexReport.make(history: Self.history("DTI", scores: false), year: 2021, sources: [], language: .vi)
        let (table, notes) = leaderboard(document)
        #expect(!table.columns.map(\.header).contains("Điểm"))
        #expect(table.rows.allSatisfy { $0.count == table.columns.count })
        #expect(notes.filter { $0.contains("Không có cột điểm") }.count == 1)
        let english = leaderboard(IndexReport.make(history: Self.history("DTI", scores: false), year: 2021, sources: [], language: .en)).1
        #expect(english.contains { $0.hasPrefix("No score column") })
        // Scores for one province in eight (a press release, say): no column of "—", the one value said once.
        var sparse = Self.history("DTI", scores: false)
        sparse.entries = sparse.entries.map { e in var e = e; if e.provinceID == "54" && e.year == 2021 { e.score = 0.61 }; return e }
        let (sparseTable, sparseNotes) = leaderboard(IndexReport.make(history: sparse, year: 2021, sources: [], language: .vi))
        #expect(!sparseTable.columns.map(\.header).contains("Điểm"))
        #expect(sparseNotes.contains("Không có cột điểm: chỉ 1/8 tỉnh có số liệu này trong kho — Phú Yên 0,6100."))
        #expect(!sparseNotes.contains { $0.hasPrefix("Thanh cạnh điểm") })
    }

    @Test func papiGroupsAreChiSosQuartilesAndSaySo() {
        let (table, notes) = leaderboard(IndexReport.make(history: Self.history("PAPI"), year: 2021, sources: [], language: .vi))
        let column = table.columns.firstIndex { $0.header.contains("tứ phân vị") }
        #expect(column != nil)
        if let column {
            #expect(table.rows.map { $0[column].text } == ["Cao nhất", "Cao nhất", "Trung bình cao", "Trung bình cao",
                                                            "Trung bình thấp", "Trung bình thấp", "Thấp nhất", "Thấp nhất"])
        }
        #expect(notes.contains { $0.contains("tứ phân vị do ChiSo tính") && $0.contains("không phải nhóm in trong báo cáo PAPI") })
        // PCI has no such column.
        #expect(!leaderboard(IndexReport.make(history: Self.history("PCI"), year: 2021, sources: [], language: .vi)).0.columns.contains { $0.header.contains("tứ phân vị") })
    }

    @Test func aPapiMapShowsTheSameQuartileGroupsWithTheCaveat() throws {
        let history = Self.history("PAPI")
        let map = try #require(IndexMaps.editionMap(index: "PAPI", year: 2021, calculator: history.calculator(), language: .vi, registry: .standard))
        #expect(map.classes.map(\.label) == ["Cao nhất", "Trung bình cao", "Trung bình thấp", "Thấp nhất"])
        #expect(map.values["54"]?.classIndex == 0 && map.values["66"]?.classIndex == 3)
        #expect(map.description.contains("Nhóm là tứ phân vị do ChiSo tính từ điểm tổng hợp, không phải nhóm in trong báo cáo PAPI."))
        let english = try #require(IndexMaps.editionMap(index: "PAPI", year: 2021, calculator: history.calculator(), language: .en, registry: .standard))
        #expect(english.description.contains("quartiles ChiSo computed"))
        // Other indexes keep rank fifths.
        let pci = try #require(IndexMaps.editionMap(index: "PCI", year: 2021, calculator: Self.history("PCI").calculator(), language: .vi, registry: .standard))
        #expect(pci.classes.count == 5)
    }

    @Test func quartilesSplitTheScoresIntoFourAndTiesShareAGroup() {
        let groups = ScoreQuartiles.groups(["a": 9, "b": 8, "c": 8, "d": 5, "e": 4, "f": 3, "g": 2, "h": 1])
        #expect(groups == ["a": 0, "b": 0, "c": 0, "d": 1, "e": 2, "f": 2, "g": 3, "h": 3])
        #expect(ScoreQuartiles.groups([:]).isEmpty)
        #expect(ScoreQuartiles.groups(["x": 1]) == ["x": 0])
    }

    @Test func componentBenchmarksAreTheMedianAndTheBestProvince() {
        let benchmarks = ComponentBenchmark.make(year: 2021, components: Self.history("PAPI").components)
        // d1: 4, 4.25, …, 5.75: median (4.75 + 5) / 2; best 5.75 (the last id).
        #expect(benchmarks["d1_participation"]?.median == 4.875)
        #expect(benchmarks["d1_participation"]?.best == 5.75 && benchmarks["d1_participation"]?.bestProvinceIDs == ["66"])
        #expect(benchmarks["d2_transparency"]?.bestProvinceIDs == ["54"])
        let ranks = ComponentBenchmark.make(year: 2021, components: [
            ComponentValue(index: "DTI", year: 2021, provinceID: "54", component: "pillar_rank", value: 3),
            ComponentValue(index: "DTI", year: 2021, provinceID: "52", component: "pillar_rank", value: 1),
        ])
        #expect(ranks["pillar_rank"]?.best == 1 && ranks["pillar_rank"]?.bestProvinceIDs == ["52"])
    }

    @Test func theProvinceReportSetsItsComponentsAgainstTheMedianAndTheBest() {
        let document = ProvinceReport.make(provinceID: "54", year: 2021, indexes: [Self.history("PAPI")], sources: [], language: .vi)
        let markdown = MarkdownRenderer().render(document).markdown
        #expect(markdown.contains("| Trung vị cả nước | Tốt nhất cả nước |"))
        #expect(markdown.contains("So với cả nước năm 2021 (8 tỉnh, thành phố): 1 trong 2 chỉ số nội dung của Phú Yên tốt hơn trung vị; đứng đầu cả nước: "))
        // Only the province's own components: no benchmark columns.
        var alone = Self.history("PAPI")
        alone.components = alone.components.filter { $0.provinceID == "54" }
        let own = MarkdownRenderer().render(ProvinceReport.make(provinceID: "54", year: 2021, indexes: [alone], sources: [], language: .vi)).markdown
        #expect(!own.contains("Trung vị cả nước"))
    }

    @Test func markdownForStdoutInlinesItsChartsAndLinksNoFile() {
        let document = ProvinceReport.make(provinceID: "54", year: 2021, indexes: [Self.history("PCI")], sources: [], language: .vi)
        let linked = MarkdownRenderer().render(document)
        #expect(!linked.charts.isEmpty && linked.markdown.contains("](charts/"))
        let inline = MarkdownRenderer(inlineCharts: true).render(document)
        #expect(inline.charts.isEmpty)
        #expect(!inline.markdown.contains("](charts/") && !inline.markdown.contains(".svg)"))
        #expect(inline.markdown.components(separatedBy: "<svg ").count - 1 == linked.charts.count)
        // Each SVG stays one HTML block: no blank line inside it.
        for svg in inline.markdown.components(separatedBy: "<svg ").dropFirst() {
            #expect(!svg.components(separatedBy: "</svg>")[0].contains("\n\n"))
        }
    }
}

/// Phones: wide tables say they scroll and open on the latest years; no number is cut.
@Suite struct PhoneLayoutTests {
    @Test func aTableWithManyYearsOpensOnTheLatestAndSaysItScrolls() {
        let years = (2005...2022).map(String.init)
        let table = ReportTable(caption: "Thứ hạng", columns: [.init("Tỉnh")] + years.map { .init($0, alignment: .trailing) },
                                rows: [["Phú Yên"] + years.map { _ in "1" }])
        let html = HTMLRenderer().render(ReportDocument(title: "T", language: .vi, blocks: [.table(table)], footer: ReportFooter(sources: [], attribution: "")))
        #expect(html.contains("<div class=\"table-wrap timeline\""))
        #expect(html.contains("<p class=\"scroll-hint\" aria-hidden=\"true\">Bảng cuộn ngang: mở ra ở các năm gần nhất; các năm trước ở bên trái.</p>"))
        #expect(html.contains(".table-wrap.timeline { direction: rtl; }"))
        // The caption is shown above the scroll box (never cut by it) and kept for screen readers.
        #expect(html.contains("<p class=\"table-caption\" aria-hidden=\"true\">Thứ hạng</p>"))
        #expect(html.contains("<caption id=\"table-1\" class=\"visually-hidden\">Thứ hạng</caption>"))
        let short = ReportTable(caption: "C", columns: [.init("Tỉnh"), .init("2020"), .init("2021")], rows: [["A", "1", "2"]])
        #expect(!HTMLRenderer().render(ReportDocument(title: "T", language: .vi, blocks: [.table(short)], footer: ReportFooter(sources: [], attribution: ""))).contains("table-wrap timeline"))
    }

    @Test func theLeaderboardLeavesOutRegionAndPreviousRankOnAPhone() {
        let document = IndexReport.make(history: LeaderboardBenchmarkTests.history("PCI"), year: 2021, sources: [], language: .vi)
        let html = HTMLRenderer().render(document)
        #expect(html.contains("<th scope=\"col\" class=\"wide-only\">Vùng</th>"))
        #expect(html.contains("<th scope=\"col\" class=\"num wide-only\">Hạng 2020</th>"))
        #expect(html.contains(".wide-only { display: none; }"))
    }

    @Test func aNarrowRankChartNeverCutsANumber() {
        let chart = Chart(kind: .bump, title: "T", description: "D", xLabels: ["2020", "2021", "2022"], xAxisLabel: "Năm",
                          series: [ChartSeries(name: "Bà Rịa - Vũng Tàu và một cái tên rất dài", values: [19, 21, nil]),
                                   ChartSeries(name: "Phú Yên", values: [40, 35, 30])],
                          yAxis: ChartAxis(label: "Hạng", inverted: true, domain: 1...63), language: .vi)
        let narrow = SVGChartRenderer.svg(for: chart, width: SVGChartRenderer.narrowWidth)
        #expect(narrow.contains(">21, 2021</text>") || narrow.contains(">21 (2021)</text>") || narrow.contains("(21, 2021)</text>"))
        let wide = SVGChartRenderer.svg(for: chart)
        #expect(wide.contains(" (21, 2021)</text>"))
        #expect(!wide.contains("…)</text>") && !narrow.contains("…)</text>"))
    }
}

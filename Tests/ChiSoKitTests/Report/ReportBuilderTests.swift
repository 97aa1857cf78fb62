import ChiSoKit
import Foundation
import Testing
import TestSupport

/// The report builders on the bundled datasets (in memory, fixed ingest time), compared with
/// reviewed golden files in Snapshots/ for every report kind, language and format.
@Suite("Report builders")
struct ReportBuilderTests {
    static func history(_ index: String, components provinceIDs: [String]? = nil) throws -> IndexHistory {
        IndexHistory(index: index, entries: try bundledStore.fetchEntries(index: index), editions: try bundledStore.fetchEditions(index: index),
                     components: try provinceIDs.map { try bundledStore.fetchComponents(index: index, provinceIDs: $0) } ?? [])
    }

    static func province(_ lang: Language) throws -> ReportDocument {
        ProvinceReport.make(provinceID: "54", year: 2021, indexes: try ["PCI", "PAPI", "DTI"].map { try history($0, components: ["54"]) },
                            sources: try bundledStore.fetchSources(), language: lang)
    }

    static func leaderboard(_ lang: Language) throws -> ReportDocument {
        IndexReport.make(history: try history("DTI"), year: 2022, sources: try bundledStore.fetchSources(), language: lang)
    }

    static let compared = ["54", "52", "56"]  // Phú Yên, Bình Định, Khánh Hòa

    static func comparison(_ lang: Language) throws -> ReportDocument {
        ComparisonReport.make(provinceIDs: compared, indexes: try ["PCI", "PAPI"].map { try history($0, components: compared) },
                              sources: try bundledStore.fetchSources(), language: lang)
    }

    static func document(_ kind: String, _ lang: Language) throws -> ReportDocument {
        switch kind {
        case "province-phu-yen-2021": return try province(lang)
        case "index-dti-2022": return try leaderboard(lang)
        default: return try comparison(lang)
        }
    }

    @Test("golden files: every report kind in Vietnamese and English, Markdown and HTML", arguments: [
        "province-phu-yen-2021", "index-dti-2022", "compare-phu-yen-binh-dinh-khanh-hoa",
    ], Language.allCases)
    func golden(kind: String, lang: Language) throws {
        let document = try Self.document(kind, lang)
        let markdown = MarkdownRenderer(chartDirectory: "\(kind).\(lang.rawValue)").render(document)
        GoldenFile.check(markdown.markdown, GoldenFile.url("report-\(kind).\(lang.rawValue).md"))
        let html = HTMLRenderer().render(document)
        GoldenFile.check(html, GoldenFile.url("report-\(kind).\(lang.rawValue).html"))
        #expect(MarkupChecks.htmlNestingProblem(html) == nil)
        for chart in markdown.charts { #expect(MarkupChecks.xmlError(chart.svg) == nil, "\(chart.fileName)") }
        // One self-contained file: no script, no style sheet or image fetched from elsewhere.
        #expect(!html.contains("<script") && !html.contains("<link") && !html.contains("src=") && !html.contains("@import"))
    }

    @Test("the headline sentences are the press's: rank, change and place in the region")
    func headlines() throws {
        let vi = MarkdownRenderer().render(try Self.province(.vi)).markdown
        // Both PCI ranks were computed from complete scores (neither published): the sentence says so.
        #expect(vi.contains("Chỉ số PCI năm 2021 đạt 64,17 điểm, xếp thứ 35/63, tăng 7 bậc so với năm 2020; thứ 8/14 trong vùng Bắc Trung Bộ và duyên hải miền Trung (thứ hạng năm 2020 và 2021 tính từ điểm số)."))
        #expect(vi.contains("Chỉ số PAPI năm 2021 đạt 40,72 điểm, xếp thứ 45/63, tăng 14 bậc so với năm 2020; thứ 14/14 trong vùng Bắc Trung Bộ và duyên hải miền Trung (thứ hạng năm 2020 tính từ điểm số; thứ hạng 2021 tính từ điểm của 60/63 tỉnh có số liệu)."))
        // DTI changed method in 2021: the rank change stays, a score change would not be like for like.
        #expect(vi.contains("Chỉ số DTI năm 2021 xếp thứ 50/63, tăng 12 bậc so với năm 2020 (phương pháp tính DTI thay đổi từ năm 2021: "))
        let en = MarkdownRenderer().render(try Self.province(.en)).markdown
        #expect(en.contains("PCI 2021: 64.17 points, ranked 35/63, up 7 places on 2020; 8th of 14 in the North Central and Central Coast region (the 2020 and 2021 ranks were computed from the scores)."))
        // DTI 2021 holds 4 of the region's 14 provinces: no regional clause.
        #expect(en.contains("DTI 2021: ranked 50/63, up 12 places on 2020 (the DTI method changed in 2021: "))
    }

    @Test("the footer lists only the files behind the printed numbers, with hash prefix and ingest day")
    func footerSources() throws {
        let dti = try Self.leaderboard(.en).footer
        #expect(dti.sources.map(\.name) == ["dti_2020_2024.csv", "dti_press_baophuyen_2022.csv"])
        #expect(dti.sources.allSatisfy { $0.ingestDate == "2026-01-01" && $0.sha256.count == 64 })
        let province = try Self.province(.en).footer
        #expect(province.sources.map(\.name) == ["dti_2020_2024.csv", "dti_press_baophuyen_2022.csv", "papi_2011_2024.csv",
                                                 "pci_2005_2021.csv", "pci_subindices_2006_2021.csv"])
        #expect(province.caveats.contains("PAPI: ranks for 2014, 2018 and 2021 are computed from the scores of the provinces with data (61/63, 61/63 and 60/63 respectively), so they may differ from a full ranking."))
        #expect(province.caveats.contains { $0.hasPrefix("PCI: the number of provinces ranked differs between editions (42 in 2005; 64 in 2006–2008; 63 in 2009–2021)") })
    }

    @Test("a partial edition's leaderboard names no bottom and says how much of the edition the store holds")
    func partialLeaderboard() throws {
        let document = IndexReport.make(history: try Self.history("PCI"), year: 2023, sources: try bundledStore.fetchSources(), language: .en)
        guard case let .keyFigures(figures) = document.blocks[0] else { Issue.record("no key figures first"); return }
        #expect(figures.map(\.label) == ["Top", "Biggest rise", "Biggest fall"])
        let text = MarkdownRenderer().render(document).markdown
        #expect(text.contains("PCI 2023 ranked 63 provinces; the store holds 9 of their ranks. Top: Quảng Ninh (1), Long An (2) and Hải Phòng (3). "))
        #expect(text.contains("> **Caveat:** The store holds only 9 of the 63 provinces of PCI 2023: the table lists only those."))
        #expect(!text.contains("bottom"))
    }

    @Test("a province formed in 2025 is not compared with its predecessors; the reorganisation is stated in text and footer")
    func acrossTheReorganisation() throws {
        // Hà Nội 2025 (2025-01) in DTI-34 2024 (the 34 units), against Hà Nội (01) in DTI 2024 on the 63 provinces.
        let history = IndexHistory(index: "DTI-34", entries: try bundledStore.fetchEntries(index: "DTI-34") + bundledStore.fetchEntries(index: "DTI"),
                                   editions: try bundledStore.fetchEditions(index: "DTI-34"))
        let document = ProvinceReport.make(provinceID: "2025-01", year: 2024, indexes: [history],
                                           sources: try bundledStore.fetchSources(), language: .en)
        let text = MarkdownRenderer().render(document).markdown
        #expect(text.contains("DTI 2024 on the 34 units of 1 July 2025: Hà Nội, 0.8241 points, ranked 1/34; 1st of 5 in the Red River Delta region (a unit formed on 1 July 2025, not directly comparable; in 2024: Hà Nội 4/63)."))
        #expect(document.footer.caveats.contains { $0.hasPrefix("DTI-34 2024, Hà Nội: a unit formed on 1 July 2025") })

        // A report on the pre-2025 Phú Yên shows DTI 2024 twice, each labelled with its units: its own
        // rank among the 63 provinces, and Đắk Lắk's (the unit it joined) among the 34.
        let phuYen = ProvinceReport.make(provinceID: "54", year: 2024, indexes: [try Self.history("DTI"), history],
                                         sources: try bundledStore.fetchSources(), language: .en)
        let phuYenText = MarkdownRenderer().render(phuYen).markdown
        #expect(phuYenText.contains("- DTI 2024: 0.6013 points, ranked 56/63, up 3 places on 2023"), "\(phuYenText)")
        #expect(phuYenText.contains("- DTI 2024 on the 34 units of 1 July 2025: Đắk Lắk, 0.6410 points, ranked 29/34"), "\(phuYenText)")
        #expect(!phuYenText.contains("no 2024 figures"))
    }

    @Test("the administrative-procedure section appears only when rates are given")
    func procedureSection() throws {
        let indexes = [try Self.history("PCI", components: ["62"])]
        let without = ProvinceReport.make(provinceID: "62", year: 2021, indexes: indexes, sources: [], language: .vi)
        #expect(!MarkdownRenderer().render(without).markdown.contains("Thủ tục hành chính"))
        let empty = ProvinceReport.make(provinceID: "62", year: 2021, indexes: indexes, sources: [], procedures: ProcedureSummary(provinceID: "62", periods: []), language: .vi)
        #expect(empty == without)
        let rates = ProcedureSummary(
            provinceID: "62",
            periods: [.init(label: "Q4/2022", onlineRate: 0.2, onTimeRate: 0.97, dossiers: 50_000),
                      .init(label: "Q1/2023", onlineRate: 0.2233, onTimeRate: 0.98, dossiers: 56_039, approximate: true)],
            best: [.init(name: "Sở Tư pháp", onlineRate: 0.9, onTimeRate: 1)], worst: [.init(name: "UBND huyện X", onlineRate: 0.05, onTimeRate: 0.9)])
        let with = ProvinceReport.make(provinceID: "62", year: 2021, indexes: indexes, sources: [], procedures: rates, language: .vi)
        let text = MarkdownRenderer().render(with).markdown
        #expect(text.contains("## Thủ tục hành chính: nộp trực tuyến và giải quyết đúng hạn"))
        #expect(text.contains("Kỳ Q1/2023, Kon Tum: tỷ lệ hồ sơ nộp trực tuyến 22,3%, tỷ lệ hồ sơ giải quyết đúng hạn 98,0% (số liệu xấp xỉ theo nguồn)."))
        #expect(text.contains("So với kỳ Q4/2022, tỷ lệ nộp trực tuyến thay đổi +2,3 điểm phần trăm."))
        #expect(text.contains("| Q1/2023 (xấp xỉ) | 56.039 | 22,3% | 98,0% |"))
        #expect(text.contains("| Sở Tư pháp | 90,0% | 100,0% |"))
        #expect(MarkdownRenderer().render(with).charts.count == MarkdownRenderer().render(without).charts.count + 1)
    }

    @Test("hostile data: a note and a source file name with markup and pipes come out escaped")
    func hostileData() throws {
        let evil = "<script>alert('x')</script> | `rm -rf` [a](javascript:x)"
        let fileName = "evil<script>|x`.csv"
        var entries: [RankingEntry] = []
        for (i, id) in ["54", "52", "56", "48"].enumerated() {
            for year in [2020, 2021] {
                let rank = year == 2021 ? i + 1 : 4 - i
                entries.append(RankingEntry(index: "PCI", year: year, provinceID: id, score: 70 - Double(rank), rank: rank, of: 4,
                                            note: id == "54" ? evil : nil, citation: evil, sourceFile: fileName))
            }
        }
        let history = IndexHistory(index: "PCI", entries: entries, editions: [
            EditionSummary(index: "PCI", year: 2020, of: 4, present: 4, scored: 4, ranksPublished: 4),
            EditionSummary(index: "PCI", year: 2021, of: 4, present: 4, scored: 4, ranksPublished: 4),
        ], components: [ComponentValue(index: "PCI", year: 2021, provinceID: "54", component: evil, value: 5, sourceFile: fileName),
                        ComponentValue(index: "PCI", year: 2020, provinceID: "54", component: evil, value: 4, sourceFile: fileName)])
        let sources = [SourceRecord(id: 1, fileName: fileName, sha256: "<b>|", kind: "rankings", ingestedAt: "2026-01-01T00:00:00Z|<i>", rowCount: 8)]
        let rates = ProcedureSummary(provinceID: "54", periods: [.init(label: evil, onlineRate: 0.5)], best: [.init(name: evil, onlineRate: 1)])
        let documents = [
            ProvinceReport.make(provinceID: "54", year: 2021, indexes: [history], sources: sources, procedures: rates, language: .vi),
            IndexReport.make(history: history, year: 2021, sources: sources, language: .en),
            ComparisonReport.make(provinceIDs: ["54", "52"], indexes: [history], sources: sources, language: .vi),
        ]
        for document in documents {
            let html = HTMLRenderer().render(document)
            #expect(!html.contains("<script"), "\(document.title)")
            #expect(!html.contains("<b>") && !html.contains("<i>"))
            #expect(!html.contains("href=\"javascript"))
            #expect(MarkupChecks.htmlNestingProblem(html) == nil)
            let markdown = MarkdownRenderer().render(document)
            #expect(!markdown.markdown.contains("<script"))
            #expect(Self.unescaped("`", in: markdown.markdown) == 0, "a backtick from the data opened a code span")
            // Every row of a table has as many cell borders as its header: no pipe from the data split a cell.
            for block in markdown.markdown.components(separatedBy: "\n\n") where block.hasPrefix("|") {
                let borders = block.split(separator: "\n").map { Self.unescaped("|", in: String($0)) }
                #expect(Set(borders).count == 1, "\(block)")
            }
            for chart in markdown.charts { #expect(MarkupChecks.xmlError(chart.svg) == nil, "\(chart.fileName)") }
        }
        let province = MarkdownRenderer().render(documents[0]).markdown
        #expect(province.contains("evil&lt;script&gt;\\|x\\`.csv"))
        #expect(province.contains("&lt;script&gt;alert('x')&lt;/script&gt; \\| \\`rm -rf\\` \\[a\\](javascript:x)"))
        let html = HTMLRenderer().render(documents[0])
        #expect(html.contains("evil&lt;script&gt;|x`.csv"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
    }

    /// How many times `character` occurs without a backslash before it.
    static func unescaped(_ character: Character, in text: String) -> Int {
        var count = 0
        var previous: Character?
        for ch in text {
            if ch == character && previous != "\\" { count += 1 }
            previous = (previous == "\\" && ch == "\\") ? nil : ch
        }
        return count
    }

    @Test("the same values give the same document, in both renderers")
    func deterministic() throws {
        #expect(try Self.comparison(.vi) == Self.comparison(.vi))
        #expect(HTMLRenderer().render(try Self.province(.en)) == HTMLRenderer().render(try Self.province(.en)))
    }
}

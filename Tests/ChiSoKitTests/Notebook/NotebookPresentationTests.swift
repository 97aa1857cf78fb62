import ChiSoKit
@testable import ChiSoCore
@testable import ChiSoStore
@testable import ChiSoReport
@testable import ChiSoNotebook
import Foundation
import Testing

/// What a notebook page shows: component labels from SQL, one minus sign and one number of
/// decimals per column, rank axes to N, no line to a year without data, provinces in their colours.
@Suite struct NotebookPresentationTests {
    func run(_ text: String) throws -> ReportDocument {
        try NotebookRunner(store: bundledStore).run(try NotebookParser.parse(text, path: "nb.md"))
    }

    @Test func componentLabelsAreATableNotebookSQLCanJoin() throws {
        let result = try bundledStore.query("""
            SELECT l.label FROM component c
            JOIN component_label l ON l.index_code = c.index_code AND l.key = c.component AND l.lang = 'vi'
            WHERE c.index_code = 'PCI' AND c.year = 2021 AND c.province_id = '54' AND c.component = 'transparency'
            """)
        #expect(result.rows == [[.text("Tính minh bạch")]])
        let all = try bundledStore.query("SELECT count(*) FROM component_label")
        #expect(all.rows == [[.integer(Int64(ComponentLabels.all.count * 2))]])
        // Every component key of the bundled data has a label in both languages.
        let unlabelled = try bundledStore.query("""
            SELECT DISTINCT c.index_code, c.component FROM component c
            WHERE c.index_code IN ('PCI', 'PAPI', 'DTI') AND (SELECT count(*) FROM component_label l
                  WHERE l.index_code = c.index_code AND l.key = c.component) < 2
            """)
        #expect(unlabelled.rows.isEmpty, "\(unlabelled.rows)")
        // The Phú Yên notebook shows labels, not keys.
        let text = try String(contentsOf: NotebookTests.notebooks.appendingPathComponent("phu-yen-2020-2022.md"), encoding: .utf8)
        let md = MarkdownRenderer().render(try run(text)).markdown
        #expect(md.contains("| Dịch vụ hỗ trợ doanh nghiệp | 5,26 | 7,35 | 2,09 |"))
        #expect(!md.contains("business_support_services"))
    }

    @Test func oneMinusSignAndOneNumberOfDecimalsPerColumn() throws {
        let doc = try run("""
            ```sql t
            SELECT 'a' AS k, -3 AS n, 0.4 AS x UNION ALL SELECT 'b', 5, -2.09 UNION ALL SELECT 'c', 0, 1
            ```
            """)
        guard case .table(let table)? = doc.blocks.first else { Issue.record("no table"); return }
        #expect(table.rows.map { $0.map(\.text) } == [["a", "\u{2212}3", "0,40"], ["b", "5", "\u{2212}2,09"], ["c", "0", "1,00"]])
    }

    @Test func aRankChartRunsToNAndDrawsNoLineToAYearWithoutData() throws {
        let doc = try run("""
            ```sql r hide
            SELECT 'PCI' AS s, 2020 AS year, 42 AS rank, 63 AS of_count UNION ALL SELECT 'PCI', 2021, 35, 63
            UNION ALL SELECT 'PAPI', 2021, 45, 63 UNION ALL SELECT 'PAPI', 2022, 47, 63
            ```
            ```chart
            data: r
            x: year
            y: rank
            series: s
            ```
            """)
        guard case .chart(let chart)? = doc.blocks.last else { Issue.record("no chart"); return }
        #expect(chart.yAxis.domain == 1...63)
        let svg = SVGChartRenderer.svg(for: chart)
        #expect(svg.contains(">63</text>") && !svg.contains(">60</text>"))
        // PCI ends in 2021: its label says so, and no leader runs on to 2022.
        #expect(svg.contains(">35 (2021)</text>"))
        #expect(!svg.contains("<polyline"))
        // Without an "of" column a rank axis still ends at 63.
        let plain = try run("```sql r hide\nSELECT 2020 AS year, 12 AS rank\n```\n```chart\ndata: r\nx: year\ny: rank\n```")
        guard case .chart(let plainChart)? = plain.blocks.last else { Issue.record("no chart"); return }
        #expect(plainChart.yAxis.domain == 1...63)
    }

    @Test func aSeriesNamedAfterAProvinceKeepsItsStyle() throws {
        let doc = try run("""
            ```sql r hide
            SELECT 'Phú Yên' AS p, 2020 AS year, 40 AS rank UNION ALL SELECT 'Bình Định', 2020, 11
            ```
            ```chart
            type: bump
            data: r
            x: year
            y: rank
            series: p
            ```
            """)
        guard case .chart(let chart)? = doc.blocks.last else { Issue.record("no chart"); return }
        #expect(chart.series.map(\.styleSlot) == [ProvinceStyle.slot("54"), ProvinceStyle.slot("52")])
        #expect(chart.series[0].styleSlot != nil)
    }
}

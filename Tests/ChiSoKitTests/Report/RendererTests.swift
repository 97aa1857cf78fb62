import ChiSoKit
import Foundation
import Testing

@Suite struct RendererTests {
    static let evil = "\"><img src=x onerror=alert(1)><script>alert(1)</script>"

    /// Hostile text in every place the model has text.
    static func hostileDocument() -> ReportDocument {
        let chart = Chart(
            kind: .line, title: evil, description: evil, xLabels: ["2020", evil], xAxisLabel: evil,
            series: [ChartSeries(name: "a|b `c`", values: [1, 2])], yAxis: ChartAxis(label: evil), language: .en)
        return ReportDocument(
            title: evil, language: .en, subtitle: evil,
            blocks: [
                .heading(level: 2, text: evil, anchor: evil),
                .paragraph([.text(evil), .strong(evil), .emphasis(evil), .link(text: evil, url: "javascript:alert(1)"),
                            .link(text: "ok", url: "https://example.org/?a=1&b=\"2\"")]),
                .list([[.text(evil)]]),
                .note(kind: .caveat, [.text(evil)]),
                .keyFigures([.init(label: evil, value: evil, change: evil, trend: .down)]),
                .table(ReportTable(caption: evil, columns: [.init(evil), .init("x|y", alignment: .trailing)],
                                   rows: [[.init(evil), .init("1|2\nnew line", trend: .up)], [.init("`tick`")]])),
                .section(title: evil, blocks: [.chart(chart)]),
            ],
            footer: ReportFooter(
                sources: [.init(name: evil, sha256: evil, ingestDate: evil, origin: evil)],
                caveats: [evil], attribution: evil))
    }

    @Test func htmlEscapesEveryStringFromData() {
        let html = HTMLRenderer().render(Self.hostileDocument())
        #expect(!html.contains("<img"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("javascript:"))
        #expect(html.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"))
        // In an attribute (the hash's tooltip) as well.
        #expect(html.contains("title=\"&quot;&gt;&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;"))
        #expect(html.contains("href=\"https://example.org/?a=1&amp;b=&quot;2&quot;\""))
        #expect(MarkupChecks.htmlNestingProblem(html) == nil)
    }

    @Test func htmlIdsAreUniqueAndSafe() {
        let html = HTMLRenderer().render(SampleReport.document(.vi))
        let ids = MarkupChecks.attributeValues("id", of: "h2", in: html)
            + MarkupChecks.attributeValues("id", of: "figure", in: html)
            + MarkupChecks.attributeValues("id", of: "caption", in: html)
        #expect(ids.count == Set(ids).count)
        #expect(ids.allSatisfy { $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") } })
        let hostile = HTMLRenderer().render(Self.hostileDocument())
        #expect(MarkupChecks.attributeValues("id", of: "h2", in: hostile).allSatisfy { !$0.contains("&") })
    }

    @Test func htmlIsSelfContained() {
        let html = HTMLRenderer().render(SampleReport.document(.vi))
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"vi\">"))
        #expect(html.contains("<meta charset=\"utf-8\">"))
        #expect(html.contains("<meta name=\"viewport\""))
        #expect(!html.contains("<script"))
        #expect(!html.contains("src="))
        #expect(!html.contains("<link"))
        #expect(!html.contains("@import"))
        #expect(!html.contains("url("))
        #expect(html.contains("@page { size: A4; margin: 15mm; }"))
        #expect(MarkupChecks.htmlNestingProblem(html) == nil)
        #expect(HTMLRenderer().render(SampleReport.document(.en)).contains("<html lang=\"en\">"))
    }

    @Test func htmlTablesAndFiguresAreSemantic() {
        let html = HTMLRenderer().render(SampleReport.document(.vi))
        #expect(MarkupChecks.count("<figure ", in: html) == 5)
        #expect(MarkupChecks.count("<figcaption>", in: html) == 5)
        // A wide and a narrow drawing of each chart, shown one at a time by CSS.
        #expect(MarkupChecks.count("<svg ", in: html) == 10)
        // One component table, one data table per chart, one source table.
        #expect(MarkupChecks.count("<caption ", in: html) == 7)
        #expect(MarkupChecks.count("<thead>", in: html) == 7)
        #expect(html.contains("<th scope=\"col\" class=\"num\">2021</th>"))
        // Trends: arrow, colour class and a word.
        #expect(html.contains("<span class=\"trend trend-up\"><span class=\"arrow\" aria-hidden=\"true\">▲</span> +2,09<span class=\"visually-hidden\"> (tăng)</span></span>"))
        #expect(html.contains("trend-down"))
    }

    @Test func markdownEscapesTablesAndDropsUnsafeLinks() {
        let report = MarkdownRenderer().render(Self.hostileDocument())
        let md = report.markdown
        #expect(!md.contains("<img"))
        #expect(!md.contains("<script"))
        #expect(!md.contains("javascript:"))
        #expect(md.contains("| ▲ 1\\|2 new line |"))
        #expect(md.contains("| \\`tick\\` |   |"))
        #expect(md.contains("| a\\|b \\`c\\` |"))
        #expect(md.contains("[ok](https://example.org/?a=1&b=\"2\")"))
        // Every row of a table has as many unescaped pipes as its header row.
        var headerPipes: Int?
        for line in md.split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.hasPrefix("| ") else { headerPipes = nil; continue }
            let pipes = line.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count
            if let headerPipes { #expect(pipes == headerPipes, "\(line)") } else { headerPipes = pipes }
        }
        #expect(report.charts.count == 1)
        #expect(report.charts[0].fileName == "01-img-src-x-onerror-alert-1-script-alert-1-script.svg")
    }

    @Test func markdownChartsLinkToNumberedFiles() {
        let report = MarkdownRenderer(chartDirectory: "hinh").render(SampleReport.document(.vi))
        #expect(report.charts.map(\.fileName) == [
            "01-thu-hang-pci-cua-phu-yen-2006-2021.svg",
            "02-diem-pci-cua-phu-yen-2006-2021.svg",
            "03-thu-hang-pci-phu-yen-va-cac-tinh-lan-can-2012-2021.svg",
            "04-diem-pci-phu-yen-va-cac-tinh-lan-can-2012-2021.svg",
            "05-thay-doi-diem-chi-so-thanh-phan-2021-so-voi-2020.svg",
        ])
        #expect(report.markdown.contains("![Thứ hạng PCI của Phú Yên, 2006–2021](hinh/01-thu-hang-pci-cua-phu-yen-2006-2021.svg)"))
    }

    @Test func renderingIsDeterministic() {
        let doc = SampleReport.document(.vi)
        #expect(HTMLRenderer().render(doc) == HTMLRenderer().render(doc))
        #expect(MarkdownRenderer().render(doc) == MarkdownRenderer().render(doc))
    }
}

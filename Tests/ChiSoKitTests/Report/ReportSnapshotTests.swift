import ChiSoKit
import Testing
import TestSupport

/// The sample report compared with reviewed golden files in Snapshots/ (RECORD_SNAPSHOTS=1 re-records).
@Suite struct ReportSnapshotTests {
    @Test func vietnameseMarkdown() {
        let report = MarkdownRenderer().render(SampleReport.document(.vi))
        GoldenFile.check(report.markdown, GoldenFile.url("phu-yen-2021.vi.md"))
    }

    @Test func englishMarkdown() {
        GoldenFile.check(MarkdownRenderer().render(SampleReport.document(.en)).markdown, GoldenFile.url("phu-yen-2021.en.md"))
    }

    @Test func vietnameseHTML() {
        GoldenFile.check(HTMLRenderer().render(SampleReport.document(.vi)), GoldenFile.url("phu-yen-2021.vi.html"))
    }

    @Test func chartSVGs() {
        for chart in MarkdownRenderer().render(SampleReport.document(.vi)).charts {
            GoldenFile.check(chart.svg, GoldenFile.url(chart.fileName))
        }
    }
}

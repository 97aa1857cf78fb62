import ChiSoCore
import ChiSoMetrics

/// A rendered Markdown report: the text and the SVG files its images point to.
public struct MarkdownReport: Sendable, Equatable {
    public var markdown: String
    /// Write each one at `<report folder>/<chartDirectory>/<fileName>`.
    public var charts: [ChartFile]
}

/// One chart as a standalone SVG file.
public struct ChartFile: Sendable, Equatable {
    /// "01-thu-hang-pci-cua-phu-yen.svg": figure number, then an ASCII slug of the title.
    public var fileName: String
    public var svg: String
}

/// Renders a `ReportDocument` as GitHub-flavoured Markdown; charts become image links to SVG
/// files, each followed by its text description and its data as a table.
public struct MarkdownRenderer: Sendable {
    /// Folder of the chart files, relative to the Markdown file ("charts").
    public var chartDirectory: String
    /// Charts and maps go into the Markdown itself as inline `<svg>` blocks, and no chart file is
    /// made: for Markdown printed to stdout, which must not link files nobody wrote.
    public var inlineCharts: Bool

    public init(chartDirectory: String = "charts", inlineCharts: Bool = false) {
        self.chartDirectory = chartDirectory
        self.inlineCharts = inlineCharts
    }

    /// The image of a figure: a link to its file (recorded in `state.charts`) or the SVG inline,
    /// without blank lines so it stays one HTML block.
    private func image(title: String, fileName: String, svg: String, state: inout State) -> String {
        if inlineCharts {
            return svg.split(separator: "\n", omittingEmptySubsequences: true)
                .filter { !$0.allSatisfy(\.isWhitespace) }.joined(separator: "\n")
        }
        state.charts.append(ChartFile(fileName: fileName, svg: svg))
        let path = chartDirectory.isEmpty ? fileName : chartDirectory + "/" + fileName
        let link = MarkdownEscaping.destination(path) ?? fileName
        return "![\(MarkdownEscaping.linkText(title))](\(link))"
    }

    public func render(_ document: ReportDocument) -> MarkdownReport {
        var state = State(strings: ReportStrings(language: document.language))
        var parts = ["# " + MarkdownEscaping.inline(document.title)]
        if let subtitle = document.subtitle, !subtitle.isEmpty {
            parts.append("*" + MarkdownEscaping.inline(subtitle) + "*")
        }
        parts += document.blocks.map { block($0, depth: 0, state: &state) }
        parts.append(footer(document.footer, strings: state.strings))
        return MarkdownReport(markdown: parts.filter { !$0.isEmpty }.joined(separator: "\n\n") + "\n", charts: state.charts)
    }

    private struct State {
        package let strings: ReportStrings
        package var figure = 0
        package var charts: [ChartFile] = []
    }

    private func block(_ block: ReportBlock, depth: Int, state: inout State) -> String {
        switch block {
        case .heading(let level, let text, _):
            return String(repeating: "#", count: min(6, max(2, level))) + " " + MarkdownEscaping.inline(text)
        case .paragraph(let inlines):
            return inline(inlines)
        case .list(let items):
            return items.map { "- " + inline($0) }.joined(separator: "\n")
        case .table(let table):
            return self.table(table)
        case .note(let kind, let inlines):
            return "> **\(MarkdownEscaping.inline(state.strings.note(kind))):** " + inline(inlines)
        case .keyFigures(let figures):
            return figures.map { figure in
                var line = "- **\(MarkdownEscaping.inline(figure.label)):** \(MarkdownEscaping.inline(figure.value))"
                if let change = figure.change {
                    let arrow = figure.trend.map { ReportStrings.arrow($0) + " " } ?? ""
                    line += " (\(arrow)\(MarkdownEscaping.inline(change)))"
                }
                return line
            }.joined(separator: "\n")
        case .markdown(let text):
            return text.trimmingCharacters(in: .newlines)
        case .section(let title, _, let blocks):
            let heading = String(repeating: "#", count: min(6, 2 + depth)) + " " + MarkdownEscaping.inline(title)
            return ([heading] + blocks.map { self.block($0, depth: depth + 1, state: &state) })
                .filter { !$0.isEmpty }.joined(separator: "\n\n")
        case .map(let map):
            state.figure += 1
            let number = state.figure
            let fileName = twoDigits(number) + "-" + Slug.make(from: map.title, maxLength: 50) + ".svg"
            let svg = MapRenderer.svg(for: map, id: inlineCharts ? "map-\(number)" : "map", standalone: true)
            return [
                "**" + MarkdownEscaping.inline(state.strings.figure(number) + ". " + map.title) + "**",
                image(title: map.title, fileName: fileName, svg: svg, state: &state),
                MarkdownEscaping.inline(map.description),
                "*" + MarkdownEscaping.inline(MapGeometry.attribution(map.language)) + "*",
            ].joined(separator: "\n\n")
        case .chart(let chart):
            state.figure += 1
            let number = state.figure
            let fileName = twoDigits(number) + "-" + Slug.make(from: chart.title, maxLength: 50) + ".svg"
            let svg = SVGChartRenderer.svg(for: chart, id: inlineCharts ? "figure-\(number)" : nil)
            let caption = state.strings.figure(number) + ". " + chart.title
            return [
                "**" + MarkdownEscaping.inline(caption) + "**",
                image(title: chart.title, fileName: fileName, svg: svg, state: &state),
                MarkdownEscaping.inline(chart.description),
                table(chart.dataTable(caption: state.strings.chartData(number))),
            ].joined(separator: "\n\n")
        }
    }

    private func inline(_ runs: [ReportBlock.Inline]) -> String {
        runs.map { run in
            switch run {
            case .text(let s): return MarkdownEscaping.inline(s)
            case .strong(let s): return wrap(s, "**")
            case .emphasis(let s): return wrap(s, "*")
            case .link(let text, let url):
                guard let destination = MarkdownEscaping.destination(url) else { return MarkdownEscaping.inline(text) }
                return "[\(MarkdownEscaping.linkText(text))](\(destination))"
            }
        }.joined()
    }

    /// Emphasis markers must touch the text, so spaces at the ends go outside them.
    private func wrap(_ text: String, _ marker: String) -> String {
        let core = ReportText.trimSpaces(text)
        guard !core.isEmpty else { return MarkdownEscaping.inline(text) }
        let lead = text.hasPrefix(" ") ? " " : "", trail = text.hasSuffix(" ") ? " " : ""
        return lead + marker + MarkdownEscaping.inline(core) + marker + trail
    }

    private func table(_ table: ReportTable) -> String {
        guard !table.columns.isEmpty else { return "" }
        var lines: [String] = []
        if !table.caption.isEmpty { lines += ["**" + MarkdownEscaping.inline(table.caption) + "**", ""] }
        lines.append(row(table.columns.map { MarkdownEscaping.tableCell($0.header) }))
        lines.append(row(table.columns.map { $0.alignment == .trailing ? "---:" : "---" }))
        for (r, cells) in table.normalizedRows.enumerated() {
            let strong = table.emphasizedRows.contains(r)
            lines.append(row(cells.map { cell in
                var text = MarkdownEscaping.tableCell(cell.text)
                if strong && !text.isEmpty { text = "**" + text + "**" }
                guard let trend = cell.trend else { return text }
                return ReportStrings.arrow(trend) + (text.isEmpty ? "" : " " + text)
            }))
        }
        return lines.joined(separator: "\n")
    }

    private func row(_ cells: [String]) -> String {
        "| " + cells.map { $0.isEmpty ? " " : $0 }.joined(separator: " | ") + " |"
    }

    private func footer(_ footer: ReportFooter, strings: ReportStrings) -> String {
        var parts = ["---"]
        if !footer.sources.isEmpty {
            let withOrigin = footer.sources.contains { $0.origin != nil }
            var columns = [ReportTable.Column(strings.fileColumn)]
            if withOrigin { columns.append(ReportTable.Column(strings.originColumn)) }
            columns += [ReportTable.Column(strings.hashColumn), ReportTable.Column(strings.ingestColumn)]
            var lines = ["## " + MarkdownEscaping.inline(strings.sourcesHeading), ""]
            lines.append(row(columns.map { MarkdownEscaping.tableCell($0.header) }))
            lines.append(row(columns.map { _ in "---" }))
            for source in footer.sources {
                var cells = [MarkdownEscaping.tableCell(source.name)]
                if withOrigin { cells.append(MarkdownEscaping.tableCell(source.origin ?? "")) }
                let hash = source.shortHash
                let isHex = !hash.isEmpty && hash.allSatisfy { $0.isHexDigit }
                cells.append(isHex ? "`\(hash)`" : MarkdownEscaping.tableCell(hash))
                cells.append(MarkdownEscaping.tableCell(source.ingestDate))
                lines.append(row(cells))
            }
            parts.append(lines.joined(separator: "\n"))
        }
        if !footer.caveats.isEmpty {
            parts.append("## " + MarkdownEscaping.inline(strings.caveatsHeading))
            parts.append(footer.caveats.map { "- " + MarkdownEscaping.inline($0) }.joined(separator: "\n"))
        }
        if !footer.attribution.isEmpty {
            parts.append(MarkdownEscaping.inline(footer.attribution))
        }
        return parts.joined(separator: "\n\n")
    }
}

/// Two digits at least, so files sort in figure order: 1 -> "01".
private func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

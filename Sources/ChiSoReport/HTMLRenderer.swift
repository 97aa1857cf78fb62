import ChiSoCore
import ChiSoMetrics
import Ink

/// Renders a `ReportDocument` as one self-contained HTML5 file: inline CSS and SVG, no script, no
/// external resource; readable on a phone, prints on A4.
public struct HTMLRenderer: Sendable {
    public init() {}

    public func render(_ document: ReportDocument) -> String {
        var state = State(strings: ReportStrings(language: document.language))
        let e = HTMLEscaping.escape
        var out = """
        <!DOCTYPE html>
        <html lang="\(document.language.rawValue)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="ChiSo">
        <title>\(e(document.title))</title>
        <style>
        \(HTMLRenderer.styleSheet)\(HTMLRenderer.pageRules(for: document))</style>
        </head>
        <body>
        <header>

        """
        if !document.navigation.isEmpty {
            out += "<nav class=\"breadcrumbs\" aria-label=\"\(document.language == .vi ? "Điều hướng" : "Navigation")\">\(inline(document.navigation))</nav>\n"
        }
        out += "<h1>\(e(document.title))</h1>\n"
        if let subtitle = document.subtitle, !subtitle.isEmpty {
            out += "<p class=\"subtitle\">\(e(subtitle))</p>\n"
        }
        out += "</header>\n<main>\n"
        for block in document.blocks { out += self.block(block, depth: 0, state: &state) }
        out += "</main>\n"
        out += footer(document.footer, state: &state)
        out += "</body>\n</html>\n"
        return out
    }

    private struct State {
        package let strings: ReportStrings
        package var figure = 0
        package var table = 0
        package var usedIDs: Set<String> = []

        /// A unique, attribute-safe id: the slug of `text`, with "-2", "-3"... when taken.
        package mutating func id(_ text: String) -> String {
            let base = Slug.make(from: text)
            var candidate = base
            var n = 2
            while usedIDs.contains(candidate) {
                candidate = "\(base)-\(n)"
                n += 1
            }
            usedIDs.insert(candidate)
            return candidate
        }
    }

    private func block(_ block: ReportBlock, depth: Int, state: inout State) -> String {
        let e = HTMLEscaping.escape
        switch block {
        case .heading(let level, let text, let anchor):
            let h = min(6, max(2, level))
            return "<h\(h) id=\"\(e(state.id(anchor ?? text)))\">\(e(text))</h\(h)>\n"
        case .paragraph(let inlines):
            return "<p>\(inline(inlines))</p>\n"
        case .list(let items):
            return "<ul>\n" + items.map { "<li>\(inline($0))</li>\n" }.joined() + "</ul>\n"
        case .table(let table):
            return self.table(table, state: &state)
        case .note(let kind, let inlines):
            return "<aside class=\"note note-\(kind.rawValue)\"><p><strong>\(e(state.strings.note(kind))):</strong> \(inline(inlines))</p></aside>\n"
        case .keyFigures(let figures):
            var out = "<ul class=\"key-figures\">\n"
            for figure in figures {
                out += "<li><span class=\"kf-label\">\(e(figure.label))</span> <span class=\"kf-value\">\(e(figure.value))</span>"
                if let change = figure.change {
                    out += " <span class=\"kf-change\">\(trend(figure.trend, text: change, strings: state.strings))</span>"
                }
                out += "</li>\n"
            }
            return out + "</ul>\n"
        case .markdown(let text):
            return MarkdownParser().html(from: text) + "\n"
        case .section(let title, let anchor, let blocks):
            let id = state.id(anchor ?? title)
            let h = min(6, 2 + depth)
            var out = "<section aria-labelledby=\"\(e(id))\">\n<h\(h) id=\"\(e(id))\">\(e(title))</h\(h)>\n"
            for child in blocks { out += self.block(child, depth: depth + 1, state: &state) }
            return out + "</section>\n"
        case .map(let map):
            state.figure += 1
            let number = state.figure
            let id = state.id(state.strings.figure(number))
            var out = "<figure class=\"map\" id=\"\(e(id))\">\n"
            out += "<figcaption><span class=\"figure-number\">\(e(state.strings.figure(number))).</span> \(e(map.title))</figcaption>\n"
            out += "<div class=\"map-body\">\n<div class=\"map-image\">\n" + MapRenderer.svg(for: map, id: id) + "</div>\n"
            out += MapRenderer.htmlLegend(for: map) + "</div>\n"
            out += "<p class=\"chart-description\">\(e(map.description))</p>\n"
            out += "<p class=\"map-attribution\">\(e(MapGeometry.attribution(map.language)))</p>\n</figure>\n"
            return out
        case .chart(let chart):
            state.figure += 1
            let number = state.figure
            let id = state.id(state.strings.figure(number))
            var out = "<figure class=\"chart\" id=\"\(e(id))\">\n"
            out += "<figcaption><span class=\"figure-number\">\(e(state.strings.figure(number))).</span> \(e(chart.title))</figcaption>\n"
            // Two drawings: the wide one for screens and print, a narrow one whose text stays legible on
            // a phone; CSS shows one (a hidden one is also hidden from screen readers).
            out += "<div class=\"chart-image\">\n<div class=\"chart-wide\">\n" + SVGChartRenderer.svg(for: chart, id: id) + "</div>\n"
            out += "<div class=\"chart-narrow\">\n"
                + SVGChartRenderer.svg(for: chart, id: id + "-narrow", width: SVGChartRenderer.narrowWidth) + "</div>\n</div>\n"
            out += "<p class=\"chart-description\">\(e(chart.description))</p>\n"
            out += "<details class=\"chart-data\" open>\n<summary>\(e(state.strings.chartData(number)))</summary>\n"
            out += table(chart.dataTable(caption: state.strings.chartData(number)), state: &state, captionHidden: true)
            out += "</details>\n</figure>\n"
            return out
        }
    }

    private func inline(_ runs: [ReportBlock.Inline]) -> String {
        let e = HTMLEscaping.escape
        return runs.map { run in
            switch run {
            case .text(let s): return e(s)
            case .strong(let s): return "<strong>\(e(s))</strong>"
            case .emphasis(let s): return "<em>\(e(s))</em>"
            case .link(let text, let url):
                guard let safe = HTMLEscaping.safeURL(url) else { return e(text) }
                return "<a href=\"\(e(safe))\">\(e(text))</a>"
            }
        }.joined()
    }

    /// An arrow and colour for sighted readers, a word for screen readers, the text for everyone.
    private func trend(_ trend: ReportBlock.Trend?, text: String, strings: ReportStrings) -> String {
        let e = HTMLEscaping.escape
        guard let trend else { return e(text) }
        return "<span class=\"trend trend-\(trend.rawValue)\"><span class=\"arrow\" aria-hidden=\"true\">\(ReportStrings.arrow(trend))</span> \(e(text))<span class=\"visually-hidden\"> (\(e(strings.trend(trend))))</span></span>"
    }

    private func table(_ table: ReportTable, state: inout State, captionHidden: Bool = false) -> String {
        let e = HTMLEscaping.escape
        state.table += 1
        let captionID = state.id("table-\(state.table)")
        // A table with many year columns opens scrolled to its end (the latest years) on a narrow
        // screen: its scroll box runs right to left, the table inside left to right.
        let timeline = table.columns.dropFirst().filter { $0.header.count == 4 && Int($0.header) != nil }.count >= 8
        var out = ""
        // The caption is shown above the scroll box, so a table wider than the screen never cuts it;
        // the <caption> itself stays for screen readers.
        if !captionHidden { out += "<p class=\"table-caption\" aria-hidden=\"true\">\(e(table.caption))</p>\n" }
        if timeline { out += "<p class=\"scroll-hint\" aria-hidden=\"true\">\(e(state.strings.scrollHint))</p>\n" }
        out += "<div class=\"table-wrap\(timeline ? " timeline" : "")\" role=\"region\" aria-labelledby=\"\(captionID)\" tabindex=\"0\">\n<table>\n"
        out += "<caption id=\"\(captionID)\" class=\"visually-hidden\">\(e(table.caption))</caption>\n"
        func alignment(_ column: ReportTable.Column) -> String {
            let classes = (column.alignment == .trailing ? ["num"] : []) + (column.hiddenOnPhone ? ["wide-only"] : [])
            return classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\""
        }
        out += "<thead><tr>" + table.columns.map { "<th scope=\"col\"\(alignment($0))>\(e($0.header))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for (r, row) in table.normalizedRows.enumerated() {
            let strong = table.emphasizedRows.contains(r)
            out += "<tr>"
            for (i, cell) in row.enumerated() {
                let tag = i == 0 && table.firstColumnIsRowHeader ? "th scope=\"row\"" : "td"
                let close = i == 0 && table.firstColumnIsRowHeader ? "th" : "td"
                var content = trend(cell.trend, text: cell.text, strings: state.strings)
                if let bar = cell.bar, bar.isFinite {
                    // Whole percents: the same markup on every machine.
                    let percent = Int((min(1, max(0, bar)) * 100).rounded())
                    content = "<span class=\"data-bar\" aria-hidden=\"true\"><span style=\"width:\(percent)%\"></span></span>" + content
                }
                out += "<\(tag)\(alignment(table.columns[i]))>\(strong && !cell.text.isEmpty ? "<strong>\(content)</strong>" : content)</\(close)>"
            }
            out += "</tr>\n"
        }
        return out + "</tbody>\n</table>\n</div>\n"
    }

    private func footer(_ footer: ReportFooter, state: inout State) -> String {
        let e = HTMLEscaping.escape
        let strings = state.strings
        var out = "<footer>\n"
        if !footer.sources.isEmpty {
            let withOrigin = footer.sources.contains { $0.origin != nil }
            var columns = [ReportTable.Column(strings.fileColumn)]
            if withOrigin { columns.append(ReportTable.Column(strings.originColumn)) }
            columns += [ReportTable.Column(strings.hashColumn), ReportTable.Column(strings.ingestColumn)]
            let id = state.id(strings.sourcesHeading)
            out += "<section aria-labelledby=\"\(id)\">\n<h2 id=\"\(id)\">\(e(strings.sourcesHeading))</h2>\n"
            state.table += 1
            let captionID = state.id("table-\(state.table)")
            out += "<div class=\"table-wrap\" role=\"region\" aria-labelledby=\"\(captionID)\" tabindex=\"0\">\n<table class=\"sources\">\n"
            out += "<caption id=\"\(captionID)\" class=\"visually-hidden\">\(e(strings.sourcesCaption))</caption>\n"
            out += "<thead><tr>" + columns.map { "<th scope=\"col\">\(e($0.header))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
            for source in footer.sources {
                out += "<tr><th scope=\"row\">\(e(source.name))</th>"
                if withOrigin { out += "<td>\(e(source.origin ?? ""))</td>" }
                out += "<td><code title=\"\(e(source.sha256))\">\(e(source.shortHash))</code></td><td>\(e(source.ingestDate))</td></tr>\n"
            }
            out += "</tbody>\n</table>\n</div>\n</section>\n"
        }
        if !footer.caveats.isEmpty {
            let id = state.id(strings.caveatsHeading)
            out += "<section aria-labelledby=\"\(id)\">\n<h2 id=\"\(id)\">\(e(strings.caveatsHeading))</h2>\n<ul>\n"
            out += footer.caveats.map { "<li>\(e($0))</li>\n" }.joined()
            out += "</ul>\n</section>\n"
        }
        if !footer.attribution.isEmpty {
            out += "<p class=\"attribution\">\(e(footer.attribution))</p>\n"
        }
        return out + "</footer>\n"
    }
}

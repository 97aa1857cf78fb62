import ChiSoCore
import ChiSoMetrics

/// Horizontal bar charts: one row per x label, one bar per series, bars start at zero (negative
/// values extend to the left) and carry their value at the end.
package struct BarChartLayout {
    package let chart: Chart
    package let width: Double
    /// On narrow charts each label sits on its own line above its bars, so long names stay whole.
    package var labelsAbove: Bool { width < 500 }

    package func draw() -> SVGCanvas {
        let f = SVGNumber.format
        let lang = chart.language
        let categories = chart.xLabels
        let seriesCount = max(chart.series.count, 1)
        let values = chart.series.flatMap { $0.values.prefix(categories.count).compactMap { $0 } }
        let scale = ChartScale(values: values, minimum: chart.yAxis.domain, includeZero: true, targetTickCount: 5)

        var top = 10.0
        var legendMarkup: String?
        if chart.series.count > 1 {
            let (markup, height) = SVGChartRenderer.legend(chart.series, x0: 12, y0: top, maxWidth: width - 24, lineSample: false)
            legendMarkup = markup
            top += height + 8
        }
        let axisLabelY = top + 12
        if !chart.yAxis.label.isEmpty { top += 22 }
        let plotTop = top + 6

        let barHeight = seriesCount == 1 ? 20.0 : 14.0
        let barGap = 2.0
        let rowGap = 10.0
        let labelLine = labelsAbove ? 18.0 : 0
        let rowHeight = labelLine + Double(seriesCount) * barHeight + Double(seriesCount - 1) * barGap + rowGap
        let plotBottom = plotTop + rowHeight * Double(categories.count)

        // Category labels on the left, at most 40% of the width (longer ones are cut, full text in a
        // tooltip), or above the bars on narrow charts.
        let maxCategoryWidth = labelsAbove ? width - 24 : width * 0.4
        let categoryWidth = min(maxCategoryWidth, categories.map { TextMetrics.width($0, fontSize: 12) }.max() ?? 0)
        let plotLeft = labelsAbove ? 12 : (12 + categoryWidth + 10).rounded(.up)
        let plotRight = width - 12

        // Room for value labels beyond the longest bars on each side.
        let labelTexts = chart.series.map { s in s.values.map { $0.map { chart.yAxis.style.format($0, lang) } ?? NumberFormat.missing } }
        let valueWidth = (labelTexts.flatMap { $0 }.map { TextMetrics.width($0, fontSize: 12) }.max() ?? 0) + 6
        let padLeft = scale.lower < 0 ? valueWidth : 0
        let padRight = scale.upper > 0 ? valueWidth : 0
        let innerLeft = plotLeft + padLeft, innerRight = plotRight - padRight
        func x(_ v: Double) -> Double { innerLeft + scale.fraction(v) * (innerRight - innerLeft) }

        var canvas = SVGCanvas(width: width, height: plotBottom + 30)
        if let legendMarkup { canvas.add(legendMarkup) }
        if !chart.yAxis.label.isEmpty {
            canvas.add("<text x=\"12\" y=\"\(f(axisLabelY))\" font-size=\"13\" font-weight=\"600\" fill=\"\(SVGChartRenderer.textColor)\">\(HTMLEscaping.escape(chart.yAxis.label))</text>")
        }

        // A vertical rule across the plot; with labels above the bars it is cut into one piece per row,
        // so it never runs through a label.
        func rule(_ x: Double, color: String, width: Double) -> String {
            let spans: [(Double, Double)] = labelsAbove
                ? categories.indices.map { row in
                    let top = plotTop + rowHeight * Double(row) + rowGap / 2 + labelLine - 2
                    return (top, top + rowHeight - rowGap - labelLine + 4)
                }
                : [(plotTop, plotBottom)]
            return spans.map { "<line x1=\"\(f(x))\" y1=\"\(f($0.0))\" x2=\"\(f(x))\" y2=\"\(f($0.1))\" stroke=\"\(color)\" stroke-width=\"\(f(width))\"/>" }.joined()
        }

        var grid = "<g class=\"x-axis\" fill=\"\(SVGChartRenderer.mutedColor)\" text-anchor=\"middle\">"
        for tick in scale.ticks {
            let tx = x(tick)
            grid += rule(tx, color: SVGChartRenderer.gridColor, width: 1)
            grid += "<text x=\"\(f(tx))\" y=\"\(f(plotBottom + 18))\">\(HTMLEscaping.escape(chart.yAxis.style.tickLabel(tick, decimals: scale.tickDecimals, lang)))</text>"
        }
        grid += "</g>"
        canvas.add(grid)

        let zeroX = x(0)
        // A single series with both signs: gains and losses in two colours as well as two directions.
        let diverging = chart.series.count == 1 && values.contains { $0 < 0 } && values.contains { $0 > 0 }
        // Bars, then the zero line, then all text: the text gets a white outline (painted under the
        // glyphs) so neither grid nor zero line ever crosses it.
        var rects = "<g class=\"bars\">"
        var labels = "<g class=\"labels\" font-size=\"12\" stroke=\"#ffffff\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\">"
        for (row, category) in categories.enumerated() {
            let rowTop = plotTop + rowHeight * Double(row) + rowGap / 2
            let barsTop = rowTop + labelLine
            let shown = TextMetrics.truncate(category, fontSize: 12, maxWidth: maxCategoryWidth)
            let tip = shown == category ? "" : "<title>\(HTMLEscaping.escape(category))</title>"
            if labelsAbove {
                labels += "<text x=\"\(f(plotLeft))\" y=\"\(f(rowTop + 7))\" dominant-baseline=\"central\" fill=\"\(SVGChartRenderer.textColor)\">\(HTMLEscaping.escape(shown))\(tip)</text>"
            } else {
                let groupMid = barsTop + (rowHeight - rowGap) / 2
                labels += "<text x=\"\(f(plotLeft - 10))\" y=\"\(f(groupMid))\" text-anchor=\"end\" dominant-baseline=\"central\" fill=\"\(SVGChartRenderer.textColor)\">\(HTMLEscaping.escape(shown))\(tip)</text>"
            }
            for (s, series) in chart.series.enumerated() {
                let barTop = barsTop + Double(s) * (barHeight + barGap)
                let mid = barTop + barHeight / 2
                let value = row < series.values.count ? series.values[row] : nil
                let text = HTMLEscaping.escape(row < labelTexts[s].count ? labelTexts[s][row] : NumberFormat.missing)
                guard let value else {
                    labels += "<text x=\"\(f(zeroX + 4))\" y=\"\(f(mid))\" dominant-baseline=\"central\" fill=\"\(SVGChartRenderer.mutedColor)\">\(text)</text>"
                    continue
                }
                let color = diverging && value < 0 ? SVGChartRenderer.palette[1] : SVGChartRenderer.SeriesStyle(chart.series[s], position: s).color
                let x0 = min(zeroX, x(value)), x1 = max(zeroX, x(value))
                let tooltip = HTMLEscaping.escape("\(series.name), \(category): \(chart.yAxis.style.format(value, lang))")
                rects += "<rect x=\"\(f(x0))\" y=\"\(f(barTop))\" width=\"\(f(max(x1 - x0, 0)))\" height=\"\(f(barHeight))\" fill=\"\(color)\"><title>\(tooltip)</title></rect>"
                if value < 0 {
                    labels += "<text x=\"\(f(x0 - 4))\" y=\"\(f(mid))\" text-anchor=\"end\" dominant-baseline=\"central\" fill=\"\(SVGChartRenderer.textColor)\">\(text)</text>"
                } else {
                    labels += "<text x=\"\(f(x1 + 4))\" y=\"\(f(mid))\" dominant-baseline=\"central\" fill=\"\(SVGChartRenderer.textColor)\">\(text)</text>"
                }
            }
        }
        canvas.add(rects + "</g>")
        canvas.add("<g class=\"zero\">" + rule(zeroX, color: SVGChartRenderer.textColor, width: 1.2) + "</g>")
        canvas.add(labels + "</g>")
        return canvas
    }
}

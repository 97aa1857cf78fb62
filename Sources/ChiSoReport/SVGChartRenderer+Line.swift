import ChiSoCore
import ChiSoMetrics

/// Line and bump charts: x labels are evenly spaced bands, values are points joined by lines that
/// break at gaps.
package struct LineChartLayout {
    package let chart: Chart
    package let width: Double
    package var plotHeight: Double { width < 500 ? 240 : 260 }

    package func draw() -> SVGCanvas {
        let f = SVGNumber.format
        let lang = chart.language
        let n = max(chart.xLabels.count, 1)
        let isBump = chart.kind == .bump
        let values = chart.series.flatMap { $0.values.prefix(chart.xLabels.count).compactMap { $0 } }
        let scale = ChartScale(values: values, minimum: chart.yAxis.domain, includeZero: false, targetTickCount: 6)
        let tickLabels = scale.ticks.map { chart.yAxis.style.tickLabel($0, decimals: scale.tickDecimals, lang) }

        // Vertical layout: legend, axis label, plot, x labels.
        var top = 10.0
        var legendMarkup: String?
        // Rank (bump) charts too: the names at the line ends may be pushed away from their lines.
        if chart.series.count > 1 {
            let (markup, height) = SVGChartRenderer.legend(chart.series, x0: 12, y0: top, maxWidth: width - 24, lineSample: true)
            legendMarkup = markup
            top += height + 12
        }
        let axisLabelY = top + 12
        if !chart.yAxis.label.isEmpty { top += 22 }
        let plotTop = top + 8
        let plotBottom = plotTop + plotHeight

        // End labels: ranks with names for bump charts, last values for line charts.
        // Several lines: a small marker before each label says whose it is.
        let keyedEndLabels = chart.series.count > 1
        // At most 40% of the width goes to end labels; longer names are cut with "…".
        let maxEndLabelWidth = width * 0.4 - 20 - (keyedEndLabels ? 14 : 0)
        let endLabels: [(series: Int, index: Int, text: String)] = chart.series.indices.compactMap { s in
            let series = chart.series[s]
            guard let last = series.values.prefix(chart.xLabels.count).lastIndex(where: { $0 != nil }),
                  let value = series.values[last] else { return nil }
            var formatted = chart.yAxis.style.format(value, lang)
            // A line that ends before the last year says its year: nothing is drawn to a year without data.
            if last < chart.xLabels.count - 1 { formatted += isBump ? ", \(chart.xLabels[last])" : " (\(chart.xLabels[last]))" }
            // A long name is cut with "…", never the number after it; on a phone-sized drawing the
            // marker and the legend name the line, the label gives the number only.
            guard isBump, width >= 500 else { return (s, last, formatted) }
            let suffix = " (\(formatted))"
            let name = TextMetrics.truncate(series.name, fontSize: 12, maxWidth: max(24, maxEndLabelWidth - TextMetrics.width(suffix, fontSize: 12)))
            return (s, last, name + suffix)
        }
        let endLabelWidth = (endLabels.map { TextMetrics.width($0.text, fontSize: 12) }.max() ?? 0) + (keyedEndLabels ? 14 : 0)
        let tickWidth = tickLabels.map { TextMetrics.width($0, fontSize: 12) }.max() ?? 0
        let plotLeft = (12 + tickWidth + 8).rounded(.up)
        let plotRight = width - max(16, (endLabelWidth + 20).rounded(.up))
        let band = (plotRight - plotLeft) / Double(n)
        func x(_ i: Int) -> Double { plotLeft + band * (Double(i) + 0.5) }
        func y(_ v: Double) -> Double {
            let t = scale.fraction(v)
            return chart.yAxis.inverted ? plotTop + t * plotHeight : plotBottom - t * plotHeight
        }

        var canvas = SVGCanvas(width: width, height: plotBottom + 34)
        if let legendMarkup { canvas.add(legendMarkup) }
        if !chart.yAxis.label.isEmpty {
            canvas.add("<text x=\"12\" y=\"\(f(axisLabelY))\" font-size=\"13\" font-weight=\"600\" fill=\"\(SVGChartRenderer.textColor)\">\(HTMLEscaping.escape(chart.yAxis.label))</text>")
        }

        // Grid and y ticks.
        var grid = "<g class=\"y-axis\" fill=\"\(SVGChartRenderer.mutedColor)\" text-anchor=\"end\">"
        for (tick, label) in zip(scale.ticks, tickLabels) {
            let ty = y(tick)
            grid += "<line x1=\"\(f(plotLeft))\" y1=\"\(f(ty))\" x2=\"\(f(plotRight))\" y2=\"\(f(ty))\" stroke=\"\(SVGChartRenderer.gridColor)\" stroke-width=\"1\"/>"
            grid += "<text x=\"\(f(plotLeft - 8))\" y=\"\(f(ty))\" dominant-baseline=\"central\">\(HTMLEscaping.escape(label))</text>"
        }
        grid += "</g>"
        canvas.add(grid)

        // X axis: a baseline and as many labels as fit, always including the last one.
        let labelWidth = chart.xLabels.map { TextMetrics.width($0, fontSize: 12) }.max() ?? 0
        let every = max(1, Int(((labelWidth + 8) / max(band, 1)).rounded(.up)))
        var xAxis = "<g class=\"x-axis\" fill=\"\(SVGChartRenderer.mutedColor)\" text-anchor=\"middle\">"
        xAxis += "<line x1=\"\(f(plotLeft))\" y1=\"\(f(plotBottom))\" x2=\"\(f(plotRight))\" y2=\"\(f(plotBottom))\" stroke=\"\(SVGChartRenderer.axisColor)\" stroke-width=\"1\"/>"
        for (i, label) in chart.xLabels.enumerated() where (chart.xLabels.count - 1 - i) % every == 0 {
            xAxis += "<line x1=\"\(f(x(i)))\" y1=\"\(f(plotBottom))\" x2=\"\(f(x(i)))\" y2=\"\(f(plotBottom + 5))\" stroke=\"\(SVGChartRenderer.axisColor)\" stroke-width=\"1\"/>"
            xAxis += "<text x=\"\(f(x(i)))\" y=\"\(f(plotBottom + 20))\">\(HTMLEscaping.escape(label))</text>"
        }
        xAxis += "</g>"
        canvas.add(xAxis)

        // Series: emphasized ones last so they are on top.
        let anyEmphasis = chart.series.contains { $0.emphasized }
        let order = chart.series.indices.sorted { a, b in
            let ea = chart.series[a].emphasized, eb = chart.series[b].emphasized
            return ea == eb ? a < b : !ea
        }
        for s in order {
            let series = chart.series[s]
            let style = SVGChartRenderer.SeriesStyle(series, position: s)
            let strong = !anyEmphasis || series.emphasized
            let strokeWidth = series.emphasized ? 3.5 : 2.5
            var group = "<g class=\"series\"\(strong ? "" : " opacity=\"0.75\"")>"
            // One path with a new "M" after every gap and methodology break, so the line breaks there.
            var d = ""
            var previousPresent = false
            for i in chart.xLabels.indices {
                if i < series.values.count, let v = series.values[i] {
                    let joins = previousPresent && !series.breaksBefore.contains(i)
                    d += (joins ? "L" : (d.isEmpty ? "M" : " M")) + "\(f(x(i))),\(f(y(v)))"
                    previousPresent = true
                } else {
                    previousPresent = false
                }
            }
            if !d.isEmpty {
                group += "<path d=\"\(d)\" fill=\"none\" \(style.strokeAttributes(width: strokeWidth))/>"
            }
            for i in chart.xLabels.indices {
                guard i < series.values.count, let v = series.values[i] else { continue }
                let tip = "\(series.name), \(chart.xLabels[i]): \(chart.yAxis.style.format(v, lang))"
                group += SVGChartRenderer.marker(style.marker, x: x(i), y: y(v), r: series.emphasized ? 5.5 : 4.5, color: style.color, tooltip: tip)
            }
            group += "</g>"
            canvas.add(group)
        }

        // End labels, pushed apart so they never overlap; a short dotted leader joins a label pushed
        // away from its line's last point. A line ending before the last x label gets no leader
        // (it would run through years without data): its label names its year instead.
        struct Placed { var series: Int; var index: Int; var text: String; var pointY: Double; var y: Double }
        var placed = endLabels.map { Placed(series: $0.series, index: $0.index, text: $0.text, pointY: y(chart.series[$0.series].values[$0.index]!), y: y(chart.series[$0.series].values[$0.index]!)) }
        placed.sort { a, b in
            a.pointY != b.pointY ? a.pointY < b.pointY
                : VietnameseCollation.areInIncreasingOrder(chart.series[a.series].name, chart.series[b.series].name)
        }
        let gap = 15.0
        for i in placed.indices.dropFirst() where placed[i].y < placed[i - 1].y + gap {
            placed[i].y = placed[i - 1].y + gap
        }
        if let last = placed.last, last.y > plotBottom {
            let shift = last.y - plotBottom
            for i in placed.indices { placed[i].y -= shift }
            for i in placed.indices.reversed().dropFirst() where placed[i].y > placed[i + 1].y - gap {
                placed[i].y = placed[i + 1].y - gap
            }
        }
        if !placed.isEmpty {
            let labelX = plotRight + 8
            var labels = "<g class=\"end-labels\" font-size=\"12\">"
            for p in placed {
                let style = SVGChartRenderer.SeriesStyle(chart.series[p.series], position: p.series)
                let fromX = x(p.index) + 7
                if p.index == chart.xLabels.count - 1 && abs(p.y - p.pointY) > 0.5 {
                    labels += "<polyline points=\"\(f(fromX)),\(f(p.pointY)) \(f(labelX - 3)),\(f(p.y))\" fill=\"none\" stroke=\"\(style.color)\" stroke-width=\"1\" stroke-dasharray=\"1 2\"/>"
                }
                let weight = chart.series[p.series].emphasized ? " font-weight=\"700\"" : ""
                var textX = labelX
                if keyedEndLabels {
                    labels += SVGChartRenderer.marker(style.marker, x: labelX + 4, y: p.y, r: 3.5, color: style.color, tooltip: nil)
                    textX += 14
                }
                labels += "<text x=\"\(f(textX))\" y=\"\(f(p.y))\" dominant-baseline=\"central\" fill=\"\(SVGChartRenderer.textColor)\"\(weight)>\(HTMLEscaping.escape(p.text))</text>"
            }
            labels += "</g>"
            canvas.add(labels)
        }
        return canvas
    }
}

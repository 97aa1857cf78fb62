import ChiSoCore
import ChiSoMetrics

/// Draws a `Chart` as a self-contained SVG document.
///
/// Series differ by colour (the Okabe–Ito palette, safe for colour-blind readers) *and* by marker
/// shape and dash pattern, so a greyscale print still tells them apart. Every text from the chart is
/// XML-escaped; coordinates have at most one decimal, so the output is the same on every machine.
/// The SVG uses no `id` except those derived from `id:`, so several can sit in one HTML page.
public enum SVGChartRenderer {
    /// The system sans-serif stack: no web fonts, Vietnamese letters come from the reader's system.
    public static let fontFamily =
        "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue', Arial, sans-serif"

    /// Width of the view box for pages and files (it scales to its container).
    public static let standardWidth = 720.0
    /// Width of the view box for phones: text stays legible when the chart fills a 360-pixel screen.
    public static let narrowWidth = 360.0

    /// An SVG document for `chart`.
    /// - Parameters:
    ///   - id: when given (unique in the page), `<title>` and `<desc>` get ids "\(id)-title" and
    ///     "\(id)-desc", and the root names itself by the one (`aria-labelledby`) and is described
    ///     by the other (`aria-describedby`).
    ///   - width: width of the view box; below 500 the layout changes for small screens (fewer x
    ///     labels, bar labels above their bars).
    public static func svg(for chart: Chart, id: String? = nil, width: Double = standardWidth) -> String {
        let width = max(240, width)
        // NaN or infinite values (a ratio over zero, say) are drawn as gaps, like missing ones.
        var chart = chart
        for i in chart.series.indices {
            chart.series[i].values = chart.series[i].values.map { $0.flatMap { $0.isFinite ? $0 : nil } }
        }
        let canvas: SVGCanvas
        switch chart.kind {
        case .line, .bump: canvas = LineChartLayout(chart: chart, width: width).draw()
        case .bar: canvas = BarChartLayout(chart: chart, width: width).draw()
        }
        return canvas.document(title: chart.title, description: chart.description, id: id)
    }

    // MARK: Series styles

    /// Okabe & Ito (2008), with the three faint hues darkened so every line has a contrast of at
    /// least 3:1 on white (WCAG 1.4.11): orange #E69F00 → #AD7A00 (3.8:1), sky blue #56B4E9 → #2D8CC8
    /// (3.7:1), yellow #F0E442 (1.3:1) → olive #6E6E00 (5.4:1). The lowest is the pink's, 3.06:1.
    package static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#AD7A00", "#2D8CC8", "#000000", "#6E6E00"]
    package static let dashes: [String?] = [nil, "8 4", "2 3", "10 3 2 3", "5 2", "1 2"]
    package enum Marker: CaseIterable { case circle, square, triangle, diamond, triangleDown, ring }

    package struct SeriesStyle {
        package var color: String
        package var dash: String?
        package var marker: Marker

        /// An emphasized series is drawn solid and thick: a dash pattern on a thick line reads as a blur.
        package init(index: Int, emphasized: Bool = false) {
            color = SVGChartRenderer.palette[index % SVGChartRenderer.palette.count]
            dash = emphasized ? nil : SVGChartRenderer.dashes[index % SVGChartRenderer.dashes.count]
            marker = Marker.allCases[index % Marker.allCases.count]
        }

        /// The style of a series: its province's fixed slot when it has one, else its position.
        ///
        /// A slot `s` takes colour `s mod 8`, marker `(s mod 8 + s div 8) mod 6` and dash
        /// `(s + s div 48) mod 6`: eight neighbouring slots (a sub-region) have eight colours, and no
        /// two of the 63 slots share colour, marker and dash.
        package init(_ series: ChartSeries, position: Int) {
            guard let s = series.styleSlot else { self.init(index: position, emphasized: series.emphasized); return }
            let colours = SVGChartRenderer.palette.count
            self.init(index: 0)
            color = SVGChartRenderer.palette[s % colours]
            marker = Marker.allCases[(s % colours + s / colours) % Marker.allCases.count]
            dash = series.emphasized ? nil : SVGChartRenderer.dashes[(s + s / 48) % SVGChartRenderer.dashes.count]
        }

        /// Stroke attributes for a line in this style; dashed lines get flat ends so short dashes
        /// stay apart.
        package func strokeAttributes(width: Double) -> String {
            let w = SVGNumber.format(width)
            guard let dash else {
                return "stroke=\"\(color)\" stroke-width=\"\(w)\" stroke-linejoin=\"round\" stroke-linecap=\"round\""
            }
            return "stroke=\"\(color)\" stroke-width=\"\(w)\" stroke-linejoin=\"round\" stroke-dasharray=\"\(dash)\""
        }
    }

    package static let textColor = "#24292f"
    package static let mutedColor = "#57606a"
    package static let gridColor = "#d8dee4"
    package static let axisColor = "#6e7781"

    /// A marker shape centred at (x, y) with an optional tooltip.
    package static func marker(_ kind: Marker, x: Double, y: Double, r: Double, color: String, tooltip: String?) -> String {
        let f = SVGNumber.format
        let tip = tooltip.map { "<title>\(HTMLEscaping.escape($0))</title>" } ?? ""
        let paint = "fill=\"\(color)\" stroke=\"#ffffff\" stroke-width=\"1.2\""
        func polygon(_ points: [(Double, Double)]) -> String {
            let p = points.map { "\(f($0.0)),\(f($0.1))" }.joined(separator: " ")
            return "<polygon points=\"\(p)\" \(paint)>\(tip)</polygon>"
        }
        switch kind {
        case .circle:
            return "<circle cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"\(f(r))\" \(paint)>\(tip)</circle>"
        case .ring:
            return "<circle cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"\(f(r * 0.85))\" fill=\"#ffffff\" stroke=\"\(color)\" stroke-width=\"2.2\">\(tip)</circle>"
        case .square:
            let s = r * 0.9
            return "<rect x=\"\(f(x - s))\" y=\"\(f(y - s))\" width=\"\(f(2 * s))\" height=\"\(f(2 * s))\" \(paint)>\(tip)</rect>"
        case .triangle:
            return polygon([(x, y - r * 1.2), (x + r * 1.1, y + r * 0.8), (x - r * 1.1, y + r * 0.8)])
        case .triangleDown:
            return polygon([(x, y + r * 1.2), (x + r * 1.1, y - r * 0.8), (x - r * 1.1, y - r * 0.8)])
        case .diamond:
            let d = r * 1.25
            return polygon([(x, y - d), (x + d, y), (x, y + d), (x - d, y)])
        }
    }

    /// Legend rows laid out left to right, wrapping at `maxWidth`; returns the markup and its height.
    package static func legend(_ series: [ChartSeries], x0: Double, y0: Double, maxWidth: Double, lineSample: Bool) -> (String, Double) {
        let f = SVGNumber.format
        let rowHeight = 20.0
        var out = "<g class=\"legend\" font-size=\"13\" fill=\"\(textColor)\">"
        var x = x0, y = y0 + rowHeight / 2
        for (i, s) in series.enumerated() {
            let style = SeriesStyle(s, position: i)
            let itemWidth = 30 + TextMetrics.width(s.name, fontSize: 13) + 18
            if x > x0 && x + itemWidth > x0 + maxWidth {
                x = x0
                y += rowHeight
            }
            if lineSample {
                out += "<line x1=\"\(f(x))\" y1=\"\(f(y))\" x2=\"\(f(x + 24))\" y2=\"\(f(y))\" \(style.strokeAttributes(width: s.emphasized ? 3.5 : 2.5))/>"
                out += marker(style.marker, x: x + 12, y: y, r: 4.5, color: style.color, tooltip: nil)
            } else {
                out += "<rect x=\"\(f(x + 4))\" y=\"\(f(y - 7))\" width=\"16\" height=\"14\" fill=\"\(style.color)\"/>"
            }
            out += "<text x=\"\(f(x + 30))\" y=\"\(f(y))\" dominant-baseline=\"central\">\(HTMLEscaping.escape(s.name))</text>"
            x += itemWidth
        }
        out += "</g>"
        return (out, y + rowHeight / 2 - y0)
    }
}

/// Collects SVG elements and wraps them in the root element.
package struct SVGCanvas {
    package var width: Double
    package var height: Double
    package var body: [String] = []

    package mutating func add(_ element: String) { body.append(element) }

    package func document(title: String, description: String, id: String?) -> String {
        let f = SVGNumber.format
        var labelled = ""
        var titleID = "", descID = ""
        if let id {
            let safe = HTMLEscaping.escape(id)
            titleID = " id=\"\(safe)-title\""
            descID = " id=\"\(safe)-desc\""
            labelled = " aria-labelledby=\"\(safe)-title\" aria-describedby=\"\(safe)-desc\""
        }
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(f(width)) \(f(height))\" width=\"100%\""
        out += " role=\"img\"\(labelled) font-family=\"\(SVGChartRenderer.fontFamily)\" font-size=\"12\">\n"
        out += "<title\(titleID)>\(HTMLEscaping.escape(title))</title>\n"
        out += "<desc\(descID)>\(HTMLEscaping.escape(description))</desc>\n"
        out += "<rect width=\"\(f(width))\" height=\"\(f(height))\" fill=\"#ffffff\"/>\n"
        for element in body { out += element + "\n" }
        out += "</svg>\n"
        return out
    }
}
